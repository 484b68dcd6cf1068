"""Orders and their items ("order products")."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, price, updated_at, uuid_pk
from models.enums import BillingFrequency, OrderStatus, OrderType


class Order(Model):
    account_id: UUID
    opportunity_id: UUID | None
    quote_id: UUID | None
    contract_id: UUID | None
    purchase_order_id: UUID | None
    id = uuid_pk()
    number = fields.CharField(max_length=20, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="orders", on_delete=fields.RESTRICT, db_index=True
    )
    opportunity: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Opportunity", related_name="orders", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    quote: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Quote", related_name="orders", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    status = fields.CharEnumField(OrderStatus, max_length=20, db_index=True)
    type = fields.CharEnumField(OrderType, max_length=20, default=OrderType.NEW)
    # D5: optimistic concurrency; every write increments it.
    version = fields.IntField(default=1)
    activated_at = fields.DatetimeField(null=True)
    activated_by = fields.CharField(max_length=200, null=True)
    contracted = fields.BooleanField(default=False)
    # C10: an order drawn from a contract's price agreement; it is under that contract already.
    drawn_from_contract = fields.BooleanField(default=False, db_default=False)
    contract: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Contract", related_name="orders", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    cancel_reason = fields.CharField(max_length=500, null=True)
    start_date = fields.DateField(null=True, db_index=True)
    end_date = fields.DateField(null=True)
    total_amount = money()
    currency = fields.CharField(max_length=3)
    payment_terms = fields.CharField(max_length=50, null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    renewal_uplift_percent = price(null=True)
    renewal_term = fields.IntField(null=True)
    po_number = fields.CharField(max_length=100, null=True)
    # O5: the value the quote was split on ("PRODUCT_FAMILY=Hardware", "GROUP=g1"), null when not split.
    split_key = fields.CharField(max_length=255, null=True)
    # B4: the customer PO this order draws on; B5: the total a BILLING key released from credit hold.
    purchase_order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.CustomerPurchaseOrder", related_name="orders", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    credit_approved_amount = money(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "order"


class OrderItem(Model):
    order_id: UUID
    product_id: UUID
    quote_line_id: UUID | None
    required_by_id: UUID | None
    id = uuid_pk()
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="items", on_delete=fields.CASCADE, db_index=True
    )
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="order_items", on_delete=fields.RESTRICT, db_index=True
    )
    quote_line: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.QuoteLine", related_name="order_items", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    required_by: fields.ForeignKeyNullableRelation["OrderItem"] = fields.ForeignKeyField(
        "models.OrderItem", related_name="components", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    position = fields.IntField()
    quantity = price()
    list_price = price()
    unit_price = price()
    total_price = money()
    unprorated_net_price = price(null=True)
    subscription_term = fields.IntField(null=True)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    activated = fields.BooleanField(default=False)
    contracted = fields.BooleanField(default=False)
    # I1/I2: shipped quantities stay (and stay billable); cancelled ones go back to the quote line.
    shipped_quantity = fields.DecimalField(max_digits=20, decimal_places=6, default=0, db_default=0)
    cancelled_quantity = fields.DecimalField(max_digits=20, decimal_places=6, default=0, db_default=0)
    # F4: delivered, completed or provisioned so far.
    fulfilled_quantity = fields.DecimalField(max_digits=20, decimal_places=6, default=0, db_default=0)
    segment_key = fields.CharField(max_length=100, null=True, db_index=True)
    segment_index = fields.IntField(null=True)
    # O6: snapshotted from the quote line, later edits of the schedule do not reach the order.
    discount_schedule: Any = fields.JSONField(null=True)

    class Meta:
        table = "order_item"


class OrderVersion(Model):
    # I1: the order as it was before an in-flight change, kept read-only.
    order_id: UUID
    id = uuid_pk()
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="versions", on_delete=fields.CASCADE, db_index=True
    )
    version = fields.IntField()
    status = fields.CharEnumField(OrderStatus, max_length=20)
    reason = fields.CharField(max_length=500, null=True)
    snapshot: Any = fields.JSONField()
    created_at = created_at()

    class Meta:
        table = "order_version"
        unique_together = (("order", "version"),)
