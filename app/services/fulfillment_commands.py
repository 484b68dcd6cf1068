"""Commands of the fulfillment and inventory verbs (F1-F4)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.services.commands import Command
from models.enums import LocationKind


@dataclass(frozen=True, kw_only=True)
class CreateInventoryLocation(Command):
    name: str
    kind: LocationKind


@dataclass(frozen=True, kw_only=True)
class ReceiveStock(Command):
    product_id: str
    location_id: str
    quantity: Decimal
    available_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class FulfillmentLineSpec(Command):
    order_item_id: str
    quantity: Decimal


@dataclass(frozen=True, kw_only=True)
class CreateFulfillment(Command):
    order_id: str
    location_id: str
    lines: list[FulfillmentLineSpec]


@dataclass(frozen=True, kw_only=True)
class FulfillmentTransition(Command):
    fulfillment_id: str


@dataclass(frozen=True, kw_only=True)
class TaskTransition(Command):
    task_id: str
