"""C8: rendering a contract or a quote to a PDF, kept with its content hash, and reading it back.

`render` takes exactly one object id, loads the object through its registered source in the actor's
scope (S3), renders it with the named template or the kind's default (app/services/document_templates),
and stores the bytes, their sha256, the page count and the template's id and version. A template that
fails on the object's data is TEMPLATE_RENDER_FAILED and nothing is written."""

import asyncio
import hashlib

from app.auth import Actor, Permission, requires
from app.errors import DomainError, invalid
from app.services.document_commands import RenderDocument
from app.services.document_sources import DOCUMENT_SOURCES, DocumentSource
from app.services.document_templates import find_template
from app.services.render_documents import render_pdf
from app.services.scoping import get_scoped
from app.services.unit_of_work import unit_of_work
from models import Document


def _camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(p.title() for p in rest)


def _source(data: RenderDocument) -> tuple[DocumentSource, str]:
    """The one object to render: exactly one of the sources' id fields is given."""
    given = [(s, getattr(data, s.field, None)) for s in DOCUMENT_SOURCES.values()]
    chosen = [(s, v) for s, v in given if v is not None]
    if len(chosen) != 1:
        names = " | ".join(_camel(s.field) for s in DOCUMENT_SOURCES.values())
        field = _camel(chosen[1][0].field) if len(chosen) > 1 else None
        raise invalid(f"Give exactly one of {names} (C8).", field)
    return chosen[0]


class DocumentService:
    @requires(Permission.RENDER_DOCUMENTS)
    async def render(self, actor: Actor, data: RenderDocument) -> Document:
        """C8: the same data and template always give the same bytes (and sha256)."""
        source, object_id = _source(data)
        found = await source.load(actor, object_id)
        template = await find_template(source.kind, data.template_id)
        # CPU work (~0.5 ms a table row): off the event loop, so other requests keep being served.
        content, pages = await asyncio.to_thread(render_pdf, template, found.values, found.title, found.created)
        document = Document(
            account_id=found.account_id,
            kind=source.kind,
            object_id=found.object_id,
            title=found.title,
            template_id=template.id,
            template_version=template.version,
            sha256=hashlib.sha256(content).hexdigest(),
            page_count=pages,
            content=content,
        )
        async with unit_of_work(actor) as uow:
            await document.save(using_db=uow.tx)
        return document

    async def download(self, actor: Actor, document_id: str) -> Document | None:
        """`GET /documents/{id}`: the document if the key can read its object (S3), else None."""
        if not actor.can(Permission.READ):
            return None
        try:
            document: Document = await get_scoped(actor, Document.all(), document_id, "Document")
        except DomainError:
            return None
        return document


documents = DocumentService()
