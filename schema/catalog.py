"""Object types of the product catalog: products and the components a bundle is made of."""

from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from app.services.billing_periods import timing_of
from app.services.decompose_orders import fulfillment_type_of
from schema.enums import BillingFrequency, BillingTiming, FulfillmentType, ProductType
from schema.relations import loaders, to_one


@strawberry.type
class ProductComponent:
    quantity: Decimal
    product_id: strawberry.Private[Any]

    @strawberry.field
    def product(self, info: Info) -> "Product":
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)


@strawberry.type
class Product:
    id: strawberry.ID
    sku: str
    name: str
    family: str | None
    type: ProductType
    default_subscription_term: int | None
    billing_frequency: BillingFrequency | None
    active: bool
    fulfillment_type: FulfillmentType
    billing_timing: BillingTiming

    @classmethod
    def from_model(cls, m: Any) -> "Product":
        return cls(
            id=strawberry.ID(str(m.id)),
            sku=m.sku,
            name=m.name,
            family=m.family,
            type=m.type,
            default_subscription_term=m.default_subscription_term,
            billing_frequency=m.billing_frequency,
            active=m.active,
            fulfillment_type=fulfillment_type_of(m),
            billing_timing=timing_of(m.billing_timing),
        )

    @strawberry.field
    async def components(self, info: Info) -> list[ProductComponent]:
        rows = await loaders(info).components_by_product.load(self.id)
        return [ProductComponent(quantity=r.quantity, product_id=r.component_id) for r in rows]
