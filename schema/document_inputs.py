"""Input types of contract and quote documents (C8)."""

import strawberry
from strawberry import UNSET

from schema.documents import DocumentKind


@strawberry.input
class RenderDocumentInput:
    contract_id: strawberry.ID | None = UNSET
    quote_id: strawberry.ID | None = UNSET
    invoice_id: strawberry.ID | None = UNSET
    template_id: strawberry.ID | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class ClauseVariationInput:
    condition: str
    body: str


@strawberry.input
class DocumentClauseInput:
    key: str
    title: str
    body: str
    variations: list[ClauseVariationInput] | None = UNSET


@strawberry.input
class SaveDocumentTemplateInput:
    id: strawberry.ID | None = UNSET
    kind: DocumentKind
    name: str
    body: str
    clauses: list[DocumentClauseInput] | None = UNSET
    idempotency_key: str | None = UNSET
