"""Benchmark the nested reads of issue 10: the compiled read path, the executor path and (on
PostgreSQL) two hand-written asyncpg reference servers, in one run, in interleaved rounds.

Reads: `orders(first: 50)` with 10 items each (account, quote lines, products, quoteLine,
requiredBy), the same read of 5 orders, and quote -> orders -> contract. Every server must give the
same JSON before anything is timed. Prints req/s, p50/p95 latency, server CPU per request (the
server process's user+system time) and ratios. The machine is shared: compare the ratios of one run.

    .venv/bin/python scripts/bench_read.py [--database sqlite|postgres|both] [--postgres-url URL]
                                           [--rounds R] [--requests N] [--concurrency C]
                                           [--executor-before DIR] [--executor-only]

`--executor-before DIR` also serves an older tree's executor (e.g. `git archive COMMIT | tar -x -C
DIR`, run with this tree's .venv) in the same interleaved rounds, and ratios are then taken
against it; `--executor-only` leaves out the compiled path and the references.
"""

import argparse
import asyncio
import json
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Api, BenchError, database, pct, product  # noqa: E402

from app.auth import generate_secret  # noqa: E402
from schema.scalars import serialize_decimal  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "executor (before)"
ORDERS, KITS = 50, 5  # 5 bundles of 2 lines: 10 items per order, 5 of them requiredBy a bundle item

NODE = """id number status startDate totalAmount account { id name }
  quote { id number lines { id quantity remainingQuantity product { id name } } }
  items { id quantity unitPrice totalPrice product { id name sku } quoteLine { id } requiredBy { id } }"""
ORDERS_READ = "query($n: Int) { orders(first: $n) { edges { node { " + NODE + " } } } }"
QUOTE_READ = """query($q: ID!) { quote(id: $q) { id number total account { name } lines { id quantity product { sku } }
  orders { id number status totalAmount items { id quantity product { sku } subscription { id quantity netPrice } }
  contract { id number status startDate endDate subscriptions { id quantity netPrice product { name } } } } } }"""


def reads(quote_id: str) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        f"orders(first: {ORDERS}) x 10 items": (ORDERS_READ, {"n": ORDERS}),
        "orders(first: 5) x 10 items": (ORDERS_READ, {"n": 5}),
        "quote -> orders -> contract": (QUOTE_READ, {"q": quote_id}),
    }


# ---------------------------------------------------------------- the hand-written asyncpg references


def _dec(column: str) -> str:
    """PostgreSQL numeric rendered like the Decimal scalar (STACK_NOTES)."""
    return f"round({column}, greatest(scale(trim_scale({column})), 2))::text"


ONE_STATEMENT = f"""
SELECT json_build_object('data', json_build_object('orders', json_build_object('edges',
  coalesce(json_agg(json_build_object('node', node) ORDER BY created_at, id), '[]'))))::text
FROM (
  SELECT o.created_at, o.id, json_build_object(
    'id', o.id, 'number', o.number, 'status', o.status, 'startDate', o.start_date,
    'totalAmount', {_dec("o.total_amount")},
    'account', json_build_object('id', a.id, 'name', a.name),
    'quote', (SELECT json_build_object('id', q.id, 'number', q.number, 'lines', (
        SELECT coalesce(json_agg(json_build_object('id', l.id, 'quantity', {_dec("l.quantity")},
          'remainingQuantity', {_dec("(l.quantity - l.ordered_quantity)")},
          'product', json_build_object('id', lp.id, 'name', lp.name)) ORDER BY l.position), '[]')
        FROM quote_line l JOIN product lp ON lp.id = l.product_id WHERE l.quote_id = q.id))
      FROM quote q WHERE q.id = o.quote_id),
    'items', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'quantity', {_dec("i.quantity")},
        'unitPrice', {_dec("i.unit_price")}, 'totalPrice', {_dec("i.total_price")},
        'product', json_build_object('id', ip.id, 'name', ip.name, 'sku', ip.sku),
        'quoteLine', CASE WHEN i.quote_line_id IS NULL THEN NULL ELSE json_build_object('id', i.quote_line_id) END,
        'requiredBy', CASE WHEN i.required_by_id IS NULL THEN NULL ELSE json_build_object('id', i.required_by_id) END)
        ORDER BY i.position), '[]')
      FROM order_item i JOIN product ip ON ip.id = i.product_id WHERE i.order_id = o.id)
  ) AS node
  FROM "order" o JOIN account a ON a.id = o.account_id
  ORDER BY o.created_at, o.id LIMIT $1
) page
"""


async def multi_statement(con: Any, limit: int) -> dict[str, Any]:
    """Six `= ANY($1)` statements, the JSON assembled in Python."""
    orders = await con.fetch(
        'SELECT id, number, status, start_date, total_amount, account_id, quote_id FROM "order" '
        "ORDER BY created_at, id LIMIT $1",
        limit,
    )
    order_ids = [o["id"] for o in orders]
    accounts = {
        r["id"]: {"id": str(r["id"]), "name": r["name"]}
        for r in await con.fetch(
            "SELECT id, name FROM account WHERE id = ANY($1)", list({o["account_id"] for o in orders})
        )
    }
    quote_ids = list({o["quote_id"] for o in orders if o["quote_id"]})
    quotes = await con.fetch("SELECT id, number FROM quote WHERE id = ANY($1)", quote_ids)
    lines = await con.fetch(
        "SELECT id, quote_id, quantity, ordered_quantity, product_id FROM quote_line WHERE quote_id = ANY($1) "
        "ORDER BY position",
        quote_ids,
    )
    items = await con.fetch(
        "SELECT id, order_id, quantity, unit_price, total_price, product_id, quote_line_id, required_by_id "
        "FROM order_item WHERE order_id = ANY($1) ORDER BY position",
        order_ids,
    )
    product_ids = list({r["product_id"] for r in lines} | {r["product_id"] for r in items})
    products = {
        r["id"]: r for r in await con.fetch("SELECT id, name, sku FROM product WHERE id = ANY($1)", product_ids)
    }
    lines_by_quote: dict[Any, list[Any]] = {}
    for r in lines:
        lines_by_quote.setdefault(r["quote_id"], []).append(
            {
                "id": str(r["id"]),
                "quantity": serialize_decimal(r["quantity"]),
                "remainingQuantity": serialize_decimal(r["quantity"] - r["ordered_quantity"]),
                "product": {"id": str(r["product_id"]), "name": products[r["product_id"]]["name"]},
            }
        )
    quote_objects = {
        q["id"]: {"id": str(q["id"]), "number": q["number"], "lines": lines_by_quote.get(q["id"], [])} for q in quotes
    }
    items_by_order: dict[Any, list[Any]] = {}
    for r in items:
        p = products[r["product_id"]]
        items_by_order.setdefault(r["order_id"], []).append(
            {
                "id": str(r["id"]),
                "quantity": serialize_decimal(r["quantity"]),
                "unitPrice": serialize_decimal(r["unit_price"]),
                "totalPrice": serialize_decimal(r["total_price"]),
                "product": {"id": str(p["id"]), "name": p["name"], "sku": p["sku"]},
                "quoteLine": {"id": str(r["quote_line_id"])} if r["quote_line_id"] else None,
                "requiredBy": {"id": str(r["required_by_id"])} if r["required_by_id"] else None,
            }
        )
    edges = [
        {
            "node": {
                "id": str(o["id"]),
                "number": o["number"],
                "status": o["status"],
                "startDate": o["start_date"].isoformat() if o["start_date"] else None,
                "totalAmount": serialize_decimal(o["total_amount"]),
                "account": accounts[o["account_id"]],
                "quote": quote_objects.get(o["quote_id"]),
                "items": items_by_order.get(o["id"], []),
            }
        }
        for o in orders
    ]
    return {"data": {"orders": {"edges": edges}}}


def reference_app(url: str, form: str) -> Any:
    """A bare Starlette + asyncpg server answering the orders read (no auth, no scoping)."""
    import asyncpg
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    state: dict[str, Any] = {}

    async def no_reset(_: Any) -> None:
        return None

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(url.replace("postgres://", "postgresql://", 1), reset=no_reset)
        yield
        await state["pool"].close()

    async def graphql(request: Request) -> Response:
        body = await request.json()
        limit = int(body.get("variables", {}).get("n", ORDERS))
        async with state["pool"].acquire() as con:
            if form == "json":
                text = await con.fetchval(ONE_STATEMENT, limit)
            else:
                async with con.transaction(isolation="repeatable_read", readonly=True):
                    text = json.dumps(await multi_statement(con, limit))
        return Response(text, media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])], lifespan=lifespan)


# ---------------------------------------------------------------- servers and measurement


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def process(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> AsyncIterator[tuple[str, int]]:
    port = free_port()
    proc = await asyncio.create_subprocess_exec(*args, "--port", str(port), env={**os.environ, **env}, cwd=cwd)
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=2) as client:
            for _ in range(300):
                if proc.returncode is not None:
                    raise BenchError(f"{args} exited with {proc.returncode}")
                try:
                    await client.get("/health")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            else:
                raise BenchError(f"{args} not ready")
        yield base_url, proc.pid
    finally:
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except TimeoutError:
                proc.kill()
                await proc.wait()


def ordergraph(url: str, key: str, compiled: str, form: str = "json", tree: Path | None = None) -> Any:
    env = {
        "ORDERGRAPH_COMPILED_FORM": form,
        "DATABASE_URL": url,
        "ORDERGRAPH_BOOTSTRAP_ADMIN_KEY": key,
        "ORDERGRAPH_LOG_LEVEL": "warning",
        "ORDERGRAPH_COMPILED_READS": compiled,
    }
    if tree is not None:  # another checkout's code with this tree's environment
        command = [str(ROOT / ".venv/bin/python"), "-m", "app", "serve", "--host", "127.0.0.1"]
        return process(command, {**env, "PYTHONPATH": str(tree)}, cwd=tree)
    return process([str(ROOT / ".venv/bin/ordergraph"), "serve", "--host", "127.0.0.1"], env)


def reference(url: str, form: str) -> Any:
    return process([sys.executable, __file__, "--serve-reference", form, "--postgres-url", url], {})


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Samples:
    ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0
    requests: int = 0


async def round_of(
    client: httpx.AsyncClient, pid: int, query: str, variables: dict, n: int, c: int, s: Samples
) -> None:
    remaining = iter(range(n))

    async def worker() -> None:
        for _ in remaining:
            start = time.perf_counter()
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            if response.status_code != 200 or b'"errors"' in response.content:
                raise BenchError(response.text[:500])
            s.ms.append((time.perf_counter() - start) * 1000)

    cpu, start = cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(c)))
    s.seconds += time.perf_counter() - start
    s.cpu += cpu_seconds(pid) - cpu
    s.requests += n


async def seed(api: Api) -> str:
    """50 orders of 10 items, and one contracted order whose quote the third read follows."""
    await api.ok(
        "updateSettings",
        {"allowMultipleOrders": False, "requireApprovedQuote": False},
        "settings { allowMultipleOrders }",
    )
    account_ids = [
        (await api.ok("createAccount", {"name": f"Bench account {i}"}, "account { id }"))["account"]["id"]
        for i in range(5)
    ]
    kits = []
    for k in range(KITS):
        part = await product(api, f"PART-{k}", "ONE_TIME", f"{5 + k}.00")
        kits.append(await product(api, f"KIT-{k}", "ONE_TIME", f"{50 + k}.00", componentIds=[part]))
    sub = await product(api, "SEAT", "RECURRING", "120.00")

    async def order(account_id: str, lines: list[dict[str, Any]]) -> tuple[str, str]:
        opp = await api.ok("createOpportunity", {"accountId": account_id, "name": "Bench deal"}, "opportunity { id }")
        data = {"opportunityId": opp["opportunity"]["id"], "startDate": "2027-01-01", "lines": lines}
        quote = (await api.ok("createQuote", data, "quote { id }"))["quote"]["id"]
        orders = await api.ok("createOrdersFromQuote", {"quoteId": quote}, "orders { id }")
        return quote, orders["orders"][0]["id"]

    kit_lines = [{"productId": kit, "quantity": str(1 + i)} for i, kit in enumerate(kits)]
    for i in range(ORDERS):
        await order(account_ids[i % len(account_ids)], kit_lines)
    quote, order_id = await order(account_ids[0], [*kit_lines, {"productId": sub, "quantity": "25"}])
    await api.ok("activateOrder", {"orderId": order_id}, "order { id }")
    await api.ok("contractOrder", {"orderId": order_id}, "order { id }")
    return quote


async def bench(kind: str, args: argparse.Namespace) -> list[str]:
    key = generate_secret()
    headers = {"Authorization": f"Bearer {key}"}
    async with database(kind, args.postgres_url) as url:
        async with ordergraph(url, key, "1", "json") as (compiled_url, compiled_pid):
            async with httpx.AsyncClient(base_url=compiled_url, timeout=120, headers=headers) as client:
                quote = await seed(Api(client, key))
            async with ordergraph(url, key, "0") as (executor_url, executor_pid):
                targets = {"executor": (executor_url, executor_pid)}
                if not args.executor_only:
                    targets["compiled"] = (compiled_url, compiled_pid)
                async with _others(kind, url, key, args) as others:
                    targets.update(others)
                    return await measure(targets, reads(quote), headers, args)


@asynccontextmanager
async def _others(kind: str, url: str, key: str, args: argparse.Namespace) -> AsyncIterator[dict[str, tuple[str, int]]]:
    async with _references("sqlite" if args.executor_only else kind, url, key) as refs:
        if args.executor_before is None:
            yield refs
            return
        async with ordergraph(url, key, "0", tree=args.executor_before) as before:
            yield {BEFORE: before, **refs}


@asynccontextmanager
async def _references(kind: str, url: str, key: str) -> AsyncIterator[dict[str, tuple[str, int]]]:
    """On PostgreSQL: the compiled path's multi-statement form, and the two asyncpg references."""
    if kind != "postgres":
        yield {}
        return
    async with (
        ordergraph(url, key, "1", "rows") as rows,
        reference(url, "json") as one,
        reference(url, "multi") as multi,
    ):
        yield {
            "compiled, rows form": rows,
            "asyncpg 1 statement (json_agg)": one,
            "asyncpg 6 statements (Python JSON)": multi,
        }


async def measure(
    targets: dict[str, tuple[str, int]], shapes: dict, headers: dict, args: argparse.Namespace
) -> list[str]:
    limits = httpx.Limits(max_connections=args.concurrency)
    clients = {
        name: httpx.AsyncClient(base_url=base, timeout=120, headers=headers, limits=limits)
        for name, (base, _) in targets.items()
    }
    samples: dict[tuple[str, str], Samples] = {}
    try:
        runs = []
        for shape, (query, variables) in shapes.items():
            answers = {}
            for name, client in clients.items():
                if name.startswith("asyncpg") and not shape.startswith("orders"):
                    continue  # the references answer the orders reads only
                answers[name] = (await client.post("/graphql", json={"query": query, "variables": variables})).json()
            first = next(iter(answers.values()))
            if "errors" in first or any(a != first for a in answers.values()):
                raise BenchError(f"servers disagree on {shape}: {json.dumps(answers)[:2000]}")
            runs += [(shape, name, query, variables) for name in answers]
        for _ in range(args.rounds):  # interleaved: each round visits every server and shape
            for shape, name, query, variables in runs:
                s = samples.setdefault((shape, name), Samples())
                slow = "50" in shape and name.startswith("executor")
                n = max(2, args.requests // 10) if slow else args.requests
                await round_of(clients[name], targets[name][1], query, variables, n, args.concurrency, s)
    finally:
        for client in clients.values():
            await client.aclose()
    base_name = BEFORE if BEFORE in targets else "executor"
    rows = [
        f"| read | server | req/s | p50 ms | p95 ms | server CPU ms/req | req/s vs {base_name} | req/s vs 1-statement |"
    ]
    rows.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for shape in shapes:
        base = samples.get((shape, base_name))
        ref = samples.get((shape, "asyncpg 1 statement (json_agg)"))
        for (s_shape, name), s in samples.items():
            if s_shape != shape:
                continue
            rps = s.requests / s.seconds
            vs_exec = f"{rps / (base.requests / base.seconds):.1f}x" if base else "-"
            vs_ref = f"{rps / (ref.requests / ref.seconds):.2f}x" if ref else "-"
            rows.append(
                f"| {shape} | {name} | {rps:.1f} | {pct(s.ms, 50):.1f} | {pct(s.ms, 95):.1f} "
                f"| {1000 * s.cpu / s.requests:.1f} | {vs_exec} | {vs_ref} |"
            )
    return rows


def _absolute(path: str) -> Path:
    return Path(path).resolve()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40, help="requests per server, shape and round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--executor-before", metavar="DIR", type=_absolute, help="an older tree whose executor runs alongside"
    )
    parser.add_argument("--executor-only", action="store_true", help="no compiled path, no references")
    parser.add_argument("--serve-reference", choices=["json", "multi"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_reference:
        import uvicorn

        app = reference_app(args.postgres_url, args.serve_reference)
        await uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="warning")).serve()
        return 0
    for kind in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        started = time.perf_counter()
        try:
            rows = await bench(kind, args)
        except BenchError as error:
            print(f"{kind}: FAILED: {error}", file=sys.stderr)
            return 1
        print(
            f"\n== {kind}: {args.rounds} interleaved rounds x {args.requests} requests at concurrency "
            f"{args.concurrency} ({time.perf_counter() - started:.0f} s) ==\n" + "\n".join(rows),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
