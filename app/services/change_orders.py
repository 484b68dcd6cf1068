"""I1, I3, C5: in-flight changes of activated orders, each kept as an order version."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.jsonable import to_json
from app.services import assets_and_subscriptions as downstream
from app.services import billing_schedules, order_dates, purchase_orders, quote_ledger
from app.services import commands as cmd
from app.services.catalog import list_prices, products_by_id
from app.services.contract_positions import follow_draws
from app.services.create_direct_order import direct_item
from app.services.fulfil_orders import follow_quantities, settle_fulfilment
from app.services.move_orders import recompute
from app.services.order_access import items_of, lock_order
from app.services.scoping import parse_id
from app.services.states import ORDER_STATES, Capability
from app.services.unit_of_work import UnitOfWork, unit_of_work
from app.services.versions import bump, check_version
from models import Contract, Order, OrderItem, OrderVersion
from models.enums import OrderEventType, OrderStatus

ITEM_FIELDS = (
    "quantity",
    "shipped_quantity",
    "cancelled_quantity",
    "unit_price",
    "total_price",
    "start_date",
    "end_date",
)


def snapshot(order: Order, items: list[OrderItem]) -> dict[str, Any]:
    """The version an in-flight change replaces, kept read-only (I1)."""
    return {
        "version": order.version,
        "status": str(order.status),
        "startDate": to_json(order.start_date),
        "endDate": to_json(order.end_date),
        "totalAmount": to_json(order.total_amount),
        "items": [
            {"id": str(i.id), "productId": str(i.product_id), **{k: to_json(getattr(i, k)) for k in ITEM_FIELDS}}
            for i in items
        ],
    }


class ChangeOrderService:
    @requires(Permission.EDIT_ORDERS)
    async def change(self, actor: Actor, data: cmd.ChangeOrder) -> Order:
        """I1: change quantities, add items or cancel items of an ACTIVATED / IN_FULFILLMENT order."""
        cancels = [parse_id(i, "Order item", "cancelItemIds") for i in data.cancel_item_ids or []]
        if not (data.quantities or data.add_items or cancels):
            raise invalid("A change needs quantities, addItems or cancelItemIds.", "quantities")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id)
            hint = " Edit drafts with updateOrder." if order.status == OrderStatus.DRAFT else ""
            ORDER_STATES.require(order.status, Capability.CHANGE, f"Order {order.number}", "orderId", hint)
            check_version(order, data.version, required=True)
            items = await items_of(order, uow.tx)
            before = snapshot(order, items)
            quantities = {i.id: i.quantity for i in items}
            delta: dict[str, Any] = {}
            line_delta: dict[Any, Decimal] = {}
            _apply_quantities(items, data.quantities or [], cancels, delta, line_delta)
            await quote_ledger.adjust(uow.tx, line_delta, "quantities")  # O4 up, I3 down
            added = await _add_items(order, items, data.add_items or [])
            await follow_draws(uow.tx, order, quantities, items + added)  # C10
            order_dates.check_starts(order.start_date, added, "addItems")  # D3
            recompute(order, items + added)
            await purchase_orders.check_cap(uow.tx, order, "quantities")  # B4: a grown total still fits its PO
            await OrderVersion.create(
                order_id=order.id,
                version=order.version,
                status=order.status,
                reason=data.reason,
                snapshot=before,
                using_db=uow.tx,
            )
            await OrderItem.bulk_update(
                items, fields=["quantity", "cancelled_quantity", "total_price"], using_db=uow.tx
            )
            if added:
                await OrderItem.bulk_create(added, using_db=uow.tx)
            await _sync_downstream(uow, order, items, added)
            await billing_schedules.follow_change(uow.tx, order, items + added, "CHANGE")  # B6
            await follow_quantities(uow, order, items, added)  # F4: allocations beyond the change go first
            changes = {
                "reason": data.reason,
                "items": delta,
                "added": [
                    {"id": str(i.id), "productId": str(i.product_id), "quantity": to_json(i.quantity)} for i in added
                ],
                "totalAmount": {"before": before["totalAmount"], "after": to_json(order.total_amount)},
            }
            await bump(uow, order, OrderEventType.CHANGED, changes)
            await settle_fulfilment(uow, order, items + added)
        return order


def _apply_quantities(
    items: list[OrderItem],
    quantities: list[cmd.ItemQuantity],
    cancels: list[Any],
    delta: dict[str, Any],
    line_delta: dict[Any, Decimal],
) -> None:
    by_id = {i.id: i for i in items}
    for n, change in enumerate(quantities):
        where = f"quantities[{n}]"
        item = by_id.get(parse_id(change.order_item_id, "Order item", f"{where}.orderItemId"))
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"{where}.orderItemId")
        if change.quantity < 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity cannot be negative.", f"{where}.quantity")
        if change.quantity < item.shipped_quantity:
            raise DomainError(
                ErrorCode.BELOW_FULFILLED_QUANTITY,
                f"{item.shipped_quantity.normalize():f} of this item shipped already (I1).",
                f"{where}.quantity",
            )
        _set_quantity(item, change.quantity, delta, line_delta)
    for n, item_id in enumerate(cancels):
        item = by_id.get(item_id)
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"cancelItemIds[{n}]")
        _set_quantity(item, item.shipped_quantity, delta, line_delta)


def _set_quantity(item: OrderItem, new: Decimal, delta: dict[str, Any], line_delta: dict[Any, Decimal]) -> None:
    old = item.quantity
    if new == old:
        return
    if new < old:
        item.cancelled_quantity += old - new
    else:  # ordering more again first restores what was cancelled
        item.cancelled_quantity = max(Decimal(0), item.cancelled_quantity - (new - old))
    item.quantity = new
    delta[str(item.id)] = {"quantity": {"before": to_json(old), "after": to_json(new)}}
    if item.quote_line_id:
        line_delta[item.quote_line_id] = line_delta.get(item.quote_line_id, Decimal(0)) + (new - old)


async def _add_items(order: Order, items: list[OrderItem], additions: list[cmd.NewItem]) -> list[OrderItem]:
    if not additions:
        return []
    ids = [parse_id(a.product_id, "Product", f"addItems[{n}].productId") for n, a in enumerate(additions)]
    products = await products_by_id(ids)
    prices = await list_prices(ids, order.currency)
    added = []
    position = max((i.position for i in items), default=-1) + 1
    for n, (data, pid) in enumerate(zip(additions, ids, strict=True)):
        product = products.get(pid)
        if product is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Product not found.", f"addItems[{n}].productId")
        item = direct_item(order, product, data, prices, f"addItems[{n}]", position + n)
        item.activated = True
        added.append(item)
    return added


async def _sync_downstream(uow: UnitOfWork, order: Order, items: list[OrderItem], added: list[OrderItem]) -> None:
    """C3 for new ONE_TIME items; C5: quantities and dates flow order -> contract -> subscriptions."""
    tx = uow.tx
    await downstream.create_assets(tx, order, added)
    # I1: a cancelled item's asset goes too; C5: so does its subscription.
    await downstream.follow_items(tx, order, items, cancel_asset=lambda item: item.quantity == 0)
    if not order.contracted or not order.contract_id:
        return
    await downstream.subscribe(tx, order, order.contract_id, added)
    contract = await Contract.filter(id=order.contract_id).using_db(tx).select_for_update().get()
    order_dates.follow_order(contract, order)
    await contract.save(using_db=tx, update_fields=["start_date", "end_date", "term", "updated_at"])


change_orders = ChangeOrderService()
