"""C8, pure: template checks at save time, clause variations, strict and sandboxed rendering, and
deterministic PDF bytes (app/services/render_documents.py)."""

import hashlib
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdf
import pytest

from app.errors import DomainError, ErrorCode
from app.services.document_pdf import to_pdf
from app.services.document_templates import shipped
from app.services.render_documents import (
    Clause,
    TemplateSpec,
    Variation,
    check_template,
    render_pdf,
    render_text,
)
from models.enums import DocumentKind

CREATED = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)


def spec(body: str = "{% for c in clauses %}{{ c.body }}\n{% endfor %}", *clauses: Clause) -> TemplateSpec:
    return TemplateSpec(id="t-1", kind="CONTRACT", name="Unit", body=body, clauses=clauses, version=3)


def contract(**fields: object) -> dict:
    values = {
        "number": "C-000042",
        "status": "DRAFT",
        "type": "NEW",
        "version": 1,
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "term": 12,
        "renewal_term": None,
        "renewal_uplift_percent": Decimal("5.000000"),
        "payment_terms": "Net 30",
        "currency": "USD",
        "subscriptions": [],
        "signatories": [],
        "obligations": [],
        "milestones": [],
    }
    return {"contract": {**values, **fields}, "account": {"name": "Acme", "currency": "USD", "payment_terms": None}}


TERM = Clause(
    "term",
    "Term",
    "Runs {{ contract.term }} months.",
    (
        Variation("contract.term > 24", "Multi-year: {{ contract.term }} months."),
        Variation("contract.term > 12", "Over a year."),
    ),
)


def test_c8_first_matching_variation_wins_else_the_clause_body():
    clauses_body = "{{ clauses[0].body }}"
    assert render_text(spec(clauses_body, TERM), contract(term=12)) == "Runs 12 months."
    assert render_text(spec(clauses_body, TERM), contract(term=18)) == "Over a year."
    assert render_text(spec(clauses_body, TERM), contract(term=36)) == "Multi-year: 36 months."


def test_c8_missing_field_is_named_by_its_path():
    template = spec("Line one\n{{ contract.subscriptions[0].sku }}")
    sub = {"product_name": "Seat", "quantity": Decimal(1)}
    with pytest.raises(DomainError) as caught:
        render_text(template, contract(subscriptions=[sub]))
    error = caught.value
    assert error.code == ErrorCode.TEMPLATE_RENDER_FAILED
    assert "'Unit'" in error.message and "version 3" in error.message
    assert "contract.subscriptions[0].sku" in error.message and "line 2" in error.message
    with pytest.raises(DomainError, match="the field customer is missing"):
        render_text(spec("{{ customer.name }}"), contract())


def test_c8_a_condition_on_a_missing_field_fails_instead_of_being_false():
    clause = Clause("x", "X", "plain", (Variation("contract.nope > 1", "never"),))
    with pytest.raises(DomainError, match=r"contract\.nope.*clauses\[0\]\.variations\[0\]\.condition"):
        render_text(spec("{{ clauses[0].body }}", clause), contract())


def test_c8_templates_are_sandboxed():
    with pytest.raises(DomainError) as caught:
        render_text(spec("{{ contract.number.__class__.__mro__[1].__subclasses__() }}"), contract())
    assert caught.value.code == ErrorCode.TEMPLATE_RENDER_FAILED


def test_c8_a_template_that_does_not_compile_names_part_and_line():
    with pytest.raises(DomainError) as caught:
        check_template(spec("# Title\n\n{% if contract.term %}\nno end"))
    assert caught.value.code == ErrorCode.TEMPLATE_INVALID and caught.value.field == "body"
    assert "line 3" in caught.value.message  # the unclosed block
    bad = Clause("x", "X", "ok", (Variation("", "empty condition"),))
    with pytest.raises(DomainError) as empty:
        check_template(spec("{{ 1 }}", bad))
    assert empty.value.field == "clauses[0].variations[0].condition"
    check_template(spec("{{ contract.anything_at_all }}", TERM))  # fields are checked at render time


def test_c8_same_template_and_data_give_the_same_bytes():
    template = shipped(DocumentKind.CONTRACT)
    assert template is not None and template.is_default
    check_template(template)
    sub = {
        "product_name": "CRM seat",
        "sku": "CRM-SEAT",
        "quantity": Decimal("10.000000"),
        "net_price": Decimal("1200.000000"),
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "status": "ACTIVE",
    }
    text = render_text(template, contract(subscriptions=[sub], term=36))
    first, pages = to_pdf(text, "Contract C-000042", CREATED)
    second, _ = to_pdf(render_text(template, contract(subscriptions=[sub], term=36)), "Contract C-000042", CREATED)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest() and pages >= 1
    extracted = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(first)).pages)
    assert "C-000042" in extracted and "CRM seat (CRM-SEAT)" in extracted and "1,200.00" in extracted
    assert "This multi-year contract" in extracted
    other, _ = to_pdf(text, "Contract C-000042", datetime(2026, 1, 2, tzinfo=UTC))
    assert other != first  # the creation date is part of the bytes: it is fixed, never "now"


def test_c8_text_outside_latin_1_prints_as_written_and_a_glyph_the_font_lacks_as_a_question_mark():
    content, pages = to_pdf("# Zoë — 5 € “quoted” Łódź Ελληνικά Москва\n\n| 名前 | x |\n| a | b |", "Tëst Ł", CREATED)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text()
    assert pages == 1 and "Zoë — 5 € “quoted” Łódź Ελληνικά Москва" in text and "Tëst Ł - page 1 of 1" in text
    assert "?? x" in text  # DejaVu Sans has no CJK: visibly replaced, never silently dropped
    assert reader.metadata is not None and reader.metadata.title == "Tëst Ł"
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert {str(f["/BaseFont"]) for f in fonts} == {"/MPDFAA+DejaVuSansBook", "/MPDFAA+DejaVuSansBold"}
    assert all(
        "/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"] for f in fonts
    )  # embedded, not a system font


def test_c8_long_documents_break_into_pages():
    body = "\n\n".join(f"Paragraph {i}: " + "words " * 60 for i in range(60))
    _, pages = to_pdf(body, "Long", CREATED)
    assert pages > 3


def test_c8_a_text_that_cannot_be_laid_out_is_a_render_failure_not_a_fault():
    too_wide = spec("|" + "|".join(["x"] * 300) + "|")
    with pytest.raises(DomainError) as caught:
        render_pdf(too_wide, contract(), "Contract C-000042", CREATED)
    assert caught.value.code == ErrorCode.TEMPLATE_RENDER_FAILED and "'Unit'" in caught.value.message
    content, pages = render_pdf(spec("| only | a table |\n| 1 | 2 |"), contract(), "T", CREATED)
    assert content.startswith(b"%PDF") and pages == 1
