from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import OrderEventType
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_lifecycle_contracts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IdempotencyRecord',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('api_key', fields.ForeignKeyField('models.ApiKey', source_field='api_key_id', db_index=True, db_constraint=True, to_field='id', related_name='idempotency_records', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=255)),
                ('mutation', fields.CharField(max_length=100)),
                ('request_hash', fields.CharField(max_length=64)),
                ('result', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'idempotency_record', 'app': 'models', 'unique_together': (('api_key', 'key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='OrderEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nUPDATED: UPDATED\nSTATUS_CHANGED: STATUS_CHANGED\nCHANGED: CHANGED\nCONTRACTED: CONTRACTED\nUNCONTRACTED: UNCONTRACTED\nSHIPPED: SHIPPED\nCANCELLED: CANCELLED\nKEY_REVOKED: KEY_REVOKED', enum_type=OrderEventType, max_length=30),
        ),
    ]
