"""A1-A4, I2, I3: moving an order through its status machine (the table in states.py)."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import invalid
from app.services import assets_and_subscriptions as downstream
from app.services import billing_schedules, order_dates, pricing, quote_ledger
from app.services import commands as cmd
from app.services import fulfil_orders as fulfil
from app.services.contract_positions import follow_draws
from app.services.order_access import items_of, lock_order
from app.services.states import ORDER_STATES, Capability, move_order
from app.services.unit_of_work import unit_of_work
from models import Order, OrderItem
from models.enums import FulfillmentStatus, OrderEventType, OrderStatus


def recompute(order: Order, items: list[OrderItem]) -> None:
    """Item totals, the order total, and the order end (O8) after quantities changed."""
    for item in items:
        item.total_price = pricing.line_total(item.quantity, item.unit_price)
    order.total_amount = pricing.sum_totals(items)
    order.end_date = order_dates.latest_end(items) or order.end_date


class MoveOrderService:
    @requires(Permission.ACTIVATE_ORDERS)
    async def activate(self, actor: Actor, data: cmd.OrderTransition) -> Order:
        """A1: lock a draft order for fulfilment; C3: its ONE_TIME items become assets."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            order.activated_at = datetime.now(UTC)
            order.activated_by = actor.label
            await move_order(
                uow, order, OrderStatus.ACTIVATED, await items_of(order, uow.tx), {"activatedBy": actor.label}
            )
        return order

    @requires(Permission.ACTIVATE_ORDERS)
    async def deactivate(self, actor: Actor, data: cmd.OrderTransition) -> Order:
        """A2: an activated order that is neither contracted nor shipped goes back to DRAFT."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            await move_order(uow, order, OrderStatus.DRAFT, await items_of(order, uow.tx))
        return order

    @requires(Permission.FULFILL_ORDERS)
    async def ship(self, actor: Actor, data: cmd.ShipOrderItems) -> Order:
        """A4/F3 shortcut: one fulfillment outside inventory (no location, no stock), allocated, shipped
        and delivered at once through the same steps as the fulfillment verbs."""
        if not data.items:
            raise invalid("Ship at least one item.", "items")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            ORDER_STATES.require(order.status, Capability.SHIP, f"Order {order.number}", "orderId")
            items = await items_of(order, uow.tx)
            fulfillment, lines = await fulfil.open_fulfillment(uow, order, items, None, data.items, "items")
            for target in (FulfillmentStatus.ALLOCATED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED):
                await fulfil.step(uow, order, items, fulfillment, lines, target)
        return order

    @requires(Permission.FULFILL_ORDERS)
    async def complete(self, actor: Actor, data: cmd.OrderTransition) -> Order:
        """A4: FULFILLED -> COMPLETED once billed in full."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            await move_order(uow, order, OrderStatus.COMPLETED, [])
        return order

    @requires(Permission.EDIT_ORDERS)
    async def cancel(self, actor: Actor, data: cmd.CancelOrder) -> Order:
        """I2: cancel what is not shipped (shipped quantities stay, and stay billable); I3: release it."""
        reason = (data.reason or "").strip()
        if not reason:
            raise invalid("Give a reason for the cancellation.", "reason")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            ORDER_STATES.check(order.status, OrderStatus.CANCELLED)
            items = await items_of(order, uow.tx)
            before = {i.id: i.quantity for i in items}
            released: dict[Any, Decimal] = {}
            for item in items:
                unshipped = item.quantity - item.shipped_quantity
                if unshipped > 0:
                    item.cancelled_quantity += unshipped
                    item.quantity = item.shipped_quantity
                    if item.quote_line_id:
                        released[item.quote_line_id] = released.get(item.quote_line_id, Decimal(0)) - unshipped
            recompute(order, items)
            await OrderItem.bulk_update(
                items, fields=["quantity", "cancelled_quantity", "total_price"], using_db=uow.tx
            )
            await fulfil.follow_quantities(uow, order, items, [])  # F4: open fulfillments and tasks go
            await quote_ledger.adjust(uow.tx, released, "orderId")  # I3
            await follow_draws(uow.tx, order, before, items)  # C10
            await billing_schedules.follow_change(uow.tx, order, items, "CANCELLATION")  # B6
            # I2/C3: an asset keeps what was shipped; one with nothing shipped is cancelled (C5 likewise).
            await downstream.follow_items(uow.tx, order, items, cancel_asset=lambda item: item.shipped_quantity == 0)
            order.cancel_reason = reason
            changes = {"reason": reason, "released": {str(k): str(-v) for k, v in released.items()}}
            await move_order(uow, order, OrderStatus.CANCELLED, items, changes, event=OrderEventType.CANCELLED)
        return order


move_orders = MoveOrderService()
