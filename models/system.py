"""Organisation settings, API keys and the counters behind human numbers."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, uuid_pk
from models.enums import OpportunityStage, Role


class Settings(Model):
    # One row (id = 1): organisation-level ordering switches (DOMAIN.md, Settings).

    id = fields.IntField(primary_key=True)
    allow_multiple_orders = fields.BooleanField(default=False)
    require_approved_quote = fields.BooleanField(default=False)
    order_on_stage = fields.CharEnumField(
        OpportunityStage, max_length=20, null=True, default=OpportunityStage.CLOSED_WON
    )
    renewal_lead_days = fields.IntField(default=30)
    create_renewal_quote = fields.BooleanField(default=True)
    default_currency = fields.CharField(max_length=3, default="USD")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "settings"


class ApiKey(Model):
    # S1: a key is stored as its SHA-256 hash; the secret is shown once at creation.

    id = uuid_pk()
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=20, db_index=True)
    prefix = fields.CharField(max_length=16)
    key_hash = fields.CharField(max_length=64, unique=True)
    created_at = created_at()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"


class ApiKeyAccount(Model):
    # The accounts a scoped key (PARTNER, SALES_REP) is granted.
    api_key_id: UUID
    account_id: UUID

    id = uuid_pk()
    api_key: fields.ForeignKeyRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="account_grants", on_delete=fields.CASCADE, db_index=True
    )
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="key_grants", on_delete=fields.CASCADE, db_index=True
    )

    class Meta:
        table = "api_key_account"
        unique_together = (("api_key", "account"),)


class Counter(Model):
    # Sequences for human numbers (Q-000001, O-000001): incremented in the writing transaction.

    name = fields.CharField(max_length=20, primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "counter"


class IdempotencyRecord(Model):
    # A mutation's first result per (key owner, idempotency key); the unique constraint, not a
    # check-then-insert, makes two concurrent repeats produce one result.
    api_key_id: UUID
    id = uuid_pk()
    api_key: fields.ForeignKeyRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="idempotency_records", on_delete=fields.CASCADE, db_index=True
    )
    key = fields.CharField(max_length=255)
    mutation = fields.CharField(max_length=100)
    request_hash = fields.CharField(max_length=64)
    result: Any = fields.JSONField(null=True)
    created_at = created_at()

    class Meta:
        table = "idempotency_record"
        unique_together = (("api_key", "key"),)
