"""Contracts, subscriptions and assets (C1-C5)."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, price, updated_at, uuid_pk
from models.enums import AssetStatus, ContractStatus, SubscriptionStatus


class Contract(Model):
    account_id: UUID
    id = uuid_pk()
    number = fields.CharField(max_length=20, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="contracts", on_delete=fields.RESTRICT, db_index=True
    )
    status = fields.CharEnumField(ContractStatus, max_length=30, db_index=True)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True, db_index=True)
    term = fields.IntField(null=True)
    renewal_uplift_percent = price(null=True)
    renewal_term = fields.IntField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "contract"


class Subscription(Model):
    # C2: one per RECURRING order item, linked both ways.
    contract_id: UUID
    account_id: UUID
    product_id: UUID
    order_item_id: UUID
    id = uuid_pk()
    contract: fields.ForeignKeyRelation[Contract] = fields.ForeignKeyField(
        "models.Contract", related_name="subscriptions", on_delete=fields.CASCADE, db_index=True
    )
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="subscriptions", on_delete=fields.RESTRICT, db_index=True
    )
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="subscriptions", on_delete=fields.RESTRICT, db_index=True
    )
    order_item: fields.OneToOneRelation = fields.OneToOneField(
        "models.OrderItem", related_name="subscription", on_delete=fields.CASCADE, db_index=True
    )
    quantity = price()
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    net_price = price()
    # C5: cancelling its item cancels the subscription; the row and its last quantity stay.
    status = fields.CharEnumField(
        SubscriptionStatus, max_length=20, default=SubscriptionStatus.ACTIVE, db_default="ACTIVE"
    )
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "subscription"


class Asset(Model):
    # C3: a ONE_TIME item becomes an asset of the account when its order is activated.
    account_id: UUID
    product_id: UUID
    order_item_id: UUID
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="assets", on_delete=fields.RESTRICT, db_index=True
    )
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="assets", on_delete=fields.RESTRICT, db_index=True
    )
    order_item: fields.OneToOneRelation = fields.OneToOneField(
        "models.OrderItem", related_name="asset", on_delete=fields.CASCADE, db_index=True
    )
    quantity = price()
    status = fields.CharEnumField(AssetStatus, max_length=20, db_index=True)
    created_at = created_at()
    updated_at = updated_at()
    details: Any = fields.JSONField(null=True)

    class Meta:
        table = "asset"
