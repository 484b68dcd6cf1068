from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import SubscriptionStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_security')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Subscription',
            name='status',
            field=fields.CharEnumField(default=SubscriptionStatus.ACTIVE, description='ACTIVE: ACTIVE\nCANCELLED: CANCELLED', db_default='ACTIVE', enum_type=SubscriptionStatus, max_length=20),
        ),
    ]
