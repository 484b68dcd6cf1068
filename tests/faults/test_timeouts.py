"""The configured database timeouts end in an outage (503), not a hang: an exhausted pool gives up after
the acquire timeout, a statement past the statement timeout is cancelled by PostgreSQL."""

import asyncpg
import pytest

from app.config import normalise_database_url
from app.db import DatabaseTimeouts, connection_config
from app.faults import is_outage
from app.pg_client import BoundedWaitPool
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL timeouts: runs in the PostgreSQL pass")


def _pool_options(timeouts: DatabaseTimeouts) -> tuple[float, dict]:
    config = connection_config(normalise_database_url(PG_URL or ""), timeouts)
    assert config["engine"] == "app.pg_client"
    credentials = dict(config["credentials"])
    options = {
        "host": credentials.pop("host"),
        "port": int(credentials.pop("port")),
        "user": credentials.pop("user"),
        "database": credentials.pop("database"),
        "server_settings": credentials.pop("server_settings"),
        "min_size": 0,
        "max_size": int(credentials.pop("maxsize")),
        "max_queries": 50000,
        "max_inactive_connection_lifetime": 300.0,
        "connection_class": asyncpg.Connection,
        "record_class": asyncpg.Record,
        "loop": None,
        "command_timeout": credentials.pop("command_timeout"),
    }
    return float(credentials["acquire_timeout"]), options


async def test_an_exhausted_pool_gives_up_after_the_acquire_timeout():
    acquire_timeout, options = _pool_options(DatabaseTimeouts(statement=5, acquire=0.2, pool_size=1))
    pool = await BoundedWaitPool(None, acquire_timeout=acquire_timeout, **options)
    try:
        async with pool.acquire():
            with pytest.raises(TimeoutError) as waited:
                async with pool.acquire():
                    pass
        assert is_outage(waited.value)
    finally:
        await pool.close()


async def test_a_statement_past_the_statement_timeout_is_cancelled():
    acquire_timeout, options = _pool_options(DatabaseTimeouts(statement=0.1, acquire=2, pool_size=1))
    pool = await BoundedWaitPool(None, acquire_timeout=acquire_timeout, **options)
    try:
        with pytest.raises(asyncpg.QueryCanceledError) as cancelled:
            await pool.fetchval("SELECT pg_sleep(2)")
        assert is_outage(cancelled.value)
    finally:
        await pool.close()
