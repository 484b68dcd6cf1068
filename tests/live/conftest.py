from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_URL
from tests.live.server import Server, database


@pytest.fixture(scope="module")
def live_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("live")


@pytest.fixture(scope="module")
async def live_db(live_tmp: Path) -> AsyncIterator[str]:
    async with database(PG_URL, live_tmp) as url:
        yield url


@pytest.fixture(scope="module")
def server(live_db: str) -> Iterator[Server]:
    srv = Server(live_db)
    srv.start()
    yield srv
    srv.stop()
