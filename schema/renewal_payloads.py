"""Payload types of the daily run (R3)."""

import strawberry

from schema.common import UserError
from schema.renewals import DailyRun


@strawberry.type
class RunDailyPayload:
    errors: list[UserError]
    run: DailyRun | None = None
