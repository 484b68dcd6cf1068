"""B7: the journal export for a period, as CSV lines streamed a chunk of source rows at a time. The
facts come from posted invoices, credit notes and payments; the entries from app/services/journal.py.
Recognition entries dated within the period come from the invoices and credit notes posted by its end
whose lines (or the corrected invoice's) are still being served in its first month or later, never from
every invoice ever posted."""

import csv
import io
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from app.auth import Actor, Permission
from app.errors import invalid
from app.services.journal import (
    HEADER,
    InvoiceFacts,
    JournalRow,
    LineFacts,
    PaymentFacts,
    invoice_entry,
    payment_entry,
    recognition_entries,
)
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


def _facts(invoice: Invoice, lines: tuple[LineFacts, ...], fallback: date) -> InvoiceFacts:
    posted_on = invoice.posted_at.astimezone(UTC).date() if invoice.posted_at else fallback
    number = invoice.number or str(invoice.id)
    return InvoiceFacts(str(invoice.id), number, str(invoice.kind), invoice.currency, posted_on, invoice.total, lines)


def _day_after(last: date) -> datetime:
    return datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)


async def _keyset(query: QuerySet[Any], keys: tuple[str, ...]) -> AsyncIterator[list[Any]]:
    """Pages of `query` (ordered by `keys`, the last one unique) of CHUNK rows, each page read after the
    last row of the one before, never by OFFSET: every page costs the same however deep it is."""
    page = query
    while chunk := list(await page.limit(CHUNK)):
        yield chunk
        if len(chunk) < CHUNK:
            return
        end = chunk[-1]
        after = [
            Q(**{k: getattr(end, k) for k in keys[:n]}, **{f"{key}__gt": getattr(end, key)})
            for n, key in enumerate(keys)
        ]
        page = query.filter(Q(*after, join_type="OR"))


async def _invoice_rows(first: date, last: date) -> AsyncIterator[list[JournalRow]]:
    start = datetime.combine(first, time.min, tzinfo=UTC)
    query = Invoice.filter(posted_at__gte=start, posted_at__lt=_day_after(last)).order_by("posted_at", "id")
    async for chunk in _keyset(query, ("posted_at", "id")):
        lines = await _lines_of(chunk)
        rows: list[JournalRow] = []
        for i in chunk:
            rows += invoice_entry(_facts(i, lines[i.id], first))
        yield rows


def _recognising(first: date, last: date) -> QuerySet[Invoice]:
    """Invoices and credit notes posted by `last` with a line (own, or of the invoice a credit note
    corrects) ending on or after the first of `first`'s month: only they recognise revenue in the period
    (a line's last recognition is on the first month end on or after its end)."""

    def serving() -> Subquery:
        return Subquery(InvoiceLine.filter(period_end__gte=first.replace(day=1)).values("invoice_id"))

    recent = Q(id__in=serving()) | Q(corrects_id__in=serving())
    return Invoice.filter(recent, posted_at__lt=_day_after(last)).order_by("posted_at", "id")


async def _recognition_rows(first: date, last: date) -> AsyncIterator[list[JournalRow]]:
    """B7: the recognition entries dated within [first, last], a page of CHUNK invoices at a time."""
    # The ids are read once (the line filter is not re-run for every page), then the invoices a page at a time.
    ids = list(await _recognising(first, last).values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(await Invoice.filter(id__in=ids[start : start + CHUNK]).order_by("posted_at", "id"))
        lines = await _lines_of(chunk)
        rows: list[JournalRow] = []
        for i in chunk:
            rows += recognition_entries(_facts(i, lines[i.id], first), within=(first, last))
        yield rows


async def _payment_rows(first: date, last: date) -> AsyncIterator[list[JournalRow]]:
    query = Payment.filter(received_on__gte=first, received_on__lte=last).order_by("received_on", "created_at", "id")
    async for chunk in _keyset(query, ("received_on", "created_at", "id")):
        rows: list[JournalRow] = []
        for p in chunk:
            rows += payment_entry(PaymentFacts(str(p.id), p.currency, p.received_on, p.amount))
        yield rows


async def journal_csv(actor: Actor, first: date, last: date) -> AsyncIterator[str]:
    """B7: the header, then every posted invoice's and credit note's entry, then the recognition entries,
    then every payment's."""
    actor.require(Permission.MANAGE_BILLING)
    yield _csv([HEADER])
    async for rows in _invoice_rows(first, last):
        yield _csv(r.csv_values() for r in rows)
    async for rows in _recognition_rows(first, last):
        yield _csv(r.csv_values() for r in rows)
    async for rows in _payment_rows(first, last):
        yield _csv(r.csv_values() for r in rows)
