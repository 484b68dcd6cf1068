"""Prometheus metrics (`GET /metrics`, text format, through `prometheus-client`).

Label values are bounded: `operation` is the operation name the client sent, shortened, and only the
first MAX_OPERATION_NAMES distinct names get a series of their own (later ones count as `other`);
`outcome`, `operation_type` and `state` come from short fixed lists. No label carries an id, a key or
a message, so `/metrics` reveals no secrets.
"""

import re
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import GraphQLError
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from app.observability import current_request

MAX_OPERATION_NAMES = 100
MAX_OPERATION_NAME_LENGTH = 64
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

GRAPHQL_REQUESTS = Counter(
    "ordergraph_graphql_requests_total",
    "GraphQL operations by operation name and outcome "
    "(ok, business_error, client_error, unauthenticated, internal_error).",
    ["operation", "outcome"],
)
GRAPHQL_DURATION = Histogram(
    "ordergraph_graphql_request_duration_seconds",
    "Time to answer a GraphQL query or mutation, from parsing to the result.",
    ["operation_type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SUBSCRIPTIONS_STARTED = Counter(
    "ordergraph_subscriptions_started_total", "Subscription operations started, by operation name.", ["operation"]
)
EVENTS_DELIVERED = Counter("ordergraph_events_delivered_total", "Order events handed to subscribers.")
LISTENER_RECONNECTS = Counter(
    "ordergraph_listener_reconnects_total", "Reconnections of the PostgreSQL LISTEN connection (this process)."
)
SUBSCRIBERS = Gauge("ordergraph_subscribers", "Active event subscribers in this process.")

_known_operations: set[str] = set()
_known_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    """The bounded label for a client-chosen operation name."""
    if not name:
        return "anonymous"
    if len(name) > MAX_OPERATION_NAME_LENGTH or not _NAME.match(name):
        return "other"
    with _known_lock:
        if name in _known_operations:
            return name
        if len(_known_operations) < MAX_OPERATION_NAMES:
            _known_operations.add(name)
            return name
    return "other"


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


class DatabasePoolCollector(Collector):
    """`ordergraph_db_pool_connections{state}`: asyncpg pool sizes on PostgreSQL; SQLite has one
    connection, shown as in use or idle."""

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "ordergraph_db_pool_connections", "Database connections of this process by state.", labels=["state"]
        )
        states = _pool_states()
        if states is not None:
            for state, value in states.items():
                family.add_metric([state], value)
        yield family


def _pool_states() -> dict[str, float] | None:
    try:
        from tortoise.connection import get_connection

        client = get_connection("default")
    except Exception:  # noqa: BLE001 - no ORM (yet): no pool to describe
        return None
    pool = getattr(client, "_pool", None)
    if pool is not None and hasattr(pool, "get_size"):
        size, idle = pool.get_size(), pool.get_idle_size()
        return {"in_use": size - idle, "idle": idle, "max": pool.get_max_size()}
    connection = getattr(client, "_connection", None)
    if connection is None:
        return {"in_use": 0, "idle": 0, "max": 1}
    lock = getattr(client, "_lock", None)
    busy = 1 if lock is not None and lock.locked() else 0
    return {"in_use": busy, "idle": 1 - busy, "max": 1}


_registered = False


def register_collectors(subscriber_count: Any) -> None:
    """Once per process: the pool collector and the live subscriber gauge."""
    global _registered
    SUBSCRIBERS.set_function(subscriber_count)
    if not _registered:
        REGISTRY.register(DatabasePoolCollector())
        _registered = True


async def metrics(_: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
