"""F1-F4: inventory locations, stock and receipts, fulfillments and the fulfillment plan's tasks."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, price, updated_at, uuid_pk
from models.enums import FulfillmentStatus, LocationKind, TaskKind, TaskStatus


class InventoryLocation(Model):
    id = uuid_pk()
    name = fields.CharField(max_length=255, unique=True)
    kind = fields.CharEnumField(LocationKind, max_length=20)
    created_at = created_at()

    class Meta:
        table = "inventory_location"


class Stock(Model):
    # F1: one row per product and location; allocations lock it (F3, select_for_update).
    product_id: UUID
    location_id: UUID
    id = uuid_pk()
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="stock", on_delete=fields.RESTRICT, db_index=True
    )
    location: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.InventoryLocation", related_name="stock", on_delete=fields.RESTRICT, db_index=True
    )
    # Receipts whose date has come are added to on_hand when the row is next locked (F1).
    on_hand = price()
    reserved = price()
    updated_at = updated_at()

    class Meta:
        table = "stock"
        unique_together = (("product", "location"),)


class StockReceipt(Model):
    stock_id: UUID
    id = uuid_pk()
    stock: fields.ForeignKeyRelation[Stock] = fields.ForeignKeyField(
        "models.Stock", related_name="receipts", on_delete=fields.CASCADE, db_index=True
    )
    quantity = price()
    available_on = fields.DateField(db_index=True)
    # True once the quantity was moved into the stock's on_hand.
    settled = fields.BooleanField(default=False)
    created_at = created_at()

    class Meta:
        table = "stock_receipt"


class Fulfillment(Model):
    # F3: from one location (null: recorded by the shipOrderItems shortcut, outside inventory).
    order_id: UUID
    location_id: UUID | None
    id = uuid_pk()
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="fulfillments", on_delete=fields.CASCADE, db_index=True
    )
    location: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.InventoryLocation", related_name="fulfillments", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    status = fields.CharEnumField(FulfillmentStatus, max_length=20, db_index=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "fulfillment"


class FulfillmentLine(Model):
    fulfillment_id: UUID
    order_item_id: UUID
    id = uuid_pk()
    fulfillment: fields.ForeignKeyRelation[Fulfillment] = fields.ForeignKeyField(
        "models.Fulfillment", related_name="lines", on_delete=fields.CASCADE, db_index=True
    )
    order_item: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.OrderItem", related_name="fulfillment_lines", on_delete=fields.CASCADE, db_index=True
    )
    position = fields.IntField(default=0)
    quantity = price()

    class Meta:
        table = "fulfillment_line"


class FulfillmentTask(Model):
    # F2: one per order item; depends_on is the task of the item's requiredBy parent.
    order_id: UUID
    order_item_id: UUID
    depends_on_id: UUID | None
    id = uuid_pk()
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="tasks", on_delete=fields.CASCADE, db_index=True
    )
    order_item: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.OrderItem", related_name="tasks", on_delete=fields.CASCADE, db_index=True
    )
    depends_on: fields.ForeignKeyNullableRelation["FulfillmentTask"] = fields.ForeignKeyField(
        "models.FulfillmentTask", related_name="dependants", null=True, on_delete=fields.SET_NULL, db_index=True
    )
    kind = fields.CharEnumField(TaskKind, max_length=20)
    status = fields.CharEnumField(TaskStatus, max_length=20, db_index=True)
    position = fields.IntField(default=0)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "fulfillment_task"
