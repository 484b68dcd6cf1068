"""The GraphQL side of the metrics (app/metrics.py): a schema extension that counts and times every
operation and tells the request's log lines its operation and key."""

import time
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from app.metrics import GRAPHQL_DURATION, GRAPHQL_REQUESTS, SUBSCRIPTIONS_STARTED, operation_label
from app.observability import current_request


def outcome_of(errors: list[GraphQLError] | None, data: Any) -> str:
    codes = [(error.extensions or {}).get("code") for error in errors or []]
    if "INTERNAL_SERVER_ERROR" in codes:
        return "internal_error"
    if "UNAUTHENTICATED" in codes:
        return "unauthenticated"
    if codes:
        return "client_error"
    if isinstance(data, dict) and any(isinstance(v, dict) and v.get("errors") for v in data.values()):
        return "business_error"  # a typed refusal in a mutation payload (DOMAIN rules)
    return "ok"


class Observability(SchemaExtension):
    """Counts and times every operation, and tells the request's log lines its operation and key."""

    def _tell_the_log(self) -> str:
        """Puts the operation name and key id on the request's later log lines; returns the label."""
        context = self.execution_context
        name = operation_label(context.operation_name)
        info = current_request.get()
        if info is not None:
            actor = getattr(context.context, "actor", None)
            info.operation = name
            info.key_id = str(actor.key_id) if actor is not None and actor.key_id else None
        return name

    def on_parse(self) -> Iterator[None]:
        yield
        self._tell_the_log()  # from here on, a validation error's log line names its operation

    def on_execute(self) -> Iterator[None]:
        # Runs once the document is valid; for a subscription, when it starts (not when it ends).
        if self.execution_context.operation_type == OperationType.SUBSCRIPTION:
            SUBSCRIPTIONS_STARTED.labels(self._tell_the_log()).inc()
        yield

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = self._tell_the_log()
        info = current_request.get()
        try:
            operation_type = context.operation_type
        except Exception:  # noqa: BLE001 - a document that did not parse has no operation type
            operation_type = None
        if operation_type == OperationType.SUBSCRIPTION:
            return  # counted when it starts (on_execute); its duration is the socket's life
        result = context.result
        errors = list(getattr(result, "errors", None) or []) or list(context.pre_execution_errors or [])
        outcome = outcome_of(errors, getattr(result, "data", None))
        if info is not None:
            info.outcome = outcome
        GRAPHQL_REQUESTS.labels(name, outcome).inc()
        kind = operation_type.value if operation_type is not None else "invalid"
        GRAPHQL_DURATION.labels(kind).observe(time.perf_counter() - started)
