"""Issue 11 part 8: CI refuses a schema change that breaks the last release's clients unless the
CHANGELOG's Unreleased section names it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "schema_compat.py"
BASE = """type Query { order(id: ID!): Order orders(first: Int): [Order!]! }
type Order { id: ID! status: OrderStatus! total: String }
enum OrderStatus { DRAFT ACTIVATED }
"""


def run(tmp_path: Path, current: str, changelog: str | None = None) -> subprocess.CompletedProcess:
    (tmp_path / "released.graphql").write_text(BASE)
    (tmp_path / "schema.graphql").write_text(current)
    args = ["--baseline", "released.graphql", "--current", "schema.graphql", "--changelog", "CHANGELOG.md"]
    if changelog is not None:
        (tmp_path / "CHANGELOG.md").write_text(changelog)
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=tmp_path, capture_output=True, text=True, check=False
    )


def test_the_committed_schema_is_compatible_with_the_last_release():
    result = subprocess.run([sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_additions_pass(tmp_path):
    current = BASE.replace("total: String }", "total: String note: String }").replace("ACTIVATED }", "ACTIVATED X }")
    result = run(tmp_path, current)
    assert result.returncode == 0, result.stderr
    assert "dangerous (allowed)" in result.stdout  # a new enum value can surprise exhaustive clients


def test_a_removed_field_a_changed_type_and_a_required_argument_fail(tmp_path):
    current = BASE.replace(" total: String", "").replace("status: OrderStatus!", "status: String!")
    current = current.replace("orders(first: Int)", "orders(first: Int!)")
    result = run(tmp_path, current, "# Changelog\n\n## Unreleased\n\n- nothing\n")
    assert result.returncode == 1
    for coordinate in ("Order.total", "Order.status", "Query.orders(first:)"):
        assert coordinate in result.stderr, result.stderr


def test_a_breaking_change_recorded_under_unreleased_passes_but_not_under_an_old_release(tmp_path):
    current = BASE.replace(" total: String", "")
    recorded = "# Changelog\n\n## Unreleased\n\n### Breaking\n- `Order.total` removed: use totalAmount.\n"
    assert run(tmp_path, current, recorded).returncode == 0
    old_release = "# Changelog\n\n## Unreleased\n\n## 0.1.0\n\n- `Order.total` removed.\n"
    assert run(tmp_path, current, old_release).returncode == 1
