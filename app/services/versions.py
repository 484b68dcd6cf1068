"""D5 (orders) and C6 (contracts): optimistic concurrency. One check, one bump; every bump records its
event on the object's own stream (D4)."""

from typing import Any

from app.errors import DomainError, ErrorCode, invalid
from app.services.unit_of_work import UnitOfWork
from models import Contract, Order
from models.enums import ContractEventType, ContractStatus, OrderEventType, OrderStatus


def check_version(order: Order | Contract, version: int | None, required: bool) -> None:
    """A write based on another version than the current one is VERSION_CONFLICT. Edits must say
    which version they start from (`required`); status moves may."""
    if version is None:
        if required:
            raise invalid(f"Give the {type(order).__name__.lower()}'s current version (D5).", "version")
        return
    if version != order.version:
        raise DomainError(
            ErrorCode.VERSION_CONFLICT,
            f"{type(order).__name__} {order.number} is at version {order.version}, not {version}; "
            "reload and retry (D5).",
            "version",
        )


async def bump(
    uow: UnitOfWork,
    order: Order | Contract,
    event: OrderEventType | ContractEventType,
    changes: dict[str, Any] | None = None,
    previous_status: OrderStatus | ContractStatus | None = None,
) -> None:
    """The order's (or contract's) next version: saved and recorded as an event in the same transaction."""
    order.version += 1
    await order.save(using_db=uow.tx)
    uow.record(order, event, changes, previous_status=previous_status)
