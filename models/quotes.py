"""Opportunities, quotes, quote line groups and quote lines."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, price, updated_at, uuid_pk
from models.enums import BillingFrequency, OpportunityStage, OrderByField, OrderType, QuoteStatus


class Opportunity(Model):
    account_id: UUID
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="opportunities", on_delete=fields.RESTRICT, db_index=True
    )
    name = fields.CharField(max_length=255)
    stage = fields.CharEnumField(OpportunityStage, max_length=20, db_index=True)
    close_date = fields.DateField(null=True)
    # C9/R2: an AMENDMENT or RENEWAL opportunity belongs to the contract it amends or renews.
    type = fields.CharEnumField(OrderType, max_length=20, default=OrderType.NEW, db_default="NEW")
    # A plain id, not a foreign key: contracts reference quotes already, and Tortoise cannot create
    # tables with cyclic foreign keys.
    contract_id = fields.UUIDField(null=True, db_index=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "opportunity"


class Quote(Model):
    opportunity_id: UUID
    account_id: UUID
    id = uuid_pk()
    number = fields.CharField(max_length=20, unique=True)
    opportunity: fields.ForeignKeyRelation[Opportunity] = fields.ForeignKeyField(
        "models.Opportunity", related_name="quotes", on_delete=fields.RESTRICT, db_index=True
    )
    # Denormalised from the opportunity: lists and scoping filter by account without a join.
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="quotes", on_delete=fields.RESTRICT, db_index=True
    )
    status = fields.CharEnumField(QuoteStatus, max_length=20, db_index=True)
    is_primary = fields.BooleanField(default=False, db_index=True)
    start_date = fields.DateField(null=True)
    subscription_term = fields.IntField(null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    order_by = fields.CharEnumField(OrderByField, max_length=20, null=True)
    order_by_quote_line_group = fields.BooleanField(default=False)
    renewal_uplift_percent = price(null=True)
    renewal_term = fields.IntField(null=True)
    currency = fields.CharField(max_length=3)
    payment_terms = fields.CharField(max_length=50, null=True)
    # C9/R2: an AMENDMENT or RENEWAL quote prices changes to (or the renewal of) this contract.
    type = fields.CharEnumField(OrderType, max_length=20, default=OrderType.NEW, db_default="NEW")
    # A plain id, not a foreign key: contracts reference quotes already, and Tortoise cannot create
    # tables with cyclic foreign keys.
    contract_id = fields.UUIDField(null=True, db_index=True)
    # C9: the contract's version when the amendment quote was made (a later amendment makes it stale).
    contract_version = fields.IntField(null=True)
    total = money()
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "quote"


class QuoteLineGroup(Model):
    quote_id: UUID
    id = uuid_pk()
    quote: fields.ForeignKeyRelation[Quote] = fields.ForeignKeyField(
        "models.Quote", related_name="groups", on_delete=fields.CASCADE, db_index=True
    )
    key = fields.CharField(max_length=100)
    name = fields.CharField(max_length=255)
    position = fields.IntField()
    start_date = fields.DateField(null=True)
    subscription_term = fields.IntField(null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)

    class Meta:
        table = "quote_line_group"
        unique_together = (("quote", "key"),)


class QuoteLine(Model):
    quote_id: UUID
    group_id: UUID | None
    product_id: UUID
    required_by_id: UUID | None
    id = uuid_pk()
    quote: fields.ForeignKeyRelation[Quote] = fields.ForeignKeyField(
        "models.Quote", related_name="lines", on_delete=fields.CASCADE, db_index=True
    )
    group: fields.ForeignKeyNullableRelation[QuoteLineGroup] = fields.ForeignKeyField(
        "models.QuoteLineGroup", related_name="lines", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="quote_lines", on_delete=fields.RESTRICT, db_index=True
    )
    required_by: fields.ForeignKeyNullableRelation["QuoteLine"] = fields.ForeignKeyField(
        "models.QuoteLine", related_name="components", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    key = fields.CharField(max_length=100, null=True)
    position = fields.IntField()
    quantity = price()
    # O4: the sum ordered over all orders, maintained under a row lock by the ordering service.
    ordered_quantity = price()
    list_price = price()
    discount_percent = price(null=True)
    unit_price = price()
    unit_price_given = fields.BooleanField(default=False)
    total_price = money()
    # What the user typed; start_date/end_date hold the effective dates after Q4/Q7 defaults.
    given_start_date = fields.DateField(null=True)
    given_end_date = fields.DateField(null=True)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    subscription_term = fields.IntField(null=True)
    effective_term = fields.IntField(null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    optional = fields.BooleanField(default=False)
    segment_key = fields.CharField(max_length=100, null=True, db_index=True)
    segment_index = fields.IntField(null=True)
    discount_schedule: Any = fields.JSONField(null=True)

    class Meta:
        table = "quote_line"
