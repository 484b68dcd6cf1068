"""B2: posting and voiding invoices along INVOICE_STATES (states.py).

postInvoice numbers a draft gaplessly (INV-000001, the counter row is locked in the posting
transaction) and fixes it: a posted invoice is never edited again. voidInvoice voids a DRAFT, or a
POSTED invoice nothing was paid on; either way its schedule lines become billable again (the next
run invoices them anew). A voided POSTED invoice keeps its number and is corrected by a posted
credit note of the opposite amount (`corrects` points at it), so the books show both (B7).

Every change is an event on the invoice's own stream (`invoiceEvents`), written in the change's
transaction: STATUS_CHANGED for post and void, CREATED for the correcting credit note.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode
from app.services import billing_commands as bc
from app.services.reference_data import next_number
from app.services.scoping import get_scoped
from app.services.states import INVOICE_STATES
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import BillingLine, Invoice
from models.enums import BillingLineStatus, InvoiceEventType, InvoiceKind, InvoiceStatus


def move_invoice(invoice: Invoice, target: InvoiceStatus) -> None:
    INVOICE_STATES.check(invoice.status, target)
    invoice.status = target
    invoice.version += 1


async def _lock(actor: Actor, tx: BaseDBAsyncClient, invoice_id: str) -> Invoice:
    invoice: Invoice = await get_scoped(
        actor, Invoice.all().using_db(tx).select_for_update(), invoice_id, "Invoice", "invoiceId"
    )
    return invoice


async def post(tx: BaseDBAsyncClient, invoice: Invoice) -> None:
    move_invoice(invoice, InvoiceStatus.POSTED)
    invoice.number = await next_number(tx, "invoice")
    invoice.posted_at = datetime.now(UTC)
    invoice.balance = invoice.total
    await invoice.save(using_db=tx)


def figures(invoice: Invoice) -> dict[str, Any]:
    """What an invoice event carries for a dashboard, money as text (never floats)."""
    return {"number": invoice.number, "total": f"{invoice.total:f}", "balance": f"{invoice.balance:f}"}


def status_changed(uow: UnitOfWork, invoice: Invoice, before: InvoiceStatus, **changes: Any) -> None:
    """The event of one invoice status change (B2/B3)."""
    uow.record(invoice, InvoiceEventType.STATUS_CHANGED, {**figures(invoice), **changes}, previous_status=before)


async def _release_lines(tx: BaseDBAsyncClient, invoice: Invoice) -> None:
    await (
        BillingLine.filter(invoice_id=invoice.id)
        .using_db(tx)
        .update(status=BillingLineStatus.UNBILLED, invoice_id=None)
    )


async def _credit_note(uow: UnitOfWork, invoice: Invoice) -> Invoice:
    note = Invoice(
        account_id=invoice.account_id,
        currency=invoice.currency,
        kind=InvoiceKind.CREDIT_NOTE if invoice.kind == InvoiceKind.INVOICE else InvoiceKind.INVOICE,
        status=InvoiceStatus.DRAFT,
        total=-invoice.total,
        balance=Decimal("0.00"),
        as_of=datetime.now(UTC).date(),
        corrects_id=invoice.id,
    )
    await post(uow.tx, note)
    # It settles the voided invoice: nothing of it is left to pay or to refund.
    note.balance = Decimal("0.00")
    await note.save(using_db=uow.tx, update_fields=["balance"])
    changes = {"kind": note.kind.value, "number": note.number, "total": f"{note.total:f}", "corrects": invoice.number}
    uow.record(note, InvoiceEventType.CREATED, changes)
    return note


class InvoiceService:
    @requires(Permission.MANAGE_BILLING)
    async def post(self, actor: Actor, data: bc.InvoiceTransition) -> Invoice:
        """B2: DRAFT -> POSTED with the next gapless number; immutable from then on."""
        async with unit_of_work(actor) as uow:
            invoice = await _lock(actor, uow.tx, data.invoice_id)
            before = invoice.status
            await post(uow.tx, invoice)
            status_changed(uow, invoice, before)
        return invoice

    @requires(Permission.MANAGE_BILLING)
    async def void(self, actor: Actor, data: bc.InvoiceTransition) -> Invoice:
        """B2: DRAFT or unpaid POSTED -> VOID; its lines become billable again."""
        async with unit_of_work(actor) as uow:
            invoice = await _lock(actor, uow.tx, data.invoice_id)
            before = invoice.status
            was_posted = before == InvoiceStatus.POSTED
            if was_posted and invoice.balance != invoice.total:
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Invoice {invoice.number} is partly paid; correct it with a credit note instead.",
                    "invoiceId",
                )
            move_invoice(invoice, InvoiceStatus.VOID)
            invoice.voided_at = datetime.now(UTC)
            invoice.balance = Decimal("0.00")
            await invoice.save(using_db=uow.tx)
            await _release_lines(uow.tx, invoice)
            status_changed(uow, invoice, before)
            if was_posted:
                await _credit_note(uow, invoice)
        return invoice


invoices = InvoiceService()
