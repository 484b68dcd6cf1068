"""Plan + variables + actor -> the `data` the executor would answer, from plain rows: one
statement per relation of the plan (constant in the number of rows), all in one snapshot."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from app.auth import Actor
from app.auth import Permission as P
from app.errors import DomainError
from app.readpath import Fallback, fetch_keyed, fetch_page, fetch_rows, is_scoped
from app.services.scoping import parse_id
from resolvers.compiled import json_sql
from resolvers.compiled.catalog import Many, One, spec_of
from resolvers.compiled.plan import ConnectionPlan, ObjectPlan, RootField
from resolvers.compiled.roots import root_queryset


async def materialize(actor: Actor, plan: ObjectPlan, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    related: dict[str, dict[Any, Any]] = {}
    for key, kind, data in plan.fields:
        if kind == "one":
            related[key] = await _load_one(actor, rows, *data)
        elif kind == "many":
            related[key] = await _load_many(actor, rows, *data)
        elif kind == "batch":
            related[key] = await data[0](actor, rows)
    build = _builder(plan)
    return [build(row, related) for row in rows]


def _required(found: dict[Any, Any], ref: Any) -> Any:
    if ref is None:
        return None
    obj = found.get(ref)
    if obj is None:
        raise Fallback("NOT_FOUND")  # the executor answers with its error (S3)
    return obj


def _optional(found: dict[Any, Any], ref: Any) -> Any:
    return None if ref is None else found.get(ref)


def _first(found: dict[Any, Any], ref: Any) -> Any:
    children = found.get(ref)
    return children[0] if children else None


# Leaf types whose values the rows already hold in their JSON form.
_AS_IS = {"String", "JSON"}


def _builder(plan: ObjectPlan) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    """One Python function per plan that builds an object from a row: no per-field dispatch."""
    if plan.builder is not None:
        return plan.builder
    namespace: dict[str, Any] = {"_required": _required, "_optional": _optional, "_first": _first}
    parts = []
    for index, (key, kind, data) in enumerate(plan.fields):
        if kind == "typename":
            parts.append(f"{key!r}: {data!r}")
        elif kind == "col":
            column, serialize, leaf = data
            if leaf in _AS_IS:
                parts.append(f"{key!r}: row[{column!r}]")
            else:
                namespace[f"s{index}"] = serialize
                parts.append(f"{key!r}: None if (v{index} := row[{column!r}]) is None else s{index}(v{index})")
        elif kind == "calc":
            namespace[f"c{index}"], namespace[f"s{index}"] = data[0], data[1]
            parts.append(f"{key!r}: None if (v{index} := c{index}(row)) is None else s{index}(v{index})")
        elif kind == "batch":
            namespace[f"s{index}"] = data[1]
            parts.append(
                f"{key!r}: None if (v{index} := related[{key!r}].get(row['id'])) is None else s{index}(v{index})"
            )
        elif kind == "one":
            relation: One = data[0]
            helper = "_required" if relation.required else "_optional"
            parts.append(f"{key!r}: {helper}(related[{key!r}], row[{relation.key!r}])")
        else:
            many: Many = data[0]
            if many.first_only:
                parts.append(f"{key!r}: _first(related[{key!r}], row['id'])")
            else:
                parts.append(f"{key!r}: related[{key!r}].get(row['id']) or []")
    source = "def build(row, related):\n    return {" + ", ".join(parts) + "}\n"
    exec(compile(source, f"<compiled read {plan.type_name}>", "exec"), namespace)  # noqa: S102
    plan.builder = namespace["build"]
    return plan.builder


async def _load_one(actor: Actor, rows: list[dict[str, Any]], relation: One, child: ObjectPlan) -> dict[Any, Any]:
    keys = list(dict.fromkeys(row[relation.key] for row in rows if row[relation.key] is not None))
    if not keys:
        return {}
    model = spec_of(relation.target).model
    if child.id_only and not is_scoped(actor, model):
        # The row holds the key (a foreign key: the row exists) and no scope filters it: nothing to read.
        child_rows = [{"id": k} for k in keys]
    else:
        child_rows = await fetch_rows(actor, model, keys, sorted(child.columns))
    objects = await materialize(actor, child, child_rows)
    return {row["id"]: obj for row, obj in zip(child_rows, objects, strict=True)}


async def _load_many(actor: Actor, rows: list[dict[str, Any]], relation: Many, child: ObjectPlan) -> dict[Any, Any]:
    keys = list(dict.fromkeys(row["id"] for row in rows))
    if not keys:
        return {}
    model = spec_of(relation.target).model
    child_rows = await fetch_keyed(
        actor, model, relation.fk, keys, sorted(child.columns), relation.ordering, relation.filters
    )
    objects = await materialize(actor, child, child_rows)
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row, obj in zip(child_rows, objects, strict=True):
        grouped[row[relation.fk]].append(obj)
    return grouped


async def _nodes(actor: Actor, plan: ObjectPlan, rows: list[dict[str, Any]], sql: str | None) -> list[dict[str, Any]]:
    if sql is None:
        return await materialize(actor, plan, rows)
    return await json_sql.materialize_json(sql, rows) if rows else []


async def run_root(actor: Actor, root: RootField, args: dict[str, Any], json_form: bool) -> Any:
    if not actor.can(P.READ):
        raise Fallback("FORBIDDEN")
    model = spec_of(root.spec.type_name).model
    plan = root.plan
    if isinstance(plan, ObjectPlan):
        try:
            uid = parse_id(args["id"], model.__name__)
        except DomainError:
            return None  # `_one`: a malformed id reads as a missing object
        sql = json_sql.statement(actor, plan) if json_form else None
        rows = await fetch_rows(actor, model, [uid], ["id"] if sql else sorted(plan.columns))
        return (await _nodes(actor, plan, rows, sql))[0] if rows else None
    return await _run_connection(actor, root, plan, model, args, json_form)


async def _run_connection(
    actor: Actor, root: RootField, plan: ConnectionPlan, model: Any, args: dict, json_form: bool
) -> Any:
    queryset = root_queryset(root.name, model, args.get("filter") or {})
    sort = args.get("sort")
    sort_field = sort["field"].value if sort else root.spec.default_sort
    descending = bool(sort and sort["direction"].value == "DESC")
    assert plan.node is not None
    sql = json_sql.statement(actor, plan.node) if json_form else None
    columns = ["id"] if sql else sorted(plan.node.columns)
    page = await fetch_page(
        actor, queryset, sort_field, descending, args.get("first"), args.get("after"), columns, plan.count
    )
    nodes = await _nodes(actor, plan.node, page.rows, sql)
    out: dict[str, Any] = {}
    for key, kind, data in plan.fields:
        if kind == "typename":
            out[key] = data
        elif kind == "totalCount":
            out[key] = page.total_count
        elif kind == "pageInfo":
            info = {
                "hasNextPage": page.has_next_page,
                "endCursor": page.cursors[-1] if page.cursors else None,
                # Relay: paging is forward only, so a page has a previous page when it starts after a cursor.
                "hasPreviousPage": args.get("after") is not None,
                "startCursor": page.cursors[0] if page.cursors else None,
            }
            out[key] = {k: (type_name if part == "__typename" else info[part]) for k, part, type_name in data}
        else:
            out[key] = [
                {
                    k: (node if part == "node" else cursor if part == "cursor" else type_name)
                    for k, part, type_name in data
                }
                for node, cursor in zip(nodes, page.cursors, strict=True)
            ]
    return out
