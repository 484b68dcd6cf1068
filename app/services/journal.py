"""B7: journal entries from posted invoices, credit notes and payments. Pure functions, no I/O: the
export (app/services/journal_export.py) gathers the facts, these build balanced entries from them.

Every entry is a list of rows whose debits equal its credits:
- an invoice: Dr receivables (its total) / Cr revenue (what its lines' periods served by the entry date,
  prorated by days, end day counted) / Cr deferred revenue (the rest: billed in advance, not yet served);
  a line billed in arrears (B1) is invoiced after its period ended, so it is all revenue;
- a credit note: the same with the sides reversed (its amounts are negative);
- a payment: Dr cash / Cr receivables.
Deferred revenue is recognised at the entry date only; later recognition entries are not emitted.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
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


def payment_entry(payment: PaymentFacts) -> list[JournalRow]:
    """B7: Dr cash / Cr receivables."""
    legs = {CASH: payment.amount, RECEIVABLES: -payment.amount}
    return _rows(f"PAYMENT-{payment.id}", payment.received_on, payment.currency, ("PAYMENT", payment.id), legs)


def journal(invoices: Iterable[InvoiceFacts], payments: Iterable[PaymentFacts]) -> Iterator[JournalRow]:
    """All entries, invoices and credit notes then payments, each balanced."""
    for invoice in invoices:
        yield from invoice_entry(invoice)
    for payment in payments:
        yield from payment_entry(payment)
