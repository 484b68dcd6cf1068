from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.enums import DocumentKind
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_contract_links')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Document',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('models.Account', source_field='account_id', db_index=True, db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='QUOTE: QUOTE\nCONTRACT: CONTRACT\nINVOICE: INVOICE', enum_type=DocumentKind, max_length=20)),
                ('object_id', fields.UUIDField(db_index=True)),
                ('title', fields.CharField(max_length=255)),
                ('template_id', fields.UUIDField()),
                ('template_version', fields.IntField()),
                ('sha256', fields.CharField(db_index=True, max_length=64)),
                ('page_count', fields.IntField()),
                ('content', fields.BinaryField()),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'document', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DocumentTemplate',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(db_index=True, description='QUOTE: QUOTE\nCONTRACT: CONTRACT\nINVOICE: INVOICE', enum_type=DocumentKind, max_length=20)),
                ('name', fields.CharField(max_length=255)),
                ('body', fields.TextField(unique=False)),
                ('clauses', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'document_template', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
