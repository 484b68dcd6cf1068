"""C8: document templates. A default per kind ships with the product (app/templates/documents/*.toml)
under a fixed id, so a fresh install renders without set-up; `saveDocumentTemplate` creates templates,
updates them (version + 1), and saving a shipped default's id replaces that default. A template that
does not compile is refused at save time (TEMPLATE_INVALID)."""

import tomllib
from functools import cache
from pathlib import Path
from uuid import NAMESPACE_URL, UUID, uuid5

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import invalid, not_found
from app.services.contract_workflow import required_text
from app.services.document_commands import SaveDocumentTemplate
from app.services.render_documents import Clause, TemplateSpec, Variation, check_template, clauses_from_json
from app.services.render_documents import clauses_to_json as _clauses_json
from app.services.scoping import parse_id
from app.services.unit_of_work import unit_of_work
from models import DocumentTemplate
from models.enums import DocumentKind

SHIPPED = Path(__file__).resolve().parent.parent / "templates" / "documents"


def default_template_id(kind: DocumentKind) -> UUID:
    """The fixed id of a kind's default template, the same on every install."""
    return uuid5(NAMESPACE_URL, f"https://ordergraph.dev/document-templates/{kind.value}")


@cache
def shipped(kind: DocumentKind) -> TemplateSpec | None:
    """The default template shipped for a kind (None for a kind that ships none yet)."""
    path = SHIPPED / f"{kind.value.lower()}.toml"
    if not path.exists():
        return None
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return TemplateSpec(
        id=default_template_id(kind),
        kind=kind.value,
        name=raw["name"],
        body=raw["body"].strip() + "\n",
        clauses=clauses_from_json(raw.get("clauses") or ()),
        version=int(raw.get("version", 1)),
        is_default=True,
    )


def _shipped_by_id(template_id: UUID) -> TemplateSpec | None:
    return next((shipped(k) for k in DocumentKind if default_template_id(k) == template_id), None)


def spec_of(row: DocumentTemplate) -> TemplateSpec:
    kind = DocumentKind(row.kind)
    return TemplateSpec(
        id=row.id,
        kind=kind.value,
        name=row.name,
        body=row.body,
        clauses=clauses_from_json(row.clauses or ()),
        version=row.version,
        is_default=row.id == default_template_id(kind),
        updated_at=row.updated_at,
    )


async def find_template(kind: DocumentKind, template_id: str | None) -> TemplateSpec:
    """The template to render a `kind` with: the one named (of that kind), else the kind's default
    (its saved replacement, else the shipped one)."""
    if template_id is None:
        row = await DocumentTemplate.filter(id=default_template_id(kind)).first()
        spec = spec_of(row) if row else shipped(kind)
        if spec is None:
            raise invalid(f"No default {kind.value} template yet: give a templateId (C8).", "templateId")
        return spec
    uid = parse_id(template_id, "Document template", "templateId")
    row = await DocumentTemplate.filter(id=uid).first()
    found = spec_of(row) if row else _shipped_by_id(uid)
    if found is None:
        raise not_found("Document template", "templateId")
    if found.kind != kind.value:
        raise invalid(f"Template '{found.name}' is a {found.kind} template, not a {kind.value} one (C8).", "templateId")
    return found


def _clauses(data: SaveDocumentTemplate) -> tuple[Clause, ...]:
    clauses, keys = [], set()
    for i, c in enumerate(data.clauses or ()):
        key = required_text(c.key, f"clauses[{i}].key")
        if key in keys:
            raise invalid(f"Clause key '{key}' is used twice; keys name clauses uniquely (C8).", f"clauses[{i}].key")
        keys.add(key)
        variations = tuple(Variation(v.condition, v.body) for v in c.variations or ())
        clauses.append(Clause(key, required_text(c.title, f"clauses[{i}].title"), c.body, variations))
    return tuple(clauses)


class DocumentTemplateService:
    async def list(self, actor: Actor, kind: DocumentKind | None = None) -> list[TemplateSpec]:
        """Every template of a kind (or all): each kind's default first, then the others by name."""
        actor.require(Permission.READ)
        rows = DocumentTemplate.all() if kind is None else DocumentTemplate.filter(kind=kind)
        saved = [spec_of(r) for r in await rows.order_by("name", "id")]
        ids = {s.id for s in saved}
        kinds = [kind] if kind is not None else list(DocumentKind)
        defaults = [s for k in kinds if (s := shipped(k)) is not None and s.id not in ids]
        return sorted(
            [*defaults, *saved], key=lambda s: (list(DocumentKind).index(DocumentKind(s.kind)), not s.is_default)
        )

    @requires(Permission.MANAGE_TEMPLATES)
    async def save(self, actor: Actor, data: SaveDocumentTemplate) -> TemplateSpec:
        """C8: create (no id) or update (id: version + 1); a template that does not compile is
        TEMPLATE_INVALID naming the part and line, and nothing is written."""
        name = required_text(data.name, "name")
        if not (data.body or "").strip():
            raise invalid("Give a body.", "body")
        clauses = _clauses(data)
        async with unit_of_work(actor) as uow:
            row = await self._row(uow.tx, data)
            row.name, row.body, row.clauses = name, data.body, _clauses_json(clauses)
            check_template(spec_of(row))
            await row.save(using_db=uow.tx)
        return spec_of(row)

    async def _row(self, tx: BaseDBAsyncClient, data: SaveDocumentTemplate) -> DocumentTemplate:
        if data.id is None:
            return DocumentTemplate(kind=data.kind, version=1)
        uid = parse_id(data.id, "Document template", "id")
        row = await DocumentTemplate.filter(id=uid).using_db(tx).select_for_update().first()
        if row is None:
            default = _shipped_by_id(uid)
            if default is None:
                raise not_found("Document template", "id")
            # The first save of a shipped default: its replacement keeps the id, one version up.
            row = DocumentTemplate(id=uid, kind=DocumentKind(default.kind), version=default.version)
        if DocumentKind(row.kind) != data.kind:
            raise invalid(f"Template '{row.name or data.name}' is a {row.kind} template; its kind stays.", "kind")
        row.version += 1
        return row


document_templates = DocumentTemplateService()
