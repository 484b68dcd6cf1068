"""Benchmark the journal export (B7): seed N posted invoices (one yearly line each, billed in advance)
and N payments straight into a fresh database, then time `journal_csv` end to end (queries, entries,
CSV text). Prints rows, bytes, seconds and rows/s.

    .venv/bin/python scripts/bench_journal.py [--invoices N] [--database-url URL]
"""

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tortoise import Tortoise  # noqa: E402

from app.auth import SYSTEM_ACTOR  # noqa: E402
from app.db import tortoise_config  # noqa: E402
from app.services.journal_export import journal_csv  # noqa: E402
from models import Account, Invoice, InvoiceLine, Payment, Product  # noqa: E402
from models.enums import InvoiceStatus, ProductType  # noqa: E402


async def seed(n: int) -> None:
    account = await Account.create(name="Bench")
    product = await Product.create(sku="BENCH", name="Bench", type=ProductType.RECURRING)
    posted = datetime(2027, 1, 1, 12, tzinfo=UTC)
    invoices = [
        Invoice(
            account_id=account.id,
            currency="USD",
            status=InvoiceStatus.POSTED,
            number=f"INV-{i:06d}",
            total=Decimal("1200.00"),
            balance=Decimal("1200.00"),
            as_of=date(2027, 1, 1),
            posted_at=posted,
        )
        for i in range(n)
    ]
    await Invoice.bulk_create(invoices, batch_size=500)
    await seed_lines(invoices, product.id)
    payments = [
        Payment(account_id=account.id, amount=Decimal("100.00"), currency="USD", received_on=date(2027, 1, 2))
        for _ in range(n)
    ]
    await Payment.bulk_create(payments, batch_size=500)


async def seed_lines(invoices: list[Invoice], product_id: object) -> None:
    from models import BillingLine, Order, OrderItem  # noqa: PLC0415

    account_id = invoices[0].account_id
    order = await Order.create(number="O-1", account_id=account_id, status="ACTIVATED", total_amount=0, currency="USD")
    item = await OrderItem.create(
        order_id=order.id,
        product_id=product_id,
        position=0,
        quantity=1,
        list_price=1200,
        unit_price=1200,
        total_price=1200,
    )
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    billing = [
        BillingLine(
            order_item_id=item.id,
            order_id=order.id,
            account_id=account_id,
            currency="USD",
            position=i,
            period_start=start,
            period_end=end,
            invoice_date=start,
            amount=Decimal("1200.00"),
        )
        for i in range(len(invoices))
    ]
    await BillingLine.bulk_create(billing, batch_size=500)
    lines = [
        InvoiceLine(
            invoice_id=inv.id,
            billing_line_id=bl.id,
            order_item_id=item.id,
            position=0,
            description="Bench",
            period_start=start,
            period_end=end,
            amount=Decimal("1200.00"),
        )
        for inv, bl in zip(invoices, billing, strict=True)
    ]
    await InvoiceLine.bulk_create(lines, batch_size=500)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invoices", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = args.database_url or f"sqlite://{tempfile.mkdtemp()}/bench.db"
    await Tortoise.init(config=tortoise_config(url))
    await Tortoise.generate_schemas()
    await seed(args.invoices)
    started = time.perf_counter()
    rows = size = 0
    async for chunk in journal_csv(SYSTEM_ACTOR, date(2027, 1, 1), date(2027, 1, 31)):
        rows += chunk.count("\n")
        size += len(chunk)
    seconds = time.perf_counter() - started
    print(
        f"{args.invoices} invoices + {args.invoices} payments: {rows - 1} rows, {size} bytes, "
        f"{seconds:.2f} s, {(rows - 1) / seconds:,.0f} rows/s"
    )
    await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main())
