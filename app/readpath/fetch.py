"""Batched, scoped row reads in one snapshot (issue 10)."""

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.auth import Actor
from app.services.common import SCOPE_PATHS, account_scope, scoped
from app.services.listing import MAX_PAGE, _decode, _encode

# PostgreSQL takes at most 32,767 bind parameters in one statement (same cap as the DataLoaders).
MAX_BATCH = 5000


class Fallback(Exception):  # noqa: N818 - a signal, not an error
    """The compiled read cannot answer exactly like the executor (an error is due, e.g. NOT_FOUND
    for an out-of-scope non-null relation or a bad cursor): the executor answers instead."""


@asynccontextmanager
async def read_snapshot() -> AsyncIterator[None]:
    """All statements of one read see one snapshot: a read-only REPEATABLE READ transaction on
    PostgreSQL; on SQLite a transaction (one connection, so one consistent view)."""
    async with in_transaction() as tx:
        if tx.capabilities.dialect == "postgres":
            await tx.execute_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def is_scoped(actor: Actor, model: Any) -> bool:
    """Whether reading `model` filters anything for this actor (S3)."""
    return account_scope(actor, SCOPE_PATHS.get(model.__name__, "")) is not None


def _chunks(keys: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(keys), MAX_BATCH):
        yield list(keys[start : start + MAX_BATCH])


async def fetch_rows(actor: Actor, model: Any, ids: Sequence[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows of `model` with these ids, inside the actor's scope (S3), as dicts of `columns`."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        rows += await scoped(actor, model.filter(id__in=chunk)).values(*columns)
    return rows


async def fetch_keyed(
    actor: Actor,
    model: Any,
    fk: str,
    keys: Sequence[Any],
    columns: Sequence[str],
    order_by: Sequence[str],
    filters: dict[str, Any],
) -> list[dict[str, Any]]:
    """Rows of `model` whose `fk` is one of `keys`, scoped, in `order_by` order (per key)."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(keys):
        query = scoped(actor, model.filter(**{f"{fk}__in": chunk}, **filters)).order_by(*order_by)
        rows += await query.values(*columns)
    return rows


@dataclass
class PageRows:
    rows: list[dict[str, Any]]
    cursors: list[str]
    has_next_page: bool
    total_count: int | None


async def fetch_page(
    actor: Actor,
    queryset: Any,
    sort_field: str,
    descending: bool,
    first: int | None,
    after: str | None,
    columns: Sequence[str],
    count: bool,
) -> PageRows:
    """The keyset page `app.services.listing.paginate` reads, as rows; COUNT(*) only when asked."""
    if first is None:
        first = 50
    if first < 0:
        raise Fallback("first cannot be negative")
    first = min(first, MAX_PAGE)
    queryset = scoped(actor, queryset)
    total = await queryset.count() if count else None
    page_qs = queryset
    if after:
        kind = queryset.model._meta.fields_map[sort_field].__class__.__name__
        sample: Any = datetime.now() if kind == "DatetimeField" else (Decimal(0) if kind == "DecimalField" else "")
        try:
            value, row_id = _decode(after, sample)
        except Exception as error:  # the executor answers with its own error
            raise Fallback("bad cursor") from error
        op = "lt" if descending else "gt"
        page_qs = page_qs.filter(Q(**{f"{sort_field}__{op}": value}) | Q(**{sort_field: value, f"id__{op}": row_id}))
    prefix = "-" if descending else ""
    wanted = list(dict.fromkeys([*columns, sort_field, "id"]))
    rows = await page_qs.order_by(f"{prefix}{sort_field}", f"{prefix}id").limit(first + 1).values(*wanted)
    has_next = len(rows) > first
    rows = rows[:first]
    return PageRows(rows, [_encode(r[sort_field], r["id"]) for r in rows], has_next, total)
