"""Real ordergraph servers in subprocesses (uvicorn), each on a database of its own, driven over
HTTP and websockets like a browser dashboard would."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import websockets

from app.config import normalise_database_url

ROOT = Path(__file__).resolve().parents[2]
# One per test process (the SQLite and PostgreSQL suites run side by side in .ci/run): a server of the
# other suite can never answer this suite's requests, even on a port reused after a restart.
ADMIN_KEY = f"og_live_test_admin_key_{uuid.uuid4().hex[:16]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening_socket(port: int = 0) -> socket.socket:
    """A socket listening on loopback, handed to the server process (`serve --fd`): the port is taken
    from the moment the Server is made, so suites running side by side never race for one."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(2048)
    return sock


class Server:
    def __init__(self, database_url: str, env: dict[str, str] | None = None) -> None:
        self.database_url = database_url
        self.socket: socket.socket | None = listening_socket()
        self.port = int(self.socket.getsockname()[1])
        self.process: subprocess.Popen | None = None
        self.env = env or {}

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "ORDERGRAPH_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
            "ORDERGRAPH_LOG_LEVEL": "warning",
            **self.env,
        }
        # A restart after stop() listens on the same port again (the dashboard test reconnects to it).
        sock = self.socket or listening_socket(self.port)
        self.socket = None
        with sock:  # the server process holds its own copy: once it is gone, the port refuses connections
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--fd", str(sock.fileno())],
                cwd=ROOT,
                env=env,
                pass_fds=(sock.fileno(),),
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:  # a server that could not start is reported at once
                raise RuntimeError("server exited during start")
            try:
                if httpx.get(f"{self.http}/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not become ready")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    async def gql(self, query: str, variables: dict | None = None, key: str = ADMIN_KEY) -> dict:
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.post(
                f"{self.http}/graphql",
                json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {key}"},
            )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    async def subscribers(self) -> int:
        async with httpx.AsyncClient() as client:
            return int((await client.get(f"{self.http}/health")).json()["subscribers"])

    async def wait_for_subscribers(self, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while await self.subscribers() < count:
            assert time.monotonic() < deadline, "subscription was not registered in time"
            await asyncio.sleep(0.05)


@asynccontextmanager
async def database(postgres_url: str | None, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh database for live servers: a PostgreSQL database, or a SQLite file."""
    if not postgres_url:
        yield f"sqlite://{tmp_path / f'live-{uuid.uuid4().hex[:6]}.db'}"
        return
    base = normalise_database_url(postgres_url).replace("postgres://", "postgresql://", 1)
    name = f"ordergraph_live_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(base)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield "postgres://" + base.split("://", 1)[1].rsplit("/", 1)[0] + "/" + name
    finally:
        admin = await asyncpg.connect(base)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


class Socket:
    """One websocket speaking either graphql-transport-ws or the legacy graphql-ws protocol."""

    def __init__(self, connection: Any, protocol: str) -> None:
        self.connection = connection
        self.protocol = protocol
        self._next_id = 0

    @classmethod
    @asynccontextmanager
    async def open(cls, url: str, protocol: str, key: str | None = ADMIN_KEY) -> AsyncIterator["Socket"]:
        async with websockets.connect(url, subprotocols=[protocol], open_timeout=10) as connection:  # type: ignore[list-item]
            sock = cls(connection, protocol)
            payload = {"authorization": f"Bearer {key}"} if key else {}
            await sock.send({"type": "connection_init", "payload": payload})
            yield sock

    async def send(self, message: dict) -> None:
        await self.connection.send(json.dumps(message))

    async def receive(self, timeout: float = 10) -> dict:
        while True:
            message = json.loads(await asyncio.wait_for(self.connection.recv(), timeout))
            # Keep-alives, and the end of an operation that already reported its error, are noise here.
            if message.get("type") not in ("ka", "ping", "pong", "complete"):
                return message  # type: ignore[no-any-return]

    async def ack(self) -> None:
        message = await self.receive()
        assert message["type"] == "connection_ack", message

    async def subscribe(self, query: str, variables: dict | None = None) -> str:
        self._next_id += 1
        op_id = str(self._next_id)
        kind = "subscribe" if self.protocol == "graphql-transport-ws" else "start"
        await self.send({"id": op_id, "type": kind, "payload": {"query": query, "variables": variables or {}}})
        return op_id

    async def next_data(self, timeout: float = 10) -> dict:
        message = await self.receive(timeout)
        assert message["type"] in ("next", "data"), message
        payload = message["payload"]
        assert not payload.get("errors"), payload
        return payload["data"]  # type: ignore[no-any-return]


async def primary_quote(server: Server) -> dict:
    """A new account, opportunity and primary quote for 3 seats of a new RECURRING product."""
    n = time.monotonic_ns()
    product = (
        await server.gql(
            f'mutation {{ createProduct(input: {{sku: "S{n}", name: "Seat", type: RECURRING, '
            f'listPrice: "10"}}) {{ product {{ id }} }} }}'
        )
    )["createProduct"]["product"]
    account = (await server.gql('mutation { createAccount(input: {name: "Live"}) { account { id } } }'))[
        "createAccount"
    ]["account"]
    opp = (
        await server.gql(
            'mutation($a: ID!) { createOpportunity(input: {accountId: $a, name: "o"}) { opportunity { id } } }',
            {"a": account["id"]},
        )
    )["createOpportunity"]["opportunity"]
    quote = (
        await server.gql(
            "mutation($o: ID!, $p: ID!) { createQuote(input: {opportunityId: $o, startDate: "
            '"2026-01-01", lines: [{productId: $p, quantity: "3"}]}) { quote { id } } }',
            {"o": opp["id"], "p": product["id"]},
        )
    )["createQuote"]["quote"]
    return quote  # type: ignore[no-any-return]


async def partner_key(server: Server, account_id: str) -> str:
    """A PARTNER key granted one account (S3)."""
    made = await server.gql(
        "mutation($a: [ID!]) { createApiKey(input: {role: PARTNER, accountIds: $a}) { secret } }", {"a": [account_id]}
    )
    return made["createApiKey"]["secret"]  # type: ignore[no-any-return]


def refusal_code(message: dict) -> str:
    """The code of a refused subscription, on either protocol (an `error` message or errors in `next`)."""
    errors = message["payload"] if message["type"] == "error" else message["payload"].get("errors")
    return errors[0]["extensions"]["code"]  # type: ignore[no-any-return]
