"""Pure price and date calculations (Q3, Q7, O8, O10). No I/O: unit- and property-tested."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from app.errors import invalid
from models.enums import ProductType

CENT = Decimal("0.01")
UNIT = Decimal("0.000001")
HUNDRED = Decimal(100)


MAX_AMOUNT = Decimal("1e15")
MAX_TERM_MONTHS = 1200


def round_money(value: Decimal) -> Decimal:
    """Totals are rounded half-up to the minor unit when stored (DOMAIN.md: Money)."""
    if abs(value) >= MAX_AMOUNT:
        raise invalid("An amount of 10^15 or more cannot be stored; split the line.")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def check_term(term: int | None, field: str) -> None:
    if term is not None and not (1 <= term <= MAX_TERM_MONTHS):
        raise invalid(f"A term is 1 to {MAX_TERM_MONTHS} months.", field)


def add_days(day: date, days: timedelta) -> date:
    try:
        return day + days
    except OverflowError:
        raise invalid("That moves a date outside the calendar (year 1 to 9999).", "startDate") from None


def round_unit(value: Decimal) -> Decimal:
    return value.quantize(UNIT, rounding=ROUND_HALF_UP)


def months_between(start: date, end: date) -> int:
    """Q3: whole months covered by an inclusive date range, a partial month rounding up.

    2017-01-01..2018-01-10 -> 13; 2016-07-01..2017-06-30 -> 12.
    """
    delta = relativedelta(end + timedelta(days=1), start)
    months = delta.years * 12 + delta.months
    if delta.days > 0:
        months += 1
    return max(months, 1)


def end_for_term(start: date, term_months: int) -> date:
    """Q7: end = start + term months - 1 day (2026-01-01 with 12 months -> 2026-12-31)."""
    try:
        return start + relativedelta(months=term_months) - timedelta(days=1)
    except (OverflowError, ValueError):
        raise invalid("The term ends outside the calendar (year 1 to 9999).", "subscriptionTerm") from None


def effective_term(
    start: date | None,
    end: date | None,
    line_term: int | None,
    group_term: int | None,
    quote_term: int | None,
    product_default_term: int | None,
) -> int | None:
    """Q3: the first that applies: own dates, own term, group's, quote's, product default."""
    if start is not None and end is not None:
        return months_between(start, end)
    for term in (line_term, group_term, quote_term, product_default_term):
        if term is not None:
            return term
    return None


def unit_price(
    product_type: ProductType,
    list_price: Decimal,
    discount_percent: Decimal | None,
    term: int | None,
    default_term: int | None,
) -> Decimal:
    """Q3: list x (1 - discount %) x (effective term / default term) for RECURRING lines."""
    price = list_price * (1 - (discount_percent or Decimal(0)) / HUNDRED)
    if product_type == ProductType.RECURRING and term and default_term:
        price = price * Decimal(term) / Decimal(default_term)
    return round_unit(price)


def line_total(quantity: Decimal, unit: Decimal) -> Decimal:
    return round_money(quantity * unit)


def unprorated_net_price(unit: Decimal, term: int | None, default_term: int | None) -> Decimal | None:
    """O10: unit price / effective term x product default term (120 / 12 x 6 = 60.00)."""
    if not term or not default_term:
        return None
    return round_unit(unit / Decimal(term) * Decimal(default_term))


def shift_item_dates(
    order_start: date, earliest_line_start: date, line_start: date | None, line_end: date | None
) -> tuple[date | None, date | None]:
    """O8: keep a line's position and length relative to the earliest line start of its order."""
    if line_start is None:
        return None, None
    item_start = add_days(order_start, line_start - earliest_line_start)
    item_end = add_days(item_start, line_end - line_start) if line_end is not None else None
    return item_start, item_end


def sum_totals(items: Iterable[Any]) -> Decimal:
    """An order's total: the sum of its items' totals."""
    return sum((i.total_price for i in items), Decimal("0.00"))
