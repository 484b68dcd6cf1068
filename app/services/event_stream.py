"""A3/D4: the live, resumable event stream a subscription reads; S3 applies to every event."""

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator, Awaitable
from typing import Any

from app.auth import Actor, Permission
from app.bus import KeyRevoked, SubscriberOverflow, bus
from app.services.listing import event_cursor
from app.services.scoping import account_scope, get_scoped, scoped
from models import Account, ApiKey, Order, OrderEvent
from models.enums import Role

REPLAY_BATCH = 500


def _is_status_change(event: OrderEvent) -> bool:
    return event.previous_status is not None and event.status is not None and event.previous_status != event.status


class EventFilter:
    """Which events one subscriber receives: its arguments, and S3 for scoped keys (checked in memory
    where possible: one event fans out to many subscribers)."""

    def __init__(self, actor: Actor, order_id: Any, account_id: Any, status_only: bool) -> None:
        self.actor = actor
        self.order_id = order_id
        self.account_id = account_id
        self.status_only = status_only
        self.visible: dict[Any, bool] = {}

    def accepts(self, event: OrderEvent) -> bool:
        if event.order_id is None:
            return False
        if self.status_only and not _is_status_change(event):
            return False
        if self.order_id is not None and event.order_id != self.order_id:
            return False
        return self.account_id is None or event.account_id == self.account_id

    async def can_see(self, event: OrderEvent) -> bool:
        actor = self.actor
        if account_scope(actor, "id") is None:
            return True
        if actor.role == Role.PARTNER:
            return event.account_id in actor.account_ids
        if event.account_id not in self.visible:
            self.visible[event.account_id] = await scoped(actor, Account.filter(id=event.account_id)).exists()
        return self.visible[event.account_id]

    async def replay(self, after: int) -> AsyncGenerator[OrderEvent, None]:
        """Stored events after a cursor, in id order, in batches."""
        last = after
        while True:
            query = OrderEvent.filter(id__gt=last, order_id__isnull=False)
            if self.order_id is not None:
                query = query.filter(order_id=self.order_id)
            if self.account_id is not None:
                query = query.filter(account_id=self.account_id)
            batch = await scoped(self.actor, query).order_by("id").limit(REPLAY_BATCH)
            for event in batch:
                last = int(event.id)
                yield event
            if len(batch) < REPLAY_BATCH:
                return


async def watch(
    actor: Actor, order_id: Any, account_id: Any, after: str | None, status_only: bool
) -> AsyncGenerator[OrderEvent, None]:
    """Subscribe to the bus first, replay stored events after the cursor, then continue live,
    dropping ids already sent: no gap, no duplicate. Raises KeyRevoked and SubscriberOverflow."""
    actor.require(Permission.READ)
    order_uuid = (await get_scoped(actor, Order.all(), order_id, "Order", "orderId")).id if order_id else None
    account_uuid = (
        (await get_scoped(actor, Account.all(), account_id, "Account", "accountId")).id if account_id else None
    )
    last = event_cursor(after) if after is not None else None
    events = EventFilter(actor, order_uuid, account_uuid, status_only)
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


_ORDER_ROWS: OrderedDict[int, asyncio.Future] = OrderedDict()
SHARED_ORDER_ROWS = 512


def shared_order(event: OrderEvent) -> Awaitable[Any]:
    """The event's order row, read once per event however many subscribers it fans out to.
    Only subscribers that passed can_see for the event's account get here."""
    future = _ORDER_ROWS.get(int(event.id))
    if future is None:
        future = asyncio.ensure_future(Order.get_or_none(id=event.order_id))
        _ORDER_ROWS[int(event.id)] = future
        while len(_ORDER_ROWS) > SHARED_ORDER_ROWS:
            _ORDER_ROWS.popitem(last=False)
    return asyncio.shield(future)
