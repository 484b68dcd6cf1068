"""Live subscriptions (A3): thin wrappers over app/services/event_stream.py that shape each event
and turn its stream-ending exceptions into GraphQL errors."""

import json
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from app.bus import AnyEvent, KeyRevoked, SubscriberOverflow
from app.faults import is_outage, outage_error
from app.services.event_stream import CONTRACT_STREAM, INVOICE_STREAM, ORDER_STREAM, Stream, shared_subject, watch
from resolvers.common import actor_of
from resolvers.loaders import Loaders
from schema.billing import InvoiceEvent
from schema.contracts import ContractEvent
from schema.orders import OrderEvent, OrderStatusEvent


async def _stream(
    info: Info, stream: Stream, subject_id: Any, account_id: Any, after: str | None, status_only: bool
) -> AsyncGenerator[AnyEvent, None]:
    last = after  # the cursor to resume from if the stream ends on a database outage
    try:
        async with aclosing(watch(actor_of(info), stream, subject_id, account_id, after, status_only)) as events:
            async for event in events:
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


async def _shaped(
    info: Info,
    shape: Any,
    stream: Stream,
    subject_id: Any,
    account_id: Any,
    after: str | None = None,
    status_only: bool = False,
) -> AsyncGenerator[Any, None]:
    # aclosing: a client that stops a subscription unsubscribes it from the bus at once, at every level.
    async with aclosing(_stream(info, stream, subject_id, account_id, after, status_only)) as events:
        async for event in events:
            _fresh_loaders(info)
            shaped = shape.from_model(event)
            shaped.shared_row = shared_subject(stream, event)
            yield shaped


@strawberry.type
class Subscription:
    @strawberry.subscription(description="A3: each order status change, after its transaction commits.")
    async def order_status_changed(
        self, info: Info, order_id: strawberry.ID | None = None, account_id: strawberry.ID | None = None
    ) -> AsyncGenerator[OrderStatusEvent, None]:
        async with aclosing(
            _shaped(info, OrderStatusEvent, ORDER_STREAM, order_id, account_id, status_only=True)
        ) as events:
            async for shaped in events:
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
        async with aclosing(_shaped(info, OrderEvent, ORDER_STREAM, order_id, account_id, after)) as events:
            async for shaped in events:
                yield shaped

    @strawberry.subscription(
        description="C6: every event of contracts (scoped like orderEvents, S3); pass `after` (a contract event "
        "cursor) to resume with no gap and no duplicate."
    )
    async def contract_events(
        self,
        info: Info,
        contract_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[ContractEvent, None]:
        async with aclosing(_shaped(info, ContractEvent, CONTRACT_STREAM, contract_id, account_id, after)) as events:
            async for shaped in events:
                yield shaped

    @strawberry.subscription(
        description="B2/B3: every event of invoices: made by a run, posted, voided, paid (scoped like orderEvents, "
        "S3); pass `after` (an invoice event cursor) to resume with no gap and no duplicate."
    )
    async def invoice_events(
        self,
        info: Info,
        invoice_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[InvoiceEvent, None]:
        async with aclosing(_shaped(info, InvoiceEvent, INVOICE_STREAM, invoice_id, account_id, after)) as events:
            async for shaped in events:
                yield shaped
