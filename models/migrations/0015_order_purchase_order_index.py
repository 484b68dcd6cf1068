from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """B4: on PostgreSQL, AddField of a foreign key builds no index; build the one the model declares."""

    dependencies = [('models', '0014_billing_timing')]

    initial = False

    operations = [
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_order_purchase_order_id_0015" ON "order" ("purchase_order_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_order_purchase_order_id_0015"',
        ),
    ]
