"""GraphQL document -> plan, once per document text. A document is planned only when it is a valid
query operation (the executor's own validation rules and limits, so every refusal stays the
executor's) whose every selection is in the catalog; otherwise there is no plan and the executor
answers the whole operation."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_leaf_type,
    is_required_argument,
    parse,
    specified_rules,
)
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.schema.schema import validate_document

from resolvers.compiled.catalog import ROOTS, TYPES, Many, One, RootSpec, TypeSpec, spec_of
from schema.scalars import serialize_decimal


class NotCompilable(Exception):  # noqa: N818 - a signal
    pass


Serializer = Callable[[Any], Any]


@dataclass
class ObjectPlan:
    """One selection on an object type: `fields` in response order, `columns` the row needs."""

    type_name: str
    spec: TypeSpec
    fields: list[tuple[str, str, Any]] = field(default_factory=list)
    columns: set[str] = field(default_factory=lambda: {"id"})
    builder: Any = None  # the generated row -> object function (resolvers/compiled/run.py)
    json_ok: bool | None = None  # False: the one-statement form cannot render it (json_sql.py)

    @property
    def id_only(self) -> bool:
        return all(kind == "typename" or (kind == "col" and data[0] == "id") for _, kind, data in self.fields)


@dataclass
class ConnectionPlan:
    type_name: str
    node: ObjectPlan | None
    fields: list[tuple[str, str, Any]]  # ("edges", [(key, kind, data)]) / ("pageInfo", [...]) / ...
    count: bool = False


@dataclass
class RootField:
    key: str
    name: str
    spec: RootSpec
    field_def: GraphQLField
    node: FieldNode
    plan: ObjectPlan | ConnectionPlan


@dataclass
class Plan:
    operation: OperationDefinitionNode
    roots: list[RootField | tuple[str, str]]  # a RootField, or (key, "Query") for __typename


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _id(value: Any) -> str:
    return str(value)


def _each(serialize: Serializer) -> Serializer:
    """A list of leaves (e.g. nextStatuses), each serialized as the executor would."""
    return lambda values: None if values is None else [serialize(v) for v in values]


def _memoised(serialize: Serializer) -> Serializer:
    """Decimal rendering is a pure function of the number (equal Decimals render alike), and a read
    repeats few distinct prices and quantities many times: keep a bounded table of renderings."""
    table: dict[Any, Any] = {}

    def render(value: Any) -> Any:
        found = table.get(value)
        if found is None:
            if len(table) > 10_000:
                table.clear()
            found = table[value] = serialize(value)
        return found

    return render


_DECIMAL: Serializer = _memoised(serialize_decimal)


class Planner:
    def __init__(self, schema: GraphQLSchema, max_depth: int, max_tokens: int, max_aliases: int) -> None:
        self.schema = schema
        self.max_tokens = max_tokens
        # The executor's rules: graphql-core's, Strawberry's and the limits of schema/root.py.
        self.rules = (
            *specified_rules,
            *QueryDepthLimiter(max_depth=max_depth).validation_rules,
            *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
        )

    def plan(self, query: str, operation_name: str | None) -> Plan | None:
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except GraphQLError:
            return None
        if validate_document(self.schema, document, self.rules):
            return None
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation != OperationType.QUERY or operation.directives:
            return None
        try:
            return self._plan_operation(document, operation)
        except NotCompilable:
            return None

    def _plan_operation(self, document: DocumentNode, operation: OperationDefinitionNode) -> Plan:
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        query_type = self.schema.query_type
        assert query_type is not None
        roots: list[RootField | tuple[str, str]] = []
        for key, nodes in self._collect([operation.selection_set]).items():
            name = nodes[0].name.value
            if name == "__typename":
                roots.append((key, query_type.name))
                continue
            spec = ROOTS.get(name)
            if spec is None or len(nodes) > 1:  # merged root fields: leave them to the executor
                raise NotCompilable(name)
            field_def = query_type.fields[name]
            target = get_named_type(field_def.type)
            assert isinstance(target, GraphQLObjectType)
            plan: ObjectPlan | ConnectionPlan
            if spec.connection:
                plan = self._connection(target, nodes, spec)
            else:
                plan = self._object(target, nodes)
            roots.append(RootField(key, name, spec, field_def, nodes[0], plan))
        return Plan(operation, roots)

    def _collect(self, selection_sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        """Fields by response key in the executor's order (graphql-core's collect_fields, for
        object types only; directives are not compiled)."""
        out: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()

        def walk(selection_set: SelectionSetNode) -> None:
            for selection in selection_set.selections:
                if selection.directives:
                    raise NotCompilable("directive")
                if isinstance(selection, FieldNode):
                    key = selection.alias.value if selection.alias else selection.name.value
                    out.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    walk(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name in visited:
                        continue
                    visited.add(name)
                    fragment = self.fragments[name]
                    if fragment.directives:
                        raise NotCompilable("directive")
                    walk(fragment.selection_set)

        for selection_set in selection_sets:
            walk(selection_set)
        return out

    def _sub(self, nodes: list[FieldNode]) -> dict[str, list[FieldNode]]:
        return self._collect([n.selection_set for n in nodes if n.selection_set])

    def _object(self, gql_type: GraphQLObjectType, nodes: list[FieldNode]) -> ObjectPlan:
        spec = TYPES.get(gql_type.name)
        if spec is None:
            raise NotCompilable(gql_type.name)
        plan = ObjectPlan(gql_type.name, spec)
        db_columns = spec.model._meta.fields_db_projection
        for key, sub_nodes in self._sub(nodes).items():
            name = sub_nodes[0].name.value
            if name == "__typename":
                plan.fields.append((key, "typename", gql_type.name))
                continue
            field_def = gql_type.fields[name]
            if field_def.args and (
                any(n.arguments for n in sub_nodes) or any(is_required_argument(a) for a in field_def.args.values())
            ):
                raise NotCompilable(name)  # computed with their defaults only (e.g. `overdue` as of today)
            named = get_named_type(field_def.type)
            relation = spec.relations.get(name)
            if relation is not None:
                assert isinstance(named, GraphQLObjectType)
                child = self._object(named, sub_nodes)
                if spec_of(relation.target) is not child.spec:
                    raise NotCompilable(name)
                if isinstance(relation, One):
                    plan.columns.add(relation.key)
                    plan.fields.append((key, "one", (relation, child)))
                else:
                    assert isinstance(relation, Many)
                    child.columns.add(relation.fk)
                    plan.fields.append((key, "many", (relation, child)))
                continue
            if name in spec.batched and isinstance(named, GraphQLObjectType):
                batched = spec.batched[name]  # a list of objects of leaf fields (e.g. CurrencyAmount)
                plan.fields.append((key, "batch", (batched.load, self._leaf_objects(named, sub_nodes), name)))
                continue
            if not is_leaf_type(named):
                raise NotCompilable(name)
            serialize: Serializer = _id if named.name == "ID" else named.serialize
            if named.name == "Decimal":
                serialize = _DECIMAL
            if isinstance(get_nullable_type(field_def.type), GraphQLList):
                serialize = _each(serialize)
            if name in spec.batched:
                batched = spec.batched[name]
                plan.columns.update(batched.columns)
                plan.fields.append((key, "batch", (batched.load, serialize, name)))
                continue
            if name in spec.computed:
                columns, compute = spec.computed[name]
                plan.columns.update(columns)
                plan.fields.append((key, "calc", (compute, serialize, name)))
                continue
            column = _snake(name)
            if column not in db_columns:
                raise NotCompilable(name)
            plan.columns.add(column)
            plan.fields.append((key, "col", (column, serialize, named.name)))
        return plan

    def _leaf_objects(self, gql_type: GraphQLObjectType, nodes: list[FieldNode]) -> Serializer:
        """A batched field's list of plain objects (dicts keyed by field name), each shaped by the
        selection: only leaf fields without arguments compile."""
        shape: list[tuple[str, str | None, Any]] = []
        for key, sub_nodes in self._sub(nodes).items():
            name = sub_nodes[0].name.value
            if name == "__typename":
                shape.append((key, None, gql_type.name))
                continue
            field_def = gql_type.fields[name]
            leaf = get_named_type(field_def.type)
            if field_def.args or not is_leaf_type(leaf):
                raise NotCompilable(name)
            shape.append((key, name, _DECIMAL if leaf.name == "Decimal" else leaf.serialize))

        def serialize(values: Any) -> Any:
            return [{k: s if n is None else s(v[n]) for k, n, s in shape} for v in values]

        return serialize

    def _connection(self, gql_type: GraphQLObjectType, nodes: list[FieldNode], spec: RootSpec) -> ConnectionPlan:
        plan = ConnectionPlan(gql_type.name, None, [])
        for key, sub_nodes in self._sub(nodes).items():
            name = sub_nodes[0].name.value
            if name == "__typename":
                plan.fields.append((key, "typename", gql_type.name))
            elif name == "totalCount":
                plan.count = True
                plan.fields.append((key, "totalCount", None))
            elif name == "pageInfo":
                page_type = get_named_type(gql_type.fields[name].type)
                parts = [(k, ns[0].name.value, page_type.name) for k, ns in self._sub(sub_nodes).items()]
                plan.fields.append((key, "pageInfo", parts))
            elif name == "edges":
                edge_type = get_named_type(gql_type.fields[name].type)
                assert isinstance(edge_type, GraphQLObjectType)
                parts = []
                for k, ns in self._sub(sub_nodes).items():
                    part = ns[0].name.value
                    if part == "node":
                        node_type = get_named_type(edge_type.fields["node"].type)
                        assert isinstance(node_type, GraphQLObjectType)
                        node_plan = self._object(node_type, ns)
                        if plan.node is not None:  # two node keys (aliases): leave it to the executor
                            raise NotCompilable("node")
                        plan.node = node_plan
                    parts.append((k, part, edge_type.name))
                plan.fields.append((key, "edges", parts))
            else:
                raise NotCompilable(name)
        if plan.node is None:
            plan.node = ObjectPlan(spec.type_name, TYPES[spec.type_name])
        return plan
