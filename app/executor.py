"""The GraphQL executor, with live subscriptions kept at a flat memory line.

graphql-core 3.3 memoises collected sub-fields per executor, keyed by the identity of each field
list, and the executor of every subscription event is a shallow copy sharing that memo with the
subscription's own executor. Every event collects new field lists, so the memo gained one entry per
event for as long as the subscription lived: about 1.3 KB per event per subscriber (issue 12).
Each event's executor gets a memo of its own, dropped with the event.
"""

from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def build_per_event_executor(self, payload: Any) -> Any:
        executor = super().build_per_event_executor(payload)
        executor._relevant_sub_fields = {}
        return executor
