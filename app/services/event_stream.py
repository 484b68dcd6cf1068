"""A3/D4/C6: the live, resumable event streams a subscription reads (orders, contracts, invoices);
S3 applies to every event."""

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator, Awaitable
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from app.auth import Actor, Permission
from app.bus import AnyEvent, KeyRevoked, SubscriberOverflow, bus
from app.services.listing import event_cursor
from app.services.scoping import account_scope, get_scoped, scoped
from models import Account, ApiKey, Contract, ContractEvent, Invoice, InvoiceEvent, Order, OrderEvent
from models.enums import Role

REPLAY_BATCH = 500


@dataclass(frozen=True)
class Stream:
    """One event stream: its event table, the object its events are about, and the argument naming it."""

    events: type[Model]
    subject: type[Model]
    subject_field: str  # the event's column holding the subject's id
    what: str  # the subject's name in NOT_FOUND answers
    argument: str


ORDER_STREAM = Stream(OrderEvent, Order, "order_id", "Order", "orderId")
CONTRACT_STREAM = Stream(ContractEvent, Contract, "contract_id", "Contract", "contractId")
INVOICE_STREAM = Stream(InvoiceEvent, Invoice, "invoice_id", "Invoice", "invoiceId")


def _is_status_change(event: AnyEvent) -> bool:
    return event.previous_status is not None and event.status is not None and event.previous_status != event.status


class EventFilter:
    """Which events one subscriber receives: its stream and arguments, and S3 for scoped keys (checked
    in memory where possible: one event fans out to many subscribers)."""

    def __init__(self, actor: Actor, stream: Stream, subject_id: Any, account_id: Any, status_only: bool) -> None:
        self.actor = actor
        self.stream = stream
        self.subject_id = subject_id
        self.account_id = account_id
        self.status_only = status_only
        self.visible: dict[Any, bool] = {}

    def accepts(self, event: AnyEvent) -> bool:
        if not isinstance(event, self.stream.events):
            return False
        subject = getattr(event, self.stream.subject_field)
        if subject is None:
            return False
        if self.status_only and not _is_status_change(event):
            return False
        if self.subject_id is not None and subject != self.subject_id:
            return False
        return self.account_id is None or event.account_id == self.account_id

    async def can_see(self, event: AnyEvent) -> bool:
        actor = self.actor
        if account_scope(actor, "id") is None:
            return True
        if actor.role == Role.PARTNER:
            return event.account_id in actor.account_ids
        if event.account_id not in self.visible:
            self.visible[event.account_id] = await scoped(actor, Account.filter(id=event.account_id)).exists()
        return self.visible[event.account_id]

    async def replay(self, after: int) -> AsyncGenerator[AnyEvent, None]:
        """Stored events after a cursor, in id order, in batches."""
        field = self.stream.subject_field
        last = after
        while True:
            query = self.stream.events.filter(id__gt=last, **{f"{field}__isnull": False})
            if self.subject_id is not None:
                query = query.filter(**{field: self.subject_id})
            if self.account_id is not None:
                query = query.filter(account_id=self.account_id)
            batch = await scoped(self.actor, query).order_by("id").limit(REPLAY_BATCH)
            for event in batch:
                last = int(event.id)
                yield event
            if len(batch) < REPLAY_BATCH:
                return


async def watch(
    actor: Actor, stream: Stream, subject_id: Any, account_id: Any, after: str | None, status_only: bool = False
) -> AsyncGenerator[AnyEvent, None]:
    """Subscribe to the bus first, replay stored events after the cursor, then continue live,
    dropping ids already sent: no gap, no duplicate. Raises KeyRevoked and SubscriberOverflow."""
    actor.require(Permission.READ)
    subject_uuid = (
        (await get_scoped(actor, stream.subject.all(), subject_id, stream.what, stream.argument)).id
        if subject_id
        else None
    )
    account_uuid = (
        (await get_scoped(actor, Account.all(), account_id, "Account", "accountId")).id if account_id else None
    )
    last = event_cursor(after) if after is not None else None
    events = EventFilter(actor, stream, subject_uuid, account_uuid, status_only)
    if actor.key_id is not None and not await ApiKey.filter(id=actor.key_id, revoked_at=None).exists():
        raise KeyRevoked("This API key was revoked.")
    subscriber = bus.subscribe(events.accepts, actor.key_id)
    try:
        if last is not None:
            async for event in events.replay(last):
                last = int(event.id)
                if events.accepts(event):
                    yield event
        while True:
            try:
                event = await subscriber.next()
            except SubscriberOverflow:
                raise SubscriberOverflow(last) from None  # resume after the last event sent, replay included
            if last is not None and event.id <= last:
                continue
            last = int(event.id)
            if await events.can_see(event):
                yield event
    finally:
        bus.unsubscribe(subscriber)


_SUBJECT_ROWS: OrderedDict[tuple[str, int], asyncio.Future] = OrderedDict()
SHARED_SUBJECT_ROWS = 512


def shared_subject(stream: Stream, event: AnyEvent) -> Awaitable[Any]:
    """The event's order (or contract) row, read once per event however many subscribers it fans out
    to. Only subscribers that passed can_see for the event's account get here."""
    key = (stream.what, int(event.id))
    future = _SUBJECT_ROWS.get(key)
    if future is None:
        future = asyncio.ensure_future(stream.subject.get_or_none(id=getattr(event, stream.subject_field)))
        _SUBJECT_ROWS[key] = future
        while len(_SUBJECT_ROWS) > SHARED_SUBJECT_ROWS:
            _SUBJECT_ROWS.popitem(last=False)
    return asyncio.shield(future)
