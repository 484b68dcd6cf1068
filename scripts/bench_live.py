"""Benchmark live GraphQL subscriptions against real ordergraph servers (websockets, graphql-transport-ws).

1. Fan-out: N websocket subscribers (default 1000) on `orderStatusChanged(orderId:)` of one order on one process;
   one activateOrder over HTTP; delivery latency per subscriber, server RSS before and after subscribing.
2. Sustained: 100 subscribers on `orderEvents { id }`; a bounded burst of activate/deactivate toggles from a few
   concurrent HTTP clients; mutations/s, events/s delivered, every subscriber got every event once and in order.
3. Cross-process (PostgreSQL only): two servers on one database, 500 subscribers on B, the change sent to A.

Traffic stays on 127.0.0.1; every loop is bounded in count and time; databases are fresh and dropped afterwards.

    .venv/bin/python scripts/bench_live.py [--database sqlite|postgres|both] [--postgres-url URL]
        [--subscribers 1000] [--sustained-subscribers 100] [--mutations 200] [--writers 4] [--duration 20]
        [--cross-subscribers 500] [--compression deflate|none]
"""

import argparse
import asyncio
import json
import math
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tests.live.server

import httpx  # noqa: E402
import websockets  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402
from websockets.typing import Subprotocol  # noqa: E402

from tests.live.server import ADMIN_KEY, Server, database  # noqa: E402

PROTOCOL = Subprotocol("graphql-transport-ws")
TARGET_P99_MS = 250.0
TARGET_SUBSCRIBERS = 1000
STATUS_SUB = "subscription($id: ID) { orderStatusChanged(orderId: $id) { status order { number } } }"
EVENTS_SUB = "subscription { orderEvents { id } }"
ACTIVATE = "mutation($id: ID!) { activateOrder(input: {orderId: $id}) { order { status } errors { code message } } }"
DEACTIVATE = (
    "mutation($id: ID!) { deactivateOrder(input: {orderId: $id}) { order { status } errors { code message } } }"
)
STORED_EVENTS = """query($after: String) { orderEvents(after: $after, first: 100) {
  edges { cursor } pageInfo { hasNextPage endCursor } } }"""


class BenchError(Exception):
    """A GraphQL error, an HTTP error, a server that did not register subscribers in time: the run fails."""


# -- measurements --------------------------------------------------------------------------------------------------


def pct(samples: list[float], p: float) -> float:
    """Nearest-rank percentile; nan for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc/<pid>/status (VmRSS, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "; utime and stime are fields 14 and 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def raise_open_files_limit() -> tuple[int, int]:
    """Soft RLIMIT_NOFILE up to the hard limit (inherited by the server subprocesses); returns (soft, hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


# -- HTTP -----------------------------------------------------------------------------------------------------------


class Api:
    """One keep-alive HTTP client per server, authenticated with the bootstrap admin key."""

    def __init__(self, server: Server, connections: int = 8) -> None:
        self.server = server
        self.client = httpx.AsyncClient(
            base_url=server.http,
            timeout=60,
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables or {}})
        if response.status_code != 200:
            raise BenchError(f"HTTP {response.status_code}: {response.text[:2000]}")
        body = response.json()
        if body.get("errors"):
            raise BenchError(f"GraphQL errors: {body['errors']}")
        return body["data"]  # type: ignore[no-any-return]

    async def mutate(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        """A mutation whose payload must carry no business errors: the payload (its only field)."""
        payload: dict[str, Any] = next(iter((await self.gql(query, variables)).values()))
        if payload.get("errors"):
            raise BenchError(f"payload errors: {payload['errors']}")
        return payload

    async def subscribers(self) -> int:
        return int((await self.client.get("/health")).json()["subscribers"])

    async def wait_for_subscribers(self, count: int, timeout: float, at_least: bool = True) -> int:
        """Poll /health every 50 ms until it reports `count` subscribers (at least, or at most); bounded."""
        deadline = time.monotonic() + timeout
        while True:
            current = await self.subscribers()
            if (current >= count) if at_least else (current <= count):
                return current
            if time.monotonic() > deadline:
                relation = "at least" if at_least else "at most"
                raise BenchError(
                    f"{self.server.http}/health reports {current} subscribers after {timeout:.0f} s, "
                    f"expected {relation} {count}"
                )
            await asyncio.sleep(0.05)


async def draft_orders(api: Api, count: int, tag: str) -> list[dict[str, Any]]:
    """`count` DRAFT orders, each from its own quote of one line of a recurring product."""
    product = await api.mutate(
        'mutation($sku: String!) { createProduct(input: {sku: $sku, name: "Seat", type: RECURRING, '
        'listPrice: "10"}) { product { id } errors { code message } } }',
        {"sku": f"LIVE-{tag}-{time.monotonic_ns()}"},
    )
    account = await api.mutate(
        "mutation($n: String!) { createAccount(input: {name: $n}) { account { id } errors { code message } } }",
        {"n": f"Live bench {tag}"},
    )
    orders = []
    for _ in range(count):
        opp = await api.mutate(
            'mutation($a: ID!) { createOpportunity(input: {accountId: $a, name: "live"}) '
            "{ opportunity { id } errors { code message } } }",
            {"a": account["account"]["id"]},
        )
        quote = await api.mutate(
            'mutation($o: ID!, $p: ID!) { createQuote(input: {opportunityId: $o, startDate: "2027-01-01", '
            'lines: [{productId: $p, quantity: "3"}]}) { quote { id } errors { code message } } }',
            {"o": opp["opportunity"]["id"], "p": product["product"]["id"]},
        )
        created = await api.mutate(
            "mutation($q: ID!) { createOrdersFromQuote(input: {quoteId: $q}) "
            "{ orders { id number status } errors { code message } } }",
            {"q": quote["quote"]["id"]},
        )
        orders.append(created["orders"][0])
    return orders


async def stored_event_ids(api: Api, after: int | None, max_pages: int = 1000) -> list[int]:
    """Ids of the stored event log after a cursor, in log order (100 per page, at most `max_pages` pages)."""
    ids: list[int] = []
    cursor = str(after) if after is not None else None
    for _ in range(max_pages):
        page = (await api.gql(STORED_EVENTS, {"after": cursor}))["orderEvents"]
        ids.extend(int(edge["cursor"]) for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        cursor = page["pageInfo"]["endCursor"]
    raise BenchError(f"event log longer than {max_pages} pages")


# -- websockets -----------------------------------------------------------------------------------------------------


class Subscriber:
    """One websocket (graphql-transport-ws) with one subscription; notes when each message arrives."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.messages: list[tuple[float, dict[str, Any]]] = []  # (perf_counter at arrival, message)
        self.ended: str | None = None  # why reading stopped early: closed, error or complete
        self.reader: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls, url: str, query: str, variables: dict[str, Any], compression: str | None, timeout: float
    ) -> "Subscriber":
        connection = await connect(
            url,
            subprotocols=[PROTOCOL],
            compression=compression,
            open_timeout=timeout,
            close_timeout=5,
            ping_interval=None,  # no client keepalive pings: the run is short, and they would be noise
        )
        try:
            payload = {"authorization": f"Bearer {ADMIN_KEY}"}
            await connection.send(json.dumps({"type": "connection_init", "payload": payload}))
            ack = json.loads(await asyncio.wait_for(connection.recv(), timeout))
            if ack.get("type") != "connection_ack":
                raise BenchError(f"expected connection_ack, got {ack}")
            subscribe = {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables}}
            await connection.send(json.dumps(subscribe))
        except BaseException:
            await connection.close()
            raise
        subscriber = cls(connection)
        subscriber.reader = asyncio.create_task(subscriber._read())
        return subscriber

    @property
    def extensions(self) -> str:
        response = self.connection.response
        return (response.headers.get("Sec-WebSocket-Extensions") if response else None) or "none"

    async def _read(self) -> None:
        try:
            async for raw in self.connection:
                arrived = time.perf_counter()
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await self.connection.send(json.dumps({"type": "pong"}))
                    continue
                if kind == "pong":
                    continue
                self.messages.append((arrived, message))
                if kind != "next":
                    self.ended = f"{kind}: {json.dumps(message.get('payload'))[:300]}"
                    return
            self.ended = "connection closed by the server"
        except websockets.ConnectionClosed as closed:
            self.ended = f"connection closed: {closed}"

    def data(self) -> list[tuple[float, dict[str, Any]]]:
        """(arrival, data) of every `next` message without errors."""
        return [
            (arrived, m["payload"]["data"])
            for arrived, m in self.messages
            if m.get("type") == "next" and not m["payload"].get("errors")
        ]

    def problems(self) -> list[str]:
        found = [json.dumps(m)[:300] for _, m in self.messages if m.get("type") != "next" or m["payload"].get("errors")]
        if self.ended and not found:
            found.append(self.ended)
        return found

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
        await self.connection.close()


async def open_subscribers(
    url: str, count: int, query: str, variables: dict[str, Any], args: argparse.Namespace
) -> list[Subscriber]:
    """`count` subscribed websockets, at most `--open-concurrency` handshakes in flight; all or BenchError."""
    gate = asyncio.Semaphore(args.open_concurrency)
    compression = None if args.compression == "none" else "deflate"

    async def one() -> Subscriber:
        async with gate:
            return await Subscriber.open(url, query, variables, compression, timeout=30)

    results: list[Subscriber | BaseException] = []
    try:
        async with asyncio.timeout(max(60.0, count / 10)):
            results = await asyncio.gather(*(one() for _ in range(count)), return_exceptions=True)
    except TimeoutError:
        raise BenchError(f"opening {count} websockets took longer than {max(60.0, count / 10):.0f} s") from None
    opened = [r for r in results if isinstance(r, Subscriber)]
    failed = [r for r in results if not isinstance(r, Subscriber)]
    if failed:
        await close_subscribers(opened)
        kinds = sorted({f"{type(e).__name__}: {e}"[:200] for e in failed})
        raise BenchError(f"{len(failed)} of {count} websockets failed to open: {kinds[:5]}")
    return opened


async def close_subscribers(subscribers: list[Subscriber]) -> None:
    try:
        async with asyncio.timeout(60):
            await asyncio.gather(*(s.close() for s in subscribers), return_exceptions=True)
    except TimeoutError:
        for s in subscribers:
            s.connection.transport.abort()


async def subscribe_and_wait(
    api: Api, count: int, query: str, variables: dict[str, Any], args: argparse.Namespace
) -> tuple[list[Subscriber], float]:
    """Open `count` subscribers on the server of `api`; returns once /health counts them (and the seconds taken)."""
    base = await api.subscribers()
    started = time.perf_counter()
    subscribers = await open_subscribers(api.server.ws, count, query, variables, args)
    try:
        await api.wait_for_subscribers(base + count, timeout=max(30.0, count / 20))
    except BenchError as error:
        problems = [p for s in subscribers for p in s.problems()]
        await close_subscribers(subscribers)
        raise BenchError(f"{error}; {len(problems)} subscriber problems, e.g. {problems[:3]}") from None
    return subscribers, time.perf_counter() - started


async def wait_until(condition: Callable[[], bool], timeout: float, poll: float = 0.02) -> bool:
    """Poll a cheap condition (arrival times are taken by the readers, not here); bounded by `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(poll)
    return True


# -- part 1 and 3: one change fanned out ----------------------------------------------------------------------------


@dataclass
class FanOut:
    label: str
    subscribers: int
    received: int = 0
    since_sent_ms: list[float] = field(default_factory=list)
    since_returned_ms: list[float] = field(default_factory=list)
    mutation_ms: float = 0.0
    open_s: float = 0.0
    rss_before_mib: float = 0.0
    rss_after_mib: float = 0.0
    rss_delivered_mib: float = 0.0
    rss_closed_mib: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    extensions: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def target_met(self) -> bool:
        return self.received == self.subscribers and pct(self.since_sent_ms, 99) < TARGET_P99_MS


async def fan_out(label: str, writer: Api, reader: Api, count: int, args: argparse.Namespace) -> FanOut:
    """Subscribers on `reader`'s server, one activateOrder sent to `writer`'s server."""
    result = FanOut(label, count)
    order = (await draft_orders(writer, 1, label))[0]
    if reader.server.process is None:
        raise BenchError("the server is not running")
    pid = reader.server.process.pid
    for _ in range(3):  # warm the keep-alive connection and the server's request path
        await reader.subscribers()
        await writer.subscribers()
    result.rss_before_mib = rss_mib(pid)
    subscribers, result.open_s = await subscribe_and_wait(reader, count, STATUS_SUB, {"id": order["id"]}, args)
    try:
        result.extensions = subscribers[0].extensions
        await asyncio.sleep(0.5)  # let the last subscriptions settle into waiting on the bus
        result.rss_after_mib = rss_mib(pid)
        server_cpu, client_cpu = cpu_seconds(pid), own_cpu_seconds()
        sent = time.perf_counter()
        payload = await writer.mutate(ACTIVATE, {"id": order["id"]})
        returned = time.perf_counter()
        if payload["order"]["status"] != "ACTIVATED":
            raise BenchError(f"activateOrder answered {payload}")
        result.mutation_ms = (returned - sent) * 1000
        await wait_until(lambda: all(s.messages or s.ended for s in subscribers), args.delivery_timeout)
        result.server_cpu_s, result.client_cpu_s = cpu_seconds(pid) - server_cpu, own_cpu_seconds() - client_cpu
        result.rss_delivered_mib = rss_mib(pid)
        for s in subscribers:
            data = s.data()
            event = data[0][1]["orderStatusChanged"] if data else None
            if event == {"status": "ACTIVATED", "order": {"number": order["number"]}}:
                result.received += 1
                result.since_sent_ms.append((data[0][0] - sent) * 1000)
                result.since_returned_ms.append((data[0][0] - returned) * 1000)
            else:
                result.problems.extend(s.problems() or [f"nothing within {args.delivery_timeout:.0f} s"])
    finally:
        await close_subscribers(subscribers)
    try:
        await reader.wait_for_subscribers(0, timeout=20, at_least=False)
    except BenchError as error:
        result.problems.append(f"after closing every socket: {error}")
    result.rss_closed_mib = rss_mib(pid)
    return result


def fan_out_block(r: FanOut, cross: bool) -> str:
    def row(name: str, ms: list[float]) -> str:
        return (
            f"  {name:34} p50 {pct(ms, 50):7.1f}  p95 {pct(ms, 95):7.1f}  p99 {pct(ms, 99):7.1f}  "
            f"max {max(ms, default=math.nan):7.1f} ms"
        )

    lines = [
        f"  subscribers {r.subscribers}, received {r.received}/{r.subscribers}; opened and registered in "
        f"{r.open_s:.1f} s ({r.subscribers / r.open_s:.0f}/s); websocket extensions: {r.extensions}",
        f"  activateOrder HTTP round trip {r.mutation_ms:.1f} ms",
        row("latency since mutation sent", r.since_sent_ms),
        row("latency since HTTP response", r.since_returned_ms),
        f"  CPU during delivery: server {r.server_cpu_s:.2f} s, benchmark client {r.client_cpu_s:.2f} s "
        "(both on the same cores)",
        f"  server RSS{' (process B)' if cross else ''}: {r.rss_before_mib:.1f} MiB before, {r.rss_after_mib:.1f} "
        f"MiB subscribed (+{(r.rss_after_mib - r.rss_before_mib) * 1024 / r.subscribers:.0f} KiB per subscriber), "
        f"{r.rss_delivered_mib:.1f} MiB after delivering, {r.rss_closed_mib:.1f} MiB after closing the sockets",
    ]
    if not cross and r.subscribers >= TARGET_SUBSCRIBERS:
        verdict = "MET" if r.target_met else "NOT MET"
        lines.append(
            f"  target p99 < {TARGET_P99_MS:.0f} ms for {TARGET_SUBSCRIBERS} subscribers (since sent): {verdict}"
        )
    elif not cross:
        lines.append(f"  target p99 < {TARGET_P99_MS:.0f} ms is for {TARGET_SUBSCRIBERS} subscribers: not evaluated")
    lines.extend(f"  PROBLEM: {p}" for p in sorted(set(r.problems))[:10])
    return "\n".join(lines)


# -- part 2: sustained events ---------------------------------------------------------------------------------------


@dataclass
class Sustained:
    subscribers: int
    planned: int
    committed: int = 0
    stored: int = 0
    mutation_s: float = 0.0
    window_s: float = 0.0
    drain_s: float = 0.0
    per_subscriber_rates: list[float] = field(default_factory=list)
    delivered: int = 0
    exact: int = 0
    missing: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    unexpected: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def all_exact(self) -> bool:
        return self.exact == self.subscribers and self.stored == self.committed


async def sustained(api: Api, args: argparse.Namespace) -> Sustained:
    result = Sustained(args.sustained_subscribers, args.mutations)
    orders = await draft_orders(api, args.writers, "sustained")
    baseline = (await stored_event_ids(api, None) or [0])[-1]
    subscribers, _ = await subscribe_and_wait(api, args.sustained_subscribers, EVENTS_SUB, {}, args)
    try:
        await asyncio.sleep(0.5)
        budget = iter(range(args.mutations))
        first_sent = time.perf_counter()
        deadline = first_sent + args.duration
        last_returned = first_sent

        async def writer(order: dict[str, Any]) -> None:
            nonlocal last_returned
            active = False
            for _ in budget:
                if time.perf_counter() > deadline:
                    return
                payload = await api.mutate(DEACTIVATE if active else ACTIVATE, {"id": order["id"]})
                active = payload["order"]["status"] == "ACTIVATED"
                result.committed += 1
                last_returned = max(last_returned, time.perf_counter())

        try:
            async with asyncio.timeout(args.duration + 30):  # the budget is checked between mutations
                await asyncio.gather(*(writer(o) for o in orders))
        except TimeoutError:
            raise BenchError(f"a mutation was still running {args.duration + 30:.0f} s after the first") from None
        result.mutation_s = last_returned - first_sent
        expected_count = result.committed
        await wait_until(
            lambda: all(len(s.messages) >= expected_count or s.ended for s in subscribers), args.delivery_timeout
        )
        await asyncio.sleep(0.5)  # anything arriving late would be a duplicate or an extra event
        expected = await stored_event_ids(api, baseline)
        result.stored = len(expected)
        expected_set = set(expected)
        last_arrival = first_sent
        for s in subscribers:
            data = s.data()
            ids = [int(d["orderEvents"]["id"]) for _, d in data]
            result.delivered += len(ids)
            if data:
                last_arrival = max(last_arrival, data[-1][0])
                result.per_subscriber_rates.append(len(ids) / max(data[-1][0] - first_sent, 1e-9))
            else:
                result.per_subscriber_rates.append(0.0)
            result.exact += ids == expected
            result.missing += len(expected_set - set(ids))
            result.duplicates += len(ids) - len(set(ids))
            result.out_of_order += sum(1 for a, b in zip(ids, ids[1:], strict=False) if b <= a)
            result.unexpected += len(set(ids) - expected_set)
            result.problems.extend(s.problems())
        result.window_s = last_arrival - first_sent
        result.drain_s = max(0.0, last_arrival - last_returned)
    finally:
        await close_subscribers(subscribers)
    try:
        await api.wait_for_subscribers(0, timeout=20, at_least=False)
    except BenchError as error:
        result.problems.append(f"after closing every socket: {error}")
    return result


def sustained_block(r: Sustained, args: argparse.Namespace) -> str:
    rates = r.per_subscriber_rates
    lines = [
        f"  {r.committed}/{r.planned} mutations committed by {args.writers} concurrent HTTP clients in "
        f"{r.mutation_s:.2f} s = {r.committed / max(r.mutation_s, 1e-9):.1f} mutations/s; "
        f"{r.stored} events stored",
        f"  delivered {r.delivered} messages to {r.subscribers} subscribers in {r.window_s:.2f} s = "
        f"{r.delivered / max(r.window_s, 1e-9):.0f} events/s in total; per subscriber "
        f"median {pct(rates, 50):.1f}, min {min(rates, default=math.nan):.1f} events/s; "
        f"last event {r.drain_s * 1000:.0f} ms after the last mutation returned",
        f"  every subscriber got every event exactly once, in increasing cursor order: "
        f"{'YES' if r.all_exact else 'NO'} ({r.exact}/{r.subscribers} exact; missing {r.missing}, "
        f"duplicates {r.duplicates}, out of order {r.out_of_order}, unknown ids {r.unexpected})",
    ]
    lines.extend(f"  PROBLEM: {p}" for p in sorted(set(r.problems))[:10])
    return "\n".join(lines)


# -- runs -----------------------------------------------------------------------------------------------------------


@dataclass
class Run:
    database: str
    fan_out: FanOut | None = None
    sustained: Sustained | None = None
    cross: FanOut | None = None
    seconds: float = 0.0


async def started(database_url: str) -> Server:
    server = Server(database_url)
    await asyncio.to_thread(server.start)
    return server


async def timed(title: str, step: Awaitable[Any]) -> Any:
    began = time.perf_counter()
    value = await step
    print(f"\n== {title} ({time.perf_counter() - began:.0f} s) ==", flush=True)
    return value


async def bench(kind: Literal["sqlite", "postgres"], args: argparse.Namespace) -> Run:
    run, began = Run(kind), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ordergraph_live_") as tmp:
        async with database(args.postgres_url if kind == "postgres" else None, Path(tmp)) as url:
            servers: list[Server] = []
            apis: list[Api] = []
            try:
                servers.append(await started(url))
                apis.append(Api(servers[0], connections=args.writers + 2))
                if args.subscribers:
                    run.fan_out = await timed(
                        f"{kind} 1. fan-out, one process",
                        fan_out(f"fanout-{kind}", apis[0], apis[0], args.subscribers, args),
                    )
                    print(fan_out_block(run.fan_out, cross=False), flush=True)
                if args.sustained_subscribers and args.mutations:
                    run.sustained = await timed(f"{kind} 2. sustained events, one process", sustained(apis[0], args))
                    print(sustained_block(run.sustained, args), flush=True)
                if kind == "postgres" and args.cross_subscribers:
                    servers.append(await started(url))
                    apis.append(Api(servers[1]))
                    run.cross = await timed(
                        f"{kind} 3. across processes (subscribers on B, change sent to A)",
                        fan_out("cross", apis[0], apis[1], args.cross_subscribers, args),
                    )
                    print(fan_out_block(run.cross, cross=True), flush=True)
            finally:
                for api in apis:
                    await api.close()
                for server in servers:
                    await asyncio.to_thread(server.stop)
    run.seconds = time.perf_counter() - began
    return run


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cores} CPU cores shared by the benchmark client (one asyncio "
        f"process) and the server(s), Python {platform.python_version()}, websockets {websockets.__version__}"
    )


def command() -> str:
    python = os.path.relpath(sys.executable) if sys.executable.startswith(os.getcwd()) else sys.executable
    return shlex.join([python, *sys.argv])


def summary(runs: Iterable[Run], args: argparse.Namespace, total_s: float) -> str:
    def ms(r: FanOut, p: float) -> str:
        return f"{pct(r.since_sent_ms, p):.0f}"

    lines = [
        f"ordergraph live subscriptions bench: {command()}",
        f"{machine()}; graphql-transport-ws, websocket compression: {args.compression}; total {total_s:.0f} s.",
        "Latency = message arrival at the client minus the moment activateOrder was sent over HTTP.",
    ]
    for run in runs:
        lines.append(f"- {run.database} ({run.seconds:.0f} s):")
        if (r := run.fan_out) is not None:
            verdict = ("MET" if r.target_met else "NOT MET") if r.subscribers >= TARGET_SUBSCRIBERS else "n/a"
            lines.append(
                f"  1 process, {r.subscribers} subscribers: received {r.received}/{r.subscribers}, latency p50 "
                f"{ms(r, 50)} / p95 {ms(r, 95)} / p99 {ms(r, 99)} / max {ms(r, 100)} ms (since HTTP response: p99 "
                f"{pct(r.since_returned_ms, 99):.0f} ms); target p99 < {TARGET_P99_MS:.0f} ms: {verdict}; server RSS "
                f"{r.rss_before_mib:.0f} MiB idle, {r.rss_after_mib:.0f} subscribed, {r.rss_delivered_mib:.0f} after "
                "delivering"
            )
        if (s := run.sustained) is not None:
            lines.append(
                f"  sustained, {s.subscribers} subscribers: {s.committed} mutations at "
                f"{s.committed / max(s.mutation_s, 1e-9):.1f}/s, {s.delivered / max(s.window_s, 1e-9):.0f} events/s "
                f"delivered in total ({pct(s.per_subscriber_rates, 50):.1f}/s per subscriber), exactly once and in "
                f"order: {'yes' if s.all_exact else 'NO'} ({s.exact}/{s.subscribers})"
            )
        if (c := run.cross) is not None:
            lines.append(
                f"  2 processes, {c.subscribers} subscribers on B, change on A: received {c.received}/"
                f"{c.subscribers}, latency p50 {ms(c, 50)} / p99 {ms(c, 99)} / max {ms(c, 100)} ms"
            )
    return "\n".join(lines)


async def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--subscribers", type=int, default=1000, help="part 1 fan-out subscribers (0 skips)")
    parser.add_argument("--sustained-subscribers", type=int, default=100, help="part 2 subscribers (0 skips)")
    parser.add_argument("--mutations", type=int, default=200, help="part 2 activate/deactivate mutations")
    parser.add_argument("--writers", type=int, default=4, help="part 2 concurrent HTTP clients, one order each")
    parser.add_argument("--duration", type=float, default=20.0, help="part 2 time limit for the mutations (s)")
    parser.add_argument("--cross-subscribers", type=int, default=500, help="part 3 subscribers on B (0 skips)")
    parser.add_argument("--open-concurrency", type=int, default=100, help="websocket handshakes in flight")
    parser.add_argument("--delivery-timeout", type=float, default=30.0, help="wait for deliveries at most (s)")
    parser.add_argument(
        "--compression",
        choices=["deflate", "none"],
        default="deflate",
        help="offer permessage-deflate as browsers do (default), or not",
    )
    args = parser.parse_args()
    counts = (args.subscribers, args.sustained_subscribers, args.mutations, args.cross_subscribers)
    if min(counts) < 0 or args.writers < 1 or args.open_concurrency < 1:
        parser.error("counts must not be negative; --writers and --open-concurrency must be positive")
    if args.duration <= 0 or args.delivery_timeout <= 0:
        parser.error("--duration and --delivery-timeout must be positive")
    soft, hard = raise_open_files_limit()
    needed = max(args.subscribers, args.sustained_subscribers, args.cross_subscribers) + 100
    if soft < needed:
        parser.error(f"open-files limit {soft} (hard {hard}) is too low for {needed - 100} websockets")
    print(f"{machine()}\nopen files limit: {soft} (hard {hard})", flush=True)
    kinds: list[Literal["sqlite", "postgres"]] = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    runs = []
    began = time.perf_counter()
    for kind in kinds:
        try:
            runs.append(await bench(kind, args))
        except BenchError as error:
            print(f"{kind}: FAILED: {error}", file=sys.stderr)
            return 1
    print(f"\n---- summary ----\n{summary(runs, args, time.perf_counter() - began)}\n-----------------")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
