"""O5, O6, O8, O10: how a selection of quote lines becomes orders and order items; C9: how an
amendment quote becomes one order of deltas.

Pure: takes loaded rows and returns a plan; `create_orders.py` loads, locks and writes.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.services import order_dates, pricing, segments
from app.services.proration import prorate
from models import Product, Quote, QuoteLine, QuoteLineGroup
from models.enums import BillingFrequency, OrderByField


@dataclass
class PlannedItem:
    line: QuoteLine
    product: Product
    quantity: Decimal
    unit_price: Decimal
    total_price: Decimal
    unprorated_net_price: Decimal | None
    billing_frequency: BillingFrequency | None
    start_date: date | None = None
    end_date: date | None = None


@dataclass
class PlannedOrder:
    split_key: str | None
    items: list[PlannedItem] = field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None

    @property
    def total_amount(self) -> Decimal:
        return sum((i.total_price for i in self.items), Decimal("0.00"))


@dataclass
class QuoteContext:
    """The quote-level defaults a line falls back on (Q4, Q7, O6)."""

    quote: Quote
    lines: dict[Any, QuoteLine]
    products: dict[Any, Product]
    groups: dict[Any, QuoteLineGroup]

    def billing_frequency(self, line: QuoteLine) -> BillingFrequency | None:
        """O6: the line's billing frequency, else its product's, else the quote's."""
        product = self.products[line.product_id]
        return line.billing_frequency or product.billing_frequency or self.quote.billing_frequency

    def start_date(self, line: QuoteLine) -> date | None:
        """Q7: the line's start date, else its group's, else the quote's."""
        group = self.groups.get(line.group_id) if line.group_id else None
        return line.start_date or (group.start_date if group else None) or self.quote.start_date

    def split_value(self, line: QuoteLine) -> str | None:
        """O5: the value a line is split on, after defaults; None puts it with the other blank lines."""
        quote = self.quote
        if quote.order_by_quote_line_group:
            return f"GROUP={line.group_id}" if line.group_id else None
        if quote.order_by is None:
            return ""
        product = self.products[line.product_id]
        value: Any = {
            OrderByField.PRODUCT_FAMILY: lambda: product.family,
            OrderByField.BILLING_FREQUENCY: lambda: self.billing_frequency(line),
            OrderByField.PRODUCT_TYPE: lambda: product.type,
            OrderByField.START_DATE: lambda: self.start_date(line),
        }[quote.order_by]()
        return f"{quote.order_by}={value}" if value not in (None, "") else None

    def root(self, line: QuoteLine) -> QuoteLine:
        """O5: a component line goes where its top-level parent goes."""
        seen = set()
        while line.required_by_id and line.required_by_id in self.lines and line.id not in seen:
            seen.add(line.id)
            line = self.lines[line.required_by_id]
        return line


def plan_orders(
    ctx: QuoteContext,
    selection: list[tuple[QuoteLine, Decimal]],
    given_start: date | None,
    prior_segments: list[segments.Span],
    today: date,
) -> list[PlannedOrder]:
    buckets: dict[str | None, PlannedOrder] = {}
    for line, quantity in sorted(selection, key=lambda s: s[0].position):
        key = ctx.split_value(ctx.root(line))
        order = buckets.setdefault(key, PlannedOrder(split_key=key or None))
        product = ctx.products[line.product_id]
        order.items.append(
            PlannedItem(
                line=line,
                product=product,
                quantity=quantity,
                unit_price=line.unit_price,
                total_price=pricing.line_total(quantity, line.unit_price),
                unprorated_net_price=pricing.unprorated_net_price(
                    line.unit_price, line.effective_term, product.default_subscription_term
                ),
                billing_frequency=ctx.billing_frequency(line),
            )
        )
    # Blank-valued lines form one more order, after the split ones.
    orders = [o for k, o in buckets.items() if k is not None] + ([buckets[None]] if None in buckets else [])
    for order in orders:
        _date_order(order, given_start, ctx.quote.start_date, today)
    segments.place([i for o in orders for i in o.items], prior_segments)  # O9
    for order in orders:
        order.end_date = order_dates.latest_end(order.items)
    return orders


def _date_order(order: PlannedOrder, given_start: date | None, quote_start: date | None, today: date) -> None:
    """O8: items keep their position and length relative to the order's earliest line start."""
    line_starts = [i.line.start_date for i in order.items if i.line.start_date is not None]
    order.start_date = order_dates.order_start(given_start, line_starts, quote_start, today)
    if not line_starts:
        return
    earliest = min(line_starts)
    for item in order.items:
        item.start_date, item.end_date = pricing.shift_item_dates(
            order.start_date, earliest, item.line.start_date, item.line.end_date
        )


@dataclass(frozen=True)
class AmendedSpan:
    """C9: the contract's dates and the amendment's effective date."""

    contract_start: date
    effective: date
    end: date


def plan_amendment(
    ctx: QuoteContext, held: dict[Any, Decimal], prices: dict[Any, Decimal], span: AmendedSpan
) -> PlannedOrder:
    """C9: an amendment quote becomes ONE order of deltas per product: the quote's quantity less what
    the contract holds (`held`), zero deltas dropped. A delta is priced at the contract's full-term unit
    price (`prices`; a product the amendment adds keeps its quote line's whole-term price, Q3) and its
    total is prorated by days from the effective date to the contract's end; a decrease is a credit."""
    by_product: dict[Any, list[QuoteLine]] = {}
    for line in sorted(ctx.lines.values(), key=lambda x: x.position):
        by_product.setdefault(line.product_id, []).append(line)
    order = PlannedOrder(split_key=None, start_date=span.effective, end_date=span.end)
    for product_id, lines in by_product.items():
        delta = sum((x.quantity for x in lines), Decimal(0)) - held.get(product_id, Decimal(0))
        if delta == 0:
            continue
        unit = prices.get(product_id, lines[0].unit_price)
        order.items.append(
            PlannedItem(
                line=lines[0],
                product=ctx.products[product_id],
                quantity=delta,
                unit_price=unit,
                total_price=prorate(delta * unit, span.effective, span.end, span.contract_start),
                unprorated_net_price=unit,
                billing_frequency=ctx.billing_frequency(lines[0]),
                start_date=span.effective,
                end_date=span.end,
            )
        )
    return order
