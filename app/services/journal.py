"""B7: journal entries from posted invoices, credit notes and payments. Pure functions, no I/O: the
export (app/services/journal_export.py) gathers the facts, these build balanced entries from them.

Every entry is a list of rows whose debits equal its credits:
- an invoice: Dr receivables (its total) / Cr revenue (what its lines' periods served by the entry date,
  prorated by days, end day counted) / Cr deferred revenue (the rest: billed in advance, not yet served);
  a line billed in arrears (B1) is invoiced after its period ended, so it is all revenue;
- a credit note: the same with the sides reversed (its amounts are negative);
- a payment: Dr cash / Cr receivables;
- a recognition, at each month end after an invoice's or credit note's posting date: Dr deferred
  revenue / Cr revenue (sides reversed when negative) for what its lines' periods served that month.
  Each line's last one is on the first month end on or after its period end, so by telescoping (the
  same `served` rounding at both ends of every month) the recognitions add up exactly to what was
  deferred at posting; a voided invoice's are cancelled by its credit note's from the void onward.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

HEADER = ("entry_id", "date", "account_code", "debit", "credit", "currency", "source_type", "source_id")

CASH = "1000"  # cash at bank
RECEIVABLES = "1200"  # accounts receivable
DEFERRED_REVENUE = "2400"  # billed in advance, not yet served
REVENUE = "4000"  # revenue

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineFacts:
    period_start: date
    period_end: date
    amount: Decimal  # signed: negative on a credit note


@dataclass(frozen=True)
class InvoiceFacts:
    id: str
    number: str
    kind: str  # INVOICE | CREDIT_NOTE
    currency: str
    posted_on: date
    total: Decimal
    lines: tuple[LineFacts, ...]


@dataclass(frozen=True)
class PaymentFacts:
    id: str
    currency: str
    received_on: date
    amount: Decimal


@dataclass(frozen=True)
class JournalRow:
    entry_id: str
    date: date
    account_code: str
    debit: Decimal
    credit: Decimal
    currency: str
    source_type: str
    source_id: str

    def csv_values(self) -> tuple[str, ...]:
        return (
            self.entry_id,
            self.date.isoformat(),
            self.account_code,
            f"{self.debit:.2f}",
            f"{self.credit:.2f}",
            self.currency,
            self.source_type,
            self.source_id,
        )


def served(line: LineFacts, on: date) -> Decimal:
    """The part of a line's amount its period has served by `on` (days, end day counted)."""
    days = (line.period_end - line.period_start).days + 1
    if days <= 0 or on >= line.period_end:
        return line.amount
    used = min(max((on - line.period_start).days + 1, 0), days)
    return (line.amount * used / days).quantize(CENT, rounding=ROUND_HALF_UP)


def _rows(
    entry_id: str, on: date, currency: str, source: tuple[str, str], legs: dict[str, Decimal]
) -> list[JournalRow]:
    """Signed legs (positive = debit) as rows; zero legs are left out."""
    return [
        JournalRow(entry_id, on, code, max(amount, ZERO), max(-amount, ZERO), currency, *source)
        for code, amount in legs.items()
        if amount != 0
    ]


def invoice_entry(invoice: InvoiceFacts) -> list[JournalRow]:
    """B7: Dr receivables / Cr revenue + deferred revenue (reversed for a credit note)."""
    earned = sum((served(line, invoice.posted_on) for line in invoice.lines), ZERO)
    billed = sum((line.amount for line in invoice.lines), ZERO)
    # Whatever the lines do not explain (an invoice without lines) is revenue at once.
    revenue = earned + (invoice.total - billed)
    legs = {RECEIVABLES: invoice.total, REVENUE: -revenue, DEFERRED_REVENUE: -(billed - earned)}
    source = (invoice.kind, invoice.id)
    return _rows(f"{invoice.kind}-{invoice.number}", invoice.posted_on, invoice.currency, source, legs)


def month_end(on: date) -> date:
    """The last day of `on`'s month."""
    first_of_next = (on.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_of_next - timedelta(days=1)


def month_ends(after: date, through: date) -> Iterator[date]:
    """Every month end strictly after `after`, up to the first month end on or after `through`."""
    last = month_end(through)
    day = month_end(after)
    if day == after:
        day = month_end(day + timedelta(days=1))
    while day <= last:
        yield day
        day = month_end(day + timedelta(days=1))


def recognition_entries(invoice: InvoiceFacts, within: tuple[date, date] | None = None) -> list[JournalRow]:
    """B7: at each month end after posting (only those `within` the given days, when given), Dr deferred
    revenue / Cr revenue for what the lines' periods served since the previous month end or the posting
    date, whichever is later; months with nothing to recognise are left out."""
    if not invoice.lines:
        return []
    start, last = invoice.posted_on, date.max
    if within:
        # The month end before the first one within: the previous date every month recognises from.
        start, last = max(start, within[0].replace(day=1) - timedelta(days=1)), within[1]
    rows: list[JournalRow] = []
    source = (invoice.kind, invoice.id)
    before = sum((served(line, start) for line in invoice.lines), ZERO)
    for day in month_ends(start, max(line.period_end for line in invoice.lines)):
        if day > last:
            break
        now = sum((served(line, day) for line in invoice.lines), ZERO)
        legs = {DEFERRED_REVENUE: now - before, REVENUE: before - now}
        rows += _rows(f"RECOGNITION-{invoice.number}-{day:%Y-%m}", day, invoice.currency, source, legs)
        before = now
    return rows


def payment_entry(payment: PaymentFacts) -> list[JournalRow]:
    """B7: Dr cash / Cr receivables."""
    legs = {CASH: payment.amount, RECEIVABLES: -payment.amount}
    return _rows(f"PAYMENT-{payment.id}", payment.received_on, payment.currency, ("PAYMENT", payment.id), legs)


def journal(invoices: Iterable[InvoiceFacts], payments: Iterable[PaymentFacts]) -> Iterator[JournalRow]:
    """All entries, each balanced: every invoice's and credit note's posting and recognitions, then payments."""
    for invoice in invoices:
        yield from invoice_entry(invoice)
        yield from recognition_entries(invoice)
    for payment in payments:
        yield from payment_entry(payment)
