#!/usr/bin/env python3
"""Rewrite the README's status diagrams from the status tables in app/services/states.py.

Each diagram follows a marker line `<!-- diagram: NAME -->`; tests/test_readme.py fails when one is stale.
Run: .venv/bin/python scripts/readme_diagrams.py
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.states import CONTRACT_STATES, FULFILLMENT_STATES, INVOICE_STATES, ORDER_STATES, QUOTE_STATES  # noqa: E402

MACHINES = {
    "order": ORDER_STATES,
    "quote": QUOTE_STATES,
    "contract": CONTRACT_STATES,
    "fulfillment": FULFILLMENT_STATES,
    "invoice": INVOICE_STATES,
}
BLOCK = re.compile(r"(<!-- diagram: (\w+) -->\n```mermaid\n)(stateDiagram-v2.*?)(\n```\n)", re.S)


def render(readme: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + MACHINES[m.group(2)].mermaid() + m.group(4), readme)


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text()))
    print("README diagrams rewritten")
