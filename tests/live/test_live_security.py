"""S1/S3 on websockets: a revoked key's open subscriptions end at once; a partner's subscriptions
carry only its accounts' events."""

import pytest
import websockets

from tests.live.server import Socket, partner_key, refusal_code
from tests.live.test_subscriptions import EVENTS_SUB, activate, draft_order


async def test_s1_revoked_key_stops_working_on_open_websockets(server):
    order = await draft_order(server)
    made = await server.gql(
        'mutation { createApiKey(input: {role: READ_ONLY, name: "dash"}) { apiKey { id } secret } }'
    )
    key = made["createApiKey"]
    async with Socket.open(server.ws, "graphql-transport-ws", key=key["secret"]) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(EVENTS_SUB, {})
        await server.wait_for_subscribers(before + 1)
        await activate(server, order["id"])
        assert (await sock.next_data())["orderEvents"]["status"] == "ACTIVATED"
        await server.gql(
            "mutation($id: ID!) { revokeApiKey(input: {apiKeyId: $id}) { errors { code } } }",
            {"id": key["apiKey"]["id"]},
        )
        message = await sock.receive()
        assert refusal_code(message) == "UNAUTHENTICATED"
        await sock.subscribe(EVENTS_SUB, {})  # a new subscription on the same socket is refused too
        again = await sock.receive()
        assert refusal_code(again) == "UNAUTHENTICATED"
    async with Socket.open(server.ws, "graphql-transport-ws", key=key["secret"]) as sock:
        with pytest.raises(websockets.ConnectionClosed):
            await sock.receive()


async def test_s3_partner_subscriptions_carry_only_its_accounts_events(server):
    mine, theirs = await draft_order(server), await draft_order(server)
    partner = await partner_key(server, mine["account"]["id"])
    async with Socket.open(server.ws, "graphql-transport-ws", key=partner) as sock:
        await sock.ack()
        await sock.subscribe(EVENTS_SUB, {"orderId": theirs["id"]})
        refused = await sock.receive()
        assert refusal_code(refused) == "NOT_FOUND"  # like a missing order (S3)
        before = await server.subscribers()
        await sock.subscribe(EVENTS_SUB, {"after": "0"})
        seen = []
        while True:  # the replay: only its own account's events
            seen.append((await sock.next_data())["orderEvents"])
            if seen[-1]["order"]["number"] == mine["number"] and seen[-1]["type"] == "CREATED":
                break
        await server.wait_for_subscribers(before + 1)
        await activate(server, theirs["id"])
        await activate(server, mine["id"])
        live = (await sock.next_data())["orderEvents"]
    assert live["order"]["number"] == mine["number"] and live["status"] == "ACTIVATED"
    assert all(e["order"]["number"] == mine["number"] for e in seen)
