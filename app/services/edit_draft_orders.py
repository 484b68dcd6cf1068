"""D1-D5: editing a draft order's header, dates and items, all or nothing."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.jsonable import to_json
from app.services import commands as cmd
from app.services import order_dates, pricing, purchase_orders, quote_ledger, segments
from app.services.contract_positions import follow_draws
from app.services.order_access import items_of, lock_order
from app.services.scoping import parse_id
from app.services.states import ORDER_STATES, Capability
from app.services.unit_of_work import unit_of_work
from app.services.versions import bump, check_version
from models import Order, OrderItem
from models.enums import OrderEventType

HEADER_FIELDS = ("po_number", "payment_terms", "billing_frequency")
SNAPSHOT_FIELDS = ("start_date", "end_date", "po_number", "payment_terms", "billing_frequency", "total_amount")
ITEM_SNAPSHOT_FIELDS = ("quantity", "unit_price", "start_date", "end_date")


class EditDraftOrderService:
    @requires(Permission.EDIT_ORDERS)
    async def update(self, actor: Actor, data: cmd.UpdateOrder) -> Order:
        """D1-D5: only drafts are edited (D1), at the version they were read (D5), dates moving
        together (D2) and staying consistent (D3), every change recorded (D4)."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id)
            ORDER_STATES.require(order.status, Capability.EDIT, f"Order {order.number}", "orderId")
            check_version(order, data.version, required=True)
            items = await items_of(order, uow.tx)
            before = _snapshot(order, items)
            quantities = {i.id: i.quantity for i in items}
            kept_end = order_dates.hand_set_end(order, items)
            for key in HEADER_FIELDS:
                if data.has(key):
                    setattr(order, key, getattr(data, key))
            if data.start_date is not None:
                if order.start_date is not None:
                    delta = data.start_date - order.start_date
                    order_dates.shift(items, delta)  # D2
                    kept_end = pricing.add_days(kept_end, delta) if kept_end else None
                order.start_date = data.start_date
            await _edit_items(uow.tx, items, data.items or [])
            await follow_draws(uow.tx, order, quantities, items)  # C10
            order_dates.check_starts(order.start_date, items)  # D3
            order_dates.close(order, items, data.end_date, kept_end)
            await segments.check_order(uow.tx, order, items)  # O9
            order.total_amount = pricing.sum_totals(items)
            await purchase_orders.check_cap(uow.tx, order, "items")  # B4: a grown total still fits its PO
            changes = _diff(before, _snapshot(order, items))
            if changes:
                if items:
                    await OrderItem.bulk_update(
                        items,
                        fields=["quantity", "unit_price", "total_price", "start_date", "end_date"],
                        using_db=uow.tx,
                    )
                await bump(uow, order, OrderEventType.UPDATED, changes)
        return order


async def _edit_items(tx: Any, items: list[OrderItem], edits: list[cmd.ItemEdit]) -> None:
    by_id = {i.id: i for i in items}
    line_deltas: dict[Any, Decimal] = {}
    for n, edit in enumerate(edits):
        where = f"items[{n}]"
        item = by_id.get(parse_id(edit.order_item_id, "Order item", f"{where}.orderItemId"))
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"{where}.orderItemId")
        if edit.has("quantity"):
            if edit.quantity is None or edit.quantity <= 0:
                raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity must be positive.", f"{where}.quantity")
            if item.quote_line_id:
                line_deltas[item.quote_line_id] = line_deltas.get(item.quote_line_id, Decimal(0)) + (
                    edit.quantity - item.quantity
                )
            item.quantity = edit.quantity
        if edit.unit_price is not None:
            if edit.unit_price < 0:
                raise invalid("A price cannot be negative.", f"{where}.unitPrice")
            item.unit_price = edit.unit_price
        for key in ("start_date", "end_date"):
            if edit.has(key):
                setattr(item, key, getattr(edit, key))
        if item.start_date and item.end_date and item.end_date < item.start_date:
            raise invalid("An item cannot end before it starts.", f"{where}.endDate")
        item.total_price = pricing.line_total(item.quantity, item.unit_price)
    # O4 holds for edits too: the quote line's ordered total stays within its quantity.
    await quote_ledger.adjust(tx, line_deltas, "items")


def _snapshot(order: Order, items: list[OrderItem]) -> dict[str, Any]:
    snap: dict[str, Any] = {k: to_json(getattr(order, k)) for k in SNAPSHOT_FIELDS}
    for item in items:
        for k in ITEM_SNAPSHOT_FIELDS:
            snap[f"items.{item.id}.{k}"] = to_json(getattr(item, k))
    return snap


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v}


draft_orders = EditDraftOrderService()
