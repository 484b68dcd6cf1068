from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import InvoiceEventType, InvoiceStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0015_order_purchase_order_index')]

    initial = False

    operations = [
        ops.CreateModel(
            name='InvoiceEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('type', fields.CharEnumField(db_index=True, description='CREATED: CREATED\nSTATUS_CHANGED: STATUS_CHANGED\nPAYMENT_APPLIED: PAYMENT_APPLIED', enum_type=InvoiceEventType, max_length=30)),
                ('invoice', fields.ForeignKeyField('models.Invoice', source_field='invoice_id', db_index=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='invoice_events', on_delete=OnDelete.CASCADE)),
                ('actor', fields.CharField(null=True, max_length=200)),
                ('actor_key_id', fields.UUIDField(null=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('previous_status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nPOSTED: POSTED\nPAID: PAID\nVOID: VOID', enum_type=InvoiceStatus, max_length=20)),
                ('status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nPOSTED: POSTED\nPAID: PAID\nVOID: VOID', enum_type=InvoiceStatus, max_length=20)),
                ('version', fields.IntField(null=True)),
                ('changes', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'invoice_event', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
