from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import BillingTiming
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_contract_event_types')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Product',
            name='billing_timing',
            field=fields.CharEnumField(null=True, default=BillingTiming.ADVANCE, description='ADVANCE: ADVANCE\nARREARS: ARREARS', enum_type=BillingTiming, max_length=20),
        ),
    ]
