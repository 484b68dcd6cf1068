from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import ContractEventType, ContractStatus, ObligationStatus, OrderType, Role, SignatoryKind
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_subscription_status')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ContractEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('type', fields.CharEnumField(db_index=True, description='CREATED: CREATED\nSTATUS_CHANGED: STATUS_CHANGED\nSIGNED: SIGNED\nOBLIGATION_ADDED: OBLIGATION_ADDED\nOBLIGATION_UPDATED: OBLIGATION_UPDATED\nMILESTONE_ADDED: MILESTONE_ADDED\nORDER_JOINED: ORDER_JOINED', enum_type=ContractEventType, max_length=30)),
                ('contract', fields.ForeignKeyField('models.Contract', source_field='contract_id', db_index=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='contract_events', on_delete=OnDelete.CASCADE)),
                ('actor', fields.CharField(null=True, max_length=200)),
                ('actor_key_id', fields.UUIDField(null=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('previous_status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nIN_APPROVAL: IN_APPROVAL\nAPPROVED: APPROVED\nSENT_FOR_SIGNATURE: SENT_FOR_SIGNATURE\nSIGNED: SIGNED\nACTIVATED: ACTIVATED\nEXPIRED: EXPIRED\nTERMINATED: TERMINATED\nRENEWED: RENEWED\nCANCELLED: CANCELLED', enum_type=ContractStatus, max_length=30)),
                ('status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nIN_APPROVAL: IN_APPROVAL\nAPPROVED: APPROVED\nSENT_FOR_SIGNATURE: SENT_FOR_SIGNATURE\nSIGNED: SIGNED\nACTIVATED: ACTIVATED\nEXPIRED: EXPIRED\nTERMINATED: TERMINATED\nRENEWED: RENEWED\nCANCELLED: CANCELLED', enum_type=ContractStatus, max_length=30)),
                ('version', fields.IntField(null=True)),
                ('changes', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'contract_event', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Milestone',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('contract', fields.ForeignKeyField('models.Contract', source_field='contract_id', db_index=True, db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=255)),
                ('date', fields.DateField()),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'milestone', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Obligation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('contract', fields.ForeignKeyField('models.Contract', source_field='contract_id', db_index=True, db_constraint=True, to_field='id', related_name='obligations', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=255)),
                ('due_date', fields.DateField(db_index=True)),
                ('owner_key', fields.ForeignKeyField('models.ApiKey', source_field='owner_key_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='obligations', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=ObligationStatus.OPEN, description='OPEN: OPEN\nDONE: DONE\nWAIVED: WAIVED', enum_type=ObligationStatus, max_length=20)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'obligation', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Signatory',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('contract', fields.ForeignKeyField('models.Contract', source_field='contract_id', db_index=True, db_constraint=True, to_field='id', related_name='signatories', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=200)),
                ('email', fields.CharField(max_length=320)),
                ('kind', fields.CharEnumField(description='CUSTOMER: CUSTOMER\nINTERNAL: INTERNAL', enum_type=SignatoryKind, max_length=20)),
                ('position', fields.IntField()),
                ('signed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'signatory', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='ApiKey',
            name='role',
            field=fields.CharEnumField(db_index=True, description='ADMIN: ADMIN\nSALES_REP: SALES_REP\nSALES_OPS: SALES_OPS\nFULFILLMENT: FULFILLMENT\nBILLING: BILLING\nPARTNER: PARTNER\nREAD_ONLY: READ_ONLY\nLEGAL: LEGAL', enum_type=Role, max_length=20),
        ),
        ops.AlterField(
            model_name='Contract',
            name='status',
            field=fields.CharEnumField(db_index=True, description='DRAFT: DRAFT\nIN_APPROVAL: IN_APPROVAL\nAPPROVED: APPROVED\nSENT_FOR_SIGNATURE: SENT_FOR_SIGNATURE\nSIGNED: SIGNED\nACTIVATED: ACTIVATED\nEXPIRED: EXPIRED\nTERMINATED: TERMINATED\nRENEWED: RENEWED\nCANCELLED: CANCELLED', enum_type=ContractStatus, max_length=30),
        ),
        ops.AddField(
            model_name='Contract',
            name='quote',
            field=fields.ForeignKeyField('models.Quote', source_field='quote_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='requested_contracts', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Contract',
            name='type',
            field=fields.CharEnumField(default=OrderType.NEW, description='NEW: NEW\nAMENDMENT: AMENDMENT\nRENEWAL: RENEWAL', db_default='NEW', enum_type=OrderType, max_length=20),
        ),
        ops.AddField(
            model_name='Contract',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
        # AddField does not index a new foreign key on PostgreSQL; the model declares one (db_index).
        ops.RunSQL(
            'CREATE INDEX IF NOT EXISTS "idx_contract_quote_i_c6a1f0" ON "contract" ("quote_id")',
            reverse_sql='DROP INDEX IF EXISTS "idx_contract_quote_i_c6a1f0"',
        ),
        # C6: contracts made by C1 before the workflow existed were left in DRAFT; they are in effect.
        # Every DRAFT contract at this point was made by C1 (no other path made contracts). One-way.
        ops.RunSQL(
            "UPDATE \"contract\" SET \"status\" = 'ACTIVATED' WHERE \"status\" = 'DRAFT'",
            reverse_sql="SELECT 1",
        ),
    ]
