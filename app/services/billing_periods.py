"""B1: billing periods, alignment, proration and the exact-sum split. PURE: no I/O.

A RECURRING item is billed one line per period from its start to its end (both counted). Periods
align to the account's billing day of month (1-28) when set, else to the item's start day. A partial
period is prorated by the days it covers / the days of the full period it belongs to; the last line
takes the rounding remainder so an item's lines sum exactly to its total. A line billed in advance
is invoice-ready on its period start, one billed in arrears on its period end + 1 day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from app.services.pricing import months_between, round_money
from models.enums import BillingFrequency, BillingTiming

DAY = timedelta(days=1)
PERIOD_MONTHS: dict[BillingFrequency, int] = {
    BillingFrequency.MONTHLY: 1,
    BillingFrequency.QUARTERLY: 3,
    BillingFrequency.SEMIANNUAL: 6,
    BillingFrequency.ANNUAL: 12,
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    full_days: int  # days of the full period this one is part of

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, kw_only=True)
class ItemTerms:
    """What the schedule of one item depends on."""

    total: Decimal
    recurring: bool
    frequency: BillingFrequency | None
    start: date | None
    end: date | None
    timing: BillingTiming = BillingTiming.ADVANCE


@dataclass(frozen=True)
class PlannedLine:
    position: int
    period_start: date
    period_end: date
    invoice_date: date
    amount: Decimal


def first_boundary(start: date, billing_day: int | None) -> date:
    """The first period start on or after `start`: `start` itself without a billing day."""
    if billing_day is None or start.day == billing_day:
        return start
    candidate = start.replace(day=billing_day)
    return candidate if candidate > start else candidate + relativedelta(months=1)


def periods(start: date, end: date, months: int, billing_day: int | None = None) -> list[Period]:
    """Consecutive periods covering start..end exactly: no gap, no overlap. Boundaries are computed
    from one anchor (anchor + k months), so Jan 31 gives Feb 28/29, then Mar 31."""
    anchor = first_boundary(start, billing_day)
    result: list[Period] = []
    if anchor > start:
        stub_end = min(anchor - DAY, end)
        result.append(Period(start, stub_end, (anchor - (anchor - relativedelta(months=months))).days))
    k = 0
    while anchor + relativedelta(months=months * k) <= end:
        begin = anchor + relativedelta(months=months * k)
        next_begin = anchor + relativedelta(months=months * (k + 1))
        result.append(Period(begin, min(next_begin - DAY, end), (next_begin - begin).days))
        k += 1
    return result


def period_price(total: Decimal, start: date, end: date, months: int) -> Decimal:
    """The price of one full period: the total over the item's term in whole months (Q3)."""
    return total * months / months_between(start, end)


def split(total: Decimal, price: Decimal, spans: list[Period]) -> list[Decimal]:
    """Each period's prorated price, rounded half-up; the last takes the remainder (exact sum)."""
    amounts = [round_money(price * p.days / p.full_days) for p in spans[:-1]]
    amounts.append(total - sum(amounts, Decimal("0.00")))
    return amounts


def invoice_date(period: Period, timing: BillingTiming) -> date:
    """B1: in advance on the period start, in arrears on the period end + 1 day."""
    return period.end + DAY if timing == BillingTiming.ARREARS else period.start


def schedule(terms: ItemTerms, activated_on: date, billing_day: int | None = None) -> list[PlannedLine]:
    """B1: the lines of one item; a RECURRING item's invoice dates follow its timing (invoice_date)."""
    total = round_money(terms.total)
    months = PERIOD_MONTHS.get(terms.frequency) if terms.frequency else None
    if not terms.recurring or terms.start is None:
        return [PlannedLine(1, activated_on, activated_on, activated_on, total)]
    if months is None:  # a RECURRING item billed ONE_TIME: the whole term as one period
        whole = Period(terms.start, max(terms.end or terms.start, terms.start), 0)
        return [PlannedLine(1, whole.start, whole.end, invoice_date(whole, terms.timing), total)]
    end = terms.end if terms.end is not None and terms.end >= terms.start else terms.start
    spans = periods(terms.start, end, months, billing_day)
    amounts = split(total, period_price(total, terms.start, end, months), spans)
    return [
        PlannedLine(n, p.start, p.end, invoice_date(p, terms.timing), a)
        for n, (p, a) in enumerate(zip(spans, amounts, strict=True), 1)
    ]


def timing_of(stored: BillingTiming | str | None) -> BillingTiming:
    """Products made before billing timing have none stored: billed in advance."""
    return BillingTiming(stored) if stored else BillingTiming.ADVANCE


def check_billing_day(day: int | None) -> bool:
    return day is None or 1 <= day <= 28
