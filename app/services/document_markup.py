"""C8, pure: the line markup a rendered document's text is written in, parsed into blocks that
app/services/render_documents.py draws as a PDF.

"# " a title, "## " a heading, "- " a bullet, "| a | b |" rows of a table (the first row is its header;
a separator row such as `|---|---|` is skipped), "---" a page break; other lines are paragraphs and
blank lines separate them. Any other line starting with "#" ends a paragraph and is not drawn.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Bullet:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # its lines joined by a space


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # the first row is the header; rows may be shorter than others


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Bullet | Paragraph | Table | PageBreak


def _cells(line: str) -> tuple[str, ...] | None:
    """A table row's cells; None for a separator row such as `|---|---|`."""
    cells = tuple(c.strip() for c in line.strip().strip("|").split("|"))
    return None if all(set(c) <= set("-: ") for c in cells) else cells


def _ends_paragraph(line: str) -> bool:
    return not line or line == "---" or line.startswith(("#", "- "))


def _line_block(line: str) -> Block | None:
    """The block a line that ends a paragraph stands for (None: a blank line, or "#" without a title)."""
    if line == "---":
        return PageBreak()
    if line.startswith("## "):
        return Heading(line[3:])
    if line.startswith("# "):
        return Title(line[2:])
    if line.startswith("- "):
        return Bullet(line[2:])
    return None


def parse_markup(text: str) -> list[Block]:
    """The text's blocks in order: consecutive table rows make one table, consecutive plain lines one
    paragraph."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[tuple[str, ...]] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if table and not line.startswith("|"):
            blocks.append(Table(tuple(table)))
            table = []
        if paragraph and (line.startswith("|") or _ends_paragraph(line)):
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph = []
        if line.startswith("|"):
            cells = _cells(line)
            if cells is not None:
                table.append(cells)
        elif _ends_paragraph(line):
            block = _line_block(line)
            if block is not None:
                blocks.append(block)
        else:
            paragraph.append(line)
    return blocks
