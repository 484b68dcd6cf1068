"""Prometheus metrics (`GET /metrics`, text format, through `prometheus-client`).

Label values are bounded: `operation` is the operation name the client sent, shortened, and only the
first MAX_OPERATION_NAMES distinct names get a series of their own (later ones count as `other`);
`outcome`, `operation_type` and `state` come from short fixed lists. No label carries an id, a key or
a message, so `/metrics` reveals no secrets.
"""

import re
import threading
from collections.abc import Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

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
