"""B4: customer purchase orders (the authorised amount orders draw on)."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, uuid_pk


class CustomerPurchaseOrder(Model):
    account_id: UUID
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="purchase_orders", on_delete=fields.RESTRICT, db_index=True
    )
    number = fields.CharField(max_length=100)
    amount = money()
    currency = fields.CharField(max_length=3)
    valid_from = fields.DateField()
    valid_to = fields.DateField()
    created_at = created_at()

    class Meta:
        table = "customer_purchase_order"
        unique_together = (("account", "number"),)
