"""Object types of purchase orders and credit (B4, B5) and the fields they add to Account and Order."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from app.services.credit import on_hold
from app.services.receivables import in_currency
from schema.accounts import Account
from schema.relations import loaders, to_one

if TYPE_CHECKING:
    from schema.billing import Invoice

InvoiceRef = Annotated["Invoice", strawberry.lazy("schema.billing")]


@strawberry.type(name="CurrencyAmount")
class CurrencyAmount:
    currency: str
    amount: Decimal


@strawberry.type(name="PurchaseOrder")
class PurchaseOrder:
    id: strawberry.ID
    number: str
    amount: Decimal
    currency: str
    valid_from: date
    valid_to: date
    created_at: datetime
    account_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "PurchaseOrder":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            amount=m.amount,
            currency=m.currency,
            valid_from=m.valid_from,
            valid_to=m.valid_to,
            created_at=m.created_at,
            account_id=m.account_id,
        )

    @strawberry.field
    async def remaining_amount(self, info: Info) -> Decimal:
        return self.amount - await loaders(info).po_drawn_by_id.load(self.id)

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)


@strawberry.type(name="Payment")
class Payment:
    id: strawberry.ID
    amount: Decimal
    currency: str
    received_on: date
    created_at: datetime
    account_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Payment":
        return cls(
            id=strawberry.ID(str(m.id)),
            amount=m.amount,
            currency=m.currency,
            received_on=m.received_on,
            created_at=m.created_at,
            account_id=m.account_id,
        )

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field
    async def allocations(self, info: Info) -> list["PaymentAllocation"]:
        rows = await loaders(info).allocations_by_payment.load(self.id)
        return [PaymentAllocation.from_model(r) for r in rows]


@strawberry.type(name="PaymentAllocation")
class PaymentAllocation:
    id: strawberry.ID
    amount: Decimal
    payment_id: strawberry.Private[Any]
    invoice_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "PaymentAllocation":
        return cls(id=strawberry.ID(str(m.id)), amount=m.amount, payment_id=m.payment_id, invoice_id=m.invoice_id)

    @strawberry.field
    def payment(self, info: Info) -> Payment:
        return to_one(info, Payment, loaders(info).payment_by_id, self.payment_id)

    @strawberry.field
    def invoice(self, info: Info) -> InvoiceRef:
        from schema.billing import Invoice

        return to_one(info, Invoice, loaders(info).invoice_by_id, self.invoice_id)


async def payments_of(info: Info, account_id: Any) -> list[Payment]:
    """Account.payments (B3)."""
    return [Payment.from_model(p) for p in await loaders(info).payments_by_account.load(account_id)]


async def allocations_to(info: Info, invoice_id: Any) -> list[PaymentAllocation]:
    """Invoice.payments (B3): what each payment paid of this invoice."""
    return [PaymentAllocation.from_model(a) for a in await loaders(info).allocations_by_invoice.load(invoice_id)]


async def purchase_orders_of(info: Info, account_id: Any) -> list[PurchaseOrder]:
    """Account.purchaseOrders (B4)."""
    return [PurchaseOrder.from_model(p) for p in await loaders(info).purchase_orders_by_account.load(account_id)]


def purchase_order_of(info: Info, purchase_order_id: Any) -> Any:
    """Order.purchaseOrder (B4): null when none is attached or it is outside the caller's scope."""
    return to_one(info, PurchaseOrder, loaders(info).purchase_order_by_id, purchase_order_id, nullable=True)


async def open_receivables_of(info: Info, account_id: Any, currency: str) -> Decimal:
    """Account.openReceivables (B3): in the account's currency only (no exchange rates)."""
    return in_currency(await loaders(info).open_receivables_by_currency.load(account_id), currency)


async def open_receivables_by_currency_of(info: Info, account_id: Any) -> list[CurrencyAmount]:
    """Account.openReceivablesByCurrency (B3): every currency with a nonzero open balance, by currency."""
    totals = await loaders(info).open_receivables_by_currency.load(account_id)
    return [CurrencyAmount(currency=c, amount=totals[c]) for c in sorted(totals)]


async def credit_hold_of(info: Info, order: Any) -> bool:
    """Order.creditHold (B5): would activating this order be refused now (without an override)?"""
    if order.status != "DRAFT":
        return False
    account = await loaders(info).account_by_id.load(order.account_id)
    if account is None or account.credit_limit is None:
        return False
    receivables = await open_receivables_of(info, order.account_id, account.currency)
    return on_hold(order, account.currency, account.credit_limit, receivables)
