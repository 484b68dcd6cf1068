"""Exact sums of money columns (DOMAIN.md: money is a Decimal from end to end, never a float).

PostgreSQL sums a numeric column exactly in SQL. SQLite stores decimals as text and its SUM adds them as
floating point (0.10 + 0.20 = 0.30000000000000004), so on SQLite the amounts are read as Decimals and
added in Python. One query either way.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import connections
from tortoise.functions import Sum
from tortoise.queryset import QuerySet


async def sums_by(
    query: QuerySet[Any], amount: str, keys: tuple[str, ...], using: BaseDBAsyncClient | None = None
) -> dict[tuple[Any, ...], Decimal]:
    """{(key values...): exact sum of `amount`} over the rows of `query`, grouped by `keys`."""
    client = using or connections.get("default")
    if client.capabilities.dialect == "postgres":
        rows = await query.using_db(using).annotate(total=Sum(amount)).group_by(*keys).values(*keys, "total")
        return {tuple(r[k] for k in keys): Decimal(r["total"] or 0) for r in rows}
    totals: dict[tuple[Any, ...], Decimal] = defaultdict(Decimal)
    for row in await query.using_db(using).values_list(*keys, amount):
        totals[tuple(row[:-1])] += row[-1]
    return dict(totals)
