from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import ContractEventType
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_documents')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Contract',
            name='termination_date',
            field=fields.DateField(null=True),
        ),
        ops.AlterField(
            model_name='ContractEvent',
            name='type',
            field=fields.CharEnumField(db_index=True, description='CREATED: CREATED\nSTATUS_CHANGED: STATUS_CHANGED\nSIGNED: SIGNED\nOBLIGATION_ADDED: OBLIGATION_ADDED\nOBLIGATION_UPDATED: OBLIGATION_UPDATED\nMILESTONE_ADDED: MILESTONE_ADDED\nORDER_JOINED: ORDER_JOINED\nAMENDED: AMENDED', enum_type=ContractEventType, max_length=30),
        ),
        ops.AddField(
            model_name='Order',
            name='drawn_from_contract',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Subscription',
            name='ordered_quantity',
            field=fields.DecimalField(default=0, db_default=0, max_digits=20, decimal_places=6),
        ),
        ops.AddField(
            model_name='Subscription',
            name='previous_end_date',
            field=fields.DateField(null=True),
        ),
    ]
