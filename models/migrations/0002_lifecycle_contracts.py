from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import AssetStatus, ContractStatus, OrderEventType, OrderStatus
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Asset',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='assets', on_delete=OnDelete.RESTRICT)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_index=True, db_constraint=True, to_field='id', related_name='assets', on_delete=OnDelete.RESTRICT)),
                ('order_item', fields.OneToOneField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='asset', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('status', fields.CharEnumField(db_index=True, description='PURCHASED: PURCHASED\nINSTALLED: INSTALLED\nCANCELLED: CANCELLED', enum_type=AssetStatus, max_length=20)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('details', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'asset', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Contract',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=20)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='contracts', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(db_index=True, description='DRAFT: DRAFT\nIN_APPROVAL: IN_APPROVAL\nAPPROVED: APPROVED\nSENT_FOR_SIGNATURE: SENT_FOR_SIGNATURE\nSIGNED: SIGNED\nACTIVATED: ACTIVATED\nEXPIRED: EXPIRED\nTERMINATED: TERMINATED', enum_type=ContractStatus, max_length=30)),
                ('start_date', fields.DateField(null=True)),
                ('end_date', fields.DateField(null=True, db_index=True)),
                ('term', fields.IntField(null=True)),
                ('renewal_uplift_percent', fields.DecimalField(null=True, max_digits=20, decimal_places=6)),
                ('renewal_term', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'contract', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderVersion',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.CASCADE)),
                ('version', fields.IntField()),
                ('status', fields.CharEnumField(description='DRAFT: DRAFT\nACTIVATED: ACTIVATED\nIN_FULFILLMENT: IN_FULFILLMENT\nFULFILLED: FULFILLED\nCOMPLETED: COMPLETED\nCANCELLED: CANCELLED', enum_type=OrderStatus, max_length=20)),
                ('reason', fields.CharField(null=True, max_length=500)),
                ('snapshot', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'order_version', 'app': 'models', 'unique_together': (('order', 'version'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Subscription',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('contract', fields.ForeignKeyField('models.Contract', source_field='contract_id', db_index=True, db_constraint=True, to_field='id', related_name='subscriptions', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='subscriptions', on_delete=OnDelete.RESTRICT)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_index=True, db_constraint=True, to_field='id', related_name='subscriptions', on_delete=OnDelete.RESTRICT)),
                ('order_item', fields.OneToOneField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='subscription', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('start_date', fields.DateField(null=True)),
                ('end_date', fields.DateField(null=True)),
                ('net_price', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'subscription', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Order',
            name='cancel_reason',
            field=fields.CharField(null=True, max_length=500),
        ),
        ops.AddField(
            model_name='Order',
            name='contract',
            field=fields.ForeignKeyField('models.Contract', source_field='contract_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.SET_NULL),
        ),
        ops.AlterField(
            model_name='OrderEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nUPDATED: UPDATED\nSTATUS_CHANGED: STATUS_CHANGED\nCHANGED: CHANGED\nCONTRACTED: CONTRACTED\nUNCONTRACTED: UNCONTRACTED\nSHIPPED: SHIPPED\nCANCELLED: CANCELLED', enum_type=OrderEventType, max_length=30),
        ),
        ops.AddField(
            model_name='OrderItem',
            name='cancelled_quantity',
            field=fields.DecimalField(default=0, db_default=0, max_digits=20, decimal_places=6),
        ),
        ops.AddField(
            model_name='OrderItem',
            name='shipped_quantity',
            field=fields.DecimalField(default=0, db_default=0, max_digits=20, decimal_places=6),
        ),
        # AddField does not index a new foreign key on PostgreSQL; the models declare one (db_index).
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_order_contrac_5be108" ON "order" ("contract_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_order_contrac_5be108"',
        ),
    ]
