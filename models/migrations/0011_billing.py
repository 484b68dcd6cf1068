from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import BillingLineKind, BillingLineStatus, InvoiceKind, InvoiceStatus
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0010_fulfillment')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Invoice',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='invoices', on_delete=OnDelete.RESTRICT)),
                ('currency', fields.CharField(max_length=3)),
                ('kind', fields.CharEnumField(default=InvoiceKind.INVOICE, description='INVOICE: INVOICE\nCREDIT_NOTE: CREDIT_NOTE', enum_type=InvoiceKind, max_length=20)),
                ('status', fields.CharEnumField(default=InvoiceStatus.DRAFT, db_index=True, description='DRAFT: DRAFT\nPOSTED: POSTED\nPAID: PAID\nVOID: VOID', enum_type=InvoiceStatus, max_length=20)),
                ('number', fields.CharField(null=True, unique=True, max_length=20)),
                ('total', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('balance', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('as_of', fields.DateField()),
                ('posted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('voided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('corrects', fields.ForeignKeyField('models.Invoice', source_field='corrects_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='corrected_by', on_delete=OnDelete.RESTRICT)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'invoice', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BillingLine',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('order_item', fields.ForeignKeyField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='billing_lines', on_delete=OnDelete.RESTRICT)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='billing_lines', on_delete=OnDelete.RESTRICT)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='billing_lines', on_delete=OnDelete.RESTRICT)),
                ('quote_line_id', fields.UUIDField(null=True)),
                ('currency', fields.CharField(max_length=3)),
                ('kind', fields.CharEnumField(default=BillingLineKind.CHARGE, description='CHARGE: CHARGE\nCREDIT: CREDIT', enum_type=BillingLineKind, max_length=20)),
                ('status', fields.CharEnumField(default=BillingLineStatus.UNBILLED, description='UNBILLED: UNBILLED\nINVOICED: INVOICED\nVOID: VOID', enum_type=BillingLineStatus, max_length=20)),
                ('position', fields.IntField()),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('invoice_date', fields.DateField(db_index=True)),
                ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('reason', fields.CharField(default='ACTIVATION', max_length=50)),
                ('invoice', fields.ForeignKeyField('models.Invoice', source_field='invoice_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='billing_lines', on_delete=OnDelete.RESTRICT)),
                ('voided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'billing_line', 'app': 'models', 'indexes': [Index(fields=['status', 'invoice_date'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InvoiceLine',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('invoice', fields.ForeignKeyField('models.Invoice', source_field='invoice_id', db_index=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.RESTRICT)),
                ('billing_line', fields.ForeignKeyField('models.BillingLine', source_field='billing_line_id', db_index=True, db_constraint=True, to_field='id', related_name='invoice_lines', on_delete=OnDelete.RESTRICT)),
                ('order_item', fields.ForeignKeyField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='invoice_lines', on_delete=OnDelete.RESTRICT)),
                ('position', fields.IntField()),
                ('description', fields.CharField(max_length=255)),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'invoice_line', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Account',
            name='billing_day_of_month',
            field=fields.IntField(null=True),
        ),
    ]
