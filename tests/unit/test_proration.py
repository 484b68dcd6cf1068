"""C9: proration by days, half-up once on the total."""

from datetime import date
from decimal import Decimal

import pytest

from app.services.proration import days_inclusive, prorate

START, END = date(2026, 1, 1), date(2026, 12, 31)


def test_c9_amendment_delta_is_prorated_by_days():
    assert days_inclusive(START, END) == 365
    assert days_inclusive(date(2026, 7, 1), END) == 184
    assert prorate(Decimal(5) * Decimal("1200.00"), date(2026, 7, 1), END, START) == Decimal("3024.66")


def test_c9_a_decrease_prorates_to_a_credit():
    assert prorate(Decimal(-2) * Decimal("1200.00"), date(2026, 7, 1), END, START) == Decimal("-1209.86")


def test_c9_whole_term_and_last_day():
    assert prorate(Decimal("1200.00"), START, END, START) == Decimal("1200.00")
    assert prorate(Decimal("365.00"), END, END, START) == Decimal("1.00")


def test_c9_rounding_is_half_up_once_on_the_total():
    # 0.03 x 1 / 2 = 0.015 -> 0.02
    assert prorate(Decimal("0.03"), date(2026, 1, 2), date(2026, 1, 2), date(2026, 1, 1)) == Decimal("0.02")


def test_c9_effective_date_outside_the_span_is_refused():
    with pytest.raises(ValueError):
        prorate(Decimal(1), date(2027, 1, 1), END, START)
