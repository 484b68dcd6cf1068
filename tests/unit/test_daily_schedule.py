"""R3: the in-process schedule (ORDERGRAPH_DAILY_AT) waits until the next HH:MM, UTC."""

from datetime import UTC, datetime

from app.daily_schedule import parse_daily_at, seconds_until


def test_r3_daily_at_waits_for_todays_time_or_tomorrows():
    at = parse_daily_at("02:30")
    assert seconds_until(at, datetime(2026, 5, 1, 1, 30, tzinfo=UTC)) == 3600
    assert seconds_until(at, datetime(2026, 5, 1, 2, 30, tzinfo=UTC)) == 24 * 3600
    assert seconds_until(at, datetime(2026, 5, 1, 23, 30, tzinfo=UTC)) == 3 * 3600
