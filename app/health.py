"""`/ready`: whether this process can serve writes now (load balancers take it out while not).

Reachable is not enough: a SQLite file that turned read-only (or a full disk) still answers reads.
The probe commits a write that changes nothing (the settings row onto itself), so it exercises the
same path as a mutation's COMMIT.
"""

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from app.faults import RETRY_AFTER_SECONDS

log = logging.getLogger("ordergraph")

PROBE_TIMEOUT_SECONDS = 5


async def _read_probe() -> None:
    await get_connection("default").execute_query("SELECT 1")


async def _write_probe() -> None:
    async with in_transaction() as tx:
        await tx.execute_query("UPDATE settings SET id = id WHERE id = 1")


async def ready(_: Request) -> JSONResponse:
    for state, probe in (("unreachable", _read_probe), ("read-only", _write_probe)):
        try:
            await asyncio.wait_for(probe(), timeout=PROBE_TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - any failure means not ready
            log.warning("readiness check failed (database %s): %s: %s", state, type(error).__name__, error)
            return JSONResponse(
                {"status": "unavailable", "database": state, "writable": False},
                status_code=503,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
    return JSONResponse({"status": "ok", "database": "reachable", "writable": True})
