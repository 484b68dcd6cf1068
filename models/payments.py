"""B3: payments received from a customer and how they are allocated to its posted invoices."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, uuid_pk


class Payment(Model):
    account_id: UUID
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="payments", on_delete=fields.RESTRICT, db_index=True
    )
    amount = money()
    currency = fields.CharField(max_length=3)
    # B7: the day the cash arrived (the journal entry's date).
    received_on = fields.DateField(db_index=True)
    created_at = created_at()

    class Meta:
        table = "payment"


class PaymentAllocation(Model):
    payment_id: UUID
    invoice_id: UUID
    id = uuid_pk()
    payment: fields.ForeignKeyRelation[Payment] = fields.ForeignKeyField(
        "models.Payment", related_name="allocations", on_delete=fields.CASCADE, db_index=True
    )
    invoice: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Invoice", related_name="allocations", on_delete=fields.RESTRICT, db_index=True
    )
    position = fields.IntField()
    amount = money()
    created_at = created_at()

    class Meta:
        table = "payment_allocation"
