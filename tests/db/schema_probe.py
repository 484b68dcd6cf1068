"""Print, as JSON, the indexed column sets of a database: `python -m tests.db.schema_probe URL [generate]`.

With `generate`, the schema is first built by Tortoise from the models (the reference a migrated
database must match)."""

import asyncio
import json
import sys

from tortoise import Tortoise
from tortoise.connection import get_connection

from app.db import tortoise_config


async def index_sets(dialect: str) -> list[list[str]]:
    conn = get_connection("default")
    found: set[tuple[str, ...]] = set()
    if dialect == "sqlite":
        _, tables = await conn.execute_query("SELECT name FROM sqlite_master WHERE type='table'")
        for (table,) in [tuple(t) for t in tables]:
            if table.startswith(("sqlite_", "tortoise_")):
                continue
            _, indexes = await conn.execute_query(f'PRAGMA index_list("{table}")')
            for index in indexes:
                _, cols = await conn.execute_query(f'PRAGMA index_info("{index[1]}")')
                found.add((table, *sorted(c[2] for c in cols)))
    else:
        _, rows = await conn.execute_query(
            "SELECT t.relname, array_agg(a.attname::text) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid "
            "AND a.attnum = ANY(i.indkey) WHERE n.nspname = 'public' AND t.relname NOT LIKE 'tortoise_%' "
            "GROUP BY t.relname, i.indexrelid"
        )
        for row in rows:
            found.add((row[0], *sorted(row[1])))
    return sorted(list(f) for f in found)


async def main(url: str, generate: bool) -> None:
    await Tortoise.init(config=tortoise_config(url))
    if generate:
        await Tortoise.generate_schemas()
    print(json.dumps(await index_sets("sqlite" if url.startswith("sqlite") else "postgres")))
    await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], len(sys.argv) > 2 and sys.argv[2] == "generate"))
