"""The event bus (A3, D4): events reach subscribers only after their transaction commits.

Every event row (OrderEvent; ContractEvent on the contract's own stream, C6; InvoiceEvent on the
invoice's, B2/B3) is written in the
transaction of the change it describes; each stream has its own increasing ids. Event ids are the
one total order subscribers resume from: on PostgreSQL the writer takes a transaction-level advisory
lock before inserting events, so ids become visible in id order and "everything after id N" never
skips an event committed late.

- SQLite (one process): the writer hands its committed events to the bus right after COMMIT.
- PostgreSQL (many processes): the writer issues `pg_notify('ordergraph_events', <last id>)` inside
  its transaction (delivered at COMMIT, never after ROLLBACK). Each process keeps one dedicated
  listening connection; a notification is only a wake-up: the bus then reads every event after the
  last one it delivered, so a lost notification or a dropped connection loses nothing. The listener
  reconnects with backoff and catches up from the table.

Each subscriber has a bounded queue; one that stops reading is cut off with a clear reason instead
of growing the server's memory, and resumes with `after`.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.metrics import EVENTS_DELIVERED, LISTENER_RECONNECTS
from models import ContractEvent, InvoiceEvent, OrderEvent
from models.enums import OrderEventType

log = logging.getLogger("ordergraph.bus")

CHANNEL = "ordergraph_events"
EVENT_LOCK_KEY = 7_201_947_113  # pg_advisory_xact_lock key that orders event ids by commit
DEFAULT_QUEUE_SIZE = 1000

AnyEvent = OrderEvent | ContractEvent | InvoiceEvent
# The event tables the bus delivers from, each with its own id sequence.
STREAMS: tuple[type[OrderEvent] | type[ContractEvent] | type[InvoiceEvent], ...] = (
    OrderEvent,
    ContractEvent,
    InvoiceEvent,
)


class SubscriberOverflow(Exception):
    """A subscriber fell too far behind; it must resubscribe with `after`."""

    def __init__(self, last_delivered: int | None) -> None:
        self.last_delivered = last_delivered
        where = f'after: "{last_delivered}"' if last_delivered is not None else "after: the last cursor you received"
        super().__init__(
            f"Subscription closed: the client fell more than {DEFAULT_QUEUE_SIZE} events behind. "
            f"Resubscribe with {where} to resume without a gap."
        )


class KeyRevoked(Exception):
    """The subscriber's API key was revoked: its subscriptions end at once (S1)."""


@dataclass(eq=False)
class Subscriber:
    accepts: Callable[[AnyEvent], bool]
    key_id: Any = None
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(DEFAULT_QUEUE_SIZE))
    overflowed: bool = False
    revoked: bool = False
    last_delivered: int | None = None

    def offer(self, event: AnyEvent) -> None:
        if isinstance(event, OrderEvent) and event.type == OrderEventType.KEY_REVOKED:
            if self.key_id is not None and str(self.key_id) == str((event.changes or {}).get("keyId")):
                self.revoked = True
                self.queue.put_nowait(None) if not self.queue.full() else None
            return
        if self.overflowed or self.revoked or not self.accepts(event):
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True
            while not self.queue.empty():  # free the memory at once
                self.queue.get_nowait()
            self.queue.put_nowait(None)  # wake the reader so it can close

    async def next(self) -> AnyEvent:
        event = await self.queue.get()
        if self.revoked:
            raise KeyRevoked("This API key was revoked.")
        if event is None or self.overflowed:
            raise SubscriberOverflow(self.last_delivered)
        self.last_delivered = int(event.id)
        EVENTS_DELIVERED.inc()
        return event


class EventBus:
    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()
        self._postgres_dsn: str | None = None
        self._listener_task: asyncio.Task | None = None
        self._listener_connection: Any = None
        self._wakeup = asyncio.Event()
        self._last_id: dict[type, int] = {}
        self.reconnects = 0

    @property
    def distributed(self) -> bool:
        return self._postgres_dsn is not None

    def subscribe(self, accepts: Callable[[AnyEvent], bool], key_id: Any = None) -> Subscriber:
        subscriber = Subscriber(accepts, key_id)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def dispatch(self, events: list[AnyEvent]) -> None:
        """Hand committed events to every subscriber, in id order per stream. Synchronous: no interleaving."""
        for event in events:
            last = self._last_id.get(type(event), 0)
            if event.id <= last and self.distributed:
                continue
            self._last_id[type(event)] = max(last, int(event.id))
            for subscriber in list(self._subscribers):
                subscriber.offer(event)

    def committed(self, events: list[AnyEvent]) -> None:
        """Called by the writer after COMMIT. With PostgreSQL the listener delivers instead."""
        if not self.distributed:
            self.dispatch(events)

    # -- PostgreSQL LISTEN/NOTIFY -----------------------------------------------------------

    async def start(self, database_url: str) -> None:
        if not database_url.startswith("postgres"):
            return
        self._postgres_dsn = database_url.replace("postgres://", "postgresql://", 1)
        for stream in STREAMS:
            last = await stream.all().order_by("-id").first()
            self._last_id[stream] = int(last.id) if last else 0
        self._wakeup = asyncio.Event()
        connected = asyncio.Event()
        self._listener_task = asyncio.create_task(self._listen(connected), name="ordergraph-event-listener")
        await asyncio.wait_for(connected.wait(), timeout=30)

    async def stop(self) -> None:
        task, self._listener_task = self._listener_task, None
        if task:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
        self._postgres_dsn = None

    async def _listen(self, connected: asyncio.Event) -> None:
        import asyncpg

        delay = 0.1
        while True:
            connection = None
            try:
                connection = await asyncpg.connect(
                    self._postgres_dsn, server_settings={"application_name": "ordergraph-listener"}
                )
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                await connection.add_listener(CHANNEL, lambda *_args: self._wakeup.set())
                self._listener_connection = connection
                connected.set()
                delay = 0.1
                self._wakeup.set()  # catch up with whatever committed while we were away
                while not lost.is_set():
                    wake = asyncio.create_task(self._wakeup.wait())
                    gone = asyncio.create_task(lost.wait())
                    await asyncio.wait({wake, gone}, return_when=asyncio.FIRST_COMPLETED)
                    wake.cancel()
                    gone.cancel()
                    if self._wakeup.is_set():
                        self._wakeup.clear()
                        await self._catch_up()
                log.warning("event listener connection lost; reconnecting")
            except asyncio.CancelledError:
                if connection is not None and not connection.is_closed():
                    await connection.close()
                raise
            except Exception as error:  # noqa: BLE001 - keep listening whatever happened
                log.warning("event listener error: %s; retrying in %.1fs", error, delay)
            finally:
                self._listener_connection = None
            self.reconnects += 1
            LISTENER_RECONNECTS.inc()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _catch_up(self) -> None:
        for stream in STREAMS:
            while True:
                batch: list[Any] = await stream.filter(id__gt=self._last_id.get(stream, 0)).order_by("id").limit(500)
                if batch:
                    self.dispatch(batch)
                if len(batch) < 500:
                    break


bus = EventBus()
