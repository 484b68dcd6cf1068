"""Object types of the order side: orders, items, events, previews, settings and keys."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from app.services.states import ORDER_STATES
from schema import purchasing
from schema.accounts import Account
from schema.billing import BillingLine
from schema.catalog import Product
from schema.common import StreamEvent, UserError
from schema.contracts import Asset, Contract, OrderVersion, Subscription
from schema.enums import BillingFrequency, OpportunityStage, OrderEventType, OrderStatus, OrderType, Role
from schema.fulfillment import Fulfillment, FulfillmentPlan
from schema.purchasing import PurchaseOrder
from schema.relations import loaders, required, to_one
from schema.sales import Opportunity, Quote, QuoteLine


@strawberry.type
class Order:
    id: strawberry.ID
    number: str
    status: OrderStatus
    type: OrderType
    version: int
    activated: bool
    activated_at: datetime | None
    activated_by: str | None
    contracted: bool
    drawn_from_contract: bool
    start_date: date | None
    end_date: date | None
    total_amount: Decimal
    currency: str
    payment_terms: str | None
    billing_frequency: BillingFrequency | None
    renewal_uplift_percent: Decimal | None
    renewal_term: int | None
    po_number: str | None
    split_key: str | None
    cancel_reason: str | None
    created_at: datetime
    updated_at: datetime
    account_id: strawberry.Private[Any]
    quote_id: strawberry.Private[Any]
    opportunity_id: strawberry.Private[Any]
    contract_id: strawberry.Private[Any]
    credit_approved_amount: Decimal | None = None
    purchase_order_id: strawberry.Private[Any] = None

    @classmethod
    def from_model(cls, m: Any) -> "Order":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            status=m.status,
            type=m.type,
            version=m.version,
            activated=m.activated_at is not None,
            contract_id=m.contract_id,
            cancel_reason=m.cancel_reason,
            activated_at=m.activated_at,
            activated_by=m.activated_by,
            contracted=m.contracted,
            drawn_from_contract=m.drawn_from_contract,
            start_date=m.start_date,
            end_date=m.end_date,
            total_amount=m.total_amount,
            currency=m.currency,
            payment_terms=m.payment_terms,
            billing_frequency=m.billing_frequency,
            renewal_uplift_percent=m.renewal_uplift_percent,
            renewal_term=m.renewal_term,
            po_number=m.po_number,
            split_key=m.split_key,
            created_at=m.created_at,
            updated_at=m.updated_at,
            account_id=m.account_id,
            quote_id=m.quote_id,
            opportunity_id=m.opportunity_id,
            credit_approved_amount=m.credit_approved_amount,
            purchase_order_id=m.purchase_order_id,
        )

    @strawberry.field(description="A4: the statuses this order may move to from its current one (the status table).")
    def next_statuses(self) -> list[OrderStatus]:
        return ORDER_STATES.next_statuses(self.status)

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field
    async def credit_hold(self, info: Info) -> bool:
        return await purchasing.credit_hold_of(info, self)

    @strawberry.field
    def purchase_order(self, info: Info) -> PurchaseOrder | None:
        return purchasing.purchase_order_of(info, self.purchase_order_id)

    @strawberry.field
    def quote(self, info: Info) -> Quote | None:
        return to_one(info, Quote, loaders(info).quote_by_id, self.quote_id, nullable=True)

    @strawberry.field
    def opportunity(self, info: Info) -> Opportunity | None:
        return to_one(info, Opportunity, loaders(info).opportunity_by_id, self.opportunity_id, nullable=True)

    @strawberry.field
    async def items(self, info: Info) -> list["OrderItem"]:
        return [OrderItem.from_model(i) for i in await loaders(info).order_items_by_order.load(self.id)]

    @strawberry.field
    async def events(self, info: Info) -> list["OrderEvent"]:
        return [OrderEvent.from_model(e) for e in await loaders(info).order_events_by_order.load(self.id)]

    @strawberry.field
    def contract(self, info: Info) -> Contract | None:
        return to_one(info, Contract, loaders(info).contract_by_id, self.contract_id, nullable=True)

    @strawberry.field(description="I1: earlier versions of the order, kept read-only, oldest first.")
    async def versions(self, info: Info) -> list[OrderVersion]:
        return [OrderVersion.from_model(v) for v in await loaders(info).versions_by_order.load(self.id)]

    @strawberry.field
    def fulfillment_plan(self) -> FulfillmentPlan:
        return FulfillmentPlan(order_id=self.id)

    @strawberry.field
    async def fulfillments(self, info: Info) -> list[Fulfillment]:
        return [Fulfillment.from_model(f) for f in await loaders(info).fulfillments_by_order.load(self.id)]


@strawberry.type
class OrderItem:
    id: strawberry.ID
    quantity: Decimal
    list_price: Decimal
    unit_price: Decimal
    total_price: Decimal
    unprorated_net_price: Decimal | None
    subscription_term: int | None
    start_date: date | None
    end_date: date | None
    billing_frequency: BillingFrequency | None
    activated: bool
    contracted: bool
    shipped_quantity: Decimal
    cancelled_quantity: Decimal
    fulfilled_quantity: Decimal
    segment_key: str | None
    segment_index: int | None
    discount_schedule: JSON | None
    order_id: strawberry.Private[Any]
    product_id: strawberry.Private[Any]
    quote_line_id: strawberry.Private[Any]
    required_by_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "OrderItem":
        return cls(
            id=strawberry.ID(str(m.id)),
            quantity=m.quantity,
            list_price=m.list_price,
            unit_price=m.unit_price,
            total_price=m.total_price,
            unprorated_net_price=m.unprorated_net_price,
            subscription_term=m.subscription_term,
            start_date=m.start_date,
            end_date=m.end_date,
            billing_frequency=m.billing_frequency,
            activated=m.activated,
            shipped_quantity=m.shipped_quantity,
            cancelled_quantity=m.cancelled_quantity,
            fulfilled_quantity=m.fulfilled_quantity,
            contracted=m.contracted,
            segment_key=m.segment_key,
            segment_index=m.segment_index,
            discount_schedule=m.discount_schedule,
            order_id=m.order_id,
            product_id=m.product_id,
            quote_line_id=m.quote_line_id,
            required_by_id=m.required_by_id,
        )

    @strawberry.field
    def order(self, info: Info) -> Order:
        return to_one(info, Order, loaders(info).order_by_id, self.order_id)

    @strawberry.field
    def product(self, info: Info) -> Product:
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)

    @strawberry.field
    def quote_line(self, info: Info) -> QuoteLine | None:
        return to_one(info, QuoteLine, loaders(info).quote_line_by_id, self.quote_line_id, nullable=True)

    @strawberry.field
    def required_by(self, info: Info) -> "OrderItem | None":
        return to_one(info, OrderItem, loaders(info).order_item_by_id, self.required_by_id, nullable=True)

    @strawberry.field(description="C2: the subscription this RECURRING item became when contracted.")
    async def subscription(self, info: Info) -> Subscription | None:
        rows = await loaders(info).subscriptions_by_order_item.load(self.id)
        return Subscription.from_model(rows[0]) if rows else None

    @strawberry.field
    async def billing_schedule(self, info: Info) -> list[BillingLine]:
        return [BillingLine.from_model(r) for r in await loaders(info).billing_lines_by_order_item.load(self.id)]

    @strawberry.field(description="C3: the asset this ONE_TIME item became when activated.")
    async def asset(self, info: Info) -> Asset | None:
        rows = await loaders(info).assets_by_order_item.load(self.id)
        return Asset.from_model(rows[0]) if rows else None


@strawberry.type
class OrderEvent(StreamEvent):
    subject_field = "order_id"
    type: OrderEventType
    previous_status: OrderStatus | None
    status: OrderStatus | None
    order_id: strawberry.Private[Any]

    @strawberry.field
    async def order(self, info: Info) -> Order | None:
        if self.order_id is None:
            return None
        if self.shared_row is not None:
            row = await self.shared_row
        else:
            row = await loaders(info).order_by_id.load(self.order_id)
        return Order.from_model(row) if row else None


@strawberry.type
class OrderStatusEvent:
    """A3: published after the transaction of a status change commits."""

    id: strawberry.ID
    cursor: str
    previous_status: OrderStatus | None
    status: OrderStatus
    at: datetime
    actor: str | None
    order_id: strawberry.Private[Any]
    shared_row: strawberry.Private[Any] = None

    @classmethod
    def from_model(cls, m: Any) -> "OrderStatusEvent":
        return cls(
            id=strawberry.ID(str(m.id)),
            cursor=str(m.id),
            previous_status=m.previous_status,
            status=m.status,
            at=m.at,
            actor=m.actor,
            order_id=m.order_id,
        )

    @strawberry.field
    async def order(self, info: Info) -> Order:
        if self.shared_row is not None:
            return Order.from_model(required(await self.shared_row, "Order"))
        return Order.from_model(required(await loaders(info).order_by_id.load(self.order_id), "Order"))


@strawberry.type
class OrderItemPreview:
    quantity: Decimal
    list_price: Decimal
    unit_price: Decimal
    total_price: Decimal
    unprorated_net_price: Decimal | None
    start_date: date | None
    end_date: date | None
    billing_frequency: BillingFrequency | None
    product: Product
    quote_line: QuoteLine
    required_by_quote_line_id: strawberry.ID | None

    @classmethod
    def from_plan(cls, i: Any) -> "OrderItemPreview":
        parent = i.line.required_by_id
        return cls(
            quantity=i.quantity,
            list_price=i.line.list_price,
            unit_price=i.unit_price,
            total_price=i.total_price,
            unprorated_net_price=i.unprorated_net_price,
            start_date=i.start_date,
            end_date=i.end_date,
            billing_frequency=i.billing_frequency,
            product=Product.from_model(i.product),
            quote_line=QuoteLine.from_model(i.line),
            required_by_quote_line_id=strawberry.ID(str(parent)) if parent else None,
        )


@strawberry.type
class OrderPreview:
    split_key: str | None
    start_date: date | None
    end_date: date | None
    total_amount: Decimal
    currency: str
    items: list[OrderItemPreview]

    @classmethod
    def from_plan(cls, planned: Any, currency: str) -> "OrderPreview":
        return cls(
            split_key=planned.split_key,
            start_date=planned.start_date,
            end_date=planned.end_date,
            total_amount=planned.total_amount,
            currency=currency,
            items=[OrderItemPreview.from_plan(i) for i in planned.items],
        )


@strawberry.type
class OrdersPreview:
    orders: list[OrderPreview]
    total_amount: Decimal
    errors: list[UserError]


@strawberry.type
class Settings:
    allow_multiple_orders: bool
    require_approved_quote: bool
    order_on_stage: OpportunityStage | None = strawberry.field(
        description="R1: moving an opportunity to this stage orders its primary quote (null: off)."
    )
    renewal_lead_days: int = strawberry.field(
        description="R2: days before a contract's end the renewal run makes its renewal."
    )
    create_renewal_quote: bool = strawberry.field(description="R2: the renewal run also makes a primary renewal quote.")

    @classmethod
    def from_model(cls, m: Any) -> "Settings":
        return cls(
            allow_multiple_orders=m.allow_multiple_orders,
            require_approved_quote=m.require_approved_quote,
            order_on_stage=m.order_on_stage,
            renewal_lead_days=m.renewal_lead_days,
            create_renewal_quote=m.create_renewal_quote,
        )


@strawberry.type
class ApiKey:
    id: strawberry.ID
    name: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None
    account_ids: list[strawberry.ID]

    @classmethod
    def from_model(cls, m: Any) -> "ApiKey":
        relation = m.account_grants
        grants = relation.related_objects if getattr(relation, "_fetched", False) else []
        return cls(
            account_ids=[strawberry.ID(str(g.account_id)) for g in grants],
            id=strawberry.ID(str(m.id)),
            name=m.name,
            role=m.role,
            prefix=m.prefix,
            created_at=m.created_at,
            revoked_at=m.revoked_at,
        )
