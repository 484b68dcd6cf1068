"""Database setup: the Tortoise configuration, migrations and connection lifecycle."""

import logging

from tortoise import Tortoise
from tortoise.migrations.api import migrate

log = logging.getLogger("ordergraph.db")

MODELS_APP = "models"


async def _keep_session(_connection: object) -> None:
    """Issue 10: asyncpg resets a connection released to the pool (one extra round trip per
    statement outside a transaction, STACK_NOTES); nothing here leaves session state behind
    (locks are transaction-scoped, LISTEN has its own connection), so there is nothing to reset."""


def _connection(database_url: str) -> str | dict:
    if not database_url.startswith("postgres://"):
        return database_url
    from tortoise.backends.base.config_generator import expand_db_url

    config = expand_db_url(database_url)
    config["credentials"]["reset"] = _keep_session
    return config


def tortoise_config(database_url: str) -> dict:
    return {
        "connections": {"default": _connection(database_url)},
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


async def init_orm(database_url: str) -> None:
    """Open the ORM for request handling; the global fallback makes it visible to every task."""
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()


# The CLI of Tortoise (`tortoise -c app.db.TORTOISE_ORM makemigrations`) reads this.
TORTOISE_ORM = tortoise_config("sqlite://ordergraph.db")
