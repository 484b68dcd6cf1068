"""R3: `ORDERGRAPH_DAILY_AT=HH:MM` (UTC) runs the daily run in-process once a day, as a background task
of the app's lifespan. Several processes may all schedule it: the run's advisory lock and unique
keys (app/services/daily_run.py) make the later ones find nothing left to do."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

from app.auth import SYSTEM_ACTOR
from app.services.daily_run import daily_run
from app.services.renewal_commands import RunDaily

log = logging.getLogger("ordergraph.daily")


def parse_daily_at(value: str) -> time:
    """`HH:MM` (24-hour, UTC); anything else is a configuration error at start."""
    hours, _, minutes = value.strip().partition(":")
    return time(int(hours), int(minutes), tzinfo=UTC)


def seconds_until(at: time, now: datetime) -> float:
    """Seconds from `now` to the next `at` (today's if still ahead, else tomorrow's)."""
    target = datetime.combine(now.date(), at)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def _loop(at: time) -> None:
    while True:
        await asyncio.sleep(seconds_until(at, datetime.now(UTC)))
        try:
            run = await daily_run.run(SYSTEM_ACTOR, RunDaily())
            log.info("daily run as of %s: %s", run.as_of, {k: len(v) for k, v in run.found.items()})
        except Exception:  # the schedule survives a failed run; the next day's run catches up
            log.exception("daily run failed")


@contextlib.asynccontextmanager
async def daily_schedule(value: str | None) -> AsyncIterator[None]:
    """Runs the schedule for the lifespan of the app (nothing when `value` is unset)."""
    if not value:
        yield
        return
    task = asyncio.create_task(_loop(parse_daily_at(value)), name="ordergraph-daily-run")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
