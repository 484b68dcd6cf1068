"""The renewal-run case of scripts/bench.py: R2 over N due contracts (default 5,000), each with two
RECURRING subscriptions, seeded straight into the database (bulk inserts), then one daily run timed
in-process: contracts per second and the peak of Python memory (tracemalloc) during the run.

    .venv/bin/python scripts/bench.py --case renewals [--database sqlite|postgres|both] [--contracts N]
"""

import time
import tracemalloc
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.executor import EXECUTOR_CACHE

from app import db
from app.auth import SYSTEM_ACTOR
from app.services.daily_run import daily_run
from app.services.reference_data import ensure_reference_data
from app.services.renewal_commands import RunDaily
from models import Account, Contract, Opportunity, Order, OrderItem, Product, QuoteLine, Subscription
from models.enums import ContractStatus, OrderStatus, OrderType, ProductType

START, END, AS_OF = date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 15)
CHUNK = 1000


async def _bulk(model: Any, rows: list[Any]) -> None:
    for i in range(0, len(rows), CHUNK):
        await model.bulk_create(rows[i : i + CHUNK])


async def seed(count: int) -> None:
    accounts = [Account(name=f"Bench {n}") for n in range(50)]
    products = [Product(sku=f"BENCH-{n}", name=f"Bench {n}", type=ProductType.RECURRING) for n in range(2)]
    await _bulk(Account, accounts)
    await _bulk(Product, products)
    orders, items, contracts, subscriptions = [], [], [], []
    for n in range(count):
        account = accounts[n % len(accounts)]
        contract = Contract(
            number=f"C-B{n:06d}", account_id=account.id, status=ContractStatus.ACTIVATED, start_date=START,
            end_date=END, term=12, renewal_term=12, renewal_uplift_percent=Decimal("5"),
        )  # fmt: skip
        order = Order(
            number=f"O-B{n:06d}", account_id=account.id, status=OrderStatus.ACTIVATED, type=OrderType.NEW,
            contracted=True, contract_id=contract.id, start_date=START, end_date=END,
            total_amount=Decimal("24000.00"), currency="USD",
        )  # fmt: skip
        contracts.append(contract)
        orders.append(order)
        for position, product in enumerate(products):
            item = OrderItem(
                order_id=order.id, product_id=product.id, position=position, quantity=Decimal(10),
                list_price=Decimal(1200), unit_price=Decimal(1200), total_price=Decimal(12000),
                subscription_term=12, start_date=START, end_date=END, activated=True, contracted=True,
            )  # fmt: skip
            items.append(item)
            subscriptions.append(
                Subscription(
                    contract_id=contract.id,
                    account_id=account.id,
                    product_id=product.id,
                    order_item_id=item.id,
                    quantity=Decimal(10),
                    start_date=START,
                    end_date=END,
                    net_price=Decimal(1200),
                )  # fmt: skip
            )
    await _bulk(Contract, contracts)
    await _bulk(Order, orders)
    await _bulk(OrderItem, items)
    await _bulk(Subscription, subscriptions)


async def measure(url: str, count: int) -> dict[str, float]:
    """Seed, then time one daily run (its renewal part makes `count` renewals)."""
    EXECUTOR_CACHE.clear()  # cached INSERT statements of the other database's dialect (see bench.py)
    await db.run_migrations(url)
    await db.init_orm(url)
    try:
        await ensure_reference_data()
        await seed(count)
        tracemalloc.start()
        started = time.perf_counter()
        run = await daily_run.run(SYSTEM_ACTOR, RunDaily(as_of=AS_OF))
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        made = len(run.found["renewal_opportunities"])
        if made != count or await Opportunity.filter(type=OrderType.RENEWAL).count() != count:
            raise RuntimeError(f"expected {count} renewals, made {made}")
        if await QuoteLine.all().count() != 2 * count:
            raise RuntimeError("expected two renewal quote lines per contract")
        return {"contracts": count, "seconds": seconds, "per_second": count / seconds, "peak_mib": peak / 2**20}
    finally:
        await db.close_orm()


def line(kind: str, m: dict[str, float]) -> str:
    return f"| {kind} | {int(m['contracts'])} | {m['seconds']:.1f} | {m['per_second']:.0f} | {m['peak_mib']:.1f} |"


HEADER = (
    "| database | due contracts | run s | contracts/s | peak Python MiB (tracemalloc) |\n"
    "| --- | --- | --- | --- | --- |"
)
