"""Websocket hygiene, the same on `graphql-transport-ws` and the legacy `graphql-ws` (S4).

- A socket that has not sent `connection_init` within `ws_init_timeout` seconds is closed with 4408
  (Strawberry applies no such timeout on the legacy protocol).
- At most `ws_max_subscriptions` operations run on one socket; one more is answered with an error
  message for its id (`extensions.code = TOO_MANY_SUBSCRIPTIONS`) and not started.
- At most `ws_max_sockets_per_key` initialised sockets per API key (counted by a hash of the key sent
  in `connection_init`); one more is closed with 4429.

The message size limit (the HTTP body limit) and keep-alive pings that reap dead peers are set on
the websocket server itself (app/cli.py: uvicorn `ws_max_size`, `ws_ping_interval`, `ws_ping_timeout`).
"""

import asyncio
import hashlib
import json
import logging
from collections import Counter
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("ordergraph.ws")

INIT_TIMEOUT_CLOSE = 4408
TOO_MANY_SOCKETS_CLOSE = 4429
LEGACY_PROTOCOL = "graphql-ws"
_START_TYPES = ("subscribe", "start")
_STOP_TYPES = ("complete", "stop")
# Outgoing frames that carry an event: never the end of an operation, so not parsed (fan-out is hot).
_DATA_MARKERS = ('"type": "next"', '"type": "data"', '"type":"next"', '"type":"data"')


def _parse(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        message = json.loads(text)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


class WebsocketLimits:
    def __init__(self, app: ASGIApp, init_timeout: float, max_subscriptions: int, max_sockets_per_key: int) -> None:
        self.app = app
        self.init_timeout = init_timeout
        self.max_subscriptions = max_subscriptions
        self.max_sockets_per_key = max_sockets_per_key
        self.sockets_per_key: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        socket = _Socket(self, receive, send)
        watchdog = asyncio.get_running_loop().call_later(self.init_timeout, socket.init_timed_out)
        try:
            await self.app(scope, socket.receive, socket.send)
        finally:
            watchdog.cancel()
            socket.release_key()


class _Socket:
    def __init__(self, limits: WebsocketLimits, receive: Receive, send: Send) -> None:
        self.limits = limits
        self._receive = receive
        self._send = send
        self.protocol: str | None = None
        self.initialised = False
        self.closed = False
        self.key: str | None = None
        self.operations: set[str] = set()

    async def send(self, message: Message) -> None:
        if message["type"] == "websocket.accept":
            self.protocol = message.get("subprotocol")
        elif message["type"] == "websocket.close":
            self.closed = True
        elif message["type"] == "websocket.send" and self.operations:
            text = message.get("text")
            if text is not None and not any(marker in text[:200] for marker in _DATA_MARKERS):
                sent = _parse(text)
                if sent and sent.get("type") in ("complete", "error") and "id" in sent:
                    self.operations.discard(str(sent["id"]))
        await self._send(message)

    async def close(self, code: int, reason: str) -> None:
        if not self.closed:
            self.closed = True
            await self._send({"type": "websocket.close", "code": code, "reason": reason})

    def init_timed_out(self) -> None:
        if not self.initialised and not self.closed:
            log.info("websocket closed: no connection_init within %.0f s", self.limits.init_timeout)
            asyncio.ensure_future(self.close(INIT_TIMEOUT_CLOSE, "Connection initialisation timeout"))

    def release_key(self) -> None:
        if self.key is not None:
            self.limits.sockets_per_key[self.key] -= 1
            if self.limits.sockets_per_key[self.key] <= 0:
                del self.limits.sockets_per_key[self.key]
            self.key = None

    async def receive(self) -> Message:
        while True:
            message = await self._receive()
            if message["type"] != "websocket.receive":
                return message
            client = _parse(message.get("text"))
            kind = client.get("type") if client else None
            if kind == "connection_init" and not self.initialised:
                self.initialised = True
                if not await self._take_key(client):
                    continue  # closed: the next message is the disconnect
            elif kind in _START_TYPES and client is not None and "id" in client:
                op_id = str(client["id"])
                if op_id not in self.operations and len(self.operations) >= self.limits.max_subscriptions:
                    await self._refuse_operation(op_id)
                    continue
                self.operations.add(op_id)
            elif kind in _STOP_TYPES and client is not None and "id" in client:
                self.operations.discard(str(client["id"]))
            return message

    async def _take_key(self, init: dict[str, Any] | None) -> bool:
        payload = (init or {}).get("payload")
        value = (payload.get("authorization") or payload.get("Authorization")) if isinstance(payload, dict) else None
        if not isinstance(value, str):
            return True  # refused by authentication (app/main.py)
        key = hashlib.sha256(value.strip().encode()).hexdigest()
        if self.limits.sockets_per_key[key] >= self.limits.max_sockets_per_key:
            log.info("websocket closed: more than %d sockets for one API key", self.limits.max_sockets_per_key)
            await self.close(TOO_MANY_SOCKETS_CLOSE, "Too many websockets for this API key")
            return False
        self.limits.sockets_per_key[key] += 1
        self.key = key
        return True

    async def _refuse_operation(self, op_id: str) -> None:
        error = {
            "message": f"At most {self.limits.max_subscriptions} subscriptions may run on one websocket; "
            "complete one first or open another socket.",
            "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"},
        }
        payload: Any = error if self.protocol == LEGACY_PROTOCOL else [error]
        text = json.dumps({"id": op_id, "type": "error", "payload": payload})
        await self._send({"type": "websocket.send", "text": text})
