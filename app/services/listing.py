"""Cursor pagination over any scoped queryset: keyset on (sort value, id), never OFFSET."""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from tortoise.expressions import Q

from app.auth import Actor, Permission
from app.errors import invalid
from app.services.scoping import parse_id, scoped

MAX_PAGE = 100


@dataclass
class Page:
    rows: list[Any]
    cursors: list[str]
    has_next_page: bool
    total_count: int


def _encode(value: Any, row_id: Any) -> str:
    if isinstance(value, datetime | date):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = str(value)
    raw = json.dumps([value, str(row_id)])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode(cursor: str, sample: Any) -> tuple[Any, UUID]:
    try:
        value, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if isinstance(sample, datetime):
            value = datetime.fromisoformat(value)
        elif isinstance(sample, Decimal):
            value = Decimal(value)
        return value, UUID(row_id)
    except (ValueError, TypeError, ArithmeticError, json.JSONDecodeError):
        raise invalid("The cursor is not one this API gave out.", "after") from None


def event_cursor(after: str) -> int:
    """An event cursor is the event's position: a non-negative 64-bit integer."""
    if not after.isdigit() or len(after) > 18:
        raise invalid("The cursor is not one this API gave out.", "after")
    return int(after)


async def paginate(
    actor: Actor, queryset: Any, sort_field: str, descending: bool, first: int | None, after: str | None
) -> Page:
    actor.require(Permission.READ)
    if first is None:
        first = 50
    if first < 0:
        raise invalid("first cannot be negative.", "first")
    first = min(first, MAX_PAGE)
    queryset = scoped(actor, queryset)
    total = await queryset.count()
    page_qs = queryset
    if after:
        model_field = queryset.model._meta.fields_map[sort_field]
        sample: Any = (
            datetime.now()
            if model_field.__class__.__name__ == "DatetimeField"
            else (Decimal(0) if model_field.__class__.__name__ == "DecimalField" else "")
        )
        value, row_id = _decode(after, sample)
        op = "lt" if descending else "gt"
        page_qs = page_qs.filter(Q(**{f"{sort_field}__{op}": value}) | Q(**{sort_field: value, f"id__{op}": row_id}))
    prefix = "-" if descending else ""
    rows = await page_qs.order_by(f"{prefix}{sort_field}", f"{prefix}id").limit(first + 1)
    has_next = len(rows) > first
    rows = rows[:first]
    return Page(rows, [_encode(getattr(r, sort_field), r.id) for r in rows], has_next, total)


async def event_page(actor: Actor, order_id: Any, after: str | None, first: int | None) -> Page:
    """D4: the event log in its one total order; the cursor is the event's position (its id)."""
    from models import OrderEvent

    actor.require(Permission.READ)
    queryset = OrderEvent.filter(order_id__isnull=False)  # events about no order (key revocations) stay internal
    if order_id is not None:
        queryset = queryset.filter(order_id=parse_id(order_id, "Order", "orderId"))
    queryset = scoped(actor, queryset)
    total = await queryset.count()
    if after:
        queryset = queryset.filter(id__gt=event_cursor(after))
    if first is not None and first < 0:
        raise invalid("first cannot be negative.", "first")
    limit = min(first if first is not None else 50, MAX_PAGE)
    rows = await queryset.order_by("id").limit(limit + 1)
    return Page(rows[:limit], [str(r.id) for r in rows[:limit]], len(rows) > limit, total)
