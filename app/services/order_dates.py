"""O8, D2, D3 and the date half of C5: where an order and its items start and end, and how those
dates flow on to the order's contract. The only code that sets an order's or contract's dates."""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from app.errors import DomainError, ErrorCode, invalid
from app.services import pricing
from models import Contract, Order, Quote


class Dated(Protocol):
    start_date: date | None
    end_date: date | None


def order_start(given: date | None, line_starts: Iterable[date | None], quote_start: date | None, today: date) -> date:
    """O8: the given start, else the earliest line start, else the quote's start date, else today."""
    starts = [s for s in line_starts if s is not None]
    return given or (min(starts) if starts else None) or quote_start or today


def latest_end(items: Iterable[Any]) -> date | None:
    """O8/D2: an order ends with its latest item (items cancelled to zero no longer count)."""
    ends = [i.end_date for i in items if i.end_date is not None and i.quantity > 0]
    return max(ends) if ends else None


def shift(items: Iterable[Dated], delta: timedelta) -> None:
    """D2: moving the order start moves every dated item by the same days, keeping its term."""
    for item in items:
        if item.start_date is not None:
            item.start_date = pricing.add_days(item.start_date, delta)
        if item.end_date is not None:
            item.end_date = pricing.add_days(item.end_date, delta)


def check_starts(start: date | None, items: Sequence[Dated], field: str = "startDate") -> None:
    """D3: an order may not start after any of its items."""
    starts = [i.start_date for i in items if i.start_date is not None]
    if start is not None and starts and start > min(starts):
        raise DomainError(
            ErrorCode.ORDER_START_AFTER_ITEM_START,
            f"The order start {start} is after an item's start {min(starts)} (D3).",
            field,
        )


def hand_set_end(order: Order, items: Iterable[Any]) -> date | None:
    """An end set by hand (later than every item's end) is kept through later edits (D2)."""
    latest = latest_end(items)
    return order.end_date if latest and order.end_date and order.end_date > latest else None


def close(order: Order, items: Sequence[Any], end_date: date | None = None, kept_end: date | None = None) -> None:
    """O8/D2/D3: the order end follows the latest item end unless set by hand, never before it."""
    latest = latest_end(items)
    if end_date is None and kept_end is not None:
        end_date = max(kept_end, latest) if latest else kept_end
    if end_date is None:
        if latest is not None:
            order.end_date = latest
        return
    if latest is not None and end_date < latest:
        raise DomainError(
            ErrorCode.ORDER_END_BEFORE_ITEM_END,
            f"The order end {end_date} is before an item's end {latest} (D3).",
            "endDate",
        )
    if order.start_date and end_date < order.start_date:
        raise invalid("An order cannot end before it starts.", "endDate")
    order.end_date = end_date


def follow_order(contract: Contract, order: Order) -> None:
    """C1/C5: a contract spans its order; its term is recomputed whenever its dates change."""
    contract.start_date, contract.end_date = order.start_date, order.end_date
    contract.term = (
        pricing.months_between(order.start_date, order.end_date) if order.start_date and order.end_date else None
    )


def follow_quote(contract: Contract, quote: Quote, lines: Sequence[Dated]) -> None:
    """C6: a contract requested from a quote spans it: the quote's start (else its earliest line's) to
    its latest line end (else the start plus the quote's term); the term is the quote's, else the span's."""
    starts = [line.start_date for line in lines if line.start_date is not None]
    ends = [line.end_date for line in lines if line.end_date is not None]
    start = quote.start_date or (min(starts) if starts else None)
    end = max(ends) if ends else None
    if end is None and start is not None and quote.subscription_term:
        end = pricing.end_for_term(start, quote.subscription_term)
    contract.start_date, contract.end_date = start, end
    contract.term = quote.subscription_term or (pricing.months_between(start, end) if start and end else None)


def item_span(item: Any, order: Order) -> tuple[date | None, date | None]:
    """C2/C5: a subscription's dates are its item's, else its order's."""
    return item.start_date or order.start_date, item.end_date or order.end_date
