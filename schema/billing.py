"""Object types of billing (B1, B2): schedule lines, invoices, their lines and their events."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from app.services.states import INVOICE_STATES
from models.enums import BillingLineKind, BillingLineStatus, InvoiceEventType, InvoiceKind, InvoiceStatus
from schema.accounts import Account
from schema.common import StreamEvent
from schema.documents import Document
from schema.relations import loaders, to_one
from schema.sales import QuoteLine

if TYPE_CHECKING:
    from schema.orders import OrderItem
    from schema.purchasing import PaymentAllocation

OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]
PaymentAllocationRef = Annotated["PaymentAllocation", strawberry.lazy("schema.purchasing")]

strawberry.enum(BillingLineKind)
strawberry.enum(BillingLineStatus)
strawberry.enum(InvoiceKind)
strawberry.enum(InvoiceStatus)
strawberry.enum(InvoiceEventType)


@strawberry.type
class BillingLine:
    id: strawberry.ID | None
    position: int
    period_start: date
    period_end: date
    invoice_date: date
    amount: Decimal
    kind: BillingLineKind
    status: BillingLineStatus
    reason: str
    order_item_id: strawberry.Private[Any]
    quote_line_id: strawberry.Private[Any]
    invoice_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "BillingLine":
        return cls(
            id=strawberry.ID(str(m.id)),
            position=m.position,
            period_start=m.period_start,
            period_end=m.period_end,
            invoice_date=m.invoice_date,
            amount=m.amount,
            kind=m.kind,
            status=m.status,
            reason=m.reason,
            order_item_id=m.order_item_id,
            quote_line_id=m.quote_line_id,
            invoice_id=m.invoice_id,
        )

    @classmethod
    def from_plan(cls, source: Any, line: Any, from_quote: bool) -> "BillingLine":
        return cls(
            id=None,
            position=line.position,
            period_start=line.period_start,
            period_end=line.period_end,
            invoice_date=line.invoice_date,
            amount=line.amount,
            kind=BillingLineKind.CREDIT if line.amount < 0 else BillingLineKind.CHARGE,
            status=BillingLineStatus.UNBILLED,
            reason="ACTIVATION",
            order_item_id=None if from_quote else source.id,
            quote_line_id=source.id if from_quote else None,
            invoice_id=None,
        )

    @strawberry.field
    def order_item(self, info: Info) -> OrderItemRef | None:
        from schema.orders import OrderItem

        return to_one(info, OrderItem, loaders(info).order_item_by_id, self.order_item_id, nullable=True)

    @strawberry.field
    def quote_line(self, info: Info) -> QuoteLine | None:
        return to_one(info, QuoteLine, loaders(info).quote_line_by_id, self.quote_line_id, nullable=True)

    @strawberry.field
    def invoice(self, info: Info) -> "Invoice | None":
        return to_one(info, Invoice, loaders(info).invoice_by_id, self.invoice_id, nullable=True)


@strawberry.type
class InvoiceLine:
    id: strawberry.ID
    position: int
    description: str
    period_start: date
    period_end: date
    amount: Decimal
    order_item_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "InvoiceLine":
        return cls(
            id=strawberry.ID(str(m.id)),
            position=m.position,
            description=m.description,
            period_start=m.period_start,
            period_end=m.period_end,
            amount=m.amount,
            order_item_id=m.order_item_id,
        )

    @strawberry.field
    def order_item(self, info: Info) -> OrderItemRef | None:
        from schema.orders import OrderItem

        return to_one(info, OrderItem, loaders(info).order_item_by_id, self.order_item_id, nullable=True)


@strawberry.type
class Invoice:
    id: strawberry.ID
    number: str | None
    kind: InvoiceKind
    status: InvoiceStatus
    currency: str
    total: Decimal
    balance: Decimal
    as_of: date
    posted_at: datetime | None
    voided_at: datetime | None
    created_at: datetime
    version: int
    account_id: strawberry.Private[Any]
    corrects_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Invoice":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            kind=m.kind,
            status=m.status,
            currency=m.currency,
            total=m.total,
            balance=m.balance,
            as_of=m.as_of,
            posted_at=m.posted_at,
            voided_at=m.voided_at,
            created_at=m.created_at,
            version=m.version,
            account_id=m.account_id,
            corrects_id=m.corrects_id,
        )

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field
    def corrects(self, info: Info) -> "Invoice | None":
        return to_one(info, Invoice, loaders(info).invoice_by_id, self.corrects_id, nullable=True)

    @strawberry.field
    async def lines(self, info: Info) -> list[InvoiceLine]:
        return [InvoiceLine.from_model(r) for r in await loaders(info).invoice_lines_by_invoice.load(self.id)]

    @strawberry.field
    def next_statuses(self) -> list[InvoiceStatus]:
        return INVOICE_STATES.next_statuses(self.status)

    @strawberry.field(description="B2/C8: the PDFs rendered from this invoice (renderDocument), newest first.")
    async def documents(self, info: Info) -> list[Document]:
        return [Document.from_model(d) for d in await loaders(info).documents_by_object.load(self.id)]

    @strawberry.field(description="B2/B3: this invoice's events, oldest first; a cursor resumes `invoiceEvents`.")
    async def events(self, info: Info) -> list["InvoiceEvent"]:
        return [InvoiceEvent.from_model(e) for e in await loaders(info).invoice_events_by_invoice.load(self.id)]

    @strawberry.field
    async def payments(self, info: Info) -> list[PaymentAllocationRef]:
        from schema.purchasing import allocations_to

        return await allocations_to(info, self.id)


@strawberry.type(description="B2/B3: one change on an invoice's own stream; `cursor` resumes `invoiceEvents`.")
class InvoiceEvent(StreamEvent):
    subject_field = "invoice_id"
    type: InvoiceEventType
    previous_status: InvoiceStatus | None
    status: InvoiceStatus | None
    invoice_id: strawberry.Private[Any]

    @strawberry.field
    async def invoice(self, info: Info) -> Invoice | None:
        row = await self.shared_row if self.shared_row is not None else None
        row = row or await loaders(info).invoice_by_id.load(self.invoice_id)
        return Invoice.from_model(row) if row else None
