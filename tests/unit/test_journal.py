"""B7: journal entries are balanced; revenue billed in advance is deferred until served."""

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
    payment_entry,
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
