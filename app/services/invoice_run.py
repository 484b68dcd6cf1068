"""B2: the invoice run. For an as-of date every due (invoice date <= asOf), unbilled, non-void
schedule line is invoiced: one DRAFT invoice per account and currency for the charges, one DRAFT
credit note for the credit lines (B6), each with a CREATED event on the invoice stream (`invoiceEvents`).
A line gets its invoice in the same transaction, so a second
run invoices nothing twice; on PostgreSQL runs queue on an advisory lock and the due lines are
locked, so a concurrent change (B6 rebill) waits for the run.

Statements do not grow with the number of lines: one SELECT of the due lines, one of their
products, one bulk INSERT of invoices, one executemany INSERT of invoice lines, one UPDATE per invoice,
and one INSERT of all the run's events (app/services/event_rows.py).
"""

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.services import billing_commands as bc
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import BillingLine, Invoice, InvoiceLine, OrderItem
from models.enums import BillingLineKind, BillingLineStatus, InvoiceEventType, InvoiceKind, InvoiceStatus

INVOICE_RUN_LOCK_KEY = 0x0B2_1_4E  # B2: one invoice run at a time (pg_advisory_xact_lock)
LINE_COLUMNS = (
    "id", "invoice_id", "billing_line_id", "order_item_id", "position", "description", "period_start", "period_end",
    "amount",
)  # fmt: skip
LINE_FIELDS = ("id", "account_id", "currency", "kind", "order_item_id", "period_start", "period_end", "amount")


async def _due_lines(tx: BaseDBAsyncClient, as_of: date) -> list[dict[str, Any]]:
    query = BillingLine.filter(status=BillingLineStatus.UNBILLED, invoice_id=None, invoice_date__lte=as_of)
    query = query.using_db(tx).order_by("account_id", "invoice_date", "order_item_id", "position")
    if tx.capabilities.dialect == "postgres":
        await tx.execute_query("SELECT pg_advisory_xact_lock($1)", [INVOICE_RUN_LOCK_KEY])
        query = query.select_for_update()
    return list(await query.values(*LINE_FIELDS))


async def _descriptions(tx: BaseDBAsyncClient, item_ids: set[Any]) -> dict[Any, str]:
    rows = await OrderItem.filter(id__in=list(item_ids)).using_db(tx).values("id", "product__name", "order__number")
    return {r["id"]: f"{r['order__number']} {r['product__name']}"[:200] for r in rows}


def _group(lines: list[dict[str, Any]]) -> dict[tuple[Any, str, InvoiceKind], list[dict[str, Any]]]:
    groups: dict[tuple[Any, str, InvoiceKind], list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        kind = InvoiceKind.CREDIT_NOTE if line["kind"] == BillingLineKind.CREDIT else InvoiceKind.INVOICE
        groups[(line["account_id"], line["currency"], kind)].append(line)
    return groups


async def invoice_run(as_of: date, uow: UnitOfWork) -> list[Invoice]:
    """B2 as a plain function inside the caller's unit of work; the daily run calls it too.
    Returns the invoices this run created (none when nothing is due)."""
    using = uow.tx
    lines = await _due_lines(using, as_of)
    if not lines:
        return []
    names = await _descriptions(using, {line["order_item_id"] for line in lines})
    invoices: list[Invoice] = []
    invoice_lines: list[dict[str, Any]] = []
    for (account_id, currency, kind), group in _group(lines).items():
        total = sum((line["amount"] for line in group), Decimal("0.00"))
        invoice = Invoice(
            account_id=account_id, currency=currency, kind=kind, status=InvoiceStatus.DRAFT,
            total=total, balance=total, as_of=as_of,
        )  # fmt: skip
        invoices.append(invoice)
        invoice_lines.extend(_invoice_line(invoice, n, line, names) for n, line in enumerate(group, 1))
    await Invoice.bulk_create(invoices, using_db=using)
    await _insert_lines(using, invoice_lines)
    by_invoice: dict[Any, list[Any]] = defaultdict(list)
    for row in invoice_lines:
        by_invoice[row["invoice_id"]].append(row["billing_line_id"])
    for invoice_id, ids in by_invoice.items():
        await (
            BillingLine.filter(id__in=ids, status=BillingLineStatus.UNBILLED)
            .using_db(using)
            .update(status=BillingLineStatus.INVOICED, invoice_id=invoice_id)
        )
    for invoice in invoices:
        uow.record(invoice, InvoiceEventType.CREATED, _created(invoice, len(by_invoice[invoice.id])))
    return invoices


def _created(invoice: Invoice, lines: int) -> dict[str, Any]:
    return {"kind": invoice.kind.value, "total": f"{invoice.total:f}", "currency": invoice.currency, "lines": lines}


def _invoice_line(invoice: Invoice, position: int, line: dict[str, Any], names: dict[Any, str]) -> dict[str, Any]:
    return {
        "id": uuid4(),
        "invoice_id": invoice.id,
        "billing_line_id": line["id"],
        "order_item_id": line["order_item_id"],
        "position": position,
        "description": f"{names.get(line['order_item_id'], '')} {line['period_start']}..{line['period_end']}",
        "period_start": line["period_start"],
        "period_end": line["period_end"],
        "amount": line["amount"],
    }


async def _insert_lines(tx: BaseDBAsyncClient, rows: list[dict[str, Any]]) -> None:
    """One multi-row INSERT statement (executemany) without building a model object per line: the
    values are converted by the model's own fields, as bulk_create would."""
    fields = InvoiceLine._meta.fields_map
    uuid_field = fields["id"]
    converters = {column: fields.get(column, uuid_field) for column in LINE_COLUMNS}
    created = datetime.now(UTC)
    # A plain datetime column converts the stamp (created_at's own field would stamp "now" itself).
    stamp = Invoice._meta.fields_map["posted_at"].to_db_value(created, Invoice)
    marks = [f"${n}" if tx.capabilities.dialect == "postgres" else "?" for n in range(1, len(LINE_COLUMNS) + 2)]
    names = ", ".join(f'"{c}"' for c in (*LINE_COLUMNS, "created_at"))
    sql = f'INSERT INTO "invoice_line" ({names}) VALUES ({", ".join(marks)})'
    values = [[converters[c].to_db_value(row[c], InvoiceLine) for c in LINE_COLUMNS] + [stamp] for row in rows]
    await tx.execute_many(sql, values)


class InvoiceRunService:
    @requires(Permission.MANAGE_BILLING)
    async def run(self, actor: Actor, data: bc.RunInvoices) -> list[Invoice]:
        """B2: `runInvoices {asOf}`: the invoices this run created."""
        async with unit_of_work(actor) as uow:
            return await invoice_run(data.as_of, uow)


invoice_runs = InvoiceRunService()
