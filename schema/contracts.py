"""Object types of what orders turn into: contracts (with their signatories, obligations, milestones
and events, C6/C7), subscriptions, assets; and order versions."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from app.services.obligations import is_overdue
from app.services.states import CONTRACT_STATES
from models.enums import (
    AssetStatus,
    ContractEventType,
    ContractStatus,
    ObligationStatus,
    OrderStatus,
    OrderType,
    SignatoryKind,
    SubscriptionStatus,
)
from schema.accounts import Account
from schema.catalog import Product
from schema.common import StreamEvent
from schema.documents import Document
from schema.relations import loaders, to_one
from schema.sales import Opportunity, Quote

if TYPE_CHECKING:
    from schema.orders import Order, OrderItem

OrderRef = Annotated["Order", strawberry.lazy("schema.orders")]
OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]

strawberry.enum(ContractStatus)
strawberry.enum(AssetStatus)
strawberry.enum(SubscriptionStatus)
strawberry.enum(ContractEventType)
strawberry.enum(SignatoryKind)
strawberry.enum(ObligationStatus)


@strawberry.type
class FromOrderItem:
    """What a subscription and an asset share: the product and the order item they came from."""

    product_id: strawberry.Private[Any]
    order_item_id: strawberry.Private[Any]

    @strawberry.field
    def product(self, info: Info) -> Product:
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)

    @strawberry.field
    def order_item(self, info: Info) -> OrderItemRef | None:
        from schema.orders import OrderItem

        return to_one(info, OrderItem, loaders(info).order_item_by_id, self.order_item_id, nullable=True)


@strawberry.type(
    name="ContractSubscription",
    description="C2: a RECURRING order item under contract. (The root `Subscription` type holds the live "
    "operations, hence this name.)",
)
class Subscription(FromOrderItem):
    id: strawberry.ID
    quantity: Decimal
    start_date: date | None
    end_date: date | None
    net_price: Decimal
    ordered_quantity: Decimal = strawberry.field(
        description="C10: how much of this position orders drawn from the contract have taken."
    )
    previous_end_date: date | None = strawberry.field(
        description="C11: the end date a termination cut short (null when it was not cut short)."
    )
    status: SubscriptionStatus = strawberry.field(
        description="C5: CANCELLED when its order item was cancelled; the row and its last quantity stay."
    )
    contract_id: strawberry.Private[Any]
    revises_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Subscription":
        return cls(
            id=strawberry.ID(str(m.id)),
            status=m.status,
            ordered_quantity=m.ordered_quantity,
            previous_end_date=m.previous_end_date,
            revises_id=m.revises_id,
            quantity=m.quantity,
            start_date=m.start_date,
            end_date=m.end_date,
            net_price=m.net_price,
            product_id=m.product_id,
            order_item_id=m.order_item_id,
            contract_id=m.contract_id,
        )

    @strawberry.field
    def contract(self, info: Info) -> "Contract | None":
        return to_one(info, Contract, loaders(info).contract_by_id, self.contract_id, nullable=True)

    @strawberry.field(description="C9: the subscription this delta subscription changes (null for an original).")
    def revises(self, info: Info) -> "Subscription | None":
        return to_one(info, Subscription, loaders(info).subscription_by_id, self.revises_id, nullable=True)


@strawberry.type
class Asset(FromOrderItem):
    id: strawberry.ID
    quantity: Decimal
    status: AssetStatus
    created_at: datetime

    @classmethod
    def from_model(cls, m: Any) -> "Asset":
        return cls(
            id=strawberry.ID(str(m.id)),
            quantity=m.quantity,
            status=m.status,
            created_at=m.created_at,
            product_id=m.product_id,
            order_item_id=m.order_item_id,
        )


@strawberry.type(description="C6: who signs a contract sent for signature.")
class Signatory:
    id: strawberry.ID
    name: str
    email: str
    kind: SignatoryKind
    signed_at: datetime | None

    @classmethod
    def from_model(cls, m: Any) -> "Signatory":
        return cls(id=strawberry.ID(str(m.id)), name=m.name, email=m.email, kind=m.kind, signed_at=m.signed_at)


@strawberry.type(description="C7: an obligation of a contract; OVERDUE is derived, never stored.")
class Obligation:
    id: strawberry.ID
    title: str
    due_date: date
    status: ObligationStatus
    owner_key_id: strawberry.ID | None
    contract_id: strawberry.Private[Any]
    row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Obligation":
        owner = strawberry.ID(str(m.owner_key_id)) if m.owner_key_id else None
        return cls(
            id=strawberry.ID(str(m.id)),
            title=m.title,
            due_date=m.due_date,
            status=m.status,
            owner_key_id=owner,
            contract_id=m.contract_id,
            row=m,
        )

    @strawberry.field(description="C7: open and past due on `asOf` (default: today, UTC).")
    def overdue(self, as_of: date | None = None) -> bool:
        return is_overdue(self.row, as_of or datetime.now(UTC).date())

    @strawberry.field
    def contract(self, info: Info) -> "Contract | None":
        return to_one(info, Contract, loaders(info).contract_by_id, self.contract_id, nullable=True)


Day = date  # the milestone's `date` field shadows the type inside its class


@strawberry.type(description="C7: a dated milestone of a contract.")
class Milestone:
    id: strawberry.ID
    title: str
    date: Day

    @classmethod
    def from_model(cls, m: Any) -> "Milestone":
        return cls(id=strawberry.ID(str(m.id)), title=m.title, date=m.date)

    @strawberry.field(description="C7: the milestone's date is on or before `asOf` (default: today, UTC).")
    def reached(self, as_of: Day | None = None) -> bool:
        return self.date <= (as_of or datetime.now(UTC).date())


@strawberry.type(description="C6: one change on a contract's own stream; `cursor` resumes `contractEvents`.")
class ContractEvent(StreamEvent):
    subject_field = "contract_id"
    type: ContractEventType
    previous_status: ContractStatus | None
    status: ContractStatus | None
    contract_id: strawberry.Private[Any]

    @strawberry.field
    async def contract(self, info: Info) -> "Contract | None":
        row = await self.shared_row if self.shared_row is not None else None
        row = row or await loaders(info).contract_by_id.load(self.contract_id)
        return Contract.from_model(row) if row else None


@strawberry.type
class Contract:
    id: strawberry.ID
    number: str
    status: ContractStatus
    version: int = strawberry.field(description="C6/D5: give it back on transitions; a stale one is VERSION_CONFLICT.")
    type: OrderType
    start_date: date | None
    end_date: date | None
    term: int | None
    renewal_uplift_percent: Decimal | None
    renewal_term: int | None
    termination_date: date | None = strawberry.field(
        description="C11: the day a TERMINATED contract's subscriptions ended."
    )
    created_at: datetime
    account_id: strawberry.Private[Any]
    quote_id: strawberry.Private[Any]
    renewed_from_id: strawberry.Private[Any] = None

    @classmethod
    def from_model(cls, m: Any) -> "Contract":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            status=m.status,
            version=m.version,
            type=m.type,
            quote_id=m.quote_id,
            start_date=m.start_date,
            end_date=m.end_date,
            term=m.term,
            renewal_uplift_percent=m.renewal_uplift_percent,
            renewal_term=m.renewal_term,
            termination_date=m.termination_date,
            created_at=m.created_at,
            account_id=m.account_id,
            renewed_from_id=getattr(m, "renewed_from_id", None),
        )

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field(description="R2: the RENEWAL opportunity the daily run made for this contract, if any.")
    async def renewal_opportunity(self, info: Info) -> Opportunity | None:
        rows = await loaders(info).renewal_opportunities_by_contract.load(self.id)
        return Opportunity.from_model(rows[0]) if rows else None

    @strawberry.field(description="R4: the contract this one renews (its order came from that contract's renewal).")
    def renewed_from(self, info: Info) -> "Contract | None":
        return to_one(info, Contract, loaders(info).contract_by_id, self.renewed_from_id, nullable=True)

    @strawberry.field(description="R4: the contract that renews this one (made by contracting its renewal), if any.")
    async def renewed_by(self, info: Info) -> "Contract | None":
        rows = await loaders(info).contracts_by_renewed_from.load(self.id)
        return Contract.from_model(rows[0]) if rows else None

    @strawberry.field
    async def order(self, info: Info) -> OrderRef | None:
        from schema.orders import Order

        rows = await loaders(info).orders_by_contract.load(self.id)
        return Order.from_model(rows[0]) if rows else None

    @strawberry.field
    async def subscriptions(self, info: Info) -> list[Subscription]:
        return [Subscription.from_model(s) for s in await loaders(info).subscriptions_by_contract.load(self.id)]

    @strawberry.field(description="C6: the statuses this contract may move to from its current one (the table).")
    def next_statuses(self) -> list[ContractStatus]:
        return CONTRACT_STATES.next_statuses(self.status)

    @strawberry.field(description="C6: the approved quote this contract was requested from, if any.")
    def quote(self, info: Info) -> Quote | None:
        return to_one(info, Quote, loaders(info).quote_by_id, self.quote_id, nullable=True)

    @strawberry.field(description="C1/C6: every order contracted into this contract.")
    async def orders(self, info: Info) -> list[OrderRef]:
        from schema.orders import Order

        return [Order.from_model(o) for o in await loaders(info).orders_by_contract.load(self.id)]

    @strawberry.field
    async def signatories(self, info: Info) -> list[Signatory]:
        return [Signatory.from_model(s) for s in await loaders(info).signatories_by_contract.load(self.id)]

    @strawberry.field
    async def obligations(self, info: Info) -> list[Obligation]:
        return [Obligation.from_model(o) for o in await loaders(info).obligations_by_contract.load(self.id)]

    @strawberry.field
    async def milestones(self, info: Info) -> list[Milestone]:
        return [Milestone.from_model(m) for m in await loaders(info).milestones_by_contract.load(self.id)]

    @strawberry.field(description="C9: the contract's AMENDMENT quotes, oldest first.")
    async def amendments(self, info: Info) -> list[Quote]:
        return [Quote.from_model(q) for q in await loaders(info).amendments_by_contract.load(self.id)]

    @strawberry.field(description="C6: the contract's own event stream, oldest first.")
    async def events(self, info: Info) -> list[ContractEvent]:
        return [ContractEvent.from_model(e) for e in await loaders(info).contract_events_by_contract.load(self.id)]

    @strawberry.field(description="C8: the documents rendered from this contract, newest first.")
    async def documents(self, info: Info) -> list[Document]:
        return [Document.from_model(d) for d in await loaders(info).documents_by_object.load(self.id)]


@strawberry.type
class OrderVersion:
    """I1: the order as it was before an in-flight change (read-only)."""

    id: strawberry.ID
    version: int
    status: OrderStatus
    reason: str | None
    created_at: datetime
    snapshot: JSON

    @classmethod
    def from_model(cls, m: Any) -> "OrderVersion":
        return cls(
            id=strawberry.ID(str(m.id)),
            version=m.version,
            status=m.status,
            reason=m.reason,
            created_at=m.created_at,
            snapshot=m.snapshot,
        )


@strawberry.type
class OrderStatusTransition:
    """A4: one allowed move of the order status machine."""

    from_status: OrderStatus
    to_status: OrderStatus
