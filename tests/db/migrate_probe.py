"""C6 data step of migration 0005, run in its own process: `python -m tests.db.migrate_probe URL`.

Migrates to 0004, writes a contract as C1 made them before the workflow (DRAFT), migrates to the head
and prints the contract's status and version."""

import asyncio
import sys
import uuid

from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.migrations.api import migrate

from app.db import tortoise_config


async def main(url: str) -> None:
    config = tortoise_config(url)
    await migrate(config=config, target="models.0004_subscription_status")
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    conn = get_connection("default")
    account, contract = str(uuid.uuid4()), str(uuid.uuid4())
    postgres = conn.capabilities.dialect == "postgres"
    p = ["$1", "$2", "$3", "$4"] if postgres else ["?", "?", "?", "?"]
    await conn.execute_query(
        f"INSERT INTO account (id, name, currency, created_at) VALUES ({p[0]}, {p[1]}, 'USD', CURRENT_TIMESTAMP)",
        [account, "Old Co"],
    )
    await conn.execute_query(
        f"INSERT INTO contract (id, number, account_id, status, created_at, updated_at) "
        f"VALUES ({p[0]}, {p[1]}, {p[2]}, {p[3]}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [contract, "C-000001", account, "DRAFT"],
    )
    await Tortoise.close_connections()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    _, rows = await get_connection("default").execute_query("SELECT status, version, type FROM contract")
    print(f"{rows[0][0]} {rows[0][1]} {rows[0][2]}")
    await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
