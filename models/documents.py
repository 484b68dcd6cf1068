"""Document templates and rendered documents (C8)."""

from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, updated_at, uuid_pk
from models.enums import DocumentKind


class DocumentTemplate(Model):
    # C8: a Jinja2 body plus ordered clauses, each with variations chosen by a condition. The shipped
    # default of a kind (app/templates/documents) has no row until someone saves it (same id).
    id = uuid_pk()
    kind = fields.CharEnumField(DocumentKind, max_length=20, db_index=True)
    name = fields.CharField(max_length=255)
    body = fields.TextField()
    # [{key, title, body, variations: [{condition, body}]}], in document order.
    clauses: Any = fields.JSONField()
    version = fields.IntField(default=1)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "document_template"


class Document(Model):
    # C8: a rendered PDF, kept with its content hash; scoped through its account (S3).
    account_id: UUID
    id = uuid_pk()
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="documents", on_delete=fields.RESTRICT, db_index=True
    )
    # What was rendered: a kind and the object's id (any kind that registers a document source).
    kind = fields.CharEnumField(DocumentKind, max_length=20)
    object_id = fields.UUIDField(db_index=True)
    title = fields.CharField(max_length=255)  # "Contract C-000001": the PDF's title and file name
    # The template as it was: a shipped default has no row, hence a plain id and its version.
    template_id = fields.UUIDField()
    template_version = fields.IntField()
    sha256 = fields.CharField(max_length=64, db_index=True)
    page_count = fields.IntField()
    content = fields.BinaryField()
    created_at = created_at()

    class Meta:
        table = "document"
