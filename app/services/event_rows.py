"""Writing a unit of work's event rows (D4): one statement per stream, whatever the number of events.

A run that touches thousands of subjects (renewals, invoices) writes thousands of events; one INSERT
each was most of its time. Each stream's events are written with one multi-row INSERT (executemany),
and get the same increasing ids one INSERT each would have given them, in the order they were recorded:
- PostgreSQL: the ids are drawn from the table's own sequence first (`nextval` once per event, in one
  statement), under the event lock the caller holds (app/bus.py), then inserted with the rows.
- SQLite: the rows are inserted without ids and numbered by AUTOINCREMENT; the transaction holds the
  database's write lock, so they are consecutive, ending at `last_insert_rowid()`.
"""

from collections.abc import Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


def _columns(model: type[Model], with_id: bool) -> list[str]:
    projection = model._meta.fields_db_projection
    return [name for name in projection if with_id or name != model._meta.pk_attr]


async def _reserve_ids(tx: BaseDBAsyncClient, table: str, count: int) -> list[int]:
    rows = await tx.execute_query_dict(
        "SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)", [f'"{table}"', count]
    )
    return sorted(int(row["id"]) for row in rows)


async def insert_events(tx: BaseDBAsyncClient, events: Sequence[Any]) -> None:
    """Insert events of one stream (one model) and set their ids, in the order given."""
    if len(events) == 1:
        await events[0].save(using_db=tx)
        return
    model: type[Model] = type(events[0])
    table = model._meta.db_table
    postgres = tx.capabilities.dialect == "postgres"
    if postgres:
        for event, event_id in zip(events, await _reserve_ids(tx, table, len(events)), strict=True):
            event.id = event_id
    names = _columns(model, with_id=postgres)
    fields = model._meta.fields_map
    projection = model._meta.fields_db_projection
    marks = [f"${n}" if postgres else "?" for n in range(1, len(names) + 1)]
    columns = ", ".join(f'"{projection[name]}"' for name in names)
    sql = f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join(marks)})'
    # to_db_value stamps auto_now_add columns (`at`) on the event itself, as save() would.
    await tx.execute_many(sql, [[fields[name].to_db_value(getattr(e, name), e) for name in names] for e in events])
    if not postgres:
        last = int((await tx.execute_query_dict("SELECT last_insert_rowid() AS id"))[0]["id"])
        for offset, event in enumerate(events):
            event.id = last - len(events) + 1 + offset
