"""kill -9 of a real server during concurrent idempotent writes, then invariants: every key answers its
first result (and the same one on every repeat), one order per key, ordered quantities, totals,
contiguous human numbers, one CREATED event (version 1) per order in one total order."""

import asyncio
import signal
from decimal import Decimal
from pathlib import Path

import httpx

from tests.conftest import PG_URL
from tests.faults.world import ORDER_ONE, orderable_line, post
from tests.live.server import Server, database

ROUNDS = 3
WRITES_PER_ROUND = 16
KILL_AFTER_ANSWERS = 3


async def _writes_then_kill(server: Server, quote: str, line: str, keys: list[str]) -> dict[str, list[str]]:
    """Fire one write per key at once; SIGKILL the server once a few have answered. Returns the answers."""
    answered: dict[str, list[str]] = {}
    enough = asyncio.Event()

    async def write(client: httpx.AsyncClient, key: str) -> None:
        try:
            response = await post(client, server, ORDER_ONE, {"q": quote, "line": line, "key": key})
        except httpx.HTTPError:
            return  # cut off by the kill: outcome unknown to the client, which retries
        payload = response.json()["data"]["createOrdersFromQuote"]
        assert payload["errors"] == [], payload
        answered[key] = [o["id"] for o in payload["orders"]]
        if len(answered) >= KILL_AFTER_ANSWERS:
            enough.set()

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=len(keys))) as client:
        tasks = [asyncio.create_task(write(client, key)) for key in keys]
        waiter = asyncio.create_task(enough.wait())
        await asyncio.wait([waiter, *tasks], return_when=asyncio.FIRST_COMPLETED)
        await asyncio.wait_for(waiter, timeout=60)
        assert server.process is not None
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=30)
        await asyncio.gather(*tasks)
    return answered


async def _retry_all(server: Server, quote: str, line: str, keys: list[str]) -> dict[str, list[str]]:
    async with httpx.AsyncClient(timeout=30) as client:

        async def retry(key: str) -> list[str]:
            response = await post(client, server, ORDER_ONE, {"q": quote, "line": line, "key": key})
            payload = response.json()["data"]["createOrdersFromQuote"]
            assert payload["errors"] == [], (key, payload)
            return [o["id"] for o in payload["orders"]]

        results = await asyncio.gather(*(retry(k) for k in keys))
    return dict(zip(keys, results, strict=True))


async def test_kill_9_during_idempotent_writes_keeps_every_key_answering_its_first_result(tmp_path: Path):
    async with database(PG_URL, tmp_path) as url:
        server = Server(url)
        server.start()
        try:
            quote, line = await orderable_line(server)
            first: dict[str, list[str]] = {}
            for round_no in range(ROUNDS):
                keys = [f"crash-{round_no}-{i}" for i in range(WRITES_PER_ROUND)]
                before_kill = await _writes_then_kill(server, quote, line, keys)
                server = Server(url)
                server.start()
                after = await _retry_all(server, quote, line, keys)
                for key, ids in before_kill.items():
                    assert after[key] == ids, f"{key}: answered {ids} before the crash, {after[key]} after"
                assert all(len(ids) == 1 for ids in after.values()), after
                first.update(after)
            assert await _retry_all(server, quote, line, list(first)) == first  # and again: still the first result
            await _assert_invariants(server, quote, first)
        finally:
            server.stop()


async def _assert_invariants(server: Server, quote: str, first: dict[str, list[str]]) -> None:
    data = await server.gql(
        """query($q: ID!) { quote(id: $q) { lines { quantity orderedQuantity remainingQuantity } }
           orders(first: 100, filter: {quoteId: $q}) { totalCount edges { node {
             id number totalAmount items { quantity totalPrice } events { type version } } } } }""",
        {"q": quote},
    )
    orders = [e["node"] for e in data["orders"]["edges"]]
    created = {ids[0] for ids in first.values()}
    assert data["orders"]["totalCount"] == len(first) == len(created), "one order per key, no duplicate"
    assert {o["id"] for o in orders} == created
    (quote_line,) = data["quote"]["lines"]
    assert Decimal(quote_line["orderedQuantity"]) == len(first)  # O4: ordered quantity = what the orders hold
    assert Decimal(quote_line["remainingQuantity"]) == Decimal(quote_line["quantity"]) - len(first)
    for order in orders:
        assert sum(Decimal(i["quantity"]) for i in order["items"]) == 1
        assert Decimal(order["totalAmount"]) == sum(Decimal(i["totalPrice"]) for i in order["items"])
        assert order["events"] == [{"type": "CREATED", "version": 1}], order
    numbers = sorted(int(o["number"].removeprefix("O-")) for o in orders)
    assert numbers == list(range(1, len(first) + 1)), "human numbers unique and without holes"
    events = await server.gql("{ orderEvents(first: 100) { edges { cursor node { type order { id } } } } }")
    cursors = [int(e["cursor"]) for e in events["orderEvents"]["edges"]]
    assert cursors == sorted(set(cursors)), "event positions unique and in one total order"
    assert sorted(e["node"]["order"]["id"] for e in events["orderEvents"]["edges"]) == sorted(created)
