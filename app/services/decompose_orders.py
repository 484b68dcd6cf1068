"""F2: activating an order decomposes it into a fulfillment plan, one task per order item by the
product's fulfillment type: SHIPPABLE items are fulfilled through fulfillments (their SHIPMENT task
follows them), SERVICE items by a task to start and complete, DIGITAL items are provisioned at once.
A task depends on the task of its item's `requiredBy` parent."""

from decimal import Decimal
from typing import Any
from uuid import uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Fulfillment, FulfillmentTask, Order, OrderItem, Product
from models.enums import FulfillmentStatus, FulfillmentType, ProductType, TaskKind, TaskStatus

KIND_OF = {
    FulfillmentType.SHIPPABLE: TaskKind.SHIPMENT,
    FulfillmentType.SERVICE: TaskKind.SERVICE,
    FulfillmentType.DIGITAL: TaskKind.PROVISIONING,
}


def default_fulfillment_type(product_type: ProductType) -> FulfillmentType:
    """API: SHIPPABLE for ONE_TIME products, DIGITAL otherwise (createProduct's default)."""
    return FulfillmentType.SHIPPABLE if product_type == ProductType.ONE_TIME else FulfillmentType.DIGITAL


def fulfillment_type_of(product: Product) -> FulfillmentType:
    return product.fulfillment_type or default_fulfillment_type(product.type)


async def types_of(tx: BaseDBAsyncClient, items: list[OrderItem]) -> dict[Any, FulfillmentType]:
    """Each item's fulfillment type (by item id), from its product."""
    products = {p.id: p for p in await Product.filter(id__in={i.product_id for i in items}).using_db(tx)}
    return {i.id: fulfillment_type_of(products[i.product_id]) for i in items}


def plan_tasks(
    items: list[OrderItem], types: dict[Any, FulfillmentType], known: dict[Any, Any]
) -> list[FulfillmentTask]:
    """F2: new tasks for `items` (none for an item with nothing left to fulfil); `known` maps the item
    ids that have a task already to its id, so a new item may depend on an existing parent's task."""
    ids = dict(known)
    ids.update({i.id: uuid4() for i in items if i.id not in known})
    tasks = []
    for item in items:
        if item.id in known or item.quantity <= 0:
            continue
        kind = KIND_OF[types[item.id]]
        digital = kind == TaskKind.PROVISIONING
        if digital:
            item.fulfilled_quantity = item.quantity  # F2: provisioned at activation
        tasks.append(
            FulfillmentTask(
                id=ids[item.id],
                order_id=item.order_id,
                order_item_id=item.id,
                depends_on_id=ids.get(item.required_by_id),
                kind=kind,
                status=TaskStatus.DONE if digital else TaskStatus.PENDING,
                position=item.position,
            )
        )
    return tasks


async def build_plan(tx: BaseDBAsyncClient, items: list[OrderItem]) -> None:
    """F2 (called by the activation effect in states.py): the order's plan, built afresh."""
    if not items:
        return
    await FulfillmentTask.filter(order_id=items[0].order_id).using_db(tx).delete()
    tasks = plan_tasks(items, await types_of(tx, items), {})
    await _save_plan(tx, tasks, items)


async def extend_plan(tx: BaseDBAsyncClient, order: Order, added: list[OrderItem]) -> None:
    """F2 for items an in-flight change (I1) adds to an activated order."""
    if not added:
        return
    known = {t.order_item_id: t.id for t in await FulfillmentTask.filter(order_id=order.id).using_db(tx)}
    tasks = plan_tasks(added, await types_of(tx, added), known)
    await _save_plan(tx, tasks, added)


async def _save_plan(tx: BaseDBAsyncClient, tasks: list[FulfillmentTask], items: list[OrderItem]) -> None:
    # Parents before children: a task's depends_on row must exist when it is inserted.
    done: set[Any] = set()
    ordered: list[FulfillmentTask] = []
    pending = list(tasks)
    while pending:
        ready = [t for t in pending if t.depends_on_id in done or not _planned(t, pending)] or pending
        ordered.extend(ready)
        done.update(t.id for t in ready)
        pending = [t for t in pending if t.id not in done]
    await FulfillmentTask.bulk_create(ordered, using_db=tx)
    await OrderItem.bulk_update(items, fields=["fulfilled_quantity"], using_db=tx)


def _planned(task: FulfillmentTask, pending: list[FulfillmentTask]) -> bool:
    return any(t.id == task.depends_on_id for t in pending)


async def clear_plan(tx: BaseDBAsyncClient, order: Order) -> None:
    """A2: a deactivated order has no plan (nothing was allocated: allocation moves it on)."""
    await FulfillmentTask.filter(order_id=order.id).using_db(tx).delete()
    await Fulfillment.filter(order_id=order.id, status=FulfillmentStatus.PENDING).using_db(tx).delete()
    await OrderItem.filter(order_id=order.id).using_db(tx).update(fulfilled_quantity=Decimal(0))
