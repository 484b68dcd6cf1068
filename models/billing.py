"""Billing schedules and invoices (DOMAIN B1, B2, B6).

Amounts are signed: a CHARGE line is positive, a CREDIT line negative. An invoice's total is the sum
of its lines, so a CREDIT_NOTE has a negative total and balance (it lowers the account's receivables).
"""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, uuid_pk
from models.enums import BillingLineKind, BillingLineStatus, InvoiceKind, InvoiceStatus


class Invoice(Model):
    account_id: UUID
    corrects_id: UUID | None
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="invoices", on_delete=fields.RESTRICT, db_index=True
    )
    currency = fields.CharField(max_length=3)
    kind = fields.CharEnumField(InvoiceKind, max_length=20, default=InvoiceKind.INVOICE)
    status = fields.CharEnumField(InvoiceStatus, max_length=20, default=InvoiceStatus.DRAFT, db_index=True)
    # B2: null until posted, then the next gapless INV-000001.
    number = fields.CharField(max_length=20, null=True, unique=True)
    total = money()
    # B3: = total when posted, reduced by payments; zero -> PAID.
    balance = money()
    as_of = fields.DateField()
    posted_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)
    # B2: the credit note that corrects a voided posted invoice points at it.
    corrects: fields.ForeignKeyNullableRelation["Invoice"] = fields.ForeignKeyField(
        "models.Invoice", related_name="corrected_by", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    version = fields.IntField(default=1)
    created_at = created_at()

    class Meta:
        table = "invoice"


class BillingLine(Model):
    # B1: one line of the billing schedule of an order item. Never deleted: voided when replaced (B6).
    order_item_id: UUID
    order_id: UUID
    account_id: UUID
    invoice_id: UUID | None
    quote_line_id: UUID | None
    id = uuid_pk()
    order_item: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.OrderItem", related_name="billing_lines", on_delete=fields.RESTRICT, db_index=True
    )
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="billing_lines", on_delete=fields.RESTRICT, db_index=True
    )
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="billing_lines", on_delete=fields.RESTRICT, db_index=True
    )
    # The quote line the billed item came from (a plain column, like OrderItem.quote_line's key).
    quote_line_id = fields.UUIDField(null=True)
    currency = fields.CharField(max_length=3)
    kind = fields.CharEnumField(BillingLineKind, max_length=20, default=BillingLineKind.CHARGE)
    status = fields.CharEnumField(BillingLineStatus, max_length=20, default=BillingLineStatus.UNBILLED)
    position = fields.IntField()
    period_start = fields.DateField()
    period_end = fields.DateField()
    invoice_date = fields.DateField(db_index=True)
    amount = money()
    # Why the line exists: ACTIVATION, CHANGE, CANCELLATION, AMENDMENT, TERMINATION ...
    reason = fields.CharField(max_length=50, default="ACTIVATION")
    invoice: fields.ForeignKeyNullableRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="billing_lines", null=True, on_delete=fields.RESTRICT, db_index=True
    )
    voided_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "billing_line"
        indexes = (("status", "invoice_date"),)


class InvoiceLine(Model):
    # B2: the billed copy of a schedule line, fixed once the invoice is posted.
    invoice_id: UUID
    billing_line_id: UUID
    order_item_id: UUID
    id = uuid_pk()
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="lines", on_delete=fields.RESTRICT, db_index=True
    )
    billing_line: fields.ForeignKeyRelation[BillingLine] = fields.ForeignKeyField(
        "models.BillingLine", related_name="invoice_lines", on_delete=fields.RESTRICT, db_index=True
    )
    order_item: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.OrderItem", related_name="invoice_lines", on_delete=fields.RESTRICT, db_index=True
    )
    position = fields.IntField()
    description = fields.CharField(max_length=255)
    period_start = fields.DateField()
    period_end = fields.DateField()
    amount = money()
    created_at = created_at()

    class Meta:
        table = "invoice_line"
        # B7: the journal export finds the lines still being served in a period by their end.
        indexes = (("period_end", "invoice_id"),)
