"""Fails when schema.graphql breaks clients of the last release, unless CHANGELOG.md records it.

The last release's schema is `schema/released.graphql` (copied from schema.graphql at each release).
graphql-core lists the breaking changes (a type, field, argument or enum value removed, a type
changed, an argument made required, ...). Each one must be named in the CHANGELOG's `## Unreleased`
section, by its schema coordinate in backticks (`Order.status`, `Query.orders(first:)`, `OrderStatus`)
or by graphql-core's own sentence. Dangerous changes (e.g. an enum value added) are printed only.

    .venv/bin/python scripts/schema_compat.py [--baseline B] [--current C] [--changelog L]
"""

import argparse
import re
import sys
from pathlib import Path

from graphql import build_schema, find_breaking_changes, find_dangerous_changes

ROOT = Path(__file__).resolve().parent.parent


def unreleased_section(changelog: str) -> str:
    match = re.search(r"^## Unreleased\s*$(.*?)(?=^## |\Z)", changelog, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def coordinates(description: str) -> set[str]:
    """Schema coordinates a change sentence names: `Type`, `Type.field`, `Type.field(arg:)`, `@directive`."""
    tokens = re.findall(r"@?[A-Za-z_]\w*(?:\.\w+)?(?:\(\w+:\))?", description)
    found = {t for t in tokens if "." in t or "(" in t or t.startswith("@")}
    for token in tokens:
        if "(" in token:
            found.add(token.split("(")[0])  # the field whose argument changed
    first = re.match(r"(?:Standard scalar )?([A-Z_]\w*) ", description)
    if first and first.group(1) not in ("Field", "Argument", "Enum", "Directive", "A", "An", "Description"):
        found.add(first.group(1))
    found.update(re.findall(r"(?:union type|implemented by) ([A-Z_]\w*)", description))
    return found


def recorded(description: str, notes: str) -> bool:
    if description in notes:
        return True
    return any(f"`{coordinate}`" in notes for coordinate in coordinates(description))


def check(baseline: str, current: str, changelog: str) -> tuple[list[str], list[str], list[str]]:
    """(unrecorded breaking changes, recorded breaking changes, dangerous changes)"""
    old, new = build_schema(baseline), build_schema(current)
    notes = unreleased_section(changelog)
    unrecorded, accepted = [], []
    for change in find_breaking_changes(old, new):
        (accepted if recorded(change.description, notes) else unrecorded).append(change.description)
    dangerous = [change.description for change in find_dangerous_changes(old, new)]
    return unrecorded, accepted, dangerous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=ROOT / "schema" / "released.graphql")
    parser.add_argument("--current", type=Path, default=ROOT / "schema.graphql")
    parser.add_argument("--changelog", type=Path, default=ROOT / "CHANGELOG.md")
    args = parser.parse_args(argv)
    changelog = args.changelog.read_text() if args.changelog.exists() else ""
    unrecorded, accepted, dangerous = check(args.baseline.read_text(), args.current.read_text(), changelog)
    for description in dangerous:
        print(f"dangerous (allowed): {description}")
    for description in accepted:
        print(f"breaking, recorded in the changelog: {description}")
    for description in unrecorded:
        print(f"BREAKING, not in the changelog's Unreleased section: {description}", file=sys.stderr)
    if unrecorded:
        print(
            f"{len(unrecorded)} breaking change(s) against {args.baseline.name}. Keep the old names, or name "
            "each change (its schema coordinate in backticks) under '## Unreleased' in CHANGELOG.md.",
            file=sys.stderr,
        )
        return 1
    print(f"schema compatible with {args.baseline.name} ({len(accepted)} recorded breaking change(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
