"""Object types of purchase orders and credit (B4, B5) and the fields they add to Account and Order."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from app.services.credit import on_hold
from schema.sales import Account, loaders, to_one


@strawberry.type(name="PurchaseOrder")
class PurchaseOrder:
    id: strawberry.ID
    number: str
    amount: Decimal
    currency: str
    valid_from: date
    valid_to: date
    created_at: datetime
    account_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "PurchaseOrder":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            amount=m.amount,
            currency=m.currency,
            valid_from=m.valid_from,
            valid_to=m.valid_to,
            created_at=m.created_at,
            account_id=m.account_id,
        )

    @strawberry.field
    async def remaining_amount(self, info: Info) -> Decimal:
        return self.amount - await loaders(info).po_drawn_by_id.load(self.id)

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)


async def purchase_orders_of(info: Info, account_id: Any) -> list[PurchaseOrder]:
    """Account.purchaseOrders (B4)."""
    return [PurchaseOrder.from_model(p) for p in await loaders(info).purchase_orders_by_account.load(account_id)]


def purchase_order_of(info: Info, purchase_order_id: Any) -> Any:
    """Order.purchaseOrder (B4): null when none is attached or it is outside the caller's scope."""
    return to_one(info, PurchaseOrder, loaders(info).purchase_order_by_id, purchase_order_id, nullable=True)


async def open_receivables_of(info: Info, account_id: Any) -> Decimal:
    """Account.openReceivables (B3)."""
    result: Decimal = await loaders(info).open_receivables_by_account.load(account_id)
    return result


async def credit_hold_of(info: Info, order: Any) -> bool:
    """Order.creditHold (B5): would activating this order be refused now (without an override)?"""
    if order.status != "DRAFT":
        return False
    account = await loaders(info).account_by_id.load(order.account_id)
    if account is None or account.credit_limit is None:
        return False
    receivables = await loaders(info).open_receivables_by_account.load(order.account_id)
    return on_hold(order, account.credit_limit, receivables)
