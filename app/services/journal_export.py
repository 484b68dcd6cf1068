"""B7: the journal export for a period, as CSV lines streamed a chunk of source rows at a time. The
facts come from posted invoices, credit notes and payments; the entries from app/services/journal.py."""

import csv
import io
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.auth import Actor, Permission
from app.errors import invalid
from app.services.journal import HEADER, InvoiceFacts, JournalRow, LineFacts, PaymentFacts, invoice_entry, payment_entry
from models import Invoice, InvoiceLine, Payment

CHUNK = 500
MAX_DAYS = 3660


def _csv(rows: Iterable[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def period(start: str | None, end: str | None) -> tuple[date, date]:
    """`from` and `to` (ISO dates, both included): VALIDATION_ERROR when missing, malformed or reversed."""
    try:
        first, last = date.fromisoformat(start or ""), date.fromisoformat(end or "")
    except ValueError:
        raise invalid("Give from and to as dates (YYYY-MM-DD).", "from") from None
    if last < first or (last - first).days > MAX_DAYS:
        raise invalid(f"to must be on or after from, at most {MAX_DAYS} days later.", "to")
    return first, last


async def _lines_of(invoices: list[Invoice]) -> dict[Any, tuple[LineFacts, ...]]:
    """Each invoice's lines; a credit note without lines reverses the lines of the invoice it corrects."""
    sources = {i.id: i.id for i in invoices}
    sources.update({i.id: i.corrects_id for i in invoices if i.corrects_id})
    rows = await InvoiceLine.filter(invoice_id__in=set(sources.values())).order_by("invoice_id", "position")
    by_invoice: dict[Any, list[InvoiceLine]] = defaultdict(list)
    for row in rows:
        by_invoice[row.invoice_id].append(row)
    out: dict[Any, tuple[LineFacts, ...]] = {}
    for invoice in invoices:
        own = by_invoice.get(invoice.id)
        sign = 1 if own else -1
        lines = own or by_invoice.get(sources[invoice.id], [])
        out[invoice.id] = tuple(LineFacts(r.period_start, r.period_end, sign * r.amount) for r in lines)
    return out


async def _invoice_rows(first: date, last: date) -> AsyncIterator[list[JournalRow]]:
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    query = Invoice.filter(posted_at__gte=start, posted_at__lt=end).order_by("posted_at", "id")
    offset = 0
    while chunk := list(await query.offset(offset).limit(CHUNK)):
        offset += len(chunk)
        lines = await _lines_of(chunk)
        rows: list[JournalRow] = []
        for i in chunk:
            posted_on = i.posted_at.astimezone(UTC).date() if i.posted_at else first
            facts = InvoiceFacts(
                str(i.id), i.number or str(i.id), str(i.kind), i.currency, posted_on, i.total, lines[i.id]
            )
            rows += invoice_entry(facts)
        yield rows


async def _payment_rows(first: date, last: date) -> AsyncIterator[list[JournalRow]]:
    query = Payment.filter(received_on__gte=first, received_on__lte=last).order_by("received_on", "created_at", "id")
    offset = 0
    while chunk := list(await query.offset(offset).limit(CHUNK)):
        offset += len(chunk)
        rows: list[JournalRow] = []
        for p in chunk:
            rows += payment_entry(PaymentFacts(str(p.id), p.currency, p.received_on, p.amount))
        yield rows


async def journal_csv(actor: Actor, first: date, last: date) -> AsyncIterator[str]:
    """B7: the header, then every posted invoice's and credit note's entry, then every payment's."""
    actor.require(Permission.MANAGE_BILLING)
    yield _csv([HEADER])
    async for rows in _invoice_rows(first, last):
        yield _csv(r.csv_values() for r in rows)
    async for rows in _payment_rows(first, last):
        yield _csv(r.csv_values() for r in rows)
