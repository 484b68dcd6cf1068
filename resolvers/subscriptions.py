"""Live subscriptions (A3): order status changes and the resumable event stream.

Subscribe to the bus first, replay stored events after the cursor, then continue live, dropping
ids already sent: no gap, no duplicate.
"""

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator, Awaitable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from app.auth import Actor, Permission
from app.bus import KeyRevoked, SubscriberOverflow, bus
from app.services.common import account_scope, get_scoped, scoped
from app.services.listing import event_cursor
from models import Account, ApiKey, Order
from models import OrderEvent as OrderEventModel
from models.enums import Role
from resolvers.common import actor_of
from resolvers.loaders import Loaders
from schema.orders import OrderEvent, OrderStatusEvent

REPLAY_BATCH = 500


def _is_status_change(event: OrderEventModel) -> bool:
    return event.previous_status is not None and event.status is not None and event.previous_status != event.status


async def _stream(
    info: Info, order_id: Any, account_id: Any, after: str | None, status_only: bool
) -> AsyncGenerator[OrderEventModel, None]:
    actor: Actor = actor_of(info)
    actor.require(Permission.READ)
    order_uuid = (await get_scoped(actor, Order.all(), order_id, "Order", "orderId")).id if order_id else None
    account_uuid = (
        (await get_scoped(actor, Account.all(), account_id, "Account", "accountId")).id if account_id else None
    )
    start_after = event_cursor(after) if after is not None else None

    def accepts(event: OrderEventModel) -> bool:
        if event.order_id is None:
            return False
        if status_only and not _is_status_change(event):
            return False
        if order_uuid is not None and event.order_id != order_uuid:
            return False
        return account_uuid is None or event.account_id == account_uuid

    visible: dict[Any, bool] = {}

    async def can_see(event: OrderEventModel) -> bool:
        # S3: scoped keys only ever receive their accounts' events (checked in memory where possible:
        # one event fans out to many subscribers).
        if account_scope(actor, "id") is None:
            return True
        if actor.role == Role.PARTNER:
            return event.account_id in actor.account_ids
        if event.account_id not in visible:
            visible[event.account_id] = await scoped(actor, Account.filter(id=event.account_id)).exists()
        return visible[event.account_id]

    if actor.key_id is not None and not await ApiKey.filter(id=actor.key_id, revoked_at=None).exists():
        raise GraphQLError("This API key was revoked.", extensions={"code": "UNAUTHENTICATED"})
    subscriber = bus.subscribe(accepts, actor.key_id)
    try:
        last = start_after
        if last is not None:
            while True:
                query = OrderEventModel.filter(id__gt=last, order_id__isnull=False)
                if order_uuid is not None:
                    query = query.filter(order_id=order_uuid)
                if account_uuid is not None:
                    query = query.filter(account_id=account_uuid)
                batch = await scoped(actor, query).order_by("id").limit(REPLAY_BATCH)
                for event in batch:
                    last = int(event.id)
                    if accepts(event):
                        yield event
                if len(batch) < REPLAY_BATCH:
                    break
        while True:
            try:
                event = await subscriber.next()
            except KeyRevoked:
                raise GraphQLError("This API key was revoked.", extensions={"code": "UNAUTHENTICATED"}) from None
            except SubscriberOverflow as overflow:
                cursor = str(last) if last is not None else None
                raise GraphQLError(str(overflow), extensions={"code": "SUBSCRIBER_TOO_SLOW", "after": cursor}) from None
            if last is not None and event.id <= last:
                continue
            last = int(event.id)
            if await can_see(event):
                yield event
    finally:
        bus.unsubscribe(subscriber)


_ORDER_ROWS: OrderedDict[int, asyncio.Future] = OrderedDict()
SHARED_ORDER_ROWS = 512


def shared_order(event: OrderEventModel) -> Awaitable[Any]:
    """The event's order row, read once per event however many subscribers it fans out to.
    Only subscribers that passed can_see for the event's account get here."""
    future = _ORDER_ROWS.get(int(event.id))
    if future is None:
        future = asyncio.ensure_future(Order.get_or_none(id=event.order_id))
        _ORDER_ROWS[int(event.id)] = future
        while len(_ORDER_ROWS) > SHARED_ORDER_ROWS:
            _ORDER_ROWS.popitem(last=False)
    return asyncio.shield(future)


def _fresh_loaders(info: Info) -> None:
    # A websocket's context lives as long as the socket: loaders are made anew for every event.
    info.context._loaders = Loaders(actor_of(info))


@strawberry.type
class Subscription:
    @strawberry.subscription(description="A3: each order status change, after its transaction commits.")
    async def order_status_changed(
        self, info: Info, order_id: strawberry.ID | None = None, account_id: strawberry.ID | None = None
    ) -> AsyncGenerator[OrderStatusEvent, None]:
        async for event in _stream(info, order_id, account_id, None, status_only=True):
            _fresh_loaders(info)
            shaped = OrderStatusEvent.from_model(event)
            shaped.shared_order = shared_order(event)
            yield shaped

    @strawberry.subscription(
        description="D4/A3: every order event; pass `after` (an event cursor) to resume with no gap and no duplicate."
    )
    async def order_events(
        self,
        info: Info,
        order_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[OrderEvent, None]:
        async for event in _stream(info, order_id, account_id, after, status_only=False):
            _fresh_loaders(info)
            shaped = OrderEvent.from_model(event)
            shaped.shared_order = shared_order(event)
            yield shaped
