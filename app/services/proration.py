"""C9: proration of an amendment's delta by days. Pure: no I/O, unit-tested in tests/unit."""

from datetime import date
from decimal import Decimal

from app.services.pricing import round_money


def days_inclusive(start: date, end: date) -> int:
    """Days from `start` to `end`, both counted (2026-01-01..2026-12-31 -> 365)."""
    return (end - start).days + 1


def prorate(total_full_term: Decimal, effective: date, end: date, start: date) -> Decimal:
    """C9: `total_full_term` x (days effective..end) / (days start..end), every day inclusive, rounded
    half-up to cents once, on the total (5 x 1,200.00 x 184 / 365 = 3,024.66). A negative total (a
    decrease) gives a negative amount: a credit."""
    if not start <= effective <= end:
        raise ValueError("The effective date lies outside start..end.")
    return round_money(total_full_term * days_inclusive(effective, end) / days_inclusive(start, end))
