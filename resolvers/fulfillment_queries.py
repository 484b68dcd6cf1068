"""Root query fields of inventory (F1): available-to-promise."""

from decimal import Decimal

import strawberry
from strawberry.types import Info

from app.services import registry
from resolvers.common import actor_of
from schema.fulfillment import AtpAnswer


@strawberry.type
class FulfillmentQuery:
    @strawberry.field
    async def available_to_promise(
        self, info: Info, product_id: strawberry.ID, quantity: Decimal, location_id: strawberry.ID | None = None
    ) -> list[AtpAnswer]:
        answers = await registry.inventory.available_to_promise(actor_of(info), product_id, quantity, location_id)
        return [AtpAnswer.from_answer(a) for a in answers]
