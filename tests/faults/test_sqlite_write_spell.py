"""A SQLite file that stops accepting writes for a while (the server's file-size limit dropped to one byte
under it: every write to the database or its WAL fails, reads go on), then accepts them again: writes
answer 503 SERVICE_UNAVAILABLE (never a 500), reads keep working, /ready says 503 "read-only", and the
server writes again by itself once the spell ends, with no restart."""

import asyncio
import resource
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import PG_URL
from tests.faults.world import assert_clean_unavailable, post
from tests.live.server import Server

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="a SQLite fault: runs in the SQLite pass")

CREATE_ACCOUNT = """mutation($key: String) { createAccount(input: {name: "Spell", idempotencyKey: $key}) {
  account { id } errors { code } } }"""


async def _ready(client: httpx.AsyncClient, server: Server) -> httpx.Response:
    return await client.get(f"{server.http}/ready")


async def test_sqlite_write_refusal_spell_answers_503_and_recovers_without_restart(tmp_path: Path):
    server = Server(f"sqlite://{tmp_path / 'spell.db'}")
    server.start()
    assert server.process is not None
    pid = server.process.pid
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            ok = await post(client, server, CREATE_ACCOUNT, {"key": "before"})
            assert ok.json()["data"]["createAccount"]["errors"] == []
            assert (await _ready(client, server)).json()["writable"] is True

            resource.prlimit(pid, resource.RLIMIT_FSIZE, (1, resource.RLIM_INFINITY))
            try:
                assert_clean_unavailable(await post(client, server, CREATE_ACCOUNT, {"key": "during"}))
                reads = await post(client, server, "{ accounts { totalCount } }", {})
                assert reads.status_code == 200 and reads.json()["data"]["accounts"]["totalCount"] == 1
                not_ready = await _ready(client, server)
                assert not_ready.status_code == 503 and not_ready.json()["database"] == "read-only"
            finally:
                resource.prlimit(pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))

            deadline = time.monotonic() + 30
            while (await _ready(client, server)).status_code != 200:
                assert time.monotonic() < deadline, "the server did not write again by itself"
                await asyncio.sleep(0.2)
            for key in ("during", "during", "after"):  # the refused key is free: its write rolled back
                again = await post(client, server, CREATE_ACCOUNT, {"key": key})
                assert again.json()["data"]["createAccount"]["errors"] == []
            total = await post(client, server, "{ accounts { totalCount } }", {})
            assert total.json()["data"]["accounts"]["totalCount"] == 3
        assert server.process.poll() is None, "the server kept running throughout"
    finally:
        server.stop()
