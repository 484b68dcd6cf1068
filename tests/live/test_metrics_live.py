"""Issue 11 part 3 on a real server: subscriber, subscription and event-delivery metrics."""

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.live.server import Socket
from tests.live.test_subscriptions import activate, draft_order

NAMED_SUB = """subscription LiveMetrics($orderId: ID) { orderEvents(orderId: $orderId) { status } }"""


async def scrape(server) -> dict[tuple[str, tuple], float]:
    async with httpx.AsyncClient() as client:
        text = (await client.get(f"{server.http}/metrics")).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_subscribers_subscriptions_and_delivered_events_are_measured(server):
    order = await draft_order(server)
    before = await scrape(server)
    async with Socket.open(server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        count = await server.subscribers()
        await sock.subscribe(NAMED_SUB, {"orderId": order["id"]})
        await server.wait_for_subscribers(count + 1)
        await activate(server, order["id"])
        assert (await sock.next_data())["orderEvents"]["status"] == "ACTIVATED"
        during = await scrape(server)
    started = ("ordergraph_subscriptions_started_total", (("operation", "LiveMetrics"),))
    assert during[started] - before.get(started, 0) == 1
    assert during[("ordergraph_subscribers", ())] >= 1
    delivered = ("ordergraph_events_delivered_total", ())
    assert during[delivered] - before[delivered] >= 1
