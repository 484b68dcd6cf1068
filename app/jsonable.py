"""The one JSON encoding of domain values (Decimal, dates, UUIDs, enums) for events, snapshots and
idempotency hashes: Decimals keep their exact digits, dates are ISO 8601."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID


def to_json(value: Any) -> Any:
    """A JSON-ready copy of `value`: dict keys sorted, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | frozenset | set):
        items = [to_json(v) for v in value]
        return sorted(items, key=str) if isinstance(value, frozenset | set) else items
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value
