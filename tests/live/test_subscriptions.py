"""A3, D4, S1 over websockets: live subscriptions against a real server, both protocols."""

import asyncio

import pytest
import websockets

from tests.live.server import Server, Socket, primary_quote

PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]

STATUS_SUB = """subscription($orderId: ID, $accountId: ID) {
  orderStatusChanged(orderId: $orderId, accountId: $accountId) {
    cursor previousStatus status actor order { id number status } } }"""
EVENTS_SUB = """subscription($orderId: ID, $after: String) { orderEvents(orderId: $orderId, after: $after)
  { id cursor type status version order { number } } }"""


async def draft_order(server: Server) -> dict:
    quote = await primary_quote(server)
    orders = await server.gql(
        "mutation($q: ID!) { createOrdersFromQuote(input: {quoteId: $q}) "
        "{ orders { id number account { id } } errors { code } } }",
        {"q": quote["id"]},
    )
    return orders["createOrdersFromQuote"]["orders"][0]  # type: ignore[no-any-return]


async def activate(server: Server, order_id: str) -> dict:
    data = await server.gql(
        "mutation($id: ID!) { activateOrder(input: {orderId: $id}) { order { status version } errors { code } } }",
        {"id": order_id},
    )
    return data["activateOrder"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a3_order_status_changed_reaches_subscribers_after_commit(server, protocol):
    order = await draft_order(server)
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(STATUS_SUB, {"orderId": order["id"]})
        await server.wait_for_subscribers(before + 1)
        assert (await activate(server, order["id"]))["errors"] == []
        event = (await sock.next_data())["orderStatusChanged"]
        assert (event["previousStatus"], event["status"]) == ("DRAFT", "ACTIVATED")
        assert event["order"] == {"id": order["id"], "number": order["number"], "status": "ACTIVATED"}
        assert event["actor"].startswith("bootstrap admin")


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a3_refused_transition_publishes_nothing(server, protocol):
    order = await draft_order(server)
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(STATUS_SUB, {"orderId": order["id"]})
        await server.wait_for_subscribers(before + 1)
        refused = await server.gql(
            "mutation($id: ID!) { completeOrder(input: {orderId: $id}) { errors { code } } }", {"id": order["id"]}
        )
        assert refused["completeOrder"]["errors"] == [{"code": "INVALID_TRANSITION"}]
        stale = await server.gql(
            "mutation($id: ID!) { activateOrder(input: {orderId: $id, version: 9}) { errors { code } } }",
            {"id": order["id"]},
        )
        assert stale["activateOrder"]["errors"] == [{"code": "VERSION_CONFLICT"}]
        with pytest.raises(asyncio.TimeoutError):
            await sock.receive(timeout=0.5)
        await activate(server, order["id"])
        assert (await sock.next_data())["orderStatusChanged"]["status"] == "ACTIVATED"


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_d4_order_events_resume_from_a_cursor_with_no_gap_and_no_duplicate(server, protocol):
    order = await draft_order(server)
    await activate(server, order["id"])
    stored = await server.gql(
        "query($id: ID!) { orderEvents(orderId: $id) { edges { cursor node { type } } } }", {"id": order["id"]}
    )
    created_cursor = stored["orderEvents"]["edges"][0]["cursor"]
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(EVENTS_SUB, {"orderId": order["id"], "after": created_cursor})
        replayed = (await sock.next_data())["orderEvents"]
        assert (replayed["type"], replayed["status"]) == ("STATUS_CHANGED", "ACTIVATED")
        await server.wait_for_subscribers(before + 1)
        await server.gql(
            "mutation($id: ID!) { deactivateOrder(input: {orderId: $id}) { errors { code } } }", {"id": order["id"]}
        )
        live = (await sock.next_data())["orderEvents"]
        assert (live["type"], live["status"]) == ("STATUS_CHANGED", "DRAFT")
        assert int(live["cursor"]) > int(replayed["cursor"]) > int(created_cursor)
        with pytest.raises(asyncio.TimeoutError):
            await sock.receive(timeout=0.5)  # nothing twice


@pytest.mark.parametrize("key", [None, "og_wrong"])
async def test_s1_websocket_without_a_valid_key_is_refused_transport_ws(server, key):
    async with Socket.open(server.ws, "graphql-transport-ws", key=key) as sock:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await sock.receive()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
    assert closed.value.rcvd.reason


async def test_s1_websocket_without_a_valid_key_is_refused_graphql_ws(server):
    async with Socket.open(server.ws, "graphql-ws", key="og_wrong") as sock:
        message = await sock.receive()
        assert message["type"] == "connection_error"
        assert message["payload"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_unknown_subscription_field_is_an_error_and_the_connection_stays(server, protocol):
    order = await draft_order(server)
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        await sock.subscribe("subscription { noSuchField { id } }")
        message = await sock.receive()
        assert message["type"] == "error"
        before = await server.subscribers()
        await sock.subscribe(STATUS_SUB, {"orderId": order["id"]})
        await server.wait_for_subscribers(before + 1)
        await activate(server, order["id"])
        assert (await sock.next_data())["orderStatusChanged"]["status"] == "ACTIVATED"


async def test_subscription_to_an_unknown_order_is_not_found(server):
    async with Socket.open(server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        await sock.subscribe(STATUS_SUB, {"orderId": "00000000-0000-0000-0000-000000000000"})
        message = await sock.receive()
        assert message["type"] in ("next", "error")
        errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_account_filter_only_delivers_that_accounts_events(server):
    one, two = await draft_order(server), await draft_order(server)
    async with Socket.open(server.ws, "graphql-transport-ws") as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(STATUS_SUB, {"accountId": two["account"]["id"]})
        await server.wait_for_subscribers(before + 1)
        await activate(server, one["id"])
        await activate(server, two["id"])
        assert (await sock.next_data())["orderStatusChanged"]["order"]["id"] == two["id"]
