"""Input types of inventory and fulfillment (F1-F4)."""

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import UNSET

from schema.enums import LocationKind


@strawberry.input
class CreateInventoryLocationInput:
    name: str
    kind: LocationKind
    idempotency_key: str | None = UNSET


@strawberry.input
class ReceiveStockInput:
    product_id: strawberry.ID
    location_id: strawberry.ID
    quantity: Decimal
    available_on: date | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class FulfillmentLineInput:
    order_item_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class CreateFulfillmentInput:
    order_id: strawberry.ID
    location_id: strawberry.ID
    lines: list[FulfillmentLineInput]
    idempotency_key: str | None = UNSET


@strawberry.input
class FulfillmentTransitionInput:
    fulfillment_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class AllocateFulfillmentInput(FulfillmentTransitionInput):
    pass


@strawberry.input
class ShipFulfillmentInput(FulfillmentTransitionInput):
    pass


@strawberry.input
class DeliverFulfillmentInput(FulfillmentTransitionInput):
    pass


@strawberry.input
class CancelFulfillmentInput(FulfillmentTransitionInput):
    pass


@strawberry.input
class TaskTransitionInput:
    task_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class StartTaskInput(TaskTransitionInput):
    pass


@strawberry.input
class CompleteTaskInput(TaskTransitionInput):
    pass
