"""Where the GraphQL view hands a query to the compiled path (ORDERGRAPH_COMPILED_READS):
`0` off, `1` on (the default), `check` answers with the executor and fails loudly when the
compiled path would have answered differently (the test suite runs this way: every query it
sends is a differential test of the two paths)."""

import json
from typing import Any

from strawberry.types import ExecutionResult

from resolvers.compiled import CompiledReads


class CompiledReadMismatch(AssertionError):
    pass


class CompiledReadsView:
    """A mixin for Strawberry's async HTTP view; `compiled` is set by the app factory."""

    compiled: CompiledReads | None = None
    check_compiled: bool = False

    async def execute_single(  # noqa: PLR0917
        self, request: Any, request_adapter: Any, sub_response: Any, context: Any, root_value: Any, request_data: Any
    ) -> ExecutionResult:
        executor = super().execute_single  # type: ignore[misc]
        args = (request, request_adapter, sub_response, context, root_value, request_data)
        if self.compiled is None:
            return await executor(*args)
        actor = getattr(context, "actor", None)
        query, variables, name = request_data.query, request_data.variables, request_data.operation_name
        compiled = await self.compiled.execute(query, variables, name, actor)
        if compiled is None:
            return await executor(*args)
        if not self.check_compiled:
            return compiled
        expected: ExecutionResult = await executor(*args)
        if _answer(expected) != _answer(compiled):
            # A write between the two reads explains a difference once; it must not persist.
            again = await self.compiled.execute(query, variables, name, actor)
            expected = await executor(*args)
            if again is None or _answer(expected) != _answer(again):
                raise CompiledReadMismatch(
                    f"compiled read differs from the executor\nquery: {query}\nvariables: {variables}\n"
                    f"executor: {_answer(expected)[:3000]}\ncompiled: {_answer(again)[:3000] if again else None}"
                )
        return expected


def _answer(result: ExecutionResult) -> str:
    return json.dumps({"data": result.data, "errors": [str(e) for e in result.errors or []]})
