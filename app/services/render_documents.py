"""C8, pure: a document template (a Jinja2 body and clauses with conditional variations) checked at
save time, rendered to text in a sandbox, and laid out as a PDF by fpdf2. No I/O, no clock: the same
template and data give byte-identical PDFs (the creation date is the object's own timestamp).

The rendered text is a small line markup (titles, headings, bullets, tables, page breaks, paragraphs),
parsed into blocks by app/services/document_markup.py; this module draws those blocks.
"""

import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from fpdf import FPDF
from fpdf.errors import FPDFException
from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from app.errors import DomainError, ErrorCode
from app.services.document_markup import Block, Bullet, Heading, PageBreak, Paragraph, Table, Title, parse_markup


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


# --- Layout -------------------------------------------------------------------------------------

# C8: DejaVu Sans ships in app/fonts (never a system font: the same bytes on every machine) and is
# embedded, subset to the glyphs used, so any name in Latin, Greek or Cyrillic script prints as written.
FONTS = Path(__file__).resolve().parent.parent / "fonts"
FONT = "dejavu"
_FACES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # the markup has no italics


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The code points every face draws."""
    from fontTools.ttLib import TTFont  # fpdf2's own dependency

    faces = [set(TTFont(FONTS / name, lazy=True).getBestCmap()) for name in _FACES.values()]
    return frozenset(set.intersection(*faces))


class _Missing(dict[int, int | str]):
    """A str.translate table: a character the font lacks (CJK) prints as "?", other whitespace
    as a space; fpdf2 would drop it from the PDF with only a log warning, and a contract must not lose
    a character silently. Remembers the characters the font draws (a few thousand at most)."""

    def __missing__(self, code: int) -> int | str:
        if code in _covered() or code == 10:  # a line break is markup, never drawn
            self[code] = code
            return code
        return " " if chr(code).isspace() else "?"


_DRAWABLE = _Missing()


def _drawable(text: str) -> str:
    return text.translate(_DRAWABLE)


class _Pdf(FPDF):
    title_text = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.cell(0, 10, f"{self.title_text} - page {self.page_no()} of {{nb}}", align="C")


PAD, LINE = 1.5, 4.5  # mm: cell padding, table line height


def _measure(pdf: FPDF) -> Any:
    """Text width in mm in the current font, from its character widths (fpdf2's own
    get_string_width copies the graphics state at every call: most of a long table's time)."""
    font: Any = pdf.current_font  # a TrueType font: widths by code point, per 1000 units
    widths: dict[int, float] = font.cw
    scale = pdf.font_size_pt * 0.001 / pdf.k

    def width(text: str) -> float:
        return float(sum(widths[ord(c)] for c in text)) * scale

    return width


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap by measured width; a word wider than the cell is cut by characters."""
    measure = _measure(pdf)
    if measure("W") > width:
        raise FPDFException("a table has too many columns to fit the page")
    lines: list[str] = []
    current = ""
    for word in text.split():
        while measure(word) > width:
            cut = max(i for i in range(1, len(word) + 1) if measure(word[:i]) <= width)
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current or not lines else lines


def _row(pdf: FPDF, cells: list[str], widths: list[float], bold: bool, header: Any = None) -> None:
    """One row; before it, a page break (with the header row again) when it would not fit."""
    pdf.set_font(FONT, style="B" if bold else "", size=9)
    wrapped = [_wrap(pdf, text, w - 2 * PAD) for text, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped) * LINE + 2 * PAD
    if header is not None and pdf.will_page_break(height):
        pdf.add_page()
        _row(pdf, header, widths, bold=True)
        pdf.set_font(FONT, size=9)
    x, y = pdf.l_margin, pdf.get_y()
    for lines, w in zip(wrapped, widths, strict=True):
        pdf.rect(x, y, w, height)
        for n, line in enumerate(lines):
            pdf.text(x + PAD, y + PAD + (n + 1) * LINE - 1.2, line)
        x += w
    pdf.set_y(y + height)


def _table(pdf: FPDF, rows: tuple[tuple[str, ...], ...]) -> None:
    """Rows of cells with borders, the first row as a bold header repeated on every page. Drawn cell
    by cell (fpdf2's own table lays out each cell as a multi-cell: ~100x slower for a long contract)."""
    count = max(len(r) for r in rows)
    # The first column (a product, a name) gets twice the room of the figures after it.
    weights = [2, *([1] * (count - 1))] if count > 2 else [1] * count
    widths = [pdf.epw * w / sum(weights) for w in weights]
    header, *body = [[*r, *[""] * (count - len(r))] for r in rows]
    if pdf.will_page_break(2 * (LINE + 2 * PAD)):  # a header alone at the foot of a page
        pdf.add_page()
    _row(pdf, header, widths, bold=True)
    for cells in body:
        _row(pdf, cells, widths, bold=False, header=header)
    pdf.ln(2)


def _draw(pdf: FPDF, block: Block) -> None:
    match block:
        case Table(rows):
            _table(pdf, rows)
        case Paragraph(text):
            pdf.set_font(FONT, size=10)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        case PageBreak():
            pdf.add_page()
        case Heading(text):
            pdf.ln(1)  # a heading after a list or a table keeps some room above it
            pdf.set_font(FONT, style="B", size=12)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        case Title(text):
            pdf.set_font(FONT, style="B", size=16)
            pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        case Bullet(text):
            pdf.set_font(FONT, size=10)
            pdf.multi_cell(0, 5, "-  " + text, new_x="LMARGIN", new_y="NEXT")


def to_pdf(text: str, title: str, created: datetime) -> tuple[bytes, int]:
    """The PDF bytes and page count. Deterministic: the creation date is given, and fpdf2 derives
    the file id from the content and that date."""
    pdf = _Pdf(format="A4")
    for style, name in _FACES.items():
        pdf.add_font(FONT, style=style, fname=FONTS / name)
    pdf.title_text = _drawable(title)
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_creator("ordergraph")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    for block in parse_markup(_drawable(text)):
        _draw(pdf, block)
    content = bytes(pdf.output())
    return content, pdf.page_no()


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
