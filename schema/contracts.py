"""Object types of what orders turn into: contracts, subscriptions, assets; and order versions."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from models.enums import AssetStatus, ContractStatus, OrderStatus, SubscriptionStatus
from schema.sales import Account, Product, loaders, to_one

if TYPE_CHECKING:
    from schema.orders import Order, OrderItem

OrderRef = Annotated["Order", strawberry.lazy("schema.orders")]
OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]

strawberry.enum(ContractStatus)
strawberry.enum(AssetStatus)
strawberry.enum(SubscriptionStatus)


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
    status: SubscriptionStatus = strawberry.field(
        description="C5: CANCELLED when its order item was cancelled; the row and its last quantity stay."
    )
    contract_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Subscription":
        return cls(
            id=strawberry.ID(str(m.id)),
            status=m.status,
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


@strawberry.type
class Contract:
    id: strawberry.ID
    number: str
    status: ContractStatus
    start_date: date | None
    end_date: date | None
    term: int | None
    renewal_uplift_percent: Decimal | None
    renewal_term: int | None
    created_at: datetime
    account_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Contract":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            status=m.status,
            start_date=m.start_date,
            end_date=m.end_date,
            term=m.term,
            renewal_uplift_percent=m.renewal_uplift_percent,
            renewal_term=m.renewal_term,
            created_at=m.created_at,
            account_id=m.account_id,
        )

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field
    async def order(self, info: Info) -> OrderRef | None:
        from schema.orders import Order

        rows = await loaders(info).orders_by_contract.load(self.id)
        return Order.from_model(rows[0]) if rows else None

    @strawberry.field
    async def subscriptions(self, info: Info) -> list[Subscription]:
        return [Subscription.from_model(s) for s in await loaders(info).subscriptions_by_contract.load(self.id)]


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
