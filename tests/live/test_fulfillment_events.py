"""F3/F4 over websockets: every fulfillment and task change reaches orderEvents subscribers."""

import time

import pytest

from tests.live.server import Server, Socket

EVENTS_SUB = """subscription($orderId: ID) { orderEvents(orderId: $orderId)
  { type previousStatus status order { status } } }"""


async def _ok(server: Server, name: str, input: dict, selection: str) -> dict:
    data = await server.gql(
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) "
        f"{{ errors {{ code }} {selection} }} }}",
        {"input": input},
    )
    assert data[name]["errors"] == [], data
    return data[name]  # type: ignore[no-any-return]


async def _activated_order(server: Server) -> tuple[str, str, str]:
    n = time.monotonic_ns()
    product = await _ok(
        server,
        "createProduct",
        {"sku": f"HW{n}", "name": "Router", "type": "ONE_TIME", "listPrice": "9"},
        "product { id }",
    )
    pid = product["product"]["id"]
    where = await _ok(server, "createInventoryLocation", {"name": f"East {n}", "kind": "WAREHOUSE"}, "location { id }")
    lid = where["location"]["id"]
    await _ok(server, "receiveStock", {"productId": pid, "locationId": lid, "quantity": "5"}, "stock { id }")
    account = await _ok(server, "createAccount", {"name": "Live"}, "account { id }")
    items = [{"productId": pid, "quantity": "2"}]
    order = await _ok(
        server, "createOrder", {"accountId": account["account"]["id"], "items": items}, "order { id items { id } }"
    )
    oid = order["order"]["id"]
    await _ok(server, "activateOrder", {"orderId": oid}, "order { id }")
    return oid, order["order"]["items"][0]["id"], lid


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
async def test_f4_fulfillment_changes_reach_order_event_subscribers(server, protocol):
    order_id, item_id, location_id = await _activated_order(server)
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(EVENTS_SUB, {"orderId": order_id})
        await server.wait_for_subscribers(before + 1)
        line = {"orderItemId": item_id, "quantity": "2"}
        made = await _ok(
            server,
            "createFulfillment",
            {"orderId": order_id, "locationId": location_id, "lines": [line]},
            "fulfillment { id }",
        )
        for verb in ("allocateFulfillment", "shipFulfillment", "deliverFulfillment"):
            await _ok(server, verb, {"fulfillmentId": made["fulfillment"]["id"]}, "fulfillment { status }")
        seen = [(await sock.next_data())["orderEvents"] for _ in range(5)]
    assert [e["type"] for e in seen] == [
        "FULFILLMENT_CREATED",
        "FULFILLMENT_ALLOCATED",
        "FULFILLMENT_SHIPPED",
        "FULFILLMENT_DELIVERED",
        "STATUS_CHANGED",
    ]
    assert (seen[1]["previousStatus"], seen[1]["status"]) == ("ACTIVATED", "IN_FULFILLMENT")  # F4
    assert seen[-1]["status"] == "FULFILLED"
