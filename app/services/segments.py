"""O9: MDQ segments (lines sharing a segment key, in segment-index order) never overlap, on the
quote and across the orders made from it."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.errors import DomainError, ErrorCode
from app.services import pricing
from models import OrderItem
from models.enums import OrderStatus


@dataclass
class Span:
    key: str
    index: int
    start_date: date | None
    end_date: date | None


def check_spans(key: str, spans: Iterable[tuple[int, date | None, date | None]]) -> None:
    """A later segment may never start on or before an earlier segment's end (SEGMENT_OVERLAP)."""
    ordered = sorted(spans, key=lambda s: s[0])
    for (i1, _, end1), (i2, start2, _) in zip(ordered, ordered[1:], strict=False):
        if i1 != i2 and end1 is not None and start2 is not None and start2 <= end1:
            raise DomainError(
                ErrorCode.SEGMENT_OVERLAP,
                f"Segment {i2} of {key} would start on or before segment {i1} ends ({end1}).",
                "startDate",
            )


def check_quote_lines(lines: Iterable[Any]) -> None:
    """On a quote: each segment key's lines have distinct indexes and follow each other."""
    by_key: dict[str, list[Any]] = defaultdict(list)
    for line in lines:
        if line.segment_key:
            by_key[line.segment_key].append(line)
    for key, segment in by_key.items():
        indexes = [s.segment_index for s in segment]
        if any(i is None for i in indexes) or len(set(indexes)) != len(indexes):
            raise DomainError(
                ErrorCode.VALIDATION_ERROR, f"Lines of segment {key} need distinct segment indexes.", "segmentIndex"
            )
        check_spans(key, [(s.segment_index, s.start_date, s.end_date) for s in segment])


async def ordered_spans(
    tx: BaseDBAsyncClient | None, quote_id: Any, keys: Iterable[str], exclude_order: Any = None
) -> list[Span]:
    """Segments of a quote already ordered in its live orders (other than `exclude_order`)."""
    keys = list(set(keys))
    if not keys:
        return []
    query = OrderItem.filter(
        order__quote_id=quote_id, segment_key__in=keys, order__status__not=OrderStatus.CANCELLED
    ).exclude(order_id=exclude_order)
    if tx is not None:
        query = query.using_db(tx)
    rows = await query.values("segment_key", "segment_index", "start_date", "end_date")
    return [Span(r["segment_key"], r["segment_index"] or 0, r["start_date"], r["end_date"]) for r in rows]


def place(items: Iterable[Any], prior: Iterable[Span]) -> None:
    """On ordering: a later segment starts after the end of an earlier one ordered elsewhere or
    placed in this same call (start = max(own start, earlier end + 1 day)), keeping its length.
    `items` have `.line` (the quote line) and their own dates."""
    prior_by_key: dict[str, list[Span]] = defaultdict(list)
    for p in prior:
        prior_by_key[p.key].append(p)
    new_by_key: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        if item.line.segment_key and item.line.segment_index is not None:
            new_by_key[item.line.segment_key].append(item)
    for key, group in new_by_key.items():
        placed: list[Span] = list(prior_by_key[key])
        for item in sorted(group, key=lambda i: i.line.segment_index or 0):
            index = item.line.segment_index or 0
            earlier_ends = [p.end_date for p in placed if p.index < index and p.end_date]
            if item.start_date is not None and earlier_ends:
                floor = pricing.add_days(max(earlier_ends), timedelta(days=1))
                if item.start_date < floor:
                    length = (item.end_date - item.start_date) if item.end_date else None
                    item.start_date = floor
                    item.end_date = pricing.add_days(floor, length) if length is not None else None
            placed.append(Span(key, index, item.start_date, item.end_date))
        check_spans(key, [(s.index, s.start_date, s.end_date) for s in placed])


async def check_order(tx: BaseDBAsyncClient, order: Any, items: Iterable[Any]) -> None:
    """On draft edits: segments across this order and the quote's other live orders stay in sequence."""
    items = list(items)
    keys = {i.segment_key for i in items if i.segment_key}
    if not keys or not order.quote_id:
        return
    spans = await ordered_spans(tx, order.quote_id, keys, exclude_order=order.id)
    for key in keys:
        own = [(i.segment_index or 0, i.start_date, i.end_date) for i in items if i.segment_key == key]
        check_spans(key, [(s.index, s.start_date, s.end_date) for s in spans if s.key == key] + own)
