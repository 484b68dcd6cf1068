"""Customers."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, uuid_pk
from models.enums import BillingFrequency


class Account(Model):
    owner_key_id: UUID | None
    id = uuid_pk()
    name = fields.CharField(max_length=255, db_index=True)
    currency = fields.CharField(max_length=3, default="USD")
    credit_limit = money(null=True)
    payment_terms = fields.CharField(max_length=50, null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    # B1: billing periods align to this day (1-28); null: to each item's start day.
    billing_day_of_month = fields.IntField(null=True)
    owner_key: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.ApiKey", related_name="owned_accounts", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    created_at = created_at()

    class Meta:
        table = "account"
