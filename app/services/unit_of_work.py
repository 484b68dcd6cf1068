"""The one way a service writes: a transaction whose events are published once it commits (A3, D4)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from app.auth import Actor
from app.bus import CHANNEL, EVENT_LOCK_KEY, AnyEvent, bus
from app.services.event_rows import insert_events
from models import Contract, ContractEvent, Invoice, InvoiceEvent, Order, OrderEvent
from models.enums import (
    ContractEventType,
    ContractStatus,
    InvoiceEventType,
    InvoiceStatus,
    OrderEventType,
    OrderStatus,
)

Subject = Order | Contract | Invoice
EventType = OrderEventType | ContractEventType | InvoiceEventType
Status = OrderStatus | ContractStatus | InvoiceStatus


@dataclass
class UnitOfWork:
    """One transaction; the events written in it are published once it commits."""

    tx: BaseDBAsyncClient
    actor: Actor
    events: list[AnyEvent] = field(default_factory=list)

    def record(
        self,
        subject: Subject,
        type: EventType,
        changes: dict[str, Any] | None = None,
        previous_status: Status | None = None,
    ) -> AnyEvent:
        """D4/C6/B2: an event row on the subject's own stream (OrderEvent, ContractEvent or
        InvoiceEvent), in the same transaction as the change it describes.

        Rows are inserted when the unit of work ends (just before COMMIT), one statement per stream
        (app/services/event_rows.py), so the PostgreSQL event lock is held for as short a time as
        possible.
        """
        values: dict[str, Any] = {
            "type": type,
            "account_id": subject.account_id,
            "actor": self.actor.label,
            "actor_key_id": self.actor.key_id,
            "previous_status": previous_status,
            "status": subject.status,
            "version": subject.version,
            "changes": changes,
        }
        event: AnyEvent
        if isinstance(subject, Contract):
            event = ContractEvent(contract_id=subject.id, **values)
        elif isinstance(subject, Invoice):
            event = InvoiceEvent(invoice_id=subject.id, **values)
        else:
            event = OrderEvent(order_id=subject.id, **values)
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
        streams: dict[type, list[AnyEvent]] = {}
        for event in self.events:
            streams.setdefault(type(event), []).append(event)
        for events in streams.values():
            await insert_events(self.tx, events)
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
_outer_events: ContextVar[list[AnyEvent] | None] = ContextVar("ordergraph_outer_events", default=None)


def _publish_after_commit(events: list[AnyEvent]) -> None:
    pending = _outer_events.get()
    if pending is None:
        bus.committed(events)
    else:
        pending.extend(events)


@asynccontextmanager
async def outer_transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction around a whole mutation (used by idempotency): units of work inside it become
    savepoints, and their events are published only after this outermost transaction commits."""
    pending: list[AnyEvent] = []
    token = _outer_events.set(pending)
    try:
        async with in_transaction() as tx:
            yield tx
    finally:
        _outer_events.reset(token)
    if pending:
        bus.committed(pending)
