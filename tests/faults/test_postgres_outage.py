"""A private PostgreSQL cluster stopped (as abruptly as a crash) and started again under load: clients get
503 + Retry-After + SERVICE_UNAVAILABLE (never a 500, never a trace), a new subscription gets an error
carrying its resume cursor, /ready says 503 then recovers by itself, and nothing is lost or doubled."""

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import PG_URL
from tests.faults import private_postgres
from tests.faults.world import assert_clean_unavailable, post
from tests.live.server import Server, Socket
from tests.live.test_subscriptions import EVENTS_SUB, activate, draft_order

pytestmark = [
    pytest.mark.skipif(
        not PG_URL, reason="PostgreSQL outage: runs in the PostgreSQL pass (ORDERGRAPH_TEST_POSTGRES_URL)"
    ),
    pytest.mark.skipif(not private_postgres.available(), reason="needs PostgreSQL's initdb to make a private cluster"),
]

CREATE_ACCOUNT = """mutation($key: String) { createAccount(input: {name: "Load", idempotencyKey: $key}) {
  account { id } errors { code } } }"""


@pytest.fixture
def cluster():
    pg = private_postgres.PrivateCluster()
    pg.create()
    yield pg
    pg.destroy()


async def _ready(server: Server) -> int:
    async with httpx.AsyncClient(timeout=10) as client:
        return (await client.get(f"{server.http}/ready")).status_code


async def test_postgres_stopped_and_started_under_load(cluster, tmp_path: Path):
    server = Server(cluster.url, env={"ORDERGRAPH_DB_ACQUIRE_TIMEOUT": "2", "ORDERGRAPH_DB_STATEMENT_TIMEOUT": "5"})
    server.start()
    statuses: list[int] = []
    keys: list[str] = []
    stop_load = asyncio.Event()

    async def load() -> None:
        async with httpx.AsyncClient(timeout=30) as client:
            while not stop_load.is_set():
                key = f"load-{len(keys)}"
                keys.append(key)
                response = await post(client, server, CREATE_ACCOUNT, {"key": key})
                statuses.append(response.status_code)
                if response.status_code != 200:
                    assert_clean_unavailable(response)
                await asyncio.sleep(0.02)

    try:
        order = await draft_order(server)
        async with Socket.open(server.ws, "graphql-transport-ws") as sock:
            await sock.ack()
            await sock.subscribe(EVENTS_SUB, {"orderId": order["id"]})
            await server.wait_for_subscribers(1)
            loader = asyncio.create_task(load())
            await asyncio.sleep(0.3)

            cluster.stop("immediate")
            async with httpx.AsyncClient(timeout=30) as client:
                assert_clean_unavailable(await post(client, server, "{ orders { totalCount } }", {}))
                assert_clean_unavailable(await post(client, server, CREATE_ACCOUNT, {"key": "during-outage"}))
            assert await _ready(server) == 503
            # A new subscription meets the outage: an error with the cursor to resume from, not a silent close.
            op = await sock.subscribe(EVENTS_SUB, {"orderId": order["id"], "after": "0"})
            message = await sock.receive()
            assert message["type"] == "next" and message["id"] == op, message
            (error,) = message["payload"]["errors"]
            assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE" and error["extensions"]["after"] == "0"

            cluster.start()
            deadline = time.monotonic() + 30
            while await _ready(server) != 200:
                assert time.monotonic() < deadline, "the server did not recover by itself"
                await asyncio.sleep(0.2)
            stop_load.set()
            await loader
            # The first subscriber survived the outage and hears what commits after it.
            assert (await activate(server, order["id"]))["errors"] == []
            event = (await sock.next_data(timeout=15))["orderEvents"]
            assert (event["type"], event["status"]) == ("STATUS_CHANGED", "ACTIVATED")
        assert set(statuses) <= {200, 503} and 503 in statuses, statuses
        # Every load key, retried now, has exactly one account (all-or-nothing, idempotent).
        async with httpx.AsyncClient(timeout=30) as client:
            for key in [*keys, "during-outage"]:
                response = await post(client, server, CREATE_ACCOUNT, {"key": key})
                assert response.json()["data"]["createAccount"]["errors"] == []
        total = await server.gql('{ accounts(filter: {nameContains: "Load"}) { totalCount } }')
        assert total["accounts"]["totalCount"] == len(keys) + 1
    finally:
        stop_load.set()
        server.stop()
