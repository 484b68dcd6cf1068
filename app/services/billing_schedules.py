"""B1 and B6: billing schedules. Activation writes each item's lines; `billingSchedulePreview` plans
the same lines without writing; changes, cancellations and deactivation void the unbilled lines and
write new ones (`rebill`), never deleting a line. The periods and amounts come from billing_periods.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import invalid
from app.services import billing_commands as bc
from app.services.billing_periods import ItemTerms, PlannedLine, schedule, timing_of
from app.services.catalog import products_by_id
from app.services.order_dates import item_span
from app.services.scoping import get_scoped
from models import Account, BillingLine, Order, OrderItem, Quote, QuoteLine
from models.enums import BillingFrequency, BillingLineKind, BillingLineStatus, OrderStatus, ProductType

ZERO = Decimal("0.00")


def today() -> date:
    return datetime.now(UTC).date()


def _frequency(*choices: BillingFrequency | None) -> BillingFrequency:
    return next((c for c in choices if c is not None), BillingFrequency.MONTHLY)


async def _account(tx: BaseDBAsyncClient | None, account_id: Any) -> Account | None:
    query = Account.filter(id=account_id)
    return await (query.using_db(tx) if tx is not None else query).first()


async def plan_items(
    order: Order, items: Iterable[OrderItem], on: date, tx: BaseDBAsyncClient | None = None
) -> dict[Any, list[PlannedLine]]:
    """B1: each item's lines as activation on `on` writes them (zero amounts are left out)."""
    items = list(items)
    products = await products_by_id(i.product_id for i in items)
    account = await _account(tx, order.account_id)
    day = account.billing_day_of_month if account else None
    plans: dict[Any, list[PlannedLine]] = {}
    for item in items:
        start, end = item_span(item, order)
        product = products[item.product_id]
        terms = ItemTerms(
            total=item.total_price,
            recurring=product.type == ProductType.RECURRING,
            frequency=_frequency(
                item.billing_frequency, order.billing_frequency, account.billing_frequency if account else None
            ),
            start=start,
            end=end,
            timing=timing_of(product.billing_timing),
        )
        plans[item.id] = [line for line in schedule(terms, on, day) if line.amount != 0]
    return plans


def _row(order: Order, item: OrderItem, line: PlannedLine, position: int, reason: str) -> BillingLine:
    return BillingLine(
        order_item_id=item.id,
        quote_line_id=item.quote_line_id,
        order_id=order.id,
        account_id=order.account_id,
        currency=order.currency,
        kind=BillingLineKind.CREDIT if line.amount < 0 else BillingLineKind.CHARGE,
        status=BillingLineStatus.UNBILLED,
        position=position,
        period_start=line.period_start,
        period_end=line.period_end,
        invoice_date=line.invoice_date,
        amount=line.amount,
        reason=reason,
    )


async def create_schedules(tx: BaseDBAsyncClient, order: Order, items: list[OrderItem]) -> None:
    """B1: called once by the activation effect (states.py); a re-activated order is re-billed."""
    on = order.activated_at.date() if order.activated_at else today()
    await rebill(tx, order, items, on, "ACTIVATION")


async def rebill(
    tx: BaseDBAsyncClient, order: Order, items: list[OrderItem], on: date, reason: str, cancel: bool = False
) -> list[BillingLine]:
    """B6: void the items' unbilled lines and write what is left to bill so that every item's
    non-void lines sum to its total (0 with `cancel`). Periods already invoiced are not billed
    again; the difference on them is one adjustment line on `on` (a CREDIT line when negative,
    invoiced as a credit note). For amendments (C9) and terminations (C11) call it after the
    items' totals changed."""
    ids = [i.id for i in items]
    existing = await BillingLine.filter(order_item_id__in=ids).exclude(status=BillingLineStatus.VOID).using_db(tx)
    now = datetime.now(UTC)
    await (
        BillingLine.filter(order_item_id__in=ids, status=BillingLineStatus.UNBILLED)
        .using_db(tx)
        .update(status=BillingLineStatus.VOID, voided_at=now)
    )
    invoiced = [line for line in existing if line.status == BillingLineStatus.INVOICED]
    plans = {i.id: [] for i in items} if cancel else await plan_items(order, items, on, tx)
    rows: list[BillingLine] = []
    for item in items:
        billed = [line for line in invoiced if line.order_item_id == item.id]
        offset = sum(1 for line in existing if line.order_item_id == item.id)
        rows.extend(_item_rows(order, item, plans[item.id], billed, on, reason, cancel, offset))
    await BillingLine.bulk_create(rows, using_db=tx)
    return rows


def _item_rows(
    order: Order,
    item: OrderItem,
    plan: list[PlannedLine],
    billed: list[BillingLine],
    on: date,
    reason: str,
    cancel: bool,
    offset: int,
) -> list[BillingLine]:
    billed_periods = {line.period_start for line in billed if line.reason != "ADJUSTMENT"}
    todo = [line for line in plan if line.period_start not in billed_periods]
    target = ZERO if cancel else item.total_price
    adjustment = target - sum((line.amount for line in billed), ZERO) - sum((line.amount for line in todo), ZERO)
    rows = [_row(order, item, line, offset + n, reason) for n, line in enumerate(todo, 1)]
    if adjustment != 0:
        rows.append(_row(order, item, PlannedLine(0, on, on, on, adjustment), offset + len(rows) + 1, "ADJUSTMENT"))
    return rows


async def follow_change(tx: BaseDBAsyncClient, order: Order, items: list[OrderItem], reason: str) -> None:
    """B6 for in-flight changes (I1) and cancellations (I2): re-bill an order that has a schedule."""
    if await BillingLine.filter(order_id=order.id).using_db(tx).exists():
        await rebill(tx, order, items, today(), reason)


async def credit_for(
    tx: BaseDBAsyncClient, order: Order, item: OrderItem, amount: Decimal, on: date, reason: str
) -> BillingLine:
    """B6: a credit line of `amount` (> 0) for an item (C9 negative amendment delta, C11 termination),
    invoiced as a credit note by the next invoice run due on or after `on`."""
    if amount <= 0:
        raise invalid("A credit is a positive amount.", "amount")
    count = await BillingLine.filter(order_item_id=item.id).using_db(tx).count()
    line = _row(order, item, PlannedLine(0, on, on, on, -amount), count + 1, reason)
    await line.save(using_db=tx)
    return line


async def cancel_schedules(tx: BaseDBAsyncClient, order: Order, items: list[OrderItem]) -> None:
    """B6 on deactivation (A2): unbilled lines are voided, invoiced ones credited back."""
    await rebill(tx, order, items, today(), "DEACTIVATION", cancel=True)


class BillingScheduleService:
    @requires(Permission.READ)
    async def preview(self, actor: Actor, data: bc.PreviewSchedule) -> list[tuple[Any, PlannedLine]]:
        """B1: the lines activation today would write, for a draft order or a quote; writes nothing."""
        if (data.order_id is None) == (data.quote_id is None):
            raise invalid("Give either a quoteId or an orderId.", "orderId")
        if data.order_id is not None:
            order = await get_scoped(actor, Order.all(), data.order_id, "Order", "orderId")
            items = list(await OrderItem.filter(order_id=order.id).order_by("position"))
            if order.status != OrderStatus.DRAFT:
                return [(i, line) for i in items for line in await _current(i)]
            plans = await plan_items(order, items, today())
            return [(i, line) for i in items for line in plans[i.id]]
        quote = await get_scoped(actor, Quote.all(), data.quote_id, "Quote", "quoteId")
        lines = list(await QuoteLine.filter(quote_id=quote.id).order_by("position"))
        plans = await plan_items(_quote_as_order(quote), lines, today())  # type: ignore[arg-type]
        return [(line, planned) for line in lines for planned in plans[line.id]]


async def _current(item: OrderItem) -> list[PlannedLine]:
    rows = await BillingLine.filter(order_item_id=item.id).exclude(status=BillingLineStatus.VOID).order_by("position")
    return [PlannedLine(r.position, r.period_start, r.period_end, r.invoice_date, r.amount) for r in rows]


def _quote_as_order(quote: Quote) -> Order:
    """The order a quote would become (O8: every line at the quote's dates), for the preview only."""
    return Order(
        id=quote.id,
        account_id=quote.account_id,
        currency=quote.currency,
        start_date=quote.start_date,
        end_date=None,
        billing_frequency=quote.billing_frequency,
    )


billing_schedules = BillingScheduleService()
