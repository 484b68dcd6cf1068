from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import ContractEventType
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0012_payments_credit')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='ContractEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nSTATUS_CHANGED: STATUS_CHANGED\nSIGNED: SIGNED\nOBLIGATION_ADDED: OBLIGATION_ADDED\nOBLIGATION_UPDATED: OBLIGATION_UPDATED\nMILESTONE_ADDED: MILESTONE_ADDED\nORDER_JOINED: ORDER_JOINED\nAMENDED: AMENDED\nOBLIGATION_OVERDUE: OBLIGATION_OVERDUE\nRENEWAL_CREATED: RENEWAL_CREATED', enum_type=ContractEventType, max_length=30),
        ),
    ]
