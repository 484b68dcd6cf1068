"""A3 across processes on PostgreSQL: LISTEN/NOTIFY, and no event lost when the listener drops."""

import asyncio

import asyncpg
import pytest

from app.config import normalise_database_url
from tests.conftest import requires_postgres
from tests.live.server import Server, Socket
from tests.live.test_subscriptions import EVENTS_SUB, STATUS_SUB, activate, draft_order

pytestmark = requires_postgres


@pytest.fixture(scope="module")
def second_server(live_db, server):
    srv = Server(live_db)
    srv.start()
    yield srv
    srv.stop()


async def test_a3_event_of_a_mutation_on_one_process_reaches_a_subscriber_on_another(server, second_server):
    order = await draft_order(server)
    async with Socket.open(second_server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        before = await second_server.subscribers()
        await sock.subscribe(STATUS_SUB, {"orderId": order["id"]})
        await second_server.wait_for_subscribers(before + 1)
        await activate(server, order["id"])
        # Delivered through LISTEN/NOTIFY (the bus has no polling); latency is measured by scripts/bench_live.py.
        event = (await sock.next_data(timeout=10))["orderStatusChanged"]
    assert event["status"] == "ACTIVATED" and event["order"]["id"] == order["id"]


async def _terminate_listeners(database_url: str) -> int:
    dsn = normalise_database_url(database_url).replace("postgres://", "postgresql://", 1)
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'ordergraph-listener' AND datname = current_database()"
        )
        return len(rows)
    finally:
        await connection.close()


async def test_a3_no_event_is_lost_when_the_notify_listener_connection_dies(server, second_server):
    orders = [await draft_order(server) for _ in range(3)]
    async with Socket.open(second_server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        before = await second_server.subscribers()
        await sock.subscribe(EVENTS_SUB, {})
        await second_server.wait_for_subscribers(before + 1)
        killed = await _terminate_listeners(second_server.database_url)
        assert killed >= 1
        # These commit while the second process has no listening connection: their NOTIFYs are lost.
        for order in orders:
            await activate(server, order["id"])
        received = [(await sock.next_data(timeout=15))["orderEvents"] for _ in orders]
    assert [e["order"]["number"] for e in received] == [o["number"] for o in orders]
    assert all(e["status"] == "ACTIVATED" for e in received)
    cursors = [int(e["cursor"]) for e in received]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)


async def test_event_ids_are_commit_ordered_under_concurrent_writers(server, second_server):
    orders = [await draft_order(server) for _ in range(6)]
    async with Socket.open(server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(EVENTS_SUB, {})
        await server.wait_for_subscribers(before + 1)
        targets = [server if i % 2 else second_server for i in range(len(orders))]
        await asyncio.gather(*(activate(t, o["id"]) for t, o in zip(targets, orders, strict=True)))
        received = [(await sock.next_data(timeout=10))["orderEvents"] for _ in orders]
    cursors = [int(e["cursor"]) for e in received]
    assert cursors == sorted(cursors)
    assert {e["order"]["number"] for e in received} == {o["number"] for o in orders}
