"""Rows every database needs, human numbers, and the organisation settings."""

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F

from models import Counter, PriceBook, Settings

COUNTER_NAMES = ("quote", "order", "contract", "invoice")


async def next_numbers(tx: BaseDBAsyncClient, name: str, count: int = 1) -> list[int]:
    """Human numbers: the counter row is updated in the writing transaction, so concurrent
    creators queue on its row lock (PostgreSQL) or on the single writer (SQLite)."""
    await Counter.filter(name=name).using_db(tx).update(value=F("value") + count)
    counter = await Counter.filter(name=name).using_db(tx).get()
    last = int(counter.value)
    return list(range(last - count + 1, last + 1))


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}-{value:06d}"


PREFIXES = {"quote": "Q", "order": "O", "contract": "C", "invoice": "INV"}


async def next_number(tx: BaseDBAsyncClient, name: str) -> str:
    """The next human number of a kind: Q-000001, O-000001, C-000001."""
    (value,) = await next_numbers(tx, name)
    return format_number(PREFIXES[name], value)


async def ensure_reference_data() -> None:
    """Rows every database needs: the settings row, number counters, the standard price book."""
    await Settings.get_or_create(id=1)
    for name in COUNTER_NAMES:
        await Counter.get_or_create(name=name)
    if not await PriceBook.filter(is_standard=True).exists():
        await PriceBook.create(name="Standard", is_standard=True)


async def get_settings() -> Settings:
    settings = await Settings.get_or_none(id=1)
    if settings is None:
        settings, _ = await Settings.get_or_create(id=1)
    return settings


def parents_first(lines: list[Any]) -> list[Any]:
    """Rows that reference a parent row (required_by) ordered after it, for bulk inserts."""
    ids = {line.id for line in lines}
    done: set[Any] = set()
    ordered: list[Any] = []
    pending = list(lines)
    while pending:
        rest = []
        for line in pending:
            parent = line.required_by_id
            if parent is None or parent not in ids or parent in done:
                ordered.append(line)
                done.add(line.id)
            else:
                rest.append(line)
        pending = rest
    return ordered
