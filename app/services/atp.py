"""F1: available-to-promise as plain calculations (no I/O), unit-tested in tests/unit/test_atp.py."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

Receipt = tuple[date, Decimal]  # (available on, quantity)


def atp_on(on_hand: Decimal, reserved: Decimal, receipts: Iterable[Receipt], on: date) -> Decimal:
    """F1: ATP on a date = on hand + receipts available by then - reserved."""
    incoming = sum((q for day, q in receipts if day <= on), Decimal(0))
    return on_hand + incoming - reserved


def promise_date(
    on_hand: Decimal, reserved: Decimal, receipts: Iterable[Receipt], quantity: Decimal, today: date
) -> date | None:
    """F1: the earliest date (today or later) when `quantity` is available in full; None when the
    known receipts never make it. Receipts dated today or earlier count as on hand."""
    pending = sorted(receipts)
    available = atp_on(on_hand, reserved, pending, today)
    if available >= quantity:
        return today
    for day, q in pending:
        if day <= today:
            continue
        available += q
        if available >= quantity:
            return day
    return None
