"""O5, O6, O8, O9, O10: how a selection of quote lines becomes orders and order items.

Pure: takes loaded rows and returns a plan; `ordering.py` loads, locks and writes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.errors import DomainError, ErrorCode
from app.services import pricing
from models import Product, Quote, QuoteLine
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
class PriorSegment:
    """An item already ordered (in another order) for an MDQ segment line."""

    segment_key: str
    segment_index: int
    start_date: date | None
    end_date: date | None


def split_value(quote: Quote, line: QuoteLine, product: Product) -> str | None:
    """O5: the value a line is split on; None puts it with the other blank lines."""
    if quote.order_by_quote_line_group:
        return f"GROUP={line.group_id}" if line.group_id else None  # type: ignore[attr-defined]
    if quote.order_by is None:
        return ""
    value: Any = {
        OrderByField.PRODUCT_FAMILY: product.family,
        OrderByField.BILLING_FREQUENCY: line.billing_frequency,
        OrderByField.PRODUCT_TYPE: product.type,
        OrderByField.START_DATE: line.start_date,
    }[quote.order_by]
    return f"{quote.order_by}={value}" if value not in (None, "") else None


def plan_orders(
    quote: Quote,
    lines: dict[Any, QuoteLine],
    products: dict[Any, Product],
    selection: list[tuple[QuoteLine, Decimal]],
    order_start: date | None,
    prior_segments: list[PriorSegment],
    today: date,
) -> list[PlannedOrder]:
    # O5: a component line goes where its top-level parent goes.
    def root(line: QuoteLine) -> QuoteLine:
        seen = set()
        while line.required_by_id and line.required_by_id in lines and line.id not in seen:  # type: ignore[attr-defined]
            seen.add(line.id)
            line = lines[line.required_by_id]  # type: ignore[attr-defined]
        return line

    buckets: dict[str | None, PlannedOrder] = {}
    for line, quantity in sorted(selection, key=lambda s: s[0].position):
        top = root(line)
        key = split_value(quote, top, products[top.product_id])  # type: ignore[attr-defined]
        order = buckets.setdefault(key, PlannedOrder(split_key=key or None))
        product = products[line.product_id]  # type: ignore[attr-defined]
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
                # O6: blank on the line -> the quote's.
                billing_frequency=line.billing_frequency or quote.billing_frequency,
            )
        )
    # Blank-valued lines form one more order, after the split ones.
    orders = [o for k, o in buckets.items() if k is not None] + ([buckets[None]] if None in buckets else [])
    for order in orders:
        _date_order(order, order_start, today)
    _apply_segments(orders, prior_segments)
    return orders


def _date_order(order: PlannedOrder, order_start: date | None, today: date) -> None:
    """O8: order start = given, else earliest line start, else today; items keep their offsets."""
    starts = [i.line.start_date for i in order.items if i.line.start_date is not None]
    earliest = min(starts) if starts else None
    order.start_date = order_start or earliest or today
    for item in order.items:
        if earliest is None:
            continue
        item.start_date, item.end_date = pricing.shift_item_dates(
            order.start_date, earliest, item.line.start_date, item.line.end_date
        )
    _close_order(order)


def _close_order(order: PlannedOrder) -> None:
    ends = [i.end_date for i in order.items if i.end_date is not None]
    order.end_date = max(ends) if ends else None


def _apply_segments(orders: list[PlannedOrder], prior: list[PriorSegment]) -> None:
    """O9: a later MDQ segment starts after an earlier segment ordered elsewhere, never on or before it."""
    prior_by_key: dict[str, list[PriorSegment]] = defaultdict(list)
    for p in prior:
        prior_by_key[p.segment_key].append(p)
    new_by_key: dict[str, list[PlannedItem]] = defaultdict(list)
    for order in orders:
        for item in order.items:
            if item.line.segment_key and item.line.segment_index is not None:
                new_by_key[item.line.segment_key].append(item)
    for key, items in new_by_key.items():
        placed: list[PlannedItem] = []
        # In segment order, so a segment placed in this call is the floor of the next one too.
        for item in sorted(items, key=lambda i: i.line.segment_index or 0):
            index = item.line.segment_index or 0
            earlier_ends = [p.end_date for p in prior_by_key[key] if p.segment_index < index and p.end_date]
            earlier_ends += [p.end_date for p in placed if (p.line.segment_index or 0) < index and p.end_date]
            placed.append(item)
            if item.start_date is None or not earlier_ends:
                continue
            floor = pricing.add_days(max(earlier_ends), timedelta(days=1))
            if item.start_date < floor:
                length = (item.end_date - item.start_date) if item.end_date else None
                item.start_date = floor
                item.end_date = pricing.add_days(floor, length) if length is not None else None
        spans = [(p.segment_index, p.start_date, p.end_date) for p in prior_by_key[key]]
        spans += [(i.line.segment_index or 0, i.start_date, i.end_date) for i in items]
        check_segment_spans(key, spans)
    for order in orders:
        _close_order(order)


def check_segment_spans(key: str, spans: list[tuple[int, date | None, date | None]]) -> None:
    ordered = sorted(spans, key=lambda s: s[0])
    for (i1, _, end1), (i2, start2, _) in zip(ordered, ordered[1:], strict=False):
        if i1 != i2 and end1 is not None and start2 is not None and start2 <= end1:
            raise DomainError(
                ErrorCode.SEGMENT_OVERLAP,
                f"Segment {i2} of {key} would start on or before segment {i1} ends ({end1}).",
                "startDate",
            )
