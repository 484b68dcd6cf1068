"""The audit and event log (D4): one row per change, written in the change's transaction."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.enums import (
    ContractEventType,
    ContractStatus,
    InvoiceEventType,
    InvoiceStatus,
    OrderEventType,
    OrderStatus,
)


class StreamEventRow(Model):
    """What a row of every event stream holds (orders, contracts C6, invoices B2/B3). An increasing
    integer id rather than a UUID: the id is the event's position in its stream's total order, which
    subscribers resume from and de-duplicate on. Each stream is its own table."""

    id = fields.BigIntField(primary_key=True)
    actor = fields.CharField(max_length=200, null=True)
    actor_key_id = fields.UUIDField(null=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    version = fields.IntField(null=True)
    changes: Any = fields.JSONField(null=True)

    class Meta:
        abstract = True


class OrderEvent(StreamEventRow):
    order_id: UUID | None
    account_id: UUID | None
    type = fields.CharEnumField(OrderEventType, max_length=30, db_index=True)
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order", related_name="events", null=True, on_delete=fields.CASCADE, db_index=True
    )
    account: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Account", related_name="order_events", null=True, on_delete=fields.CASCADE, db_index=True
    )
    previous_status = fields.CharEnumField(OrderStatus, max_length=20, null=True)
    status = fields.CharEnumField(OrderStatus, max_length=20, null=True)

    class Meta:
        table = "order_event"


class ContractEvent(StreamEventRow):
    # C6: the contract's own stream, with its own increasing ids (cursors of contractEvents).
    contract_id: UUID
    account_id: UUID
    type = fields.CharEnumField(ContractEventType, max_length=30, db_index=True)
    contract: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Contract", related_name="events", on_delete=fields.CASCADE, db_index=True
    )
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="contract_events", on_delete=fields.CASCADE, db_index=True
    )
    previous_status = fields.CharEnumField(ContractStatus, max_length=30, null=True)
    status = fields.CharEnumField(ContractStatus, max_length=30, null=True)

    class Meta:
        table = "contract_event"


class InvoiceEvent(StreamEventRow):
    # B2/B3: the invoice's own stream, with its own increasing ids (cursors of invoiceEvents).
    invoice_id: UUID
    account_id: UUID
    type = fields.CharEnumField(InvoiceEventType, max_length=30, db_index=True)
    invoice: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Invoice", related_name="events", on_delete=fields.CASCADE, db_index=True
    )
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="invoice_events", on_delete=fields.CASCADE, db_index=True
    )
    previous_status = fields.CharEnumField(InvoiceStatus, max_length=20, null=True)
    status = fields.CharEnumField(InvoiceStatus, max_length=20, null=True)

    class Meta:
        table = "invoice_event"
