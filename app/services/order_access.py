"""Reading an order for a write: inside the caller's scope (S3), locked, at the expected version (D5)."""

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor
from app.services.scoping import get_scoped
from app.services.unit_of_work import UnitOfWork
from app.services.versions import check_version
from models import Order, OrderItem


async def lock_order(
    actor: Actor, uow: UnitOfWork, order_id: Any, version: int | None = None, version_required: bool = False
) -> Order:
    order: Order = await get_scoped(
        actor, Order.all().using_db(uow.tx).select_for_update(), order_id, "Order", "orderId"
    )
    check_version(order, version, required=version_required)
    return order


async def items_of(order: Order, tx: BaseDBAsyncClient) -> list[OrderItem]:
    return list(await OrderItem.filter(order_id=order.id).using_db(tx).order_by("position"))
