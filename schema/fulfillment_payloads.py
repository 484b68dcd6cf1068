"""Payloads of inventory and fulfillment mutations (F1-F4)."""

import strawberry

from schema.common import UserError
from schema.fulfillment import Fulfillment, FulfillmentTask, InventoryLocation, Stock


@strawberry.type
class CreateInventoryLocationPayload:
    errors: list[UserError]
    location: InventoryLocation | None = None


@strawberry.type
class ReceiveStockPayload:
    errors: list[UserError]
    stock: Stock | None = None


@strawberry.type
class CreateFulfillmentPayload:
    errors: list[UserError]
    fulfillment: Fulfillment | None = None


@strawberry.type
class AllocateFulfillmentPayload:
    errors: list[UserError]
    fulfillment: Fulfillment | None = None


@strawberry.type
class ShipFulfillmentPayload:
    errors: list[UserError]
    fulfillment: Fulfillment | None = None


@strawberry.type
class DeliverFulfillmentPayload:
    errors: list[UserError]
    fulfillment: Fulfillment | None = None


@strawberry.type
class CancelFulfillmentPayload:
    errors: list[UserError]
    fulfillment: Fulfillment | None = None


@strawberry.type
class StartTaskPayload:
    errors: list[UserError]
    task: FulfillmentTask | None = None


@strawberry.type
class CompleteTaskPayload:
    errors: list[UserError]
    task: FulfillmentTask | None = None
