"""R3: what the daily run has done once and must never do twice (renewals, overdue events)."""

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, uuid_pk


class DailyRunMark(Model):
    # R3: one row per (part, subject): the unique key, not luck, keeps two runs (or two processes)
    # from making a second renewal of a contract or a second overdue event of an obligation.
    id = uuid_pk()
    part = fields.CharField(max_length=30)
    subject_id = fields.UUIDField()
    as_of = fields.DateField()
    # What the part made for the subject (e.g. the renewal opportunity), if anything.
    result_id = fields.UUIDField(null=True)
    created_at = created_at()

    class Meta:
        table = "daily_run_mark"
        unique_together = (("part", "subject_id"),)
