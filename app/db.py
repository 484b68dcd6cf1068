"""Database setup: the Tortoise configuration, migrations and connection lifecycle."""

import logging
from dataclasses import dataclass

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate

log = logging.getLogger("ordergraph.db")

MODELS_APP = "models"


async def _keep_session(_connection: object) -> None:
    """Issue 10: asyncpg resets a connection released to the pool (one extra round trip per
    statement outside a transaction, STACK_NOTES); nothing here leaves session state behind
    (locks are transaction-scoped, LISTEN has its own connection), so there is nothing to reset."""


def tortoise_config(database_url: str, timeouts: "DatabaseTimeouts | None" = None) -> dict:
    return {
        "connections": {"default": connection_config(database_url, timeouts)},
        "apps": {
            MODELS_APP: {
                "models": ["models"],
                "default_connection": "default",
                "migrations": "models.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


@dataclass(frozen=True)
class DatabaseTimeouts:
    statement: float  # seconds a statement may run (PostgreSQL statement_timeout)
    acquire: float  # seconds to wait for a pooled connection, to connect, or for a SQLite lock
    pool_size: int


def connection_config(database_url: str, timeouts: "DatabaseTimeouts | None") -> str | dict:
    """The URL as Tortoise's dict form, with the timeouts (app/faults.py turns their expiry into 503)
    and, on PostgreSQL, no connection reset per released connection (issue 10)."""
    if timeouts is None:
        if not database_url.startswith("postgres://"):
            return database_url
        config = expand_db_url(database_url)
        config["credentials"]["reset"] = _keep_session
        return config
    config = expand_db_url(database_url)
    credentials = config["credentials"]
    if config["engine"] == "tortoise.backends.asyncpg":
        credentials["reset"] = _keep_session
        config["engine"] = "app.pg_client"
        credentials["maxsize"] = timeouts.pool_size
        # No floor of idle connections: asyncpg would log a trace per attempt to restore it during an outage.
        credentials["minsize"] = 0
        credentials["acquire_timeout"] = timeouts.acquire
        credentials["timeout"] = timeouts.acquire  # asyncpg's connect timeout
        settings = dict(credentials.get("server_settings") or {})
        settings["statement_timeout"] = str(int(timeouts.statement * 1000))
        credentials["server_settings"] = settings
        # A peer that stops answering (network partition) is given up a little after the server would.
        credentials["command_timeout"] = timeouts.statement + 5
    elif config["engine"] == "tortoise.backends.sqlite":
        credentials["busy_timeout"] = int(timeouts.acquire * 1000)  # a PRAGMA: wait for another writer's lock
    return config


async def run_migrations(database_url: str) -> None:
    """Apply every committed migration that this database has not seen yet."""
    await migrate(config=tortoise_config(database_url))
    if database_url.startswith("sqlite"):
        await _restore_sqlite_indexes()
    await Tortoise.close_connections()


async def _restore_sqlite_indexes() -> None:
    """On SQLite a migration that rebuilds a table (AlterField) drops that table's indexes
    (STACK_NOTES); recreate every index the models declare that is missing."""
    from tortoise.connection import get_connection
    from tortoise.utils import get_schema_sql

    connection = get_connection("default")
    for line in get_schema_sql(connection, safe=True).splitlines():
        statement = line.strip()
        if statement.startswith(("CREATE INDEX IF NOT EXISTS", "CREATE UNIQUE INDEX IF NOT EXISTS")):
            await connection.execute_script(statement)


async def init_orm(database_url: str, timeouts: DatabaseTimeouts | None = None) -> None:
    """Open the ORM for request handling; the global fallback makes it visible to every task."""
    await Tortoise.init(config=tortoise_config(database_url, timeouts), _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()


# The CLI of Tortoise (`tortoise -c app.db.TORTOISE_ORM makemigrations`) reads this.
TORTOISE_ORM = tortoise_config("sqlite://ordergraph.db")
