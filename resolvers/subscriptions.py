"""Live subscriptions (A3): thin wrappers over app/services/event_stream.py that shape each event
and turn its stream-ending exceptions into GraphQL errors."""

import json
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from app.bus import KeyRevoked, SubscriberOverflow
from app.faults import is_outage, outage_error
from app.services.event_stream import shared_order, watch
from models import OrderEvent as OrderEventModel
from resolvers.common import actor_of
from resolvers.loaders import Loaders
from schema.orders import OrderEvent, OrderStatusEvent


async def _stream(
    info: Info, order_id: Any, account_id: Any, after: str | None, status_only: bool
) -> AsyncGenerator[OrderEventModel, None]:
    last = after  # the cursor to resume from if the stream ends on a database outage
    try:
        async for event in watch(actor_of(info), order_id, account_id, after, status_only):
            yield event
            last = str(event.id)
    except KeyRevoked:
        raise GraphQLError("This API key was revoked.", extensions={"code": "UNAUTHENTICATED"}) from None
    except SubscriberOverflow as overflow:
        cursor = str(overflow.last_delivered) if overflow.last_delivered is not None else None
        raise GraphQLError(str(overflow), extensions={"code": "SUBSCRIBER_TOO_SLOW", "after": cursor}) from None
    except Exception as error:
        if not is_outage(error):
            raise
        _, body = outage_error(error)
        body["extensions"]["after"] = last
        raise GraphQLError(
            f"{body['message']} Resubscribe with after: {json.dumps(last)} to resume without a gap.",
            extensions=body["extensions"],
        ) from None


def _fresh_loaders(info: Info) -> None:
    # A websocket's context lives as long as the socket: loaders are made anew for every event.
    info.context._loaders = Loaders(actor_of(info))


async def _shaped(info: Info, shape: Any, events: AsyncGenerator[OrderEventModel, None]) -> AsyncGenerator[Any, None]:
    async for event in events:
        _fresh_loaders(info)
        shaped = shape.from_model(event)
        shaped.shared_order = shared_order(event)
        yield shaped


@strawberry.type
class Subscription:
    @strawberry.subscription(description="A3: each order status change, after its transaction commits.")
    async def order_status_changed(
        self, info: Info, order_id: strawberry.ID | None = None, account_id: strawberry.ID | None = None
    ) -> AsyncGenerator[OrderStatusEvent, None]:
        async for shaped in _shaped(info, OrderStatusEvent, _stream(info, order_id, account_id, None, True)):
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
        async for shaped in _shaped(info, OrderEvent, _stream(info, order_id, account_id, after, False)):
            yield shaped
