"""Commands of the daily run and the metrics (R3, N1); see app/services/commands.py for the conventions."""

from dataclasses import dataclass
from datetime import date

from app.services.commands import Command


@dataclass(frozen=True, kw_only=True)
class RunDaily(Command):
    as_of: date | None = None  # default: today (UTC)
