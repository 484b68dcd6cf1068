from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import ContractEventType
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_amendments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DailyRunMark',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('part', fields.CharField(max_length=30)),
                ('subject_id', fields.UUIDField()),
                ('as_of', fields.DateField()),
                ('result_id', fields.UUIDField(null=True)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'daily_run_mark', 'app': 'models', 'unique_together': (('part', 'subject_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='ContractEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nSTATUS_CHANGED: STATUS_CHANGED\nSIGNED: SIGNED\nOBLIGATION_ADDED: OBLIGATION_ADDED\nOBLIGATION_UPDATED: OBLIGATION_UPDATED\nMILESTONE_ADDED: MILESTONE_ADDED\nORDER_JOINED: ORDER_JOINED\nOBLIGATION_OVERDUE: OBLIGATION_OVERDUE\nRENEWAL_CREATED: RENEWAL_CREATED', enum_type=ContractEventType, max_length=30),
        ),
    ]
