"""Payloads of contract and quote documents (C8)."""

import strawberry

from schema.common import UserError
from schema.documents import Document, DocumentTemplate


@strawberry.type
class RenderDocumentPayload:
    errors: list[UserError]
    document: Document | None = None


@strawberry.type
class SaveDocumentTemplatePayload:
    errors: list[UserError]
    template: DocumentTemplate | None = None
