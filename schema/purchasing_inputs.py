"""Input types of purchase orders and credit holds (B4, B5)."""

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import UNSET


@strawberry.input
class CreatePurchaseOrderInput:
    account_id: strawberry.ID
    number: str
    amount: Decimal
    currency: str
    valid_from: date
    valid_to: date
    idempotency_key: str | None = UNSET


@strawberry.input
class AttachPurchaseOrderInput:
    order_id: strawberry.ID
    purchase_order_id: strawberry.ID
    version: int | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class ReleaseCreditHoldInput:
    order_id: strawberry.ID
    version: int | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class PaymentAllocationInput:
    invoice_id: strawberry.ID
    amount: Decimal


@strawberry.input
class RecordPaymentInput:
    account_id: strawberry.ID
    amount: Decimal
    currency: str
    allocations: list[PaymentAllocationInput]
    received_on: date | None = UNSET
    idempotency_key: str | None = UNSET
