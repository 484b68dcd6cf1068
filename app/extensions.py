"""Schema extensions: authentication before execution, and masking of internal errors."""

import logging
import uuid
from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from app.errors import DomainError

log = logging.getLogger("ordergraph.errors")


def _only_introspection(document: object) -> bool:
    from graphql import FieldNode, OperationDefinitionNode

    for definition in getattr(document, "definitions", []):
        if isinstance(definition, OperationDefinitionNode):
            for selection in definition.selection_set.selections:
                if not (isinstance(selection, FieldNode) and selection.name.value.startswith("__")):
                    return False
    return True


class Authentication(SchemaExtension):
    """S1: an operation without a valid API key is refused before any resolver runs.

    Introspection alone is allowed, so GraphiQL can show the schema before a key is entered.
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if getattr(context, "actor", None) is None and not _only_introspection(self.execution_context.graphql_document):
            self.execution_context.result = GraphQLExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        "A valid API key is required: send 'Authorization: Bearer <key>'.",
                        extensions={"code": "UNAUTHENTICATED"},
                    )
                ],
            )
        yield


def _should_mask(error: GraphQLError) -> bool:
    # Errors without a path come from parsing, validation or input coercion (e.g. a Decimal scalar
    # refusing "abc"): they describe the request and are shown as they are.
    original = error.original_error
    return error.path is not None and original is not None and not isinstance(original, GraphQLError | DomainError)


class ErrorMasking(MaskErrors):
    """Internal faults become a generic message carrying an id that is also in the server log;
    a DomainError raised by a query becomes a plain error with its code."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_should_mask, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        error_id = uuid.uuid4().hex[:12]
        log.error("internal error %s at %s", error_id, error.path, exc_info=error.original_error)
        return GraphQLError(
            f"Internal server error (id {error_id}).",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
        )

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        result = []
        for error in errors:
            original = error.original_error
            if isinstance(original, DomainError):
                result.append(
                    GraphQLError(
                        original.message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": str(original.code), "field": original.field},
                    )
                )
            elif self.should_mask_error(error):
                result.append(self.anonymise_error(error))
            else:
                result.append(error)
        return result
