"""The bus's bounded subscriber queues: a subscriber that stops reading is cut off, not buffered forever."""

import asyncio

import pytest

from app.bus import EventBus, SubscriberOverflow
from models import ContractEvent, OrderEvent


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


async def test_c6_each_stream_has_its_own_ids_and_both_are_delivered():
    """Order and contract events are numbered apart: a low contract id after a high order id is not
    mistaken for one already delivered (the de-duplication the PostgreSQL listener relies on)."""
    bus = EventBus()
    bus._postgres_dsn = "postgresql://unused"  # distributed: ids already seen are dropped, per stream
    everything = bus.subscribe(lambda e: True)
    contract_event = ContractEvent(type="CREATED")
    contract_event.id = 1
    bus.dispatch([event(5), contract_event, event(5)])
    assert [type(await everything.next()).__name__ for _ in range(2)] == ["OrderEvent", "ContractEvent"]
    assert everything.queue.empty()
