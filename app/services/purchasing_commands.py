"""Commands of payments, purchase orders and credit holds (B3, B4, B5)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.services.commands import Command


@dataclass(frozen=True, kw_only=True)
class CreatePurchaseOrder(Command):
    account_id: str
    number: str
    amount: Decimal
    currency: str
    valid_from: date
    valid_to: date


@dataclass(frozen=True, kw_only=True)
class AttachPurchaseOrder(Command):
    order_id: str
    purchase_order_id: str
    version: int | None = None


@dataclass(frozen=True, kw_only=True)
class ReleaseCreditHold(Command):
    order_id: str
    version: int | None = None


@dataclass(frozen=True, kw_only=True)
class PaymentAllocationSpec(Command):
    invoice_id: str
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class RecordPayment(Command):
    account_id: str
    amount: Decimal
    currency: str
    allocations: list[PaymentAllocationSpec]
    received_on: date | None = None
