"""The compiled read path (issue 10): a validated query whose selections are columns and
relations in the catalog is planned once per document text and answered from rows, without
per-field resolution. Anything else (and any read that would end in an error) is answered by the
Strawberry executor, so refusals and errors stay exactly the executor's."""

from collections import OrderedDict
from typing import Any

from graphql import GraphQLError
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.types import ExecutionResult

from app.readpath import Fallback, read_snapshot
from resolvers.compiled.plan import Plan, Planner, RootField
from resolvers.compiled.run import run_root

CACHE_SIZE = 512


class CompiledReads:
    def __init__(self, schema: Any, max_depth: int, max_tokens: int, max_aliases: int, json_form: bool) -> None:
        """`json_form`: on PostgreSQL, objects are built as JSON by one statement per root field
        (resolvers/compiled/json_sql.py) where the plan allows; otherwise one statement per relation."""
        self.schema = schema._schema
        self.json_form = json_form
        self.planner = Planner(self.schema, max_depth, max_tokens, max_aliases)
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()
        self.answered = 0  # reads the compiled path answered (tests check it is not vacuous)

    def plan(self, query: str, operation_name: str | None) -> Plan | None:
        key = (query, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = self.planner.plan(query, operation_name)
        self._plans[key] = plan
        if len(self._plans) > CACHE_SIZE:
            self._plans.popitem(last=False)
        return plan

    async def execute(self, query: Any, variables: Any, operation_name: Any, actor: Any) -> ExecutionResult | None:
        """The executor's answer computed from rows, or None when the executor must answer."""
        if (
            actor is None
            or not isinstance(query, str)
            or not (operation_name is None or isinstance(operation_name, str))
        ):
            return None
        plan = self.plan(query, operation_name)
        if plan is None:
            return None
        if variables is not None and not isinstance(variables, dict):
            return None
        coerced = get_variable_values(self.schema, plan.operation.variable_definitions or (), variables or {})
        if isinstance(coerced, list):
            return None
        try:
            calls = [
                (root, get_argument_values(root.field_def, root.node, coerced))
                for root in plan.roots
                if isinstance(root, RootField)
            ]
        except GraphQLError:
            return None
        try:
            async with read_snapshot() as postgres:
                json_form = self.json_form and postgres
                results = {root.key: await run_root(actor, root, args, json_form) for root, args in calls}
        except Fallback:
            return None
        data = {
            root.key if isinstance(root, RootField) else root[0]: results[root.key]
            if isinstance(root, RootField)
            else root[1]
            for root in plan.roots
        }
        self.answered += 1
        return ExecutionResult(data=data, errors=None)
