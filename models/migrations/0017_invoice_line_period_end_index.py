from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0016_invoice_events')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='InvoiceLine',
            index=Index(fields=['period_end', 'invoice_id']),
        ),
    ]
