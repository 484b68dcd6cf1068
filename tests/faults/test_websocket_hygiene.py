"""S4 on websockets, both protocols: sockets that never initialise are closed (the legacy protocol
too), messages over the HTTP body limit are refused, subscriptions per socket and sockets per key are
capped, and keep-alive pings reap a peer that vanished without closing."""

import asyncio
import base64
import json
import os
import time
from collections.abc import Iterator

import pytest
import websockets
from websockets.frames import Frame, Opcode

from tests.live.server import ADMIN_KEY, Server, Socket
from tests.live.test_subscriptions import EVENTS_SUB

PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]
LIMITS = {
    "ORDERGRAPH_WS_INIT_TIMEOUT": "1",
    "ORDERGRAPH_WS_MAX_SUBSCRIPTIONS": "2",
    "ORDERGRAPH_WS_MAX_SOCKETS_PER_KEY": "3",
    "ORDERGRAPH_MAX_BODY_BYTES": "65536",
    "ORDERGRAPH_WS_PING_INTERVAL": "0.5",
    "ORDERGRAPH_WS_PING_TIMEOUT": "0.5",
}


@pytest.fixture(scope="module")
def limited(live_db: str) -> Iterator[Server]:
    srv = Server(live_db, env=LIMITS)
    srv.start()
    yield srv
    srv.stop()


async def _close_code(connection: websockets.ClientConnection, timeout: float = 10) -> int | None:
    try:
        while True:
            await asyncio.wait_for(connection.recv(), timeout)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def _wait_subscribers(server: Server, count: int) -> None:
    deadline = time.monotonic() + 10
    while await server.subscribers() != count:
        assert time.monotonic() < deadline, f"{await server.subscribers()} subscribers, expected {count}"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_s4_a_socket_that_never_sends_connection_init_is_closed(limited, protocol):
    async with websockets.connect(limited.ws, subprotocols=[protocol]) as connection:  # type: ignore[list-item]
        assert await _close_code(connection) == 4408


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_s4_a_message_over_the_body_limit_closes_the_socket(limited, protocol):
    async with Socket.open(limited.ws, protocol) as sock:
        await sock.ack()
        await sock.send({"type": "x", "payload": "y" * 70_000})
        assert await _close_code(sock.connection) == 1009  # "message too big"
    async with Socket.open(limited.ws, protocol) as sock:  # just under the limit is still a message
        await sock.ack()
        await sock.send({"id": "1", "type": "ping", "payload": {"pad": "y" * 60_000}})
        assert (await limited.gql("{ me { role } }"))["me"]["role"] == "ADMIN"


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_s4_subscriptions_per_socket_are_capped(limited, protocol):
    baseline = await limited.subscribers()
    async with Socket.open(limited.ws, protocol) as sock:
        await sock.ack()
        first = await sock.subscribe(EVENTS_SUB)
        await sock.subscribe(EVENTS_SUB)
        await _wait_subscribers(limited, baseline + 2)
        third = await sock.subscribe(EVENTS_SUB)
        refused = await sock.receive()
        assert refused["type"] == "error" and refused["id"] == third, refused
        errors = refused["payload"] if isinstance(refused["payload"], list) else [refused["payload"]]
        assert errors[0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
        await sock.send({"id": first, "type": "complete" if protocol == "graphql-transport-ws" else "stop"})
        await _wait_subscribers(limited, baseline + 1)
        await sock.subscribe(EVENTS_SUB)  # room again
        await _wait_subscribers(limited, baseline + 2)


async def test_s4_sockets_per_key_are_capped(limited):
    key = (
        await limited.gql(
            'mutation { createApiKey(input: {role: READ_ONLY, name: "dashboards"}) { secret errors { code } } }'
        )
    )["createApiKey"]["secret"]
    async with Socket.open(limited.ws, "graphql-transport-ws", key) as one:
        await one.ack()
        async with (
            Socket.open(limited.ws, "graphql-ws", key) as two,
            Socket.open(limited.ws, "graphql-ws", key) as three,
        ):
            await two.ack()
            await three.ack()
            async with Socket.open(limited.ws, "graphql-transport-ws", key) as fourth:
                assert await _close_code(fourth.connection) == 4429
            async with Socket.open(limited.ws, "graphql-transport-ws", ADMIN_KEY) as other_key:
                await other_key.ack()  # the cap is per key
        deadline = time.monotonic() + 10
        while True:  # two sockets closed: room again once the server has seen them go
            async with Socket.open(limited.ws, "graphql-transport-ws", key) as again:
                message = None
                try:
                    message = await again.receive(timeout=5)
                except websockets.ConnectionClosed:
                    pass
                if message and message["type"] == "connection_ack":
                    break
            assert time.monotonic() < deadline, "a closed socket was never released"
            await asyncio.sleep(0.1)


def _frame(message: dict) -> bytes:
    return Frame(Opcode.TEXT, json.dumps(message).encode()).serialize(mask=True, extensions=[])


async def test_s4_keep_alive_pings_reap_a_peer_that_vanished(limited):
    """A raw TCP client that upgrades, subscribes, then never reads again (a dead peer): it answers no
    ping, so the server closes it and its subscription ends."""
    baseline = await limited.subscribers()
    reader, writer = await asyncio.open_connection("127.0.0.1", limited.port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        f"GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:{limited.port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n".encode()
    )
    assert b" 101 " in await reader.readuntil(b"\r\n\r\n")
    writer.write(_frame({"type": "connection_init", "payload": {"authorization": f"Bearer {ADMIN_KEY}"}}))
    writer.write(_frame({"id": "1", "type": "subscribe", "payload": {"query": EVENTS_SUB}}))
    await writer.drain()
    await _wait_subscribers(limited, baseline + 1)
    await _wait_subscribers(limited, baseline)  # reaped after a ping went unanswered
    writer.close()
