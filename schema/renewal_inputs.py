"""Input types of the daily run (R3)."""

from datetime import date

import strawberry
from strawberry import UNSET


@strawberry.input
class RunDailyInput:
    as_of: date | None = UNSET
    idempotency_key: str | None = UNSET
