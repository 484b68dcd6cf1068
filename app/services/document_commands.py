"""Commands of contract and quote documents (C8): rendering one, saving a template."""

from dataclasses import dataclass

from app.services.commands import Command
from models.enums import DocumentKind


@dataclass(frozen=True, kw_only=True)
class RenderDocument(Command):
    """Exactly one object id; another kind (billing's invoices) adds its own field and source."""

    contract_id: str | None = None
    quote_id: str | None = None
    invoice_id: str | None = None  # B2: an invoice or credit note
    template_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class ClauseVariationSpec(Command):
    condition: str
    body: str


@dataclass(frozen=True, kw_only=True)
class ClauseSpec(Command):
    key: str
    title: str
    body: str
    variations: list[ClauseVariationSpec] | None = None


@dataclass(frozen=True, kw_only=True)
class SaveDocumentTemplate(Command):
    kind: DocumentKind
    name: str
    body: str
    clauses: list[ClauseSpec] | None = None
    id: str | None = None
