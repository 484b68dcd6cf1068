"""I1, I3, C5: in-flight changes of activated orders, kept as order versions."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission
from app.errors import DomainError, ErrorCode, invalid
from app.services.catalog import list_prices, products_by_id
from app.services.common import parse_id, unit_of_work
from app.services.lifecycle import (
    follow_item_quantities,
    items_of,
    lock_order,
    recompute_totals,
    release_to_quote,
    settle_fulfilment,
    subscribe_items,
)
from app.services.orders import check_version, direct_item, jsonable
from models import Asset, Contract, Order, OrderItem, OrderVersion, QuoteLine
from models.enums import AssetStatus, OrderEventType, OrderStatus, ProductType

CHANGEABLE = {OrderStatus.ACTIVATED, OrderStatus.IN_FULFILLMENT}
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
    return {
        "version": order.version,
        "status": str(order.status),
        "startDate": jsonable(order.start_date),
        "endDate": jsonable(order.end_date),
        "totalAmount": jsonable(order.total_amount),
        "items": [
            {"id": str(i.id), "productId": str(i.product_id), **{k: jsonable(getattr(i, k)) for k in ITEM_FIELDS}}
            for i in items
        ],
    }


class ChangeService:
    async def change(self, actor: Actor, data: dict[str, Any]) -> Order:
        """I1: change quantities, add items or cancel items of an ACTIVATED / IN_FULFILLMENT order."""
        actor.require(Permission.EDIT_ORDERS)
        quantities = data.get("quantities") or []
        additions = data.get("add_items") or []
        cancels = [parse_id(i, "Order item", "cancelItemIds") for i in data.get("cancel_item_ids") or []]
        if not (quantities or additions or cancels):
            raise invalid("A change needs quantities, addItems or cancelItemIds.", "quantities")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data["order_id"])
            if order.status not in CHANGEABLE:
                hint = " Edit drafts with updateOrder." if order.status == OrderStatus.DRAFT else ""
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Order {order.number} is {order.status}; only activated orders change in flight (I1).{hint}",
                    "orderId",
                )
            check_version(order, data.get("version"))
            items = await items_of(order, uow.tx)
            before = snapshot(order, items)
            by_id = {i.id: i for i in items}
            delta: dict[str, Any] = {}
            line_delta: dict[Any, Decimal] = {}
            for n, change in enumerate(quantities):
                where = f"quantities[{n}]"
                item = by_id.get(parse_id(change["order_item_id"], "Order item", f"{where}.orderItemId"))
                if item is None:
                    raise DomainError(
                        ErrorCode.NOT_FOUND, "Order item not found on this order.", f"{where}.orderItemId"
                    )
                new = change["quantity"]
                if new < 0:
                    raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity cannot be negative.", f"{where}.quantity")
                if new < item.shipped_quantity:
                    raise DomainError(
                        ErrorCode.BELOW_FULFILLED_QUANTITY,
                        f"{item.shipped_quantity.normalize():f} of this item shipped already (I1).",
                        f"{where}.quantity",
                    )
                self._set_quantity(item, new, delta, line_delta)
            for n, item_id in enumerate(cancels):
                item = by_id.get(item_id)
                if item is None:
                    raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"cancelItemIds[{n}]")
                self._set_quantity(item, item.shipped_quantity, delta, line_delta)
            await self._check_quote_lines(uow.tx, line_delta)
            added = await self._add_items(order, items, additions)
            if order.start_date and any(i.start_date and i.start_date < order.start_date for i in added):
                raise DomainError(
                    ErrorCode.ORDER_START_AFTER_ITEM_START,
                    f"An added item starts before the order ({order.start_date}) (D3).",
                    "addItems",
                )
            recompute_totals(order, items + added)
            await OrderVersion.create(
                order_id=order.id,
                version=order.version,
                status=order.status,
                reason=data.get("reason"),
                snapshot=before,
                using_db=uow.tx,
            )
            await OrderItem.bulk_update(
                items, fields=["quantity", "cancelled_quantity", "total_price"], using_db=uow.tx
            )
            if added:
                await OrderItem.bulk_create(added, using_db=uow.tx)
            await self._sync_downstream(uow.tx, order, items, added)
            order.version += 1
            await order.save(using_db=uow.tx)
            changes = {
                "reason": data.get("reason"),
                "items": delta,
                "added": [
                    {"id": str(i.id), "productId": str(i.product_id), "quantity": jsonable(i.quantity)} for i in added
                ],
                "totalAmount": {"before": before["totalAmount"], "after": jsonable(order.total_amount)},
            }
            await uow.record(order, OrderEventType.CHANGED, changes)
            await settle_fulfilment(uow, order, items + added)
        return order

    def _set_quantity(
        self, item: OrderItem, new: Decimal, delta: dict[str, Any], line_delta: dict[Any, Decimal]
    ) -> None:
        old = item.quantity
        if new == old:
            return
        if new < old:
            item.cancelled_quantity += old - new
        else:  # ordering more again first restores what was cancelled
            item.cancelled_quantity = max(Decimal(0), item.cancelled_quantity - (new - old))
        item.quantity = new
        delta[str(item.id)] = {"quantity": {"before": jsonable(old), "after": jsonable(new)}}
        if item.quote_line_id:
            line_delta[item.quote_line_id] = line_delta.get(item.quote_line_id, Decimal(0)) + (new - old)

    async def _check_quote_lines(self, tx: Any, line_delta: dict[Any, Decimal]) -> None:
        """O4 on increases, I3 on decreases: the quote line's ordered total moves with the change."""
        increases = {k: v for k, v in line_delta.items() if v > 0}
        if increases:
            lines = await QuoteLine.filter(id__in=list(increases)).using_db(tx).select_for_update().order_by("id")
            for line in lines:
                if line.ordered_quantity + increases[line.id] > line.quantity:
                    raise DomainError(
                        ErrorCode.QUANTITY_EXCEEDS_REMAINING,
                        f"Only {(line.quantity - line.ordered_quantity).normalize():f} more of this "
                        "quote line remain (O4).",
                        "quantities",
                    )
                line.ordered_quantity += increases[line.id]
            await QuoteLine.bulk_update(lines, fields=["ordered_quantity"], using_db=tx)
        await release_to_quote(tx, {k: -v for k, v in line_delta.items() if v < 0})

    async def _add_items(
        self, order: Order, items: list[OrderItem], additions: list[dict[str, Any]]
    ) -> list[OrderItem]:
        if not additions:
            return []
        ids = [parse_id(a["product_id"], "Product", f"addItems[{n}].productId") for n, a in enumerate(additions)]
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

    async def _sync_downstream(self, tx: Any, order: Order, items: list[OrderItem], added: list[OrderItem]) -> None:
        """C3 for new ONE_TIME items; C5: quantities and dates flow order -> contract -> subscriptions."""
        products = await products_by_id(i.product_id for i in added)
        await Asset.bulk_create(
            [
                Asset(
                    account_id=order.account_id,
                    product_id=i.product_id,
                    order_item_id=i.id,
                    quantity=i.quantity,
                    status=AssetStatus.PURCHASED,
                )
                for i in added
                if products[i.product_id].type == ProductType.ONE_TIME
            ],
            using_db=tx,
        )
        # I1: a cancelled item's asset goes too.
        await follow_item_quantities(tx, order, items, cancel_asset=lambda item: item.quantity == 0)
        if not order.contracted or not order.contract_id:
            return
        recurring = [i for i in added if products[i.product_id].type == ProductType.RECURRING]
        await subscribe_items(tx, order, order.contract_id, recurring)
        await (
            Contract.filter(id=order.contract_id)
            .using_db(tx)
            .update(start_date=order.start_date, end_date=order.end_date)
        )
