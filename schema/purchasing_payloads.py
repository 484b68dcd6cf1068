"""Payloads of purchase orders and credit holds (B4, B5)."""

import strawberry

from schema.common import UserError
from schema.orders import Order
from schema.purchasing import Payment, PurchaseOrder


@strawberry.type
class CreatePurchaseOrderPayload:
    errors: list[UserError]
    purchase_order: PurchaseOrder | None = None


@strawberry.type
class AttachPurchaseOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class ReleaseCreditHoldPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class RecordPaymentPayload:
    errors: list[UserError]
    payment: Payment | None = None
