"""What every service shares: the unit of work, event recording, human numbers, scoping."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from app.auth import Actor
from app.bus import CHANNEL, EVENT_LOCK_KEY, bus
from app.errors import not_found
from models import Counter, Order, OrderEvent, PriceBook, Settings
from models.enums import OrderEventType, OrderStatus, Role

COUNTER_NAMES = ("quote", "order", "contract")


@dataclass
class UnitOfWork:
    """One transaction; the events written in it are published once it commits."""

    tx: BaseDBAsyncClient
    actor: Actor
    events: list[OrderEvent] = field(default_factory=list)

    async def record(
        self,
        order: Order,
        type: OrderEventType,
        changes: dict[str, Any] | None = None,
        previous_status: OrderStatus | None = None,
    ) -> OrderEvent:
        """D4: an OrderEvent row in the same transaction as the change it describes.

        Rows are inserted when the unit of work ends (just before COMMIT), so the PostgreSQL
        event lock is held for as short a time as possible.
        """
        event = OrderEvent(
            type=type,
            order_id=order.id,
            account_id=order.account_id,
            actor=self.actor.label,
            actor_key_id=self.actor.key_id,
            previous_status=previous_status,
            status=order.status,
            version=order.version,
            changes=changes,
        )
        self.events.append(event)
        return event

    def record_system(self, type: OrderEventType, changes: dict[str, Any]) -> OrderEvent:
        """An event about no order (e.g. a revoked key) that every process must hear of."""
        event = OrderEvent(type=type, actor=self.actor.label, actor_key_id=self.actor.key_id, changes=changes)
        self.events.append(event)
        return event

    async def flush_events(self) -> None:
        if not self.events:
            return
        postgres = self.tx.capabilities.dialect == "postgres"
        if postgres:
            # Event ids become visible in id order: see app/bus.py.
            await self.tx.execute_query("SELECT pg_advisory_xact_lock($1)", [EVENT_LOCK_KEY])
        for event in self.events:
            await event.save(using_db=self.tx)
        if postgres:
            await self.tx.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, str(self.events[-1].id)])


@asynccontextmanager
async def unit_of_work(actor: Actor) -> AsyncIterator[UnitOfWork]:
    async with in_transaction() as tx:
        uow = UnitOfWork(tx=tx, actor=actor)
        yield uow
        await uow.flush_events()
    # Reached only after COMMIT (or, inside an outer_transaction, after a savepoint): a rolled-back
    # change publishes nothing (A3).
    if uow.events:
        _publish_after_commit(uow.events)


# Events of units of work nested in an outer_transaction wait here for its COMMIT.
_outer_events: ContextVar[list[OrderEvent] | None] = ContextVar("ordergraph_outer_events", default=None)


def _publish_after_commit(events: list[OrderEvent]) -> None:
    pending = _outer_events.get()
    if pending is None:
        bus.committed(events)
    else:
        pending.extend(events)


@asynccontextmanager
async def outer_transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction around a whole mutation (used by idempotency): units of work inside it become
    savepoints, and their events are published only after this outermost transaction commits."""
    pending: list[OrderEvent] = []
    token = _outer_events.set(pending)
    try:
        async with in_transaction() as tx:
            yield tx
    finally:
        _outer_events.reset(token)
    if pending:
        bus.committed(pending)


async def next_numbers(tx: BaseDBAsyncClient, name: str, count: int = 1) -> list[int]:
    """Human numbers: the counter row is updated in the writing transaction, so concurrent
    creators queue on its row lock (PostgreSQL) or on the single writer (SQLite)."""
    await Counter.filter(name=name).using_db(tx).update(value=F("value") + count)
    counter = await Counter.filter(name=name).using_db(tx).get()
    last = int(counter.value)
    return list(range(last - count + 1, last + 1))


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}-{value:06d}"


async def ensure_reference_data() -> None:
    """Rows every database needs: the settings row, number counters, the standard price book."""
    await Settings.get_or_create(id=1)
    for name in COUNTER_NAMES:
        await Counter.get_or_create(name=name)
    if not await PriceBook.filter(is_standard=True).exists():
        await PriceBook.create(name="Standard", is_standard=True)


async def get_settings() -> Settings:
    settings = await Settings.get_or_none(id=1)
    if settings is None:
        settings, _ = await Settings.get_or_create(id=1)
    return settings


# S3: how each model reaches the account that owns it; catalog models are shared by all.
SCOPE_PATHS: dict[str, str] = {
    "Account": "id",
    "Opportunity": "account_id",
    "Quote": "account_id",
    "Order": "account_id",
    "OrderEvent": "account_id",
    "QuoteLine": "quote__account_id",
    "QuoteLineGroup": "quote__account_id",
    "OrderItem": "order__account_id",
    "OrderVersion": "order__account_id",
    "Contract": "account_id",
    "Subscription": "account_id",
    "Asset": "account_id",
}


def account_scope(actor: Actor, path: str) -> Q | None:
    """S3: the filter that limits a scoped key to its accounts; None for unscoped roles."""
    if not path:
        return None
    if actor.role == Role.PARTNER:
        return Q(**{f"{path}__in": list(actor.account_ids)})  # type: ignore[arg-type]
    if actor.role == Role.SALES_REP:
        owner_path = "owner_key_id" if path == "id" else path.removesuffix("_id") + "__owner_key_id"
        return Q(**{f"{path}__in": list(actor.account_ids)}) | Q(**{owner_path: actor.key_id})  # type: ignore[arg-type]
    return None


def scoped(actor: Actor, queryset: Any) -> Any:
    """Every read of account-owned rows goes through here: services, lists and DataLoaders."""
    path = SCOPE_PATHS.get(queryset.model.__name__)
    if path is None:
        return queryset
    condition = account_scope(actor, path)
    return queryset.filter(condition) if condition is not None else queryset


async def get_scoped(actor: Actor, queryset: Any, object_id: Any, what: str, field: str | None = None) -> Any:
    """Fetch one object by id inside the actor's scope; a malformed, unknown or foreign id is NOT_FOUND."""
    uid = parse_id(object_id, what, field)
    if account_scope(actor, SCOPE_PATHS.get(queryset.model.__name__, "")) is not None:
        # Check the scope without the row lock: PostgreSQL cannot lock the nullable side of the
        # outer joins a scope filter may need; then fetch (and lock) by id alone.
        if not await scoped(actor, queryset.model.filter(id=uid)).exists():
            raise not_found(what, field)
    obj = await queryset.filter(id=uid).first()
    if obj is None:
        raise not_found(what, field)
    return obj


def parse_id(value: Any, what: str, field: str | None = None) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except (ValueError, TypeError):
        raise not_found(what, field) from None


def parents_first(lines: list[Any]) -> list[Any]:
    """Rows that reference a parent row (required_by) ordered after it, for bulk inserts."""
    ids = {line.id for line in lines}
    done: set[Any] = set()
    ordered: list[Any] = []
    pending = list(lines)
    while pending:
        rest = []
        for line in pending:
            parent = line.required_by_id  # type: ignore[attr-defined]
            if parent is None or parent not in ids or parent in done:
                ordered.append(line)
                done.add(line.id)
            else:
                rest.append(line)
        pending = rest
    return ordered
