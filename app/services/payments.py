"""B3: payments. A payment is applied to POSTED invoices of its account and currency, wholly or partly,
across several invoices; no invoice is paid beyond its balance (OVERPAYMENT) and the allocations never
exceed the payment (ALLOCATIONS_EXCEED_PAYMENT). An invoice whose balance reaches zero is PAID (the
invoice status table, states.py). What is not allocated stays on the account as unapplied cash."""

from datetime import UTC, datetime
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid, not_found
from app.services.catalog import _currency
from app.services.invoices import figures, move_invoice, status_changed
from app.services.pricing import round_money
from app.services.purchasing_commands import RecordPayment
from app.services.scoping import get_scoped, parse_id, scoped
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import Account, Invoice, Payment, PaymentAllocation
from models.enums import InvoiceEventType, InvoiceKind, InvoiceStatus


def _check_allocations(data: RecordPayment) -> dict[str, Decimal]:
    """Amounts per invoice id (as text): positive, each invoice once, together within the payment."""
    if data.amount <= 0:
        raise invalid("A payment's amount must be positive.", "amount")
    amounts: dict[str, Decimal] = {}
    for n, allocation in enumerate(data.allocations):
        where = f"allocations[{n}]"
        key = str(parse_id(allocation.invoice_id, "Invoice", f"{where}.invoiceId"))
        if key in amounts:
            raise invalid("Allocate to each invoice once.", f"{where}.invoiceId")
        if allocation.amount <= 0:
            raise invalid("An allocated amount must be positive.", f"{where}.amount")
        amounts[key] = round_money(allocation.amount)
    allocated = sum(amounts.values(), Decimal(0))
    if allocated > round_money(data.amount):
        raise DomainError(
            ErrorCode.ALLOCATIONS_EXCEED_PAYMENT,
            f"The allocations ({allocated:f}) exceed the payment ({round_money(data.amount):f}) (B3).",
            "allocations",
        )
    return amounts


async def _lock_invoices(actor: Actor, tx: BaseDBAsyncClient, ids: list[str]) -> dict[str, Invoice]:
    """The invoices paid, locked until commit in primary-key order (no deadlocks), inside the
    caller's scope (S3: another account's invoice reads as NOT_FOUND)."""
    visible = {
        str(i) for i in await scoped(actor, Invoice.filter(id__in=ids)).using_db(tx).values_list("id", flat=True)
    }
    rows = await Invoice.filter(id__in=[i for i in ids if i in visible]).using_db(tx).select_for_update().order_by("id")
    return {str(r.id): r for r in rows}


def _apply(invoice: Invoice | None, payment: Payment, amount: Decimal, where: str) -> None:
    """B3: one allocation against one invoice: a POSTED invoice of the payment's account and currency,
    within its balance; PAID when its balance reaches zero."""
    if invoice is None:
        raise not_found("Invoice", f"{where}.invoiceId")
    if invoice.account_id != payment.account_id or invoice.currency != payment.currency:
        raise invalid(
            f"Invoice {invoice.number or invoice.id} is not an invoice of this account in {payment.currency}.",
            f"{where}.invoiceId",
        )
    if invoice.status != InvoiceStatus.POSTED or invoice.kind != InvoiceKind.INVOICE:
        raise invalid(
            f"Invoice {invoice.number or invoice.id} is {invoice.status}; only POSTED invoices are paid.",
            f"{where}.invoiceId",
        )
    if amount > invoice.balance:
        raise DomainError(
            ErrorCode.OVERPAYMENT,
            f"Invoice {invoice.number} has {invoice.balance:f} left to pay, not {amount:f} (B3).",
            f"{where}.amount",
        )
    invoice.balance -= amount
    if invoice.balance == 0:
        move_invoice(invoice, InvoiceStatus.PAID)
    else:
        invoice.version += 1


class PaymentService:
    @requires(Permission.MANAGE_BILLING)
    async def record(self, actor: Actor, data: RecordPayment) -> Payment:
        """B3: record a payment and apply it to the account's posted invoices, all or nothing."""
        amounts = _check_allocations(data)
        currency = _currency(data.currency, "currency")
        async with unit_of_work(actor) as uow:
            account: Account = await get_scoped(
                actor, Account.all().using_db(uow.tx), data.account_id, "Account", "accountId"
            )
            payment = Payment(
                account_id=account.id,
                amount=round_money(data.amount),
                currency=currency,
                received_on=data.received_on or datetime.now(UTC).date(),
            )
            await payment.save(using_db=uow.tx)
            invoices = await _lock_invoices(actor, uow.tx, list(amounts))
            allocations = []
            for n, (invoice_id, amount) in enumerate(amounts.items()):
                _apply(invoices.get(invoice_id), payment, amount, f"allocations[{n}]")
                allocations.append(
                    PaymentAllocation(payment_id=payment.id, invoice_id=invoice_id, position=n, amount=amount)
                )
            if allocations:
                await PaymentAllocation.bulk_create(allocations, using_db=uow.tx)
                paid = list(invoices.values())
                await Invoice.bulk_update(paid, fields=["balance", "status", "version"], using_db=uow.tx)
                for allocation in allocations:
                    _record_applied(uow, invoices[str(allocation.invoice_id)], payment, allocation.amount)
        return payment


def _record_applied(uow: UnitOfWork, invoice: Invoice, payment: Payment, amount: Decimal) -> None:
    """B3 on the invoice stream: STATUS_CHANGED when the payment settled it, else PAYMENT_APPLIED."""
    paid = {"paymentId": str(payment.id), "amount": f"{amount:f}"}
    if invoice.status == InvoiceStatus.PAID:
        status_changed(uow, invoice, InvoiceStatus.POSTED, **paid)
        return
    uow.record(invoice, InvoiceEventType.PAYMENT_APPLIED, {**figures(invoice), **paid})


payments = PaymentService()
