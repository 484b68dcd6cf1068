"""Object types of fulfillment and inventory (F1-F4)."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from schema.catalog import Product
from schema.enums import FulfillmentStatus, LocationKind, TaskKind, TaskStatus
from schema.relations import loaders, to_one

if TYPE_CHECKING:
    from schema.orders import OrderItem

OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]


def _order_item(info: Info, key: Any) -> Any:
    from schema.orders import OrderItem

    # Nullable: like Subscription.orderItem, an item outside the caller's scope reads as null (S3).
    return to_one(info, OrderItem, loaders(info).order_item_by_id, key, nullable=True)


@strawberry.type
class InventoryLocation:
    id: strawberry.ID
    name: str
    kind: LocationKind

    @classmethod
    def from_model(cls, m: Any) -> "InventoryLocation":
        return cls(id=strawberry.ID(str(m.id)), name=m.name, kind=m.kind)


@strawberry.type
class Stock:
    id: strawberry.ID
    on_hand: Decimal
    reserved: Decimal
    product_id: strawberry.Private[Any]
    location_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Stock":
        return cls(
            id=strawberry.ID(str(m.id)),
            on_hand=m.on_hand,
            reserved=m.reserved,
            product_id=m.product_id,
            location_id=m.location_id,
        )

    @strawberry.field
    def product(self, info: Info) -> Product:
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)

    @strawberry.field
    def location(self, info: Info) -> InventoryLocation:
        return to_one(info, InventoryLocation, loaders(info).location_by_id, self.location_id)


@strawberry.type
class AtpAnswer:
    location: InventoryLocation
    available_now: Decimal
    promise_date: date | None

    @classmethod
    def from_answer(cls, a: Any) -> "AtpAnswer":
        return cls(
            location=InventoryLocation.from_model(a.location),
            available_now=a.available_now,
            promise_date=a.promise_date,
        )


@strawberry.type
class FulfillmentLine:
    quantity: Decimal
    order_item_id: strawberry.Private[Any]

    @strawberry.field
    def order_item(self, info: Info) -> OrderItemRef | None:
        return _order_item(info, self.order_item_id)


@strawberry.type
class Fulfillment:
    id: strawberry.ID
    status: FulfillmentStatus
    location_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Fulfillment":
        return cls(id=strawberry.ID(str(m.id)), status=m.status, location_id=m.location_id)

    @strawberry.field
    def location(self, info: Info) -> InventoryLocation | None:
        return to_one(info, InventoryLocation, loaders(info).location_by_id, self.location_id, nullable=True)

    @strawberry.field
    async def lines(self, info: Info) -> list[FulfillmentLine]:
        rows = await loaders(info).fulfillment_lines_by_fulfillment.load(self.id)
        return [FulfillmentLine(quantity=r.quantity, order_item_id=r.order_item_id) for r in rows]


@strawberry.type
class FulfillmentTask:
    id: strawberry.ID
    kind: TaskKind
    status: TaskStatus
    order_item_id: strawberry.Private[Any]
    depends_on_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "FulfillmentTask":
        return cls(
            id=strawberry.ID(str(m.id)),
            kind=m.kind,
            status=m.status,
            order_item_id=m.order_item_id,
            depends_on_id=m.depends_on_id,
        )

    @strawberry.field
    def order_item(self, info: Info) -> OrderItemRef | None:
        return _order_item(info, self.order_item_id)

    @strawberry.field
    def depends_on(self, info: Info) -> "FulfillmentTask | None":
        return to_one(info, FulfillmentTask, loaders(info).task_by_id, self.depends_on_id, nullable=True)


@strawberry.type
class FulfillmentPlan:
    order_id: strawberry.Private[Any]

    @strawberry.field
    async def tasks(self, info: Info) -> list[FulfillmentTask]:
        return [FulfillmentTask.from_model(t) for t in await loaders(info).tasks_by_order.load(self.order_id)]
