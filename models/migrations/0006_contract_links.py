from tortoise import migrations
from tortoise.migrations import operations as ops
from models.enums import OrderType
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_contract_workflow')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Contract',
            name='renewed_from',
            field=fields.ForeignKeyField('models.Contract', source_field='renewed_from_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='renewed_by', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Opportunity',
            name='contract_id',
            field=fields.UUIDField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name='Opportunity',
            name='type',
            field=fields.CharEnumField(default=OrderType.NEW, description='NEW: NEW\nAMENDMENT: AMENDMENT\nRENEWAL: RENEWAL', db_default='NEW', enum_type=OrderType, max_length=20),
        ),
        ops.AddField(
            model_name='Quote',
            name='contract_id',
            field=fields.UUIDField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name='Quote',
            name='contract_version',
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name='Quote',
            name='type',
            field=fields.CharEnumField(default=OrderType.NEW, description='NEW: NEW\nAMENDMENT: AMENDMENT\nRENEWAL: RENEWAL', db_default='NEW', enum_type=OrderType, max_length=20),
        ),
        ops.AddField(
            model_name='Subscription',
            name='revises',
            field=fields.ForeignKeyField('models.Subscription', source_field='revises_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='revisions', on_delete=OnDelete.RESTRICT),
        ),
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_contract_renewed_from_id_0006" ON "contract" ("renewed_from_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_contract_renewed_from_id_0006"',
        ),
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_opportunity_contract_id_0006" ON "opportunity" ("contract_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_opportunity_contract_id_0006"',
        ),
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_quote_contract_id_0006" ON "quote" ("contract_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_quote_contract_id_0006"',
        ),
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_subscription_revises_id_0006" ON "subscription" ("revises_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_subscription_revises_id_0006"',
        ),
    ]
