"""Issue 10: one snapshot per compiled read, and no connection reset after every statement."""

import httpx
import pytest
from tortoise.connection import get_connection

from app.config import Config
from app.db import _keep_session
from app.main import create_app
from tests.conftest import is_postgres, requires_postgres
from tests.readpath.test_differential import NESTED_DATED, NESTED_ORDERS
from tests.security.world import customer


@requires_postgres
async def test_postgres_pool_does_not_reset_released_connections(orm):
    connection = get_connection("default")
    await connection.execute_query("SELECT 1")  # the pool opens on first use
    pool = connection._pool
    assert pool._reset is _keep_session


@pytest.mark.parametrize("query", [NESTED_ORDERS, NESTED_DATED], ids=["nested", "with-datetimes"])
async def test_compiled_read_runs_in_one_read_only_snapshot(api, orm, sql_counter, query):
    from tests.api import builders as b

    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    await customer(api, "Account A", sub, hw)
    app = create_app(Config(database_url=orm, compiled_reads="1"), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        with sql_counter() as counter:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": {"n": 50}},
                headers={"Authorization": f"Bearer {api.key}"},
            )
    assert response.json()["data"]["orders"]["edges"]
    statements = counter.statements
    if is_postgres():
        # The first statement of the read's transaction fixes its snapshot and makes it read-only.
        begin = next(i for i, s in enumerate(statements) if "SET TRANSACTION" in s)
        assert "REPEATABLE READ, READ ONLY" in statements[begin]
        assert all("SELECT" in s for s in statements[begin + 1 :]), statements
        # The one-statement form: COUNT(*), the page of ids, then every object's JSON at once.
        assert len(statements[begin + 1 :]) == 3, statements
