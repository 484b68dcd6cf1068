"""Contracts, their signatories, obligations and milestones, subscriptions and assets (C1-C7)."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, price, updated_at, uuid_pk
from models.enums import (
    AssetStatus,
    ContractStatus,
    ObligationStatus,
    OrderType,
    SignatoryKind,
    SubscriptionStatus,
)


class Contract(Model):
    account_id: UUID
    quote_id: UUID | None
    renewed_from_id: UUID | None
    id = uuid_pk()
    number = fields.CharField(max_length=20, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="contracts", on_delete=fields.RESTRICT, db_index=True
    )
    # C6: the APPROVED quote a contract was requested from (createContractFromQuote); its order joins it.
    quote: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Quote", related_name="requested_contracts", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    status = fields.CharEnumField(ContractStatus, max_length=30, db_index=True)
    type = fields.CharEnumField(OrderType, max_length=20, default=OrderType.NEW, db_default="NEW")
    # C6/D5: optimistic concurrency, as on orders.
    version = fields.IntField(default=1, db_default=1)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True, db_index=True)
    term = fields.IntField(null=True)
    renewal_uplift_percent = price(null=True)
    renewal_term = fields.IntField(null=True)
    # R4: the contract this one renews (its order came from that contract's renewal opportunity).
    renewed_from: fields.ForeignKeyNullableRelation["Contract"] = fields.ForeignKeyField(
        "models.Contract", related_name="renewed_by", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    # C11: the day a terminated contract's subscriptions ended.
    termination_date = fields.DateField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "contract"


class Signatory(Model):
    # C6: who signs a contract sent for signature; SIGNED when the last one has signed.
    contract_id: UUID
    id = uuid_pk()
    contract: fields.ForeignKeyRelation[Contract] = fields.ForeignKeyField(
        "models.Contract", related_name="signatories", on_delete=fields.CASCADE, db_index=True
    )
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=320)
    kind = fields.CharEnumField(SignatoryKind, max_length=20)
    position = fields.IntField()
    signed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "signatory"


class Obligation(Model):
    # C7: overdue is derived (open and past due on an as-of date), never stored.
    contract_id: UUID
    owner_key_id: UUID | None
    id = uuid_pk()
    contract: fields.ForeignKeyRelation[Contract] = fields.ForeignKeyField(
        "models.Contract", related_name="obligations", on_delete=fields.CASCADE, db_index=True
    )
    title = fields.CharField(max_length=255)
    due_date = fields.DateField(db_index=True)
    owner_key: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.ApiKey", related_name="obligations", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    status = fields.CharEnumField(ObligationStatus, max_length=20, default=ObligationStatus.OPEN)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "obligation"


class Milestone(Model):
    # C7: reached is derived from its date and the as-of date.
    contract_id: UUID
    id = uuid_pk()
    contract: fields.ForeignKeyRelation[Contract] = fields.ForeignKeyField(
        "models.Contract", related_name="milestones", on_delete=fields.CASCADE, db_index=True
    )
    title = fields.CharField(max_length=255)
    date = fields.DateField()
    created_at = created_at()

    class Meta:
        table = "milestone"


class Subscription(Model):
    # C2: one per RECURRING order item, linked both ways.
    contract_id: UUID
    account_id: UUID
    product_id: UUID
    order_item_id: UUID
    revises_id: UUID | None
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
    # C9: a delta subscription made by an amendment revises the subscription it changes.
    revises: fields.ForeignKeyNullableRelation["Subscription"] = fields.ForeignKeyField(
        "models.Subscription", related_name="revisions", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    # C10: how much of this price-agreement position has been ordered (createOrderFromContract),
    # moved under a row lock like a quote line's ordered quantity (O4).
    ordered_quantity = fields.DecimalField(max_digits=20, decimal_places=6, default=0, db_default=0)
    # C11/B6: the end date a termination cut short (billing credits the days after the new end).
    previous_end_date = fields.DateField(null=True)
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
