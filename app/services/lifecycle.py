"""A1-A4, C1-C4, I2, I3: moving an order through its status machine (app/services/states.py)."""

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission
from app.errors import DomainError, ErrorCode, invalid
from app.services import pricing
from app.services.catalog import products_by_id
from app.services.common import UnitOfWork, format_number, get_scoped, next_numbers, parse_id, unit_of_work
from app.services.states import ORDER_STATES
from models import Asset, Contract, Order, OrderItem, QuoteLine, Subscription
from models.enums import AssetStatus, ContractStatus, OrderEventType, OrderStatus, ProductType

CONTRACTABLE = {OrderStatus.ACTIVATED, OrderStatus.IN_FULFILLMENT, OrderStatus.FULFILLED, OrderStatus.COMPLETED}


async def lock_order(actor: Actor, uow: UnitOfWork, order_id: Any, version: int | None = None) -> Order:
    order = await get_scoped(actor, Order.all().using_db(uow.tx).select_for_update(), order_id, "Order", "orderId")
    if version is not None and version != order.version:
        raise DomainError(
            ErrorCode.VERSION_CONFLICT,
            f"Order {order.number} is at version {order.version}, not {version}; reload and retry (D5).",
            "version",
        )
    return order  # type: ignore[no-any-return]


async def items_of(order: Order, tx: BaseDBAsyncClient) -> list[OrderItem]:
    return list(await OrderItem.filter(order_id=order.id).using_db(tx).order_by("position"))


async def move(
    uow: UnitOfWork,
    order: Order,
    target: OrderStatus,
    changes: dict[str, Any] | None = None,
    event: OrderEventType = OrderEventType.STATUS_CHANGED,
) -> None:
    """A4: every status change goes through the table, bumps the version and records an event."""
    ORDER_STATES.check(order.status, target)
    previous = order.status
    order.status = target
    order.version += 1
    await order.save(using_db=uow.tx)
    await uow.record(order, event, changes, previous_status=previous)


async def release_to_quote(tx: BaseDBAsyncClient, released: dict[Any, Decimal]) -> None:
    """I3: cancelled or reduced quantity can be ordered again from its quote line (O4)."""
    released = {k: v for k, v in released.items() if k and v}
    if not released:
        return
    lines = await QuoteLine.filter(id__in=list(released)).using_db(tx).select_for_update().order_by("id")
    for line in lines:
        line.ordered_quantity = max(Decimal(0), line.ordered_quantity - released[line.id])
    await QuoteLine.bulk_update(lines, fields=["ordered_quantity"], using_db=tx)


async def subscribe_items(tx: BaseDBAsyncClient, order: Order, contract_id: Any, items: list[OrderItem]) -> None:
    """C2: each RECURRING item becomes a subscription linked both ways (item dates, else the order's)."""
    await Subscription.bulk_create(
        [
            Subscription(
                contract_id=contract_id,
                account_id=order.account_id,
                product_id=i.product_id,
                order_item_id=i.id,
                quantity=i.quantity,
                start_date=i.start_date or order.start_date,
                end_date=i.end_date or order.end_date,
                net_price=i.unit_price,
            )
            for i in items
        ],
        using_db=tx,
    )
    await OrderItem.filter(id__in=[i.id for i in items]).using_db(tx).update(contracted=True)
    for item in items:
        item.contracted = True


async def follow_item_quantities(
    tx: BaseDBAsyncClient, order: Order, items: list[OrderItem], cancel_asset: Callable[[OrderItem], bool]
) -> list[Subscription]:
    """C3/C5: assets and subscriptions follow their items (two reads, two bulk writes, whatever the
    number of items). `cancel_asset` says which items' purchased assets are cancelled."""
    by_id = {i.id: i for i in items}
    assets = await Asset.filter(order_item_id__in=list(by_id), status=AssetStatus.PURCHASED).using_db(tx)
    for asset in assets:
        item = by_id[asset.order_item_id]
        asset.quantity = item.quantity
        if cancel_asset(item):
            asset.status = AssetStatus.CANCELLED
    if assets:
        await Asset.bulk_update(assets, fields=["quantity", "status"], using_db=tx)
    subscriptions = await Subscription.filter(order_item_id__in=list(by_id)).using_db(tx)
    for subscription in subscriptions:
        item = by_id[subscription.order_item_id]
        subscription.quantity = item.quantity
        subscription.start_date = item.start_date or order.start_date
        subscription.end_date = item.end_date or order.end_date
        subscription.net_price = item.unit_price
    if subscriptions:
        await Subscription.bulk_update(
            subscriptions, fields=["quantity", "start_date", "end_date", "net_price"], using_db=tx
        )
    return list(subscriptions)


async def settle_fulfilment(uow: UnitOfWork, order: Order, items: list[OrderItem]) -> None:
    """A4: once every remaining quantity has shipped, the order is FULFILLED (C3: assets INSTALLED)."""
    if order.status != OrderStatus.IN_FULFILLMENT or not any(i.quantity > 0 for i in items):
        return
    if all(i.shipped_quantity >= i.quantity for i in items):
        await (
            Asset.filter(order_item__order_id=order.id, status=AssetStatus.PURCHASED)
            .using_db(uow.tx)
            .update(status=AssetStatus.INSTALLED)
        )
        await move(uow, order, OrderStatus.FULFILLED)


def recompute_totals(order: Order, items: list[OrderItem]) -> None:
    for item in items:
        item.total_price = pricing.line_total(item.quantity, item.unit_price)
    order.total_amount = sum((i.total_price for i in items), Decimal("0.00"))
    ends = [i.end_date for i in items if i.end_date is not None and i.quantity > 0]
    if ends:
        order.end_date = max(ends)


class LifecycleService:
    async def activate(self, actor: Actor, order_id: Any, version: int | None = None) -> Order:
        """A1: lock a draft order for fulfilment; C3: its ONE_TIME items become assets."""
        actor.require(Permission.ACTIVATE_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id, version)
            ORDER_STATES.check(order.status, OrderStatus.ACTIVATED)
            items = await items_of(order, uow.tx)
            if not items:
                raise DomainError(
                    ErrorCode.EMPTY_ORDER, "An order needs at least one item to be activated (A1).", "orderId"
                )
            order.activated_at = datetime.now(UTC)
            order.activated_by = actor.label
            await OrderItem.filter(order_id=order.id).using_db(uow.tx).update(activated=True)
            products = await products_by_id(i.product_id for i in items)
            await Asset.bulk_create(
                [
                    Asset(
                        account_id=order.account_id,
                        product_id=i.product_id,
                        order_item_id=i.id,
                        quantity=i.quantity,
                        status=AssetStatus.PURCHASED,
                    )
                    for i in items
                    if products[i.product_id].type == ProductType.ONE_TIME
                ],
                using_db=uow.tx,
            )
            await move(uow, order, OrderStatus.ACTIVATED, {"activatedBy": actor.label})
        return order

    async def deactivate(self, actor: Actor, order_id: Any, version: int | None = None) -> Order:
        """A2: an activated order that is neither contracted nor fulfilled goes back to DRAFT."""
        actor.require(Permission.ACTIVATE_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id, version)
            if order.status == OrderStatus.ACTIVATED and order.contracted:
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Order {order.number} is contracted; uncontract it first (A2, C4).",
                    "orderId",
                )
            if order.status != OrderStatus.ACTIVATED:
                ORDER_STATES.check(order.status, OrderStatus.DRAFT)
            items = await items_of(order, uow.tx)
            if any(i.shipped_quantity > 0 for i in items):
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Order {order.number} has shipped items and cannot be deactivated (A2).",
                    "orderId",
                )
            # C4: deactivating clears the items' activated flags.
            await OrderItem.filter(order_id=order.id).using_db(uow.tx).update(activated=False)
            await Asset.filter(order_item__order_id=order.id, status=AssetStatus.PURCHASED).using_db(uow.tx).delete()
            order.activated_at = None
            order.activated_by = None
            await move(uow, order, OrderStatus.DRAFT)
        return order

    async def contract(self, actor: Actor, order_id: Any) -> tuple[Order, Contract]:
        """C1/C2: one contract per activated order; RECURRING items become subscriptions."""
        actor.require(Permission.ACTIVATE_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id)
            if order.status not in CONTRACTABLE:
                raise DomainError(
                    ErrorCode.ORDER_NOT_ACTIVATED,
                    f"Order {order.number} is {order.status}; activate it first (C1).",
                    "orderId",
                )
            if order.contracted:
                raise DomainError(
                    ErrorCode.ALREADY_CONTRACTED, f"Order {order.number} is contracted already (C1).", "orderId"
                )
            existing = (
                await Contract.filter(id=order.contract_id).using_db(uow.tx).first() if order.contract_id else None
            )
            contract = (
                await self._sync_contract(uow, order, existing) if existing else await self._new_contract(uow, order)
            )
            order.contract_id = contract.id
            order.contracted = True
            order.version += 1
            await order.save(using_db=uow.tx)
            await uow.record(
                order, OrderEventType.CONTRACTED, {"contractId": str(contract.id), "contractNumber": contract.number}
            )
        return order, contract

    async def _sync_contract(self, uow: UnitOfWork, order: Order, contract: Contract) -> Contract:
        """Contracting again after uncontractOrder: C5, the order's state flows into the contract."""
        contract.start_date, contract.end_date = order.start_date, order.end_date
        if order.start_date and order.end_date:
            contract.term = pricing.months_between(order.start_date, order.end_date)
        await contract.save(using_db=uow.tx)
        items = await items_of(order, uow.tx)
        existing = await follow_item_quantities(uow.tx, order, items, cancel_asset=lambda _item: False)
        subscribed = {s.order_item_id for s in existing}
        products = await products_by_id(i.product_id for i in items)
        new = [
            i
            for i in items
            if i.id not in subscribed and i.quantity > 0 and products[i.product_id].type == ProductType.RECURRING
        ]
        await subscribe_items(uow.tx, order, contract.id, new)
        return contract

    async def _new_contract(self, uow: UnitOfWork, order: Order) -> Contract:
        (n,) = await next_numbers(uow.tx, "contract")
        term = pricing.months_between(order.start_date, order.end_date) if order.start_date and order.end_date else None
        contract = await Contract.create(
            number=format_number("C", n),
            account_id=order.account_id,
            status=ContractStatus.DRAFT,
            start_date=order.start_date,
            end_date=order.end_date,
            term=term,
            renewal_uplift_percent=order.renewal_uplift_percent,
            renewal_term=order.renewal_term,
            using_db=uow.tx,
        )
        items = await items_of(order, uow.tx)
        products = await products_by_id(i.product_id for i in items)
        recurring = [i for i in items if products[i.product_id].type == ProductType.RECURRING and i.quantity > 0]
        await subscribe_items(uow.tx, order, contract.id, recurring)
        return contract

    async def uncontract(self, actor: Actor, order_id: Any) -> Order:
        """C4: un-contracting keeps the items' contracted flags (and the contract, for re-contracting)."""
        actor.require(Permission.ACTIVATE_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id)
            if not order.contracted:
                raise DomainError(ErrorCode.INVALID_TRANSITION, f"Order {order.number} is not contracted.", "orderId")
            order.contracted = False
            order.version += 1
            await order.save(using_db=uow.tx)
            await uow.record(order, OrderEventType.UNCONTRACTED, {"contractId": str(order.contract_id)})
        return order

    async def ship(self, actor: Actor, order_id: Any, shipments: list[dict[str, Any]]) -> Order:
        """A4: the first shipment moves the order to IN_FULFILLMENT, the last one to FULFILLED (C3: assets
        are then INSTALLED)."""
        actor.require(Permission.FULFILL_ORDERS)
        if not shipments:
            raise invalid("Ship at least one item.", "items")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id)
            if order.status not in (OrderStatus.ACTIVATED, OrderStatus.IN_FULFILLMENT):
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Order {order.number} is {order.status}; only activated orders ship.",
                    "orderId",
                )
            items = await items_of(order, uow.tx)
            by_id = {i.id: i for i in items}
            shipped: dict[str, str] = {}
            for n, s in enumerate(shipments):
                item = by_id.get(parse_id(s["order_item_id"], "Order item", f"items[{n}].orderItemId"))
                if item is None:
                    raise DomainError(
                        ErrorCode.NOT_FOUND, "Order item not found on this order.", f"items[{n}].orderItemId"
                    )
                quantity = s["quantity"]
                if quantity <= 0:
                    raise DomainError(
                        ErrorCode.INVALID_QUANTITY, "A shipped quantity must be positive.", f"items[{n}].quantity"
                    )
                if item.shipped_quantity + quantity > item.quantity:
                    raise invalid(
                        f"Only {(item.quantity - item.shipped_quantity).normalize():f} of this item remain to ship.",
                        f"items[{n}].quantity",
                    )
                item.shipped_quantity += quantity
                shipped[str(item.id)] = f"{item.shipped_quantity.normalize():f}"
            await OrderItem.bulk_update(items, fields=["shipped_quantity"], using_db=uow.tx)
            if order.status == OrderStatus.ACTIVATED:
                await move(uow, order, OrderStatus.IN_FULFILLMENT, {"shipped": shipped})
            else:
                order.version += 1
                await order.save(using_db=uow.tx)
                await uow.record(order, OrderEventType.SHIPPED, {"shipped": shipped})
            await settle_fulfilment(uow, order, items)
        return order

    async def complete(self, actor: Actor, order_id: Any) -> Order:
        """A4: FULFILLED -> COMPLETED once billed in full."""
        actor.require(Permission.FULFILL_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id)
            await move(uow, order, OrderStatus.COMPLETED)
        return order

    async def cancel(self, actor: Actor, order_id: Any, reason: str | None, version: int | None = None) -> Order:
        """I2: cancel what is not shipped (shipped quantities stay, and stay billable); I3: release it."""
        actor.require(Permission.EDIT_ORDERS)
        if not (reason or "").strip():
            raise invalid("Give a reason for the cancellation.", "reason")
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, order_id, version)
            ORDER_STATES.check(order.status, OrderStatus.CANCELLED)
            items = await items_of(order, uow.tx)
            released: dict[Any, Decimal] = {}
            for item in items:
                unshipped = item.quantity - item.shipped_quantity
                if unshipped > 0:
                    item.cancelled_quantity += unshipped
                    item.quantity = item.shipped_quantity
                    if item.quote_line_id:
                        released[item.quote_line_id] = released.get(item.quote_line_id, Decimal(0)) + unshipped
            recompute_totals(order, items)
            await OrderItem.bulk_update(
                items, fields=["quantity", "cancelled_quantity", "total_price"], using_db=uow.tx
            )
            await release_to_quote(uow.tx, released)
            # I2/C3: an asset keeps what was shipped; one with nothing shipped is cancelled.
            await follow_item_quantities(uow.tx, order, items, cancel_asset=lambda item: item.shipped_quantity == 0)
            order.cancel_reason = reason.strip()  # type: ignore[union-attr]
            await move(
                uow,
                order,
                OrderStatus.CANCELLED,
                {"reason": order.cancel_reason, "released": {str(k): str(v) for k, v in released.items()}},
                event=OrderEventType.CANCELLED,
            )
        return order
