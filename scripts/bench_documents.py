"""Benchmark C8 rendering, pure (no database, no HTTP): the shipped contract template over a contract
of N subscriptions (Jinja2 text, then the fpdf2 layout), and the shipped quote template over a quote
of N lines. Prints ms per document for each step, pages and PDF size, and checks that every run gave
the same bytes.

    .venv/bin/python scripts/bench_documents.py [--items 10,200,1000] [--repeat 20]
"""

import argparse
import hashlib
import statistics
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.services.document_pdf import to_pdf  # noqa: E402
from app.services.document_templates import shipped  # noqa: E402
from app.services.render_documents import render_text  # noqa: E402
from models.enums import DocumentKind  # noqa: E402

CREATED = datetime(2026, 1, 1, tzinfo=UTC)
ACCOUNT = {"name": "Acme Corp", "currency": "USD", "payment_terms": "Net 30"}


def contract(n: int) -> dict[str, Any]:
    subscription = {
        "quantity": Decimal("10.000000"),
        "net_price": Decimal("1200.000000"),
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "status": "ACTIVE",
    }
    values = {
        "number": "C-000001",
        "status": "SIGNED",
        "type": "NEW",
        "version": 5,
        "start_date": date(2026, 1, 1),
        "end_date": date(2028, 12, 31),
        "term": 36,
        "renewal_term": 12,
        "renewal_uplift_percent": Decimal("5"),
        "payment_terms": "Net 60",
        "currency": "USD",
        "subscriptions": [{**subscription, "product_name": f"Product {i}", "sku": f"SKU-{i}"} for i in range(n)],
        "signatories": [{"name": "Dana Buyer", "email": "dana@acme.example", "kind": "CUSTOMER", "signed_at": None}],
        "obligations": [{"title": "Security review", "due_date": date(2026, 2, 1), "status": "OPEN"}],
        "milestones": [],
    }
    return {"contract": values, "account": ACCOUNT}


def quote(n: int) -> dict[str, Any]:
    line = {
        "quantity": Decimal("2"),
        "list_price": Decimal("1250"),
        "discount_percent": None,
        "unit_price": Decimal("1250"),
        "total_price": Decimal("2500"),
        "start_date": None,
        "end_date": None,
        "billing_frequency": None,
        "optional": False,
    }
    values = {
        "number": "Q-000001",
        "status": "APPROVED",
        "type": "NEW",
        "start_date": date(2026, 1, 1),
        "subscription_term": 12,
        "billing_frequency": None,
        "currency": "USD",
        "payment_terms": None,
        "total": Decimal(2500 * n),
        "optional_total": Decimal(0),
        "lines": [{**line, "product_name": f"Product {i}", "sku": f"SKU-{i}"} for i in range(n)],
    }
    return {"quote": values, "account": ACCOUNT}


def bench(kind: DocumentKind, values: dict[str, Any], repeat: int) -> tuple[float, float, int, int]:
    template = shipped(kind)
    assert template is not None
    text_ms, pdf_ms, digests = [], [], set()
    for _ in range(repeat):
        start = time.perf_counter()
        text = render_text(template, values)
        middle = time.perf_counter()
        content, pages = to_pdf(text, "Benchmark", CREATED)
        end = time.perf_counter()
        text_ms.append((middle - start) * 1000)
        pdf_ms.append((end - middle) * 1000)
        digests.add(hashlib.sha256(content).hexdigest())
    assert len(digests) == 1, "rendering is not deterministic"
    return statistics.median(text_ms), statistics.median(pdf_ms), pages, len(content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", default="10,200,1000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{'document':<24} {'text ms':>8} {'pdf ms':>8} {'pages':>6} {'bytes':>9}")
    for n in (int(x) for x in args.items.split(",")):
        for kind, values in ((DocumentKind.CONTRACT, contract(n)), (DocumentKind.QUOTE, quote(n))):
            text_ms, pdf_ms, pages, size = bench(kind, values, args.repeat)
            label = f"{kind.value.lower()} x {n}"
            print(f"{label:<24} {text_ms:>8.1f} {pdf_ms:>8.1f} {pages:>6} {size:>9,}")
    print("identical bytes on every run: yes")


if __name__ == "__main__":
    main()
