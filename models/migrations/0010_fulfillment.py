from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import FulfillmentStatus, FulfillmentType, LocationKind, OrderEventType, TaskKind, TaskStatus
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_renewals')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FulfillmentTask',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.CASCADE)),
                ('order_item', fields.ForeignKeyField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.CASCADE)),
                ('depends_on', fields.ForeignKeyField('models.FulfillmentTask', source_field='depends_on_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='dependants', on_delete=OnDelete.SET_NULL)),
                ('kind', fields.CharEnumField(description='SHIPMENT: SHIPMENT\nSERVICE: SERVICE\nPROVISIONING: PROVISIONING', enum_type=TaskKind, max_length=20)),
                ('status', fields.CharEnumField(db_index=True, description='PENDING: PENDING\nIN_PROGRESS: IN_PROGRESS\nDONE: DONE\nCANCELLED: CANCELLED', enum_type=TaskStatus, max_length=20)),
                ('position', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fulfillment_task', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InventoryLocation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=255)),
                ('kind', fields.CharEnumField(description='WAREHOUSE: WAREHOUSE\nPROVIDER: PROVIDER', enum_type=LocationKind, max_length=20)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'inventory_location', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Fulfillment',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('models.Order', source_field='order_id', db_index=True, db_constraint=True, to_field='id', related_name='fulfillments', on_delete=OnDelete.CASCADE)),
                ('location', fields.ForeignKeyField('models.InventoryLocation', source_field='location_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='fulfillments', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(db_index=True, description='PENDING: PENDING\nALLOCATED: ALLOCATED\nSHIPPED: SHIPPED\nDELIVERED: DELIVERED\nCANCELLED: CANCELLED', enum_type=FulfillmentStatus, max_length=20)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fulfillment', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FulfillmentLine',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('fulfillment', fields.ForeignKeyField('models.Fulfillment', source_field='fulfillment_id', db_index=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('order_item', fields.ForeignKeyField('models.OrderItem', source_field='order_item_id', db_index=True, db_constraint=True, to_field='id', related_name='fulfillment_lines', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
                ('quantity', fields.DecimalField(max_digits=20, decimal_places=6)),
            ],
            options={'table': 'fulfillment_line', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Stock',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('product', fields.ForeignKeyField('models.Product', source_field='product_id', db_index=True, db_constraint=True, to_field='id', related_name='stock', on_delete=OnDelete.RESTRICT)),
                ('location', fields.ForeignKeyField('models.InventoryLocation', source_field='location_id', db_index=True, db_constraint=True, to_field='id', related_name='stock', on_delete=OnDelete.RESTRICT)),
                ('on_hand', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('reserved', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'stock', 'app': 'models', 'unique_together': (('product', 'location'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StockReceipt',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('stock', fields.ForeignKeyField('models.Stock', source_field='stock_id', db_index=True, db_constraint=True, to_field='id', related_name='receipts', on_delete=OnDelete.CASCADE)),
                ('quantity', fields.DecimalField(max_digits=20, decimal_places=6)),
                ('available_on', fields.DateField(db_index=True)),
                ('settled', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'stock_receipt', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='OrderEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nUPDATED: UPDATED\nSTATUS_CHANGED: STATUS_CHANGED\nCHANGED: CHANGED\nCONTRACTED: CONTRACTED\nUNCONTRACTED: UNCONTRACTED\nSHIPPED: SHIPPED\nCANCELLED: CANCELLED\nFULFILLMENT_CREATED: FULFILLMENT_CREATED\nFULFILLMENT_ALLOCATED: FULFILLMENT_ALLOCATED\nFULFILLMENT_SHIPPED: FULFILLMENT_SHIPPED\nFULFILLMENT_DELIVERED: FULFILLMENT_DELIVERED\nFULFILLMENT_CANCELLED: FULFILLMENT_CANCELLED\nTASK_STARTED: TASK_STARTED\nTASK_COMPLETED: TASK_COMPLETED\nKEY_REVOKED: KEY_REVOKED', enum_type=OrderEventType, max_length=30),
        ),
        ops.AddField(
            model_name='OrderItem',
            name='fulfilled_quantity',
            field=fields.DecimalField(default=0, db_default=0, max_digits=20, decimal_places=6),
        ),
        ops.AddField(
            model_name='Product',
            name='fulfillment_type',
            field=fields.CharEnumField(null=True, description='SHIPPABLE: SHIPPABLE\nSERVICE: SERVICE\nDIGITAL: DIGITAL', enum_type=FulfillmentType, max_length=20),
        ),
    ]
