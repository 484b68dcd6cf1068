"""B4: customer purchase orders. Orders attached to a PO draw on its authorised amount; the totals of
the attached orders never exceed it (PO_AMOUNT_EXCEEDED), checked under a lock on the PO row so that
concurrent attachments and edits cannot overdraw it (like O4 in quote_ledger.py)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services.catalog import _currency
from app.services.money_sums import sums_by
from app.services.order_access import lock_order
from app.services.pricing import round_money
from app.services.purchasing_commands import AttachPurchaseOrder, CreatePurchaseOrder
from app.services.scoping import get_scoped
from app.services.unit_of_work import unit_of_work
from app.services.versions import bump
from models import Account, CustomerPurchaseOrder, Order
from models.enums import OrderEventType, OrderStatus


async def drawn(tx: BaseDBAsyncClient | None, po_ids: list[Any], except_order: Any = None) -> dict[str, Decimal]:
    """B4: per PO, the sum of the totals of the orders attached to it (one aggregate query)."""
    query = Order.filter(purchase_order_id__in=po_ids)
    if except_order is not None:
        query = query.exclude(id=except_order)
    used = await sums_by(query, "total_amount", ("purchase_order_id",), tx)
    return {str(po_id): total for (po_id,), total in used.items()}


def not_applicable(po: CustomerPurchaseOrder, order: Order, today: date) -> DomainError | None:
    """B4: a PO applies to orders of its own account and currency while it is valid. Validity is
    judged on the day of attaching (today, UTC): a PO outside [validFrom, validTo] then is expired
    or not yet valid, whatever the order's dates."""
    if po.account_id != order.account_id:
        reason = "belongs to another account"
    elif po.currency != order.currency:
        reason = f"is in {po.currency}, the order in {order.currency}"
    elif not po.valid_from <= today <= po.valid_to:
        reason = f"is valid {po.valid_from} to {po.valid_to}, not on {today}"
    else:
        return None
    return DomainError(ErrorCode.PO_NOT_APPLICABLE, f"Purchase order {po.number} {reason} (B4).", "purchaseOrderId")


async def check_cap(tx: BaseDBAsyncClient, order: Order, field: str = "purchaseOrderId") -> None:
    """B4: with the PO row locked, the attached orders' totals (this order's current total included)
    must fit the PO's amount. Called on attaching and whenever an attached order's total grows."""
    if order.purchase_order_id is None:
        return
    po = await CustomerPurchaseOrder.filter(id=order.purchase_order_id).using_db(tx).select_for_update().get()
    others = (await drawn(tx, [po.id], except_order=order.id)).get(str(po.id), Decimal(0))
    if others + order.total_amount > po.amount:
        raise DomainError(
            ErrorCode.PO_AMOUNT_EXCEEDED,
            f"Order {order.number} ({order.total_amount:f}) exceeds what remains of purchase order "
            f"{po.number}: {po.amount - others:f} (B4).",
            field,
        )


class PurchaseOrderService:
    @requires(Permission.MANAGE_PURCHASE_ORDERS)
    async def create(self, actor: Actor, data: CreatePurchaseOrder) -> CustomerPurchaseOrder:
        """B4: a customer's PO: number unique per account, a positive amount, a validity period."""
        number = (data.number or "").strip()
        if not number:
            raise invalid("Give the purchase order's number.", "number")
        if data.amount <= 0:
            raise invalid("A purchase order's amount must be positive.", "amount")
        if data.valid_to < data.valid_from:
            raise invalid("validTo may not be before validFrom.", "validTo")
        currency = _currency(data.currency, "currency")
        async with unit_of_work(actor) as uow:
            account: Account = await get_scoped(
                actor, Account.all().using_db(uow.tx), data.account_id, "Account", "accountId"
            )
            if await CustomerPurchaseOrder.filter(account_id=account.id, number=number).using_db(uow.tx).exists():
                raise invalid(f"Account {account.name} already has a purchase order {number}.", "number")
            po = CustomerPurchaseOrder(
                account_id=account.id,
                number=number,
                amount=round_money(data.amount),
                currency=currency,
                valid_from=data.valid_from,
                valid_to=data.valid_to,
            )
            await po.save(using_db=uow.tx)
        return po

    @requires(Permission.MANAGE_PURCHASE_ORDERS)
    async def attach(self, actor: Actor, data: AttachPurchaseOrder) -> Order:
        """B4: the order draws on the PO (moving off any PO it drew on before)."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            if order.status == OrderStatus.CANCELLED:
                raise DomainError(ErrorCode.ORDER_LOCKED, f"Order {order.number} is cancelled (B4).", "orderId")
            po: CustomerPurchaseOrder = await get_scoped(
                actor,
                CustomerPurchaseOrder.all().using_db(uow.tx),
                data.purchase_order_id,
                "Purchase order",
                "purchaseOrderId",
            )
            refusal = not_applicable(po, order, datetime.now(UTC).date())
            if refusal is not None:
                raise refusal
            previous = order.purchase_order_id
            order.purchase_order_id = po.id
            await check_cap(uow.tx, order)
            changes = {"purchaseOrderId": {"before": previous and str(previous), "after": str(po.id)}}
            await bump(uow, order, OrderEventType.UPDATED, changes)
        return order


purchase_orders = PurchaseOrderService()
