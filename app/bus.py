"""The event bus: events are published to subscribers only after their transaction commits.

One process fans out in memory. Subscribers register a callback that receives OrderEvent rows.
"""

import logging
from collections.abc import Awaitable, Callable

from models import OrderEvent

log = logging.getLogger("ordergraph.bus")

Listener = Callable[[OrderEvent], Awaitable[None] | None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: set[Listener] = set()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.add(listener)
        return lambda: self._listeners.discard(listener)

    async def publish(self, events: list[OrderEvent]) -> None:
        for event in events:
            for listener in list(self._listeners):
                try:
                    result = listener(event)
                    if result is not None:
                        await result
                except Exception:  # a broken subscriber must not break the writer
                    log.exception("event listener failed for event %s", event.id)


bus = EventBus()
