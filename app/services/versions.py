"""D5: optimistic concurrency on orders. One check, one bump; every bump records its event (D4)."""

from typing import Any

from app.errors import DomainError, ErrorCode, invalid
from app.services.unit_of_work import UnitOfWork
from models import Order
from models.enums import OrderEventType, OrderStatus


def check_version(order: Order, version: int | None, required: bool) -> None:
    """A write based on another version than the current one is VERSION_CONFLICT. Edits must say
    which version they start from (`required`); status moves may."""
    if version is None:
        if required:
            raise invalid("Give the order's current version (D5).", "version")
        return
    if version != order.version:
        raise DomainError(
            ErrorCode.VERSION_CONFLICT,
            f"Order {order.number} is at version {order.version}, not {version}; reload and retry (D5).",
            "version",
        )


async def bump(
    uow: UnitOfWork,
    order: Order,
    event: OrderEventType,
    changes: dict[str, Any] | None = None,
    previous_status: OrderStatus | None = None,
) -> None:
    """The order's next version: saved and recorded as an event in the same transaction."""
    order.version += 1
    await order.save(using_db=uow.tx)
    uow.record(order, event, changes, previous_status=previous_status)
