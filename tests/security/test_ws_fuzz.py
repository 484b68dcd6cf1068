"""A fuzz run over websockets (hypothesis), both protocols, against a real server with small limits:
arbitrary message sequences (unknown types, malformed JSON, binary frames, oversized messages, too many
subscriptions, duplicate ids) never produce a trace, an internal error or an internal-error close code,
and the server keeps serving and releases every subscription."""

import asyncio
import json
import os
import time
from collections.abc import Iterator

import pytest
import websockets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.live.server import ADMIN_KEY, Server

EXAMPLES = int(os.environ.get("ORDERGRAPH_WS_FUZZ_EXAMPLES", "25"))
MAX_BYTES = 16_384
LIMITS = {
    "ORDERGRAPH_MAX_BODY_BYTES": str(MAX_BYTES),
    "ORDERGRAPH_WS_MAX_SUBSCRIPTIONS": "2",
    "ORDERGRAPH_WS_MAX_SOCKETS_PER_KEY": "4",
    "ORDERGRAPH_WS_INIT_TIMEOUT": "2",
}
# Normal closes, protocol refusals (4400 bad message, 4401/4403 auth, 4406 subprotocol, 4408 init timeout,
# 4409 duplicate id, 4429 too many), 1007 bad UTF-8, 1009 too big. 1011 (internal error) only where
# Strawberry's legacy protocol closes a socket whose connection_init it refused (after connection_error).
ALLOWED_CLOSE = {1000, 1002, 1003, 1005, 1006, 1007, 1009, 4400, 4401, 4403, 4406, 4408, 4409, 4429}
QUERIES = [
    "subscription { orderEvents { id type } }",
    "subscription { orderStatusChanged { status } }",
    "subscription { nope }",
    "{ me { role } }",
    'subscription { orderEvents(after: "x") { id } }',
    "",
]

ids = st.one_of(st.sampled_from(["1", "2", "3"]), st.text(max_size=8), st.integers(), st.none())
payloads = st.one_of(
    st.none(),
    st.builds(lambda q: {"query": q}, st.sampled_from(QUERIES)),
    st.builds(
        lambda q, v: {"query": q, "variables": v},
        st.sampled_from(QUERIES),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    ),
    st.just({"authorization": f"Bearer {ADMIN_KEY}"}),
    st.just({"authorization": "Bearer og_wrong"}),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
)
TYPES = [
    "connection_init",
    "subscribe",
    "start",
    "complete",
    "stop",
    "ping",
    "pong",
    "connection_terminate",
    "next",
    "zzz",
]
json_messages = st.builds(
    lambda t, i, p: {"type": t, "id": i, "payload": p}, st.sampled_from(TYPES), ids, payloads
).map(json.dumps)
frames = st.one_of(
    json_messages,
    json_messages,
    st.text(max_size=30),
    st.binary(max_size=30),
    st.just(json.dumps({"type": "subscribe", "id": "big", "payload": {"query": "x" * (MAX_BYTES + 10)}})),
    st.just("[1, 2"),
)


@pytest.fixture(scope="module")
def fuzz_server(live_db: str) -> Iterator[Server]:
    srv = Server(live_db, env=LIMITS)
    srv.start()
    yield srv
    srv.stop()


async def _exchange(server: Server, protocol: str, sequence: list) -> None:
    last: dict = {}
    async with websockets.connect(server.ws, subprotocols=[protocol], max_size=None) as ws:  # type: ignore[list-item]
        try:
            for frame in sequence:
                await ws.send(frame)
            while True:  # read until the server goes quiet or closes
                text = await asyncio.wait_for(ws.recv(), 0.3)
                assert isinstance(text, str), text
                assert "Traceback" not in text and 'File "' not in text, text
                assert "INTERNAL_SERVER_ERROR" not in text, text
                last = json.loads(text)
        except TimeoutError:
            return
        except websockets.ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            refused = code == 1011 and protocol == "graphql-ws" and last.get("type") == "connection_error"
            assert code is None or code in ALLOWED_CLOSE or refused, (code, closed.rcvd, last)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(protocol=st.sampled_from(["graphql-transport-ws", "graphql-ws"]), sequence=st.lists(frames, max_size=6))
async def test_fuzz_websocket_messages_never_fail_internally(fuzz_server, protocol, sequence):
    await _exchange(fuzz_server, protocol, sequence)
    assert (await fuzz_server.gql("{ me { role } }"))["me"]["role"] == "ADMIN"


async def test_fuzz_leaves_no_subscription_behind(fuzz_server):
    deadline = time.monotonic() + 10
    while await fuzz_server.subscribers() != 0:
        assert time.monotonic() < deadline, "subscriptions of closed sockets were not released"
        await asyncio.sleep(0.1)
