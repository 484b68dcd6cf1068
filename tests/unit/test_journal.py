"""B7: journal entries are balanced; revenue billed in advance is deferred until served, then recognised
at each month end until its periods are served."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.services.billing_periods import ItemTerms, schedule
from app.services.journal import (
    CASH,
    DEFERRED_REVENUE,
    RECEIVABLES,
    REVENUE,
    InvoiceFacts,
    LineFacts,
    PaymentFacts,
    invoice_entry,
    journal,
    month_end,
    payment_entry,
    recognition_entries,
)
from models.enums import BillingFrequency, BillingTiming

D = Decimal


def legs(rows):
    return {r.account_code: (r.debit, r.credit) for r in rows}


def balanced(rows):
    by_entry = defaultdict(lambda: [D(0), D(0)])
    for r in rows:
        by_entry[r.entry_id][0] += r.debit
        by_entry[r.entry_id][1] += r.credit
    return all(debit == credit for debit, credit in by_entry.values())


def deferred(rows):
    """Deferred revenue's balance over the rows (debits - credits of 2400: negative = still owed as service)."""
    return sum((r.debit - r.credit for r in rows if r.account_code == DEFERRED_REVENUE), D(0))


def invoice(lines, posted_on=date(2026, 1, 1), kind="INVOICE", total=None):
    total = sum((line.amount for line in lines), D("0.00")) if total is None else total
    return InvoiceFacts("i1", "INV-000001", kind, "USD", posted_on, total, tuple(lines))


def test_b7_an_invoice_for_served_periods_is_all_revenue():
    rows = invoice_entry(invoice([LineFacts(date(2025, 12, 1), date(2025, 12, 31), D("100.00"))]))
    assert legs(rows) == {RECEIVABLES: (D("100.00"), D(0)), REVENUE: (D(0), D("100.00"))}
    assert rows[0].csv_values() == (
        "INVOICE-INV-000001",
        "2026-01-01",
        RECEIVABLES,
        "100.00",
        "0.00",
        "USD",
        "INVOICE",
        "i1",
    )


def test_b7_billed_in_advance_is_deferred_until_served():
    # A year billed up front, posted on its first day: 1 of 365 days served.
    rows = invoice_entry(invoice([LineFacts(date(2026, 1, 1), date(2026, 12, 31), D("365.00"))]))
    assert legs(rows) == {
        RECEIVABLES: (D("365.00"), D(0)),
        REVENUE: (D(0), D("1.00")),
        DEFERRED_REVENUE: (D(0), D("364.00")),
    }
    assert balanced(rows)


def test_b7_an_arrears_invoice_books_straight_to_revenue():
    # B1 in arrears: a quarter of 300.00 a month, each line invoiced on its invoice date (period end + 1 day).
    terms = ItemTerms(
        total=D("900.00"),
        recurring=True,
        frequency=BillingFrequency.MONTHLY,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        timing=BillingTiming.ARREARS,
    )
    for line in schedule(terms, date(2026, 1, 1)):
        rows = invoice_entry(invoice([LineFacts(line.period_start, line.period_end, line.amount)], line.invoice_date))
        assert legs(rows) == {RECEIVABLES: (D("300.00"), D(0)), REVENUE: (D(0), D("300.00"))}
        assert balanced(rows)


def test_b7_a_credit_note_reverses_the_sides():
    note = invoice([LineFacts(date(2026, 1, 1), date(2026, 1, 10), D("-100.00"))], kind="CREDIT_NOTE")
    rows = invoice_entry(note)
    assert legs(rows) == {
        RECEIVABLES: (D(0), D("100.00")),
        REVENUE: (D("10.00"), D(0)),
        DEFERRED_REVENUE: (D("90.00"), D(0)),
    }
    assert balanced(rows)


def test_b7_a_payment_is_cash_against_receivables():
    rows = payment_entry(PaymentFacts("p1", "EUR", date(2026, 2, 3), D("42.50")))
    assert legs(rows) == {CASH: (D("42.50"), D(0)), RECEIVABLES: (D(0), D("42.50"))}
    assert {r.currency for r in rows} == {"EUR"} and rows[0].entry_id == "PAYMENT-p1"


def test_b7_deferred_revenue_is_recognised_at_each_month_end():
    # A year billed up front, posted on its first day: 364.00 deferred, recognised month by month.
    year = invoice([LineFacts(date(2026, 1, 1), date(2026, 12, 31), D("365.00"))])
    rows = recognition_entries(year)
    assert [(r.entry_id, str(r.date)) for r in rows[:2]] == [
        ("RECOGNITION-INV-000001-2026-01", "2026-01-31"),
        ("RECOGNITION-INV-000001-2026-01", "2026-01-31"),
    ]
    assert legs(rows[:2]) == {DEFERRED_REVENUE: (D("30.00"), D(0)), REVENUE: (D(0), D("30.00"))}
    assert legs(rows[2:4]) == {DEFERRED_REVENUE: (D("28.00"), D(0)), REVENUE: (D(0), D("28.00"))}
    assert len({r.entry_id for r in rows}) == 12 and rows[-1].date == date(2026, 12, 31)
    assert {(r.source_type, r.source_id) for r in rows} == {("INVOICE", "i1")}
    assert deferred(invoice_entry(year) + rows) == 0 and balanced(rows)


def test_b7_a_credit_note_recognition_reverses_the_sides():
    note = invoice([LineFacts(date(2026, 1, 1), date(2026, 2, 28), D("-59.00"))], kind="CREDIT_NOTE")
    rows = recognition_entries(note)
    assert legs(rows[:2]) == {DEFERRED_REVENUE: (D(0), D("30.00")), REVENUE: (D("30.00"), D(0))}
    assert rows[0].entry_id == "RECOGNITION-INV-000001-2026-01" and rows[0].source_type == "CREDIT_NOTE"
    assert deferred(invoice_entry(note) + rows) == 0


def test_b7_served_periods_need_no_recognition():
    assert recognition_entries(invoice([LineFacts(date(2025, 12, 1), date(2025, 12, 31), D("100.00"))])) == []
    assert recognition_entries(invoice([], total=D("5.00"))) == []


def test_b7_a_voided_invoice_recognition_is_cancelled_by_its_credit_note():
    # Posted 2026-01-10, voided 2026-04-20: the credit note reverses the lines from the void onward.
    year = [LineFacts(date(2026, 1, 10), date(2027, 1, 9), D("1200.00"))]
    posted = invoice(year, date(2026, 1, 10))
    reversed_lines = tuple(LineFacts(line.period_start, line.period_end, -line.amount) for line in year)
    note = InvoiceFacts("c1", "INV-000002", "CREDIT_NOTE", "USD", date(2026, 4, 20), D("-1200.00"), reversed_lines)
    rows = list(journal([posted, note], []))
    assert deferred(rows) == 0 and balanced(rows)
    after_void = [r for r in rows if r.date > date(2026, 4, 30)]
    assert after_void and deferred(after_void) == 0  # each later month: the invoice's and the note's cancel out


amounts = st.decimals(min_value=D("-100000"), max_value=D("100000"), places=2)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def lines(draw):
    start = draw(days)
    end = draw(st.dates(min_value=start, max_value=date(2031, 12, 31)))
    return LineFacts(start, end, draw(amounts))


@given(st.lists(lines(), max_size=6), days, amounts, st.lists(amounts, max_size=3))
def test_b7_debits_equal_credits_in_every_entry(items, posted_on, extra, paid):
    invoices = [invoice(items, posted_on), invoice(items, posted_on, total=sum((i.amount for i in items), extra))]
    payments = [PaymentFacts(f"p{n}", "USD", posted_on, a) for n, a in enumerate(paid)]
    rows = list(journal(invoices[:1], payments)) + invoice_entry(invoices[1])
    assert balanced(rows)
    assert all(r.debit >= 0 and r.credit >= 0 and not (r.debit and r.credit) for r in rows)


@given(st.lists(lines(), min_size=1, max_size=6), days, st.sampled_from(["INVOICE", "CREDIT_NOTE"]), days, days)
def test_b7_recognitions_add_up_to_what_was_deferred_at_posting(items, posted_on, kind, first, last):
    facts = invoice(items, posted_on, kind)
    rows = recognition_entries(facts)
    # An export's period gets exactly the entries dated within it.
    assert recognition_entries(facts, (first, last)) == [r for r in rows if first <= r.date <= last]
    assert deferred(rows) == -deferred(invoice_entry(facts))
    assert balanced(rows)
    last = month_end(max(line.period_end for line in items))
    assert all(posted_on < r.date <= last and r.date == month_end(r.date) for r in rows)
    assert len({r.entry_id for r in rows}) == len({r.date for r in rows})
