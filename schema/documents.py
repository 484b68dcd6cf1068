"""Object types of contract and quote documents (C8): templates with clauses and their variations,
and rendered documents."""

from datetime import datetime
from typing import Any

import strawberry

from models.enums import DocumentKind

strawberry.enum(DocumentKind)


@strawberry.type
class ClauseVariation:
    condition: str
    body: str


@strawberry.type
class DocumentClause:
    key: str
    title: str
    body: str
    variations: list[ClauseVariation]


@strawberry.type
class DocumentTemplate:
    id: strawberry.ID
    kind: DocumentKind
    name: str
    body: str
    clauses: list[DocumentClause]
    is_default: bool
    version: int
    updated_at: datetime | None

    @classmethod
    def from_spec(cls, spec: Any) -> "DocumentTemplate":
        """From a TemplateSpec (app/services/render_documents.py): a saved row or a shipped default."""
        return cls(
            id=strawberry.ID(str(spec.id)),
            kind=DocumentKind(spec.kind),
            name=spec.name,
            body=spec.body,
            clauses=[
                DocumentClause(
                    key=c.key,
                    title=c.title,
                    body=c.body,
                    variations=[ClauseVariation(condition=v.condition, body=v.body) for v in c.variations],
                )
                for c in spec.clauses
            ],
            is_default=spec.is_default,
            version=spec.version,
            updated_at=spec.updated_at,
        )


@strawberry.type
class Document:
    id: strawberry.ID
    kind: DocumentKind
    title: str
    sha256: str
    page_count: int
    template_id: strawberry.ID
    template_version: int
    created_at: datetime

    @classmethod
    def from_model(cls, m: Any) -> "Document":
        return cls(
            id=strawberry.ID(str(m.id)),
            kind=m.kind,
            title=m.title,
            sha256=m.sha256,
            page_count=m.page_count,
            template_id=strawberry.ID(str(m.template_id)),
            template_version=m.template_version,
            created_at=m.created_at,
        )

    @strawberry.field
    def url(self) -> str:
        return f"/documents/{self.id}"
