"""F3/F4: fulfillments (PENDING -> ALLOCATED -> SHIPPED -> DELIVERED, or CANCELLED) and the plan's
tasks. `step` is the one way a fulfillment's status changes (the verbs here and the shipOrderItems
shortcut use it); every change is an event on the order's stream."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import decompose_orders
from app.services import fulfillment_commands as fc
from app.services import inventory as stock
from app.services.order_access import items_of, lock_order
from app.services.scoping import get_scoped, parse_id
from app.services.states import FULFILLMENT_STATES, ORDER_STATES, Capability, move_order
from app.services.unit_of_work import UnitOfWork, unit_of_work
from app.services.versions import bump
from models import Fulfillment, FulfillmentLine, FulfillmentTask, Order, OrderItem
from models.enums import FulfillmentStatus, FulfillmentType, OrderEventType, OrderStatus, TaskKind, TaskStatus

FS = FulfillmentStatus
EVENT_OF = {
    FS.ALLOCATED: OrderEventType.FULFILLMENT_ALLOCATED,
    FS.SHIPPED: OrderEventType.FULFILLMENT_SHIPPED,
    FS.DELIVERED: OrderEventType.FULFILLMENT_DELIVERED,
    FS.CANCELLED: OrderEventType.FULFILLMENT_CANCELLED,
}
OPEN = (FS.PENDING, FS.ALLOCATED)


class LineSpec(Protocol):
    """A line of a fulfillment to make: a CreateFulfillment line or a shipOrderItems item."""

    @property
    def order_item_id(self) -> str: ...

    @property
    def quantity(self) -> Decimal: ...


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


async def planned(uow: UnitOfWork, item_ids: Sequence[Any]) -> dict[Any, Decimal]:
    """How much of each item non-cancelled fulfillments cover."""
    rows = await (
        FulfillmentLine.filter(order_item_id__in=list(item_ids))
        .exclude(fulfillment__status=FS.CANCELLED)
        .using_db(uow.tx)
        .values_list("order_item_id", "quantity")
    )
    totals: dict[Any, Decimal] = {}
    for item_id, quantity in rows:
        totals[item_id] = totals.get(item_id, Decimal(0)) + Decimal(quantity)
    return totals


async def open_fulfillment(
    uow: UnitOfWork, order: Order, items: list[OrderItem], location_id: Any, specs: Sequence[LineSpec], field: str
) -> tuple[Fulfillment, list[FulfillmentLine]]:
    """F3: a PENDING fulfillment from one location covering parts of SHIPPABLE items; a quantity beyond
    an item's unfulfilled quantity is QUANTITY_EXCEEDS_REMAINING."""
    if not specs:
        raise invalid("A fulfillment needs at least one line.", field)
    by_id = {i.id: i for i in items}
    types = await decompose_orders.types_of(uow.tx, items)
    covered = await planned(uow, list(by_id))
    lines = []
    for n, spec in enumerate(specs):
        where = f"{field}[{n}]"
        item = by_id.get(parse_id(spec.order_item_id, "Order item", f"{where}.orderItemId"))
        if item is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"{where}.orderItemId")
        if types[item.id] != FulfillmentType.SHIPPABLE:
            raise invalid(f"This item is {types[item.id]}: only SHIPPABLE items are shipped (F2).", where)
        if spec.quantity <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A fulfilled quantity must be positive.", f"{where}.quantity")
        left = item.quantity - covered.get(item.id, Decimal(0))
        if spec.quantity > left:
            raise DomainError(
                ErrorCode.QUANTITY_EXCEEDS_REMAINING,
                f"Only {_qty(max(left, Decimal(0)))} of this item remain to be fulfilled (F3).",
                f"{where}.quantity",
            )
        covered[item.id] = covered.get(item.id, Decimal(0)) + spec.quantity
        lines.append(FulfillmentLine(order_item_id=item.id, quantity=spec.quantity, position=n))
    fulfillment = await Fulfillment.create(
        order_id=order.id, location_id=location_id, status=FS.PENDING, using_db=uow.tx
    )
    for line in lines:
        line.fulfillment_id = fulfillment.id
    await FulfillmentLine.bulk_create(lines, using_db=uow.tx)
    changes = {"fulfillmentId": str(fulfillment.id), "lines": {str(x.order_item_id): _qty(x.quantity) for x in lines}}
    await bump(uow, order, OrderEventType.FULFILLMENT_CREATED, changes)
    return fulfillment, lines


async def step(
    uow: UnitOfWork,
    order: Order,
    items: list[OrderItem],
    fulfillment: Fulfillment,
    lines: list[FulfillmentLine],
    target: FulfillmentStatus,
) -> None:
    """F3: one move along FULFILLMENT_STATES with its stock and item effects; F4: the order follows."""
    FULFILLMENT_STATES.check(fulfillment.status, target)
    previous, fulfillment.status = fulfillment.status, target
    by_id = {i.id: i for i in items}
    for line in lines:
        item = by_id[line.order_item_id]
        if target == FS.SHIPPED:
            item.shipped_quantity += line.quantity
        elif target == FS.DELIVERED:
            item.fulfilled_quantity += line.quantity
    await fulfillment.save(using_db=uow.tx, update_fields=["status", "updated_at"])
    touched = list({x.order_item_id: by_id[x.order_item_id] for x in lines}.values())
    if target in (FS.SHIPPED, FS.DELIVERED):
        await OrderItem.bulk_update(touched, fields=["shipped_quantity", "fulfilled_quantity"], using_db=uow.tx)
    await _follow_shipment_tasks(uow, touched, target)
    changes = {
        "fulfillmentId": str(fulfillment.id),
        "fulfillmentStatus": {"before": str(previous), "after": str(target)},
    }
    await record(uow, order, items, EVENT_OF[target], changes, starts=target == FS.ALLOCATED)
    if target == FS.DELIVERED:
        await settle_fulfilment(uow, order, items)
    # Last: the stock row stays locked from here to COMMIT only (concurrent allocations queue on it).
    await _move_stock(uow, fulfillment, lines, by_id, previous)


async def _move_stock(
    uow: UnitOfWork,
    fulfillment: Fulfillment,
    lines: list[FulfillmentLine],
    by_id: dict[Any, OrderItem],
    previous: FulfillmentStatus,
) -> None:
    """F3: allocating reserves, shipping takes off hand, cancelling an allocation releases it. A
    fulfillment without a location (the shipOrderItems shortcut) moves no stock."""
    target = fulfillment.status
    reserving = target == FS.ALLOCATED
    releasing = target == FS.SHIPPED or (target == FS.CANCELLED and previous == FS.ALLOCATED)
    if fulfillment.location_id is None or not (reserving or releasing):
        return
    needs: dict[Any, Decimal] = {}
    for line in lines:
        product_id = by_id[line.order_item_id].product_id
        needs[product_id] = needs.get(product_id, Decimal(0)) + line.quantity
    stocks = await stock.lock_stock(uow.tx, fulfillment.location_id, needs)
    if reserving:
        stock.reserve(stocks, needs, "fulfillmentId")
    else:
        stock.release(stocks, needs, ship=target == FS.SHIPPED)
    await stock.save_stock(uow.tx, stocks)


async def _follow_shipment_tasks(uow: UnitOfWork, items: list[OrderItem], target: FulfillmentStatus) -> None:
    """F2: a SHIPMENT task is in progress from the first allocation and done once its item is delivered."""
    if target == FS.ALLOCATED:
        await (
            FulfillmentTask.filter(
                order_item_id__in=[i.id for i in items], kind=TaskKind.SHIPMENT, status=TaskStatus.PENDING
            )
            .using_db(uow.tx)
            .update(status=TaskStatus.IN_PROGRESS)
        )
    if target == FS.DELIVERED:
        done = [i.id for i in items if i.fulfilled_quantity >= i.quantity]
        await (
            FulfillmentTask.filter(order_item_id__in=done, kind=TaskKind.SHIPMENT)
            .using_db(uow.tx)
            .update(status=TaskStatus.DONE)
        )


async def record(
    uow: UnitOfWork,
    order: Order,
    items: list[OrderItem],
    event: OrderEventType,
    changes: dict[str, Any],
    starts: bool = False,
) -> None:
    """F4: the first allocation or task start moves the order to IN_FULFILLMENT (the event says both)."""
    if starts and order.status == OrderStatus.ACTIVATED:
        await move_order(uow, order, OrderStatus.IN_FULFILLMENT, items, changes, event=event)
    else:
        await bump(uow, order, event, changes)


async def settle_fulfilment(uow: UnitOfWork, order: Order, items: list[OrderItem]) -> None:
    """F4: once every non-cancelled quantity is delivered, completed or provisioned, the order is
    FULFILLED (C3: its assets INSTALLED)."""
    if order.status != OrderStatus.IN_FULFILLMENT or not any(i.quantity > 0 for i in items):
        return
    if all(i.fulfilled_quantity >= i.quantity for i in items):
        await move_order(uow, order, OrderStatus.FULFILLED, items)


async def follow_quantities(uow: UnitOfWork, order: Order, items: list[OrderItem], added: list[OrderItem]) -> None:
    """F4 after an in-flight change (I1) or a cancellation (I2): open fulfillments beyond an item's new
    quantity are cancelled first (reservations released); cancelled items' tasks are cancelled;
    DIGITAL items stay provisioned in full; added items join the plan (F2)."""
    covered = await planned(uow, [i.id for i in items])
    over = [i.id for i in items if covered.get(i.id, Decimal(0)) > i.quantity]
    if over:
        await _cancel_open(uow, order, items, over)
    types = await decompose_orders.types_of(uow.tx, items)
    for item in items:
        # DIGITAL stays provisioned in full; a completed SERVICE covers the item's whole quantity.
        if types[item.id] == FulfillmentType.DIGITAL or (
            types[item.id] == FulfillmentType.SERVICE and item.fulfilled_quantity > 0
        ):
            item.fulfilled_quantity = item.quantity
        item.fulfilled_quantity = min(item.fulfilled_quantity, item.quantity)
    await OrderItem.bulk_update(items, fields=["fulfilled_quantity"], using_db=uow.tx)
    await _follow_tasks(uow, items, types)
    await decompose_orders.extend_plan(uow.tx, order, added)


async def _follow_tasks(uow: UnitOfWork, items: list[OrderItem], types: dict[Any, FulfillmentType]) -> None:
    """F4: a cancelled item's unfinished task is cancelled, a fully fulfilled one's is done, and a
    SHIPPABLE item raised above what was delivered has shipping to do again."""
    unfinished = [TaskStatus.PENDING, TaskStatus.IN_PROGRESS]
    for status, ids in (
        (TaskStatus.CANCELLED, [i.id for i in items if i.quantity <= 0]),
        (TaskStatus.DONE, [i.id for i in items if 0 < i.quantity <= i.fulfilled_quantity]),
    ):
        await (
            FulfillmentTask.filter(order_item_id__in=ids, status__in=unfinished).using_db(uow.tx).update(status=status)
        )
    reopened = [i.id for i in items if types[i.id] == FulfillmentType.SHIPPABLE and i.fulfilled_quantity < i.quantity]
    await (
        FulfillmentTask.filter(order_item_id__in=reopened, kind=TaskKind.SHIPMENT, status=TaskStatus.DONE)
        .using_db(uow.tx)
        .update(status=TaskStatus.IN_PROGRESS)
    )


async def _cancel_open(uow: UnitOfWork, order: Order, items: list[OrderItem], item_ids: list[Any]) -> None:
    ids = (
        await FulfillmentLine.filter(order_item_id__in=item_ids)
        .using_db(uow.tx)
        .values_list("fulfillment_id", flat=True)
    )
    opened = (
        await Fulfillment.filter(id__in=list(set(ids)), status__in=OPEN)
        .using_db(uow.tx)
        .select_for_update()
        .order_by("id")
    )
    by_id = {i.id: i for i in items}
    for fulfillment in opened:
        previous = fulfillment.status
        FULFILLMENT_STATES.check(previous, FS.CANCELLED)
        fulfillment.status = FS.CANCELLED
        lines = list(await FulfillmentLine.filter(fulfillment_id=fulfillment.id).using_db(uow.tx))
        await _move_stock(uow, fulfillment, lines, by_id, previous)
        await fulfillment.save(using_db=uow.tx, update_fields=["status", "updated_at"])
        uow.record(order, OrderEventType.FULFILLMENT_CANCELLED, {"fulfillmentId": str(fulfillment.id), "reason": "I1"})


async def lock_fulfillment(
    actor: Actor, uow: UnitOfWork, fulfillment_id: Any
) -> tuple[Order, list[OrderItem], Fulfillment, list[FulfillmentLine]]:
    """S3: a fulfillment is seen through its order's account; the order is locked first, then the fulfillment."""
    found: Fulfillment = await get_scoped(actor, Fulfillment.all(), fulfillment_id, "Fulfillment", "fulfillmentId")
    order = await lock_order(actor, uow, found.order_id)
    fulfillment = await Fulfillment.filter(id=found.id).using_db(uow.tx).select_for_update().get()
    lines = list(await FulfillmentLine.filter(fulfillment_id=found.id).using_db(uow.tx).order_by("position", "id"))
    return order, await items_of(order, uow.tx), fulfillment, lines


class FulfilOrderService:
    @requires(Permission.FULFILL_ORDERS)
    async def create(self, actor: Actor, data: fc.CreateFulfillment) -> Fulfillment:
        """F3: a PENDING fulfillment from one location."""
        location = await stock.find_location(data.location_id)
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id)
            ORDER_STATES.require(order.status, Capability.SHIP, f"Order {order.number}", "orderId")
            items = await items_of(order, uow.tx)
            fulfillment, _ = await open_fulfillment(uow, order, items, location.id, data.lines, "lines")
        return fulfillment

    @requires(Permission.FULFILL_ORDERS)
    async def allocate(self, actor: Actor, data: fc.FulfillmentTransition) -> Fulfillment:
        """F3: reserve the stock (INSUFFICIENT_STOCK); F4: the first allocation starts fulfilment."""
        return await self._move(actor, data, FS.ALLOCATED)

    @requires(Permission.FULFILL_ORDERS)
    async def ship(self, actor: Actor, data: fc.FulfillmentTransition) -> Fulfillment:
        """F3: an allocated fulfillment leaves: its stock goes off hand."""
        return await self._move(actor, data, FS.SHIPPED)

    @requires(Permission.FULFILL_ORDERS)
    async def deliver(self, actor: Actor, data: fc.FulfillmentTransition) -> Fulfillment:
        """F3/F4: delivered quantities are fulfilled; the last delivery fulfils the order."""
        return await self._move(actor, data, FS.DELIVERED)

    @requires(Permission.FULFILL_ORDERS)
    async def cancel(self, actor: Actor, data: fc.FulfillmentTransition) -> Fulfillment:
        """F3: a pending or allocated fulfillment is cancelled and its reservation released."""
        return await self._move(actor, data, FS.CANCELLED)

    async def _move(self, actor: Actor, data: fc.FulfillmentTransition, target: FulfillmentStatus) -> Fulfillment:
        async with unit_of_work(actor) as uow:
            order, items, fulfillment, lines = await lock_fulfillment(actor, uow, data.fulfillment_id)
            if target == FS.ALLOCATED:
                ORDER_STATES.require(order.status, Capability.SHIP, f"Order {order.number}", "fulfillmentId")
            await step(uow, order, items, fulfillment, lines, target)
        return fulfillment


fulfil_orders = FulfilOrderService()
