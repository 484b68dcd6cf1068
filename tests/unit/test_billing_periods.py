"""B1: periods, alignment, proration and the exact-sum split (app/services/billing_periods.py)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.services.billing_periods import ItemTerms, PlannedLine, periods, schedule
from app.services.pricing import end_for_term
from models.enums import BillingFrequency, BillingTiming

RECURRING = [BillingFrequency.MONTHLY, BillingFrequency.QUARTERLY, BillingFrequency.SEMIANNUAL, BillingFrequency.ANNUAL]
starts = st.dates(min_value=date(1999, 1, 1), max_value=date(2090, 12, 31))
days_of_month = st.one_of(st.none(), st.integers(min_value=1, max_value=28))
totals = st.decimals(min_value=-(10**7), max_value=10**7, places=2)


def _terms(
    total: Decimal, frequency: BillingFrequency, start: date, end: date, timing: BillingTiming = BillingTiming.ADVANCE
) -> ItemTerms:
    return ItemTerms(total=total, recurring=True, frequency=frequency, start=start, end=end, timing=timing)


def test_b1_domain_example_prorates_the_first_period_aligned_to_the_15th():
    lines = schedule(
        _terms(Decimal("1200.00"), BillingFrequency.MONTHLY, date(2016, 4, 20), date(2017, 4, 19)), date(2016, 4, 1), 15
    )
    assert (lines[0].period_start, lines[0].period_end, lines[0].amount) == (
        date(2016, 4, 20),
        date(2016, 5, 14),
        Decimal("83.33"),
    )
    assert [line.amount for line in lines[1:12]] == [Decimal("100.00")] * 11
    assert lines[1].period_start == date(2016, 5, 15)
    assert (lines[-1].period_start, lines[-1].period_end, lines[-1].amount) == (
        date(2017, 4, 15),
        date(2017, 4, 19),
        Decimal("16.67"),
    )
    assert sum(line.amount for line in lines) == Decimal("1200.00")
    assert all(line.invoice_date == line.period_start for line in lines)


def test_b1_month_ends_follow_the_calendar_jan_31_to_feb_28_or_29():
    for year, february_end in ((2023, 28), (2024, 29)):
        spans = periods(date(year, 1, 31), date(year, 4, 30), 1)
        assert [s.start for s in spans][:3] == [date(year, 1, 31), date(year, 2, february_end), date(year, 3, 31)]


def test_b1_one_time_items_get_one_line_at_activation():
    terms = ItemTerms(total=Decimal("50.00"), recurring=False, frequency=None, start=None, end=None)
    assert schedule(terms, date(2026, 3, 9)) == [
        PlannedLine(1, date(2026, 3, 9), date(2026, 3, 9), date(2026, 3, 9), Decimal("50.00"))
    ]


@given(starts, st.integers(min_value=1, max_value=60), st.sampled_from(RECURRING), days_of_month, totals)
def test_b1_lines_sum_exactly_with_no_gaps_and_no_overlaps(start, term, frequency, day, total):
    end = end_for_term(start, term)
    lines = schedule(_terms(total, frequency, start, end), start, day)
    assert sum(line.amount for line in lines) == total
    assert lines[0].period_start == start and lines[-1].period_end == end
    for before, after in zip(lines, lines[1:], strict=False):
        assert after.period_start == before.period_end + timedelta(days=1)
    assert all(line.period_start <= line.period_end for line in lines)
    assert [line.position for line in lines] == list(range(1, len(lines) + 1))


@given(
    starts, st.integers(min_value=1, max_value=60), st.sampled_from(RECURRING), st.integers(min_value=1, max_value=28)
)
def test_b1_periods_after_the_first_start_on_the_billing_day(start, term, frequency, day):
    spans = periods(
        start, end_for_term(start, term), {"MONTHLY": 1, "QUARTERLY": 3, "SEMIANNUAL": 6, "ANNUAL": 12}[frequency], day
    )
    assert all(s.start.day == day for s in spans[1:])
    assert all(s.days <= s.full_days for s in spans)


@given(
    starts, st.integers(min_value=1, max_value=48), days_of_month, st.decimals(min_value=1, max_value=10**5, places=2)
)
def test_b1_full_monthly_periods_bill_the_monthly_price(start, term, day, monthly):
    total = monthly * term
    lines = schedule(_terms(total, BillingFrequency.MONTHLY, start, end_for_term(start, term)), start, day)
    assert all(line.amount == monthly for line in lines[1:-1])
    if day is None or day == start.day:
        assert len(lines) == term and lines[0].amount == monthly


@given(starts, st.integers(min_value=1, max_value=60), st.sampled_from(RECURRING), days_of_month, totals)
def test_b1_arrears_lines_are_invoice_ready_the_day_after_their_period(start, term, frequency, day, total):
    end = end_for_term(start, term)
    advance = schedule(_terms(total, frequency, start, end), start, day)
    arrears = schedule(_terms(total, frequency, start, end, BillingTiming.ARREARS), start, day)
    # The same periods and amounts; only the invoice date moves to the period end + 1 day.
    assert [(a.period_start, a.period_end, a.amount) for a in arrears] == [
        (a.period_start, a.period_end, a.amount) for a in advance
    ]
    assert all(line.invoice_date == line.period_end + timedelta(days=1) for line in arrears)
    assert all(line.invoice_date == line.period_start for line in advance)


def test_b1_one_time_items_get_one_line_at_activation_in_arrears_too():
    terms = ItemTerms(
        total=Decimal("50.00"), recurring=False, frequency=None, start=None, end=None, timing=BillingTiming.ARREARS
    )
    assert schedule(terms, date(2026, 3, 9)) == [
        PlannedLine(1, date(2026, 3, 9), date(2026, 3, 9), date(2026, 3, 9), Decimal("50.00"))
    ]
