"""Pure calculations behind Q3, Q7, O8 and O10."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.services import pricing
from models.enums import ProductType


def test_q3_months_between_examples():
    assert pricing.months_between(date(2017, 1, 1), date(2018, 1, 10)) == 13
    assert pricing.months_between(date(2016, 7, 1), date(2017, 6, 30)) == 12
    assert pricing.months_between(date(2026, 1, 31), date(2026, 2, 27)) == 1


def test_q7_end_for_term_examples():
    assert pricing.end_for_term(date(2026, 1, 1), 12) == date(2026, 12, 31)
    assert pricing.end_for_term(date(2026, 1, 31), 1) == date(2026, 2, 27)


def test_o10_unprorated_net_price_example():
    assert pricing.unprorated_net_price(Decimal(120), 12, 6) == Decimal("60.000000")


def test_q3_unit_price_examples():
    assert pricing.unit_price(ProductType.RECURRING, Decimal(120), Decimal(10), 24, 12) == Decimal("216.000000")
    assert pricing.unit_price(ProductType.ONE_TIME, Decimal(50), Decimal(20), 24, 12) == Decimal("40.000000")


def test_o8_seed_example_keeps_the_365_day_term():
    start, end = pricing.shift_item_dates(date(2016, 8, 1), date(2016, 7, 1), date(2016, 7, 1), date(2017, 6, 30))
    assert (start, end) == (date(2016, 8, 1), date(2017, 7, 31))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(min_value=1, max_value=120))
def test_q7_a_term_round_trips_through_its_dates(start, months):
    assert pricing.months_between(start, pricing.end_for_term(start, months)) == months


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=-400, max_value=400),
)
def test_o8_shift_keeps_length(line_start, length, offset):
    line_end = line_start + timedelta(days=length)
    start, end = pricing.shift_item_dates(line_start + timedelta(days=offset), line_start, line_start, line_end)
    assert end - start == line_end - line_start


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.decimals(min_value=0, max_value=10**4, places=6))
def test_line_total_is_rounded_half_up_to_cents(quantity, unit):
    total = pricing.line_total(quantity, unit)
    assert total.as_tuple().exponent == -2
    assert abs(total - quantity * unit) <= Decimal("0.005")
