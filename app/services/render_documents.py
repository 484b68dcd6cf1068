"""C8, pure: a document template (a Jinja2 body and clauses with conditional variations) checked at
save time, rendered to text in a sandbox, and laid out as a PDF by fpdf2. No I/O, no clock: the same
template and data give byte-identical PDFs (the creation date is the object's own timestamp).

The rendered text is a small line markup (titles, headings, bullets, tables, page breaks, paragraphs),
parsed into blocks by app/services/document_markup.py and drawn by app/services/document_pdf.py.
"""

import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, NoReturn

from fpdf.errors import FPDFException
from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from app.errors import DomainError, ErrorCode
from app.services.document_pdf import to_pdf


@dataclass(frozen=True)
class Variation:
    condition: str
    body: str


@dataclass(frozen=True)
class Clause:
    key: str
    title: str
    body: str
    variations: tuple[Variation, ...] = ()


@dataclass(frozen=True)
class TemplateSpec:
    """A template as rendered: a saved row or a shipped default (`is_default`)."""

    id: Any
    kind: str
    name: str
    body: str
    clauses: tuple[Clause, ...]
    version: int
    is_default: bool = False
    updated_at: datetime | None = None


def clauses_from_json(rows: Iterable[dict[str, Any]]) -> tuple[Clause, ...]:
    return tuple(
        Clause(
            key=c["key"],
            title=c["title"],
            body=c["body"],
            variations=tuple(Variation(v["condition"], v["body"]) for v in c.get("variations") or ()),
        )
        for c in rows
    )


def clauses_to_json(clauses: Iterable[Clause]) -> list[dict[str, Any]]:
    return [
        {
            "key": c.key,
            "title": c.title,
            "body": c.body,
            "variations": [{"condition": v.condition, "body": v.body} for v in c.variations],
        }
        for c in clauses
    ]


# --- The data a template sees -------------------------------------------------------------------


class Data(dict):
    """A dict that knows its path in the context (`contract.subscriptions[0]`), so a missing field is
    named in full in the error."""

    path: str = ""


def data(value: Any, path: str) -> Any:
    """Context values as `Data` (dicts) and lists of them, each knowing its path."""
    if isinstance(value, dict):
        out = Data({k: data(v, f"{path}.{k}") for k, v in value.items()})
        out.path = path
        return out
    if isinstance(value, list | tuple):
        return [data(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


class PathUndefined(StrictUndefined):
    """StrictUndefined whose message names the missing field by its full path."""

    @property
    def _undefined_message(self) -> str:
        owner = self._undefined_obj
        if isinstance(owner, Data) and owner.path:
            return f"{owner.path}.{self._undefined_name}"
        if owner is missing and self._undefined_hint is None:
            return str(self._undefined_name)
        return str(super()._undefined_message)


def _money(value: Any) -> str:
    if value is None or value == "":
        return "-"
    return f"{Decimal(value).quantize(Decimal('0.01')):,}"


def _qty(value: Any) -> str:
    if value is None or value == "":
        return "-"
    text = format(Decimal(value).normalize(), "f")
    return text


def _date(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=PathUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(money=_money, qty=_qty, date=_date)
    return env


ENV = _environment()


@lru_cache(maxsize=512)
def _template(source: str) -> Template:
    """Compiled once per text: a template is rendered far more often than it is saved."""
    return ENV.from_string(source)


@lru_cache(maxsize=512)
def _expression(source: str) -> Any:
    return ENV.compile_expression(source, undefined_to_none=False)


# --- Save time: does it compile? ----------------------------------------------------------------


def _parts(spec: TemplateSpec) -> list[tuple[str, str, str]]:
    """(field, kind, source) of every Jinja2 text in a template: `template` or `expression`."""
    parts = [("body", "template", spec.body)]
    for i, clause in enumerate(spec.clauses):
        parts.append((f"clauses[{i}].body", "template", clause.body))
        for j, variation in enumerate(clause.variations):
            parts.append((f"clauses[{i}].variations[{j}].condition", "expression", variation.condition))
            parts.append((f"clauses[{i}].variations[{j}].body", "template", variation.body))
    return parts


def check_template(spec: TemplateSpec) -> None:
    """C8: a template that does not compile is refused at save time (TEMPLATE_INVALID, with the line)."""
    for field, kind, source in _parts(spec):
        try:
            if kind == "expression":
                if not source.strip():
                    raise TemplateSyntaxError("the condition is empty", 1)
                ENV.compile_expression(source)
            else:
                ENV.from_string(source)
        except TemplateSyntaxError as error:
            raise DomainError(
                ErrorCode.TEMPLATE_INVALID,
                f"Template '{spec.name}' does not compile: {field}, line {error.lineno}: {error.message} (C8).",
                field,
            ) from None


# --- Render time --------------------------------------------------------------------------------


def _line_of(error: BaseException) -> int | None:
    """The template line a render error came from (Jinja2 rewrites its frames to `<template>`)."""
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return lines[-1] if lines else None


def _failed(spec: TemplateSpec, field: str, error: Exception) -> NoReturn:
    line = _line_of(error)
    where = f"{field}, line {line}" if line else field
    if isinstance(error, UndefinedError):
        what = f"the field {error.message} is missing"
    else:
        what = str(error)
    raise DomainError(
        ErrorCode.TEMPLATE_RENDER_FAILED,
        f"Template '{spec.name}' (id {spec.id}, version {spec.version}) failed to render: {what} ({where}; C8).",
        "templateId",
    ) from None


def _chosen(spec: TemplateSpec, i: int, clause: Clause, context: dict[str, Any]) -> tuple[str, str]:
    """C8: the first variation whose condition holds, else the clause's own body: (field, source)."""
    for j, variation in enumerate(clause.variations):
        field = f"clauses[{i}].variations[{j}].condition"
        try:
            holds = _expression(variation.condition)(**context)
        except (TemplateError, ArithmeticError, TypeError, ValueError) as error:
            _failed(spec, field, error)
        if holds:
            return f"clauses[{i}].variations[{j}].body", variation.body
    return f"clauses[{i}].body", clause.body


def _render(spec: TemplateSpec, field: str, source: str, context: dict[str, Any]) -> str:
    try:
        return _template(source).render(**context)
    except (TemplateError, ArithmeticError, TypeError, ValueError) as error:
        _failed(spec, field, error)


def render_text(spec: TemplateSpec, values: dict[str, Any]) -> str:
    """The document's text: each clause's chosen body rendered, then the body with `clauses`.
    A missing field is TEMPLATE_RENDER_FAILED naming the template and the field (C8)."""
    context = {name: data(value, name) for name, value in values.items()}
    clauses = []
    for i, clause in enumerate(spec.clauses):
        field, source = _chosen(spec, i, clause, context)
        clauses.append({"key": clause.key, "title": clause.title, "body": _render(spec, field, source, context)})
    return _render(spec, "body", spec.body, {**context, "clauses": clauses})


def render_pdf(spec: TemplateSpec, values: dict[str, Any], title: str, created: datetime) -> tuple[bytes, int]:
    """C8: the template rendered with the object's data and laid out as a PDF; a text that cannot be
    laid out (say, a table too wide for the page) is TEMPLATE_RENDER_FAILED like a missing field."""
    text = render_text(spec, values)
    try:
        return to_pdf(text, title, created)
    except FPDFException as error:
        raise DomainError(
            ErrorCode.TEMPLATE_RENDER_FAILED,
            f"Template '{spec.name}' (id {spec.id}, version {spec.version}) renders a text that cannot be laid "
            f"out as a PDF: {error} (C8).",
            "templateId",
        ) from None
