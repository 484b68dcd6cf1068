"""The bus's bounded subscriber queues: a subscriber that stops reading is cut off, not buffered forever."""

import asyncio

import pytest

from app.bus import EventBus, SubscriberOverflow
from models import OrderEvent


def event(i: int) -> OrderEvent:
    e = OrderEvent(type="CREATED")
    e.id = i
    return e


async def test_slow_subscriber_is_closed_with_a_resume_cursor_and_memory_stays_bounded():
    bus = EventBus()
    slow = bus.subscribe(lambda e: True)
    slow.queue = asyncio.Queue(5)
    fast = bus.subscribe(lambda e: True)
    bus.dispatch([event(1)])
    assert (await slow.next()).id == 1
    bus.dispatch([event(i) for i in range(2, 20)])
    assert slow.queue.qsize() <= 1  # dropped at once, not kept
    with pytest.raises(SubscriberOverflow) as overflow:
        await slow.next()
    assert overflow.value.last_delivered == 1 and 'after: "1"' in str(overflow.value)
    assert fast.queue.qsize() == 19  # others unaffected


async def test_filtered_events_are_not_queued():
    bus = EventBus()
    odd = bus.subscribe(lambda e: e.id % 2 == 1)
    bus.dispatch([event(i) for i in range(1, 7)])
    assert [(await odd.next()).id for _ in range(3)] == [1, 3, 5]
