"""Root query fields of contract and quote documents (C8)."""

import strawberry
from strawberry.types import Info

from app.services.registry import document_templates
from models.enums import DocumentKind
from resolvers.common import actor_of
from schema.documents import DocumentTemplate


@strawberry.type
class DocumentQuery:
    @strawberry.field
    async def document_templates(self, info: Info, kind: DocumentKind | None = None) -> list[DocumentTemplate]:
        return [DocumentTemplate.from_spec(s) for s in await document_templates.list(actor_of(info), kind)]
