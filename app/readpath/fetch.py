"""Batched, scoped row reads in one snapshot (issue 10)."""

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.fields.data import UUIDField
from tortoise.transactions import in_transaction

from app.auth import Actor
from app.services.listing import MAX_PAGE, _decode, _encode
from app.services.scoping import SCOPE_PATHS, account_scope, scoped

# PostgreSQL takes at most 32,767 bind parameters in one statement (same cap as the DataLoaders).
MAX_BATCH = 5000


class Fallback(Exception):  # noqa: N818 - a signal, not an error
    """The compiled read cannot answer exactly like the executor (an error is due, e.g. NOT_FOUND
    for an out-of-scope non-null relation or a bad cursor): the executor answers instead."""


@asynccontextmanager
async def read_snapshot() -> AsyncIterator[bool]:
    """All statements of one read see one snapshot: a read-only REPEATABLE READ transaction on
    PostgreSQL; on SQLite a transaction (one connection, so one consistent view). Yields whether
    the database is PostgreSQL."""
    async with in_transaction() as tx:
        postgres = tx.capabilities.dialect == "postgres"
        if postgres:
            await tx.execute_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield postgres


def is_scoped(actor: Actor, model: Any) -> bool:
    """Whether reading `model` filters anything for this actor (S3)."""
    return account_scope(actor, SCOPE_PATHS.get(model.__name__, "")) is not None


_CONVERTERS: dict[tuple[Any, tuple[str, ...]], list[tuple[str, Any]]] = {}


def _converters(model: Any, columns: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Tortoise's conversions of a `.values()` query, except that keys (UUIDs) stay as the driver
    returns them: building ~80,000 uuid.UUID objects was a quarter of a large read's CPU. Keys are
    only compared with keys of the same driver and rendered with str()."""
    found = _CONVERTERS.get((model, columns))
    if found is None:
        native = {name for name, _, _ in model._meta.db_native_fields}
        fields = model._meta.fields_map
        found = [
            (c, fields[c].to_python_value)
            for c in columns
            if c in fields and c not in native and not isinstance(fields[c], UUIDField)
        ]
        _CONVERTERS[(model, columns)] = found
    return found


async def _rows(query: Any, model: Any, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """A `.values(*columns)` query's rows (Tortoise 1.1's own steps, see ValuesQuery.__await__)."""
    query = query.values(*columns)
    query._choose_db_if_not_chosen()
    query._make_query()
    rows: list[dict[str, Any]] = await query._db.execute_query_dict(*query.query.get_parameterized_sql())
    for column, convert in _converters(model, columns):
        for row in rows:
            row[column] = convert(row[column])
    return rows


def scope_sql(actor: Actor, model: Any, alias: str) -> str:
    """S3 as an SQL condition on `alias`: the id is among the rows `scoped()` lets the actor read
    (the same predicates, rendered by the ORM with its values inlined: UUIDs of keys and accounts)."""
    if not is_scoped(actor, model):
        return ""
    ids = scoped(actor, model.all()).values_list("id", flat=True).sql(params_inline=True)
    return f" AND {alias}.id IN ({ids})"


async def fetch_json(sql: str, ids: Sequence[Any]) -> list[tuple[Any, str]]:
    """(id, JSON text) rows of a statement that builds each object's JSON in PostgreSQL."""
    from tortoise.connection import get_connection

    _, rows = await get_connection("default").execute_query(sql, [list(ids)])
    return [(row[0], row[1]) for row in rows]


def _chunks(keys: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(keys), MAX_BATCH):
        yield list(keys[start : start + MAX_BATCH])


async def fetch_rows(actor: Actor, model: Any, ids: Sequence[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows of `model` with these ids, inside the actor's scope (S3), as dicts of `columns`."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        rows += await _rows(scoped(actor, model.filter(id__in=chunk)), model, tuple(columns))
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
        rows += await _rows(query, model, tuple(columns))
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
    wanted = tuple(dict.fromkeys([*columns, sort_field, "id"]))
    query = page_qs.order_by(f"{prefix}{sort_field}", f"{prefix}id").limit(first + 1)
    rows = await _rows(query, queryset.model, wanted)
    has_next = len(rows) > first
    rows = rows[:first]
    return PageRows(rows, [_encode(r[sort_field], r["id"]) for r in rows], has_next, total)
