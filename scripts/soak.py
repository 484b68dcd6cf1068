"""Soak: a real server with many live subscribers and a steady stream of events; reports the slope of the
server's memory (RSS) after a warm-up, so a leak per delivered event shows as a line that keeps rising.

    .venv/bin/python scripts/soak.py [--minutes 15] [--subscribers 50] [--rate 20] [--warmup 3]
        [--sample 15] [--max-slope 1.0] [--postgres-url URL]

Each event is an activate/deactivate toggle of one of a few orders (one STATUS_CHANGED event each); every
subscriber reads `orderEvents { cursor type status order { number status totalAmount } }`. RSS is read from
/proc/<pid>/status every --sample seconds; the slope (MB per minute) is a least-squares line over the samples
after --warmup minutes. Exit status 1 when the slope exceeds --max-slope. Traffic stays on 127.0.0.1.
"""

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tests.live

import websockets  # noqa: E402

from tests.live.server import ADMIN_KEY, Server, database  # noqa: E402
from tests.live.test_subscriptions import draft_order  # noqa: E402

EVENTS_SUB = "subscription { orderEvents { cursor type status order { number status totalAmount } } }"
TOGGLE = {
    "activateOrder": "mutation($id: ID!) { activateOrder(input: {orderId: $id}) { errors { code } } }",
    "deactivateOrder": "mutation($id: ID!) { deactivateOrder(input: {orderId: $id}) { errors { code } } }",
}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def slope_per_minute(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per minute."""
    n = len(samples)
    if n < 2:
        return 0.0
    mean_t = sum(t for t, _ in samples) / n
    mean_m = sum(m for _, m in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    cov = sum((t - mean_t) * (m - mean_m) for t, m in samples)
    return cov / var * 60 if var else 0.0


async def subscriber(url: str, received: list[int], stop: asyncio.Event) -> None:
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], max_size=None) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {ADMIN_KEY}"}}))
        await ws.recv()
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS_SUB}}))
        while not stop.is_set():
            try:
                message = json.loads(await asyncio.wait_for(ws.recv(), 1))
            except TimeoutError:
                continue
            if message.get("type") == "next":
                if message["payload"].get("errors"):
                    raise RuntimeError(message["payload"]["errors"])
                received[0] += 1
            elif message.get("type") in ("error", "complete"):
                raise RuntimeError(f"subscription ended: {message}")


async def writer(server: Server, orders: list[str], rate: float, stop: asyncio.Event, sent: list[int]) -> None:
    active = dict.fromkeys(orders, False)
    i = 0
    while not stop.is_set():
        started = time.monotonic()
        order = orders[i % len(orders)]
        name = "deactivateOrder" if active[order] else "activateOrder"
        data = await server.gql(TOGGLE[name], {"id": order})
        if data[name]["errors"]:
            raise RuntimeError(data)
        active[order] = not active[order]
        sent[0] += 1
        i += 1
        await asyncio.sleep(max(0.0, 1 / rate - (time.monotonic() - started)))


async def soak(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        async with database(args.postgres_url, Path(tmp)) as url:
            server = Server(url)
            server.start()
            try:
                assert server.process is not None
                pid = server.process.pid
                orders = [(await draft_order(server))["id"] for _ in range(4)]
                stop = asyncio.Event()
                received, sent = [0], [0]
                subs = [asyncio.create_task(subscriber(server.ws, received, stop)) for _ in range(args.subscribers)]
                await server.wait_for_subscribers(args.subscribers, timeout=60)
                write = asyncio.create_task(writer(server, orders, args.rate, stop, sent))
                start = time.monotonic()
                samples: list[tuple[float, float]] = []
                print(f"{'minute':>7} {'RSS MB':>8} {'events sent':>12} {'deliveries':>11}", flush=True)
                while (elapsed := time.monotonic() - start) < args.minutes * 60:
                    await asyncio.sleep(args.sample)
                    for task in [write, *subs]:
                        if task.done():
                            task.result()  # a failed subscriber or writer fails the soak
                    mb = rss_mb(pid)
                    elapsed = time.monotonic() - start
                    if elapsed >= args.warmup * 60:
                        samples.append((elapsed, mb))
                    print(f"{elapsed / 60:7.2f} {mb:8.1f} {sent[0]:12d} {received[0]:11d}", flush=True)
                stop.set()
                await asyncio.gather(write, *subs, return_exceptions=True)
            finally:
                server.stop()
    slope = slope_per_minute(samples)
    per_event = slope * 1024 * 1024 / max(1.0, args.rate * 60 * args.subscribers)
    print(
        f"\nslope after {args.warmup} min warm-up: {slope:+.3f} MB/min over {len(samples)} samples "
        f"({per_event:+.1f} bytes per delivered event); bound {args.max_slope} MB/min"
    )
    return 0 if slope <= args.max_slope else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--subscribers", type=int, default=50)
    parser.add_argument("--rate", type=float, default=20, help="events per second")
    parser.add_argument("--warmup", type=float, default=3, help="minutes left out of the slope")
    parser.add_argument("--sample", type=float, default=15, help="seconds between RSS samples")
    parser.add_argument("--max-slope", type=float, default=1.0, help="MB per minute")
    parser.add_argument("--postgres-url", default=None)
    return asyncio.run(soak(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
