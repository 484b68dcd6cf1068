"""The PostgreSQL client Tortoise uses (engine `app.pg_client`): asyncpg's pool with a bounded wait
for a free connection. Tortoise acquires without a timeout, so an exhausted pool would queue every
request until the client gave up; here the wait ends with TimeoutError, an outage (503)."""

from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


class BoundedWaitPool(asyncpg.Pool):
    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._acquire_timeout = acquire_timeout

    def acquire(self, *, timeout: float | None = None) -> Any:
        return super().acquire(timeout=timeout if timeout is not None else self._acquire_timeout)


class BoundedWaitClient(AsyncpgDBClient):
    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquire_timeout = acquire_timeout

    async def create_pool(self, **kwargs: Any) -> asyncpg.Pool:
        # asyncpg.create_pool's defaults, which Pool itself requires spelled out.
        options = {
            "max_queries": 50000,
            "max_inactive_connection_lifetime": 300.0,
            "record_class": asyncpg.Record,
            **kwargs,
        }
        return await BoundedWaitPool(None, acquire_timeout=self.acquire_timeout, **options)


client_class = BoundedWaitClient
