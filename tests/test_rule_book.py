"""The rule book (docs/rules.md) and the rule ids that code and tests cite stay in step (issue 7).

A citation is a rule id in a comment or a string (docstrings, error messages, schema descriptions) of a
Python file under app/, resolvers/, schema/, models/ or tests/, or a lower-case id between underscores in
a test's name. A range such as "A1-A4" cites every id in it. A string that is nothing but an id-shaped
token is fixture data (a product SKU), not a citation. Any id of the shape letter + number counts, so an
id the book lacks fails instead of being ignored.
"""

import io
import re
import tokenize
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "docs" / "rules.md"
SOURCES = ("app", "resolvers", "schema", "models", "tests")
RULE_ID = re.compile(r"\b([QODACIRFBSN])([1-9][0-9]?)\b(?:-\1?([1-9][0-9]?)\b)?")
NAME_ID = re.compile(r"(?<=_)([qodacirfbsn])([1-9][0-9]?)(?=_|$)")
DATA_TOKEN = re.compile(r"[A-Z][0-9]+")
LINK = re.compile(r"\[`(\w+)`\]\(([^)\s]+)\)")
PLANNED = "not in effect yet"


def _ids(text: str) -> set[str]:
    found = set()
    for letter, low, high in RULE_ID.findall(text):
        found |= {f"{letter}{n}" for n in range(int(low), max(int(low), int(high or 0)) + 1)}
    return found


def _cited_in(path: Path) -> set[str]:
    found: set[str] = set()
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
        if tok.type == tokenize.COMMENT:
            found |= _ids(tok.string)
        elif tok.type == tokenize.STRING:
            if not DATA_TOKEN.fullmatch(tok.string.lstrip("rRbBuUfF").strip("\"'").strip()):
                found |= _ids(tok.string)
        elif tok.type == tokenize.NAME and tok.string.startswith("test_"):
            found |= {f"{letter.upper()}{n}" for letter, n in NAME_ID.findall(tok.string)}
    return found


def citations() -> dict[str, list[str]]:
    """Rule id -> the files citing it (this file is about ids, it cites none)."""
    cited = defaultdict(list)
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if path != Path(__file__).resolve():
                for rule in _cited_in(path):
                    cited[rule].append(str(path.relative_to(ROOT)))
    return cited


def book() -> dict[str, dict[str, str]]:
    """Rule id -> its `Status:`, `Owner:` and `Tests:` lines, from the `### ID — title` headings."""
    rules: dict[str, dict[str, str]] = {}
    for block in re.split(r"^### ", BOOK.read_text(), flags=re.M)[1:]:
        rule = block.split()[0]
        assert rule not in rules, f"{rule} has two headings in docs/rules.md"
        rules[rule] = dict(re.findall(r"^(Status|Owner|Tests): (.*)$", block, flags=re.M))
    assert rules, "docs/rules.md has no rule headings"
    return rules


def planned(fields: dict[str, str]) -> bool:
    return fields.get("Status", "").startswith(PLANNED)


def test_every_cited_rule_is_in_the_book() -> None:
    missing = {rule: files for rule, files in citations().items() if rule not in book()}
    assert not missing, f"cited but missing from docs/rules.md: {missing}"


def test_every_rule_in_effect_is_cited() -> None:
    cited = citations()
    uncited = [rule for rule, fields in book().items() if rule not in cited and not planned(fields)]
    assert not uncited, f"in docs/rules.md but cited nowhere (and not marked '{PLANNED}'): {uncited}"


def test_owner_and_test_links_name_existing_functions() -> None:
    broken = []
    for rule, fields in book().items():
        for name, target in LINK.findall(fields.get("Owner", "") + " " + fields.get("Tests", "")):
            path = (BOOK.parent / target).resolve()
            defined = re.compile(rf"^\s*((async\s+)?def|class)\s+{name}\b|^\s*{name}\s*[:=]", re.M)
            if not path.is_file():
                broken.append(f"{rule}: {target} does not exist")
            elif not defined.search(path.read_text()):
                broken.append(f"{rule}: {name} is not defined in {target}")
    assert not broken, "\n".join(broken)


def test_every_rule_in_effect_has_an_owner_and_tests() -> None:
    gaps = []
    for rule, fields in book().items():
        owner = fields.get("Owner", "").strip()
        if planned(fields):
            continue
        if not LINK.search(owner):
            gaps.append(f"{rule}: Owner is {owner!r}, not a link to its function")
        if not LINK.search(fields.get("Tests", "")):
            gaps.append(f"{rule}: no Tests link")
    assert not gaps, "\n".join(gaps)
