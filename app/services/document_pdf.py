"""C8, pure: laying out a rendered document text as a PDF with fpdf2. The text's line markup is parsed
into blocks by app/services/document_markup.py; this module draws those blocks in the shipped font.
No I/O beyond reading the font files, no clock: the same text, title and creation date give
byte-identical PDFs.
"""

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.errors import FPDFException

from app.services.document_markup import Block, Bullet, Heading, PageBreak, Paragraph, Table, Title, parse_markup

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
