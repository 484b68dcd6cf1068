"""B6 for terminations (C11): the days after the termination date are not billed. Called inside the
termination's transaction with what it cut short (`ended_by_termination`) or cancelled:

- an unbilled schedule line wholly after the date is voided (never deleted);
- an unbilled line that spans the date is voided and replaced by a charge for its days up to the date;
- an invoiced line with days after the date gets a CREDIT line (`credit_for`) for those days, prorated
  by days over the line's period (half-up to cents), dated on the termination date, so that the next
  invoice run puts it on a CREDIT_NOTE.

ADJUSTMENT and CREDIT lines are left as they are: they correct periods already billed."""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.services.billing_periods import PlannedLine
from app.services.billing_schedules import _row, credit_for
from app.services.pricing import round_money
from app.services.proration import days_inclusive
from models import BillingLine, Order, OrderItem
from models.enums import BillingLineKind, BillingLineStatus

REASON = "TERMINATION"


def days_after_share(line: BillingLine, day: date) -> Decimal:
    """The part of `line.amount` for its days after `day` (0 when none), prorated by days."""
    if line.period_end <= day:
        return Decimal("0.00")
    first = max(line.period_start, date.fromordinal(day.toordinal() + 1))
    share = line.amount * days_inclusive(first, line.period_end) / days_inclusive(line.period_start, line.period_end)
    return round_money(share)


async def bill_termination(tx: BaseDBAsyncClient, item_ids: Iterable[Any], day: date) -> list[BillingLine]:
    """B6/C11: void, shorten and credit the items' charge lines after `day`; the lines written."""
    ids = list(item_ids)
    if not ids:
        return []
    lines = await (
        BillingLine.filter(order_item_id__in=ids, kind=BillingLineKind.CHARGE, period_end__gt=day)
        .exclude(status=BillingLineStatus.VOID)
        .exclude(reason="ADJUSTMENT")
        .using_db(tx)
        .order_by("order_item_id", "position")
    )
    if not lines:
        return []
    items = {i.id: i for i in await OrderItem.filter(id__in=ids).using_db(tx)}
    orders = {o.id: o for o in await Order.filter(id__in=list({i.order_id for i in items.values()})).using_db(tx)}
    unbilled = [line for line in lines if line.status == BillingLineStatus.UNBILLED]
    if unbilled:
        await (
            BillingLine.filter(id__in=[line.id for line in unbilled])
            .using_db(tx)
            .update(status=BillingLineStatus.VOID, voided_at=datetime.now(UTC))
        )
    written: list[BillingLine] = []
    for line in lines:
        item = items[line.order_item_id]
        order = orders[item.order_id]
        after = days_after_share(line, day)
        if line.status == BillingLineStatus.INVOICED:
            if after > 0:
                written.append(await credit_for(tx, order, item, after, day, REASON))
            continue
        kept = line.amount - after
        if kept != 0:  # the days up to the termination date stay billed
            written.append(await _shortened(tx, order, item, line, day, kept))
    return written


async def _shortened(
    tx: BaseDBAsyncClient, order: Order, item: OrderItem, line: BillingLine, day: date, kept: Decimal
) -> BillingLine:
    count = await BillingLine.filter(order_item_id=item.id).using_db(tx).count()
    planned = PlannedLine(0, line.period_start, day, line.invoice_date, kept)
    row = _row(order, item, planned, count + 1, REASON)
    await row.save(using_db=tx)
    return row
