"""Benchmark a real ordergraph server on SQLite and/or PostgreSQL.

Measures createOrdersFromQuote (1-line and 200-line quotes: latency over HTTP, SQL statements per call
in-process), the nested `orders(first: 50)` read (throughput and latency over HTTP), and amending a
contract of 20 and of 200 subscriptions and ordering the amendment (C9: SQL statements in-process, the
same for both sizes: bulk writes), and 20-way concurrent allocation on one stock row (F3: allocations
per second, oversell must be 0). `--case invoice-run` instead measures the invoice run (B2) over
10,000 due schedule lines in-process: invoices and lines per second, SQL statements and peak Python
memory (tracemalloc; BENCH_NO_TRACEMALLOC=1 times the run without it).

    .venv/bin/python scripts/bench.py [--database sqlite|postgres|both] [--postgres-url URL]
                                      [--requests N] [--concurrency C] [--allocation-only]
                                      [--case api|renewals|invoice-run]

`--case renewals [--contracts N]` instead times the renewal run (R2) over N due contracts (default
5,000): contracts per second and peak Python memory (scripts/bench_renewals.py).
"""

import argparse
import asyncio
import logging
import math
import os
import platform
import signal
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from bench_allocation import WAYS, Allocation, measure_allocation
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app import db
from app.auth import generate_secret
from app.config import Config, normalise_database_url
from app.main import create_app

ROOT = Path(__file__).resolve().parent.parent
CALLS = 20  # createOrdersFromQuote calls per quote size, each on a fresh quote
BIG = 200  # lines of the large quote
SEEDED_ORDERS = 50
NESTED = """{ orders(first: 50) { edges { node { account { id } quote { lines { product { id } } }
  items { product { name } quoteLine { id } requiredBy { id } } } } } }"""
ORDERS_SELECTION = "orders { id totalAmount items { id } }"
AMENDED = (20, BIG)  # subscriptions of the contracts amended (C9)


class BenchError(Exception):
    """A GraphQL error, an HTTP error or a wrong result: the run fails."""


class Api:
    def __init__(self, client: httpx.AsyncClient, key: str) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {key}"}

    async def query(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=self.headers
        )
        if response.status_code != 200:
            raise BenchError(f"HTTP {response.status_code}: {response.text[:2000]}")
        body = response.json()
        if body.get("errors"):
            raise BenchError(f"GraphQL errors: {body['errors']}")
        return body["data"]

    async def ok(self, name: str, input: dict[str, Any], selection: str) -> dict[str, Any]:
        input_type = name[0].upper() + name[1:] + "Input"
        fields = f"errors {{ code message field }} {selection}"
        query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {fields} }} }}"
        payload = (await self.query(query, {"input": input}))[name]
        if payload["errors"]:
            raise BenchError(f"{name} payload errors: {payload['errors']}")
        return payload


@dataclass
class Catalog:
    account_ids: list[str] = field(default_factory=list)
    product_ids: list[str] = field(default_factory=list)  # BIG plain products, recurring and one-time
    kit_id: str = ""  # a one-time bundle with one component
    sub_id: str = ""


@dataclass
class Result:
    database: str
    latency: dict[int, list[float]] = field(default_factory=dict)  # lines -> ms per createOrdersFromQuote
    statements: dict[str, int] = field(default_factory=dict)
    nested_ms: list[float] = field(default_factory=list)
    nested_rps: float = 0.0
    allocation: Allocation | None = None


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


async def product(api: Api, sku: str, type: str, price: str, **fields: Any) -> str:
    data = {"sku": sku, "name": f"Product {sku}", "type": type, "listPrice": price, **fields}
    return (await api.ok("createProduct", data, "product { id }"))["product"]["id"]


async def seed_catalog(api: Api) -> Catalog:
    settings = {"allowMultipleOrders": False, "requireApprovedQuote": False}  # one order per quote, no approval
    await api.ok("updateSettings", settings, "settings { allowMultipleOrders }")
    cat = Catalog()
    for i in range(5):
        account = await api.ok("createAccount", {"name": f"Bench account {i}"}, "account { id }")
        cat.account_ids.append(account["account"]["id"])
    for i in range(BIG):
        kind = "RECURRING" if i % 2 else "ONE_TIME"
        cat.product_ids.append(await product(api, f"BENCH-{i:03d}", kind, f"{10 + i}.00"))
    part = await product(api, "PART", "ONE_TIME", "5.00")
    cat.kit_id = await product(api, "KIT", "ONE_TIME", "50.00", componentIds=[part])
    cat.sub_id = await product(api, "SUB", "RECURRING", "100.00")
    return cat


async def new_quote(api: Api, account_id: str, lines: list[dict[str, Any]]) -> tuple[str, Decimal]:
    """A fresh opportunity and its primary quote: (quote id, quote total)."""
    opp = await api.ok("createOpportunity", {"accountId": account_id, "name": "Bench deal"}, "opportunity { id }")
    data = {"opportunityId": opp["opportunity"]["id"], "startDate": "2027-01-01", "lines": lines}
    quote = (await api.ok("createQuote", data, "quote { id total }"))["quote"]
    return quote["id"], Decimal(quote["total"])


def plain_lines(cat: Catalog, count: int) -> list[dict[str, Any]]:
    return [{"productId": cat.product_ids[i], "quantity": str(1 + i % 3)} for i in range(count)]


async def create_orders(api: Api, quote: tuple[str, Decimal], expected_items: int) -> None:
    payload = await api.ok("createOrdersFromQuote", {"quoteId": quote[0]}, ORDERS_SELECTION)
    items = sum(len(order["items"]) for order in payload["orders"])
    total = sum((Decimal(order["totalAmount"]) for order in payload["orders"]), Decimal(0))
    if items != expected_items or total != quote[1]:
        raise BenchError(
            f"createOrdersFromQuote: {items} items totalling {total}, expected {expected_items} / {quote[1]}"
        )


async def seed_nested_orders(api: Api, cat: Catalog) -> None:
    lines = [{"productId": cat.kit_id, "quantity": "1"}, {"productId": cat.sub_id, "quantity": "2"}]
    for i in range(SEEDED_ORDERS):
        await create_orders(api, await new_quote(api, cat.account_ids[i % len(cat.account_ids)], lines), 3)


async def measure_create(api: Api, cat: Catalog, size: int) -> list[float]:
    quotes = [await new_quote(api, cat.account_ids[0], plain_lines(cat, size)) for _ in range(CALLS)]
    samples = []
    for quote in quotes:
        start = time.perf_counter()
        await create_orders(api, quote, size)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def nested_read(api: Api) -> None:
    edges = (await api.query(NESTED))["orders"]["edges"]
    nodes = [edge["node"] for edge in edges]
    if len(nodes) != SEEDED_ORDERS or any(len(n["items"]) != 3 or len(n["quote"]["lines"]) != 3 for n in nodes):
        raise BenchError(f"nested read: {len(nodes)} orders, or wrong item or quote line counts: {nodes[:1]}")


async def measure_nested(api: Api, requests: int, concurrency: int) -> tuple[list[float], float]:
    for _ in range(3):  # warm-up
        await nested_read(api)
    samples: list[float] = []
    remaining = iter(range(requests))

    async def worker() -> None:
        for _ in remaining:
            start = time.perf_counter()
            await nested_read(api)
            samples.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples, requests / (time.perf_counter() - start)


class SqlCounter(logging.Handler):
    """Counts SQL statements: the tortoise.db_client logger emits one DEBUG record per statement."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count, self.logger = 0, logging.getLogger("tortoise.db_client")

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> "SqlCounter":
        self.level = self.logger.level
        self.logger.setLevel(logging.DEBUG)
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self.level)


async def contract_of(api: Api, account_id: str, size: int) -> str:
    """C9 set-up: an ACTIVATED contract of `size` subscriptions (one RECURRING product each), 2027."""
    ids = [await product(api, f"AMEND-{size}-{i:03d}", "RECURRING", "120.00") for i in range(size)]
    opp = await api.ok("createOpportunity", {"accountId": account_id, "name": "Bench contract"}, "opportunity { id }")
    lines = [{"productId": i, "quantity": "10"} for i in ids]
    data = {"opportunityId": opp["opportunity"]["id"], "startDate": "2027-01-01", "subscriptionTerm": 12}
    quote = (await api.ok("createQuote", {**data, "lines": lines}, "quote { id }"))["quote"]["id"]
    order = (await api.ok("createOrdersFromQuote", {"quoteId": quote}, "orders { id }"))["orders"][0]["id"]
    await api.ok("activateOrder", {"orderId": order}, "order { id }")
    return (await api.ok("contractOrder", {"orderId": order}, "contract { id }"))["contract"]["id"]


async def amend_and_order(api: Api, contract_id: str, size: int) -> int:
    """C9: amend (+5 on every product from 2027-07-01) and order the amendment; the statements it took."""
    with SqlCounter() as counter:
        amend = {"contractId": contract_id, "effectiveDate": "2027-07-01"}
        quote = (await api.ok("amendContract", amend, "quote { id lines { id } }"))["quote"]
    changes = [{"quoteLineId": line["id"], "quantity": "15"} for line in quote["lines"]]
    await api.ok("updateQuote", {"quoteId": quote["id"], "updateLines": changes}, "quote { id }")
    with counter:
        payload = await api.ok("createOrdersFromQuote", {"quoteId": quote["id"]}, ORDERS_SELECTION)
    if len(payload["orders"][0]["items"]) != size:
        raise BenchError(f"amendment order: {len(payload['orders'][0]['items'])} items, expected {size}")
    return counter.count


async def count_statements(url: str, key: str, cat: Catalog) -> dict[str, int]:
    """The same requests in-process (ASGI transport), counting the statements each one issues."""
    # Tortoise caches INSERT statements per connection name ("default") for the life of the process, whatever the
    # dialect: forget the previous database's before opening this one.
    EXECUTOR_CACHE.clear()
    await db.init_orm(url)
    try:
        app = create_app(Config(database_url=url), manage_database=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            api = Api(client, key)
            await create_orders(api, await new_quote(api, cat.account_ids[0], plain_lines(cat, 1)), 1)  # warm-up
            counts = {}
            for size in (1, BIG):
                quote = await new_quote(api, cat.account_ids[0], plain_lines(cat, size))
                with SqlCounter() as counter:
                    await create_orders(api, quote, size)
                counts[str(size)] = counter.count
            with SqlCounter() as counter:
                await nested_read(api)
            counts["nested"] = counter.count
            for size in AMENDED:
                contract_id = await contract_of(api, cat.account_ids[1], size)
                counts[f"amend {size}"] = await amend_and_order(api, contract_id, size)
            return counts
    finally:
        await db.close_orm()


@asynccontextmanager
async def database(kind: str, pg_url: str) -> AsyncIterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="ordergraph_bench_") as tmp:
            yield f"sqlite://{Path(tmp) / 'bench.db'}"
        return
    base, name = normalise_database_url(pg_url), f"ordergraph_bench_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(base.replace("postgres://", "postgresql://", 1))
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    await admin(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def server(url: str, key: str) -> AsyncIterator[str]:
    """A real `ordergraph serve` process; yields its base URL once /ready answers 200."""
    with socket.socket() as sock:  # a free port on 127.0.0.1
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {**os.environ, "DATABASE_URL": url, "ORDERGRAPH_BOOTSTRAP_ADMIN_KEY": key, "ORDERGRAPH_LOG_LEVEL": "warning"}
    proc = await asyncio.create_subprocess_exec(
        str(ROOT / ".venv/bin/ordergraph"), "serve", "--host", "127.0.0.1", "--port", str(port), env=env, cwd=ROOT
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=2) as client:
            for _ in range(300):  # at most 300 polls, 0.1 s apart (the server migrates first)
                if proc.returncode is not None:
                    raise BenchError(f"server exited with {proc.returncode} before it was ready")
                try:
                    if (await client.get("/ready")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise BenchError("server not ready after 300 polls")
        yield base_url
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except TimeoutError:
                proc.kill()
                await proc.wait()


async def bench(kind: str, args: argparse.Namespace) -> Result:
    result, key = Result(kind), generate_secret()
    async with database(kind, args.postgres_url) as url:
        async with server(url, key) as base_url:
            limits = httpx.Limits(max_connections=args.concurrency)
            async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
                api = Api(client, key)
                result.allocation = await measure_allocation(api)
                if result.allocation.oversell:
                    raise BenchError(f"oversold: {result.allocation}")
                if args.allocation_only:
                    return result
                cat = await seed_catalog(api)
                await seed_nested_orders(api, cat)
                result.nested_ms, result.nested_rps = await measure_nested(api, args.requests, args.concurrency)
                for size in (1, BIG):
                    result.latency[size] = await measure_create(api, cat, size)
        result.statements = await count_statements(url, key, cat)
    return result


def allocation_line(r: Result) -> str:
    a = r.allocation
    assert a is not None
    return (
        f"{WAYS}-way concurrent allocation on one stock row: {a.per_second:.1f} allocations/s, "
        f"{a.granted} granted, {a.refused} INSUFFICIENT_STOCK, oversell = {a.oversell}"
    )


def table(r: Result, args: argparse.Namespace) -> str:
    if args.allocation_only:
        return allocation_line(r)
    rows = [f"{'':46} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'SQL stmts':>10}"]
    for size in (1, BIG):
        label, ms = f"createOrdersFromQuote, {size} line(s) ({CALLS} calls)", r.latency[size]
        rows.append(f"{label:46} {pct(ms, 50):8.1f} {pct(ms, 95):8.1f} {'':>7} {r.statements[str(size)]:10d}")
    label, ms = f"nested orders(first: 50) ({args.requests} req, c={args.concurrency})", r.nested_ms
    rows.append(f"{label:46} {pct(ms, 50):8.1f} {pct(ms, 95):8.1f} {r.nested_rps:7.1f} {r.statements['nested']:10d}")
    for size in AMENDED:
        label = f"amendContract + order it, {size} subscriptions"
        rows.append(f"{label:46} {'':>8} {'':>8} {'':>7} {r.statements[f'amend {size}']:10d}")
    rows.append(allocation_line(r))
    return "\n".join(rows)


def summary(results: list[Result], args: argparse.Namespace) -> str:
    def p50_95(ms: list[float]) -> str:
        return f"{pct(ms, 50):.1f} / {pct(ms, 95):.1f}"

    lines = [
        f"ordergraph bench, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}. createOrdersFromQuote: {CALLS} sequential calls per quote size over HTTP, "
        f"SQL statements per call counted in-process. Nested read: orders(first: 50) over {SEEDED_ORDERS} orders "
        f"(3 items each), {args.requests} requests at concurrency {args.concurrency}. Amendment (C9): SQL "
        f"statements of amendContract plus createOrdersFromQuote on contracts of {AMENDED[0]} and {AMENDED[1]} "
        "subscriptions.",
        "",
        f"| database | 1 line p50 / p95 ms | SQL | {BIG} lines p50 / p95 ms | SQL | nested read req/s "
        f"| p50 / p95 ms | SQL | amend {AMENDED[0]} SQL | amend {AMENDED[1]} SQL |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        s = r.statements
        lines.append(
            f"| {r.database} | {p50_95(r.latency[1])} | {s['1']} | {p50_95(r.latency[BIG])} | {s[str(BIG)]} "
            f"| {r.nested_rps:.1f} | {p50_95(r.nested_ms)} | {s['nested']} "
            f"| {s[f'amend {AMENDED[0]}']} | {s[f'amend {AMENDED[1]}']} |"
        )
    return "\n".join(lines)


async def renewals_case(args: argparse.Namespace) -> int:
    """The renewal run over `--contracts` due contracts (scripts/bench_renewals.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_renewals

    rows = []
    for kind in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        async with database(kind, args.postgres_url) as url:
            rows.append(bench_renewals.line(kind, await bench_renewals.measure(url, args.contracts)))
        print(rows[-1], flush=True)
    print(f"\n---- renewal run ----\n{bench_renewals.HEADER}\n" + "\n".join(rows) + "\n---------------------")
    return 0


INVOICE_LINES = 10_000
INVOICE_ACCOUNTS = 100


async def seed_due_lines(lines: int, accounts: int) -> None:
    """Accounts, one activated order each with one item, and `lines` UNBILLED lines due by 2027-01-01,
    written directly (bulk) so the seeding does not dominate the run."""
    from datetime import date, timedelta

    from app.services.reference_data import ensure_reference_data
    from models import Account, BillingLine, Order, OrderItem, Product
    from models.enums import OrderStatus, ProductType

    await ensure_reference_data()
    product = await Product.create(sku="BENCH-SUB", name="Bench subscription", type=ProductType.RECURRING)
    accs = [Account(name=f"Bench {n}") for n in range(accounts)]
    await Account.bulk_create(accs)
    orders = [
        Order(number=f"B-{n:06d}", account_id=a.id, status=OrderStatus.ACTIVATED, total_amount=0, currency="USD")
        for n, a in enumerate(accs)
    ]
    await Order.bulk_create(orders)
    items = [
        OrderItem(order_id=o.id, product_id=product.id, position=1, quantity=1, list_price=0, unit_price=0,
                  total_price=0)
        for o in orders
    ]  # fmt: skip
    await OrderItem.bulk_create(items)
    start, rows = date(2026, 1, 1), []
    for n in range(lines):
        item, order = items[n % accounts], orders[n % accounts]
        day = start + timedelta(days=n // accounts)
        rows.append(
            BillingLine(order_item_id=item.id, order_id=order.id, account_id=order.account_id, currency="USD",
                        position=n // accounts + 1, period_start=day, period_end=day, invoice_date=day,
                        amount=Decimal("10.00"))
        )  # fmt: skip
    await BillingLine.bulk_create(rows, batch_size=1000)


async def bench_invoice_run(kind: str, args: argparse.Namespace) -> dict[str, float]:
    """B2: one invoice run over INVOICE_LINES due lines of INVOICE_ACCOUNTS accounts, in-process."""
    import tracemalloc
    from datetime import date

    from app.auth import SYSTEM_ACTOR
    from app.services.invoice_run import invoice_run
    from app.services.unit_of_work import unit_of_work

    async with database(kind, args.postgres_url) as url:
        EXECUTOR_CACHE.clear()
        await db.run_migrations(url)
        await db.init_orm(url)
        try:
            await seed_due_lines(INVOICE_LINES, INVOICE_ACCOUNTS)
            if not os.environ.get("BENCH_NO_TRACEMALLOC"):
                tracemalloc.start()
            started = time.perf_counter()
            with SqlCounter() as counter:
                async with unit_of_work(SYSTEM_ACTOR) as uow:  # the run's events are written too
                    invoices = await invoice_run(date(2027, 1, 1), uow)
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        finally:
            await db.close_orm()
    return {
        "seconds": seconds,
        "invoices": len(invoices),
        "invoices_per_s": len(invoices) / seconds,
        "lines_per_s": INVOICE_LINES / seconds,
        "statements": counter.count,
        "peak_mib": peak / 2**20,
    }


async def main_invoice_run(args: argparse.Namespace, kinds: list[str]) -> int:
    for kind in kinds:
        r = await bench_invoice_run(kind, args)
        print(
            f"{kind}: invoice run over {INVOICE_LINES:,} due lines ({INVOICE_ACCOUNTS} accounts): "
            f"{r['invoices']} invoices in {r['seconds']:.2f} s = {r['invoices_per_s']:.0f} invoices/s, "
            f"{r['lines_per_s']:.0f} lines/s, {r['statements']} SQL statements, peak {r['peak_mib']:.1f} MiB",
            flush=True,
        )
    return 0


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--case", choices=["api", "renewals", "invoice-run"], default="api", help="see the module docstring"
    )
    parser.add_argument("--contracts", type=int, default=5000, help="due contracts of the renewals case")
    parser.add_argument("--allocation-only", action="store_true", help="run only the 20-way allocation case")
    args = parser.parse_args()
    if args.case == "renewals":
        return await renewals_case(args)
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be positive")
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if args.case == "invoice-run":
        return await main_invoice_run(args, kinds)
    results = []
    for kind in kinds:
        started = time.perf_counter()
        try:
            results.append(await bench(kind, args))
        except BenchError as error:
            print(f"{kind}: FAILED: {error}", file=sys.stderr)
            return 1
        print(f"\n== {kind} ({time.perf_counter() - started:.0f} s) ==\n{table(results[-1], args)}", flush=True)
    if args.allocation_only:
        return 0
    print(f"\n---- summary ----\n{summary(results, args)}\n-----------------")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
