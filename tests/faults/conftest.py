from tests.live.conftest import live_db, live_tmp  # noqa: F401 - a database per module for live servers
