"""C8: contract and quote documents through the API: rendering to PDF with the default or a saved
template, clause variations, deterministic bytes, refusals that write nothing, and `GET /documents/{id}`
with the object's scoping (S3)."""

import hashlib
import io
import uuid
from typing import Any

import pypdf

from tests.api import builders as b
from tests.api.test_contracts import key_of, requested
from tests.api.test_ordering import codes

DOCUMENT = "document { id kind title sha256 pageCount url templateId templateVersion }"
TEMPLATE = "template { id kind name version isDefault clauses { key title variations { condition body } } }"


async def contract_with_term(api: Any, term: int, **quote_fields: Any) -> dict:
    """A DRAFT contract requested from an approved quote of `term` months starting 2026-01-01."""
    sub = await b.product(api, f"SUB-{uuid.uuid4().hex[:6]}", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api, [{"productId": sub["id"], "quantity": "10"}], startDate="2026-01-01", subscriptionTerm=term, **quote_fields
    )
    for verb in ("submitQuote", "approveQuote"):
        await api.ok(verb, {"quoteId": setup["quote"]["id"]}, "quote { id }")
    payload = await api.ok(
        "createContractFromQuote", {"quoteId": setup["quote"]["id"]}, "contract { id number term quote { id } }"
    )
    return payload["contract"]


async def render(api: Any, key: str | None = "default", **input: Any) -> dict:
    return await api.mutate("renderDocument", input, DOCUMENT, key=key)


async def pdf_text(api: Any, document: dict) -> str:
    response = await api.client.get(document["url"], headers={"Authorization": f"Bearer {api.key}"})
    assert response.status_code == 200, response.text
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


async def documents_of(api: Any, contract_id: str) -> list[dict]:
    read = await api(f'{{ contract(id: "{contract_id}") {{ documents {{ id sha256 templateVersion }} }} }}')
    return read["contract"]["documents"]


async def test_c8_rendering_is_deterministic_and_kept_with_its_hash(api):
    contract, _ = await requested(api)
    first = await render(api, contractId=contract["id"])
    second = await render(api, contractId=contract["id"])
    assert codes(first) == [] and codes(second) == []
    one, two = first["document"], second["document"]
    assert one["id"] != two["id"] and one["sha256"] == two["sha256"]  # byte-identical PDFs
    assert one["kind"] == "CONTRACT" and one["title"] == f"Contract {contract['number']}"
    assert one["pageCount"] >= 1 and one["url"] == f"/documents/{one['id']}" and one["templateVersion"] == 1
    assert [d["id"] for d in await documents_of(api, contract["id"])] == [two["id"], one["id"]]  # newest first
    text = await pdf_text(api, one)
    assert contract["number"] in text and "Term and renewal" in text


async def test_c8_clause_variation_switches_on_a_term_over_24_months(api):
    short = await contract_with_term(api, 12)
    long = await contract_with_term(api, 36)
    assert (short["term"], long["term"]) == (12, 36)
    short_text = await pdf_text(api, (await render(api, contractId=short["id"]))["document"])
    long_text = await pdf_text(api, (await render(api, contractId=long["id"]))["document"])
    assert "multi-year" not in short_text and "notice 30 days" in short_text
    assert "This multi-year contract" in long_text and "notice 90 days" in long_text


CUSTOM_BODY = """# Master agreement {{ contract.number }}
Customer: {{ account.name }}
{% for clause in clauses %}
## {{ clause.title }}
{{ clause.body }}
{% endfor %}"""


def custom_template(**overrides: Any) -> dict:
    return {
        "kind": "CONTRACT",
        "name": "Enterprise paper",
        "body": CUSTOM_BODY,
        "clauses": [
            {
                "key": "support",
                "title": "Support",
                "body": "Business-hours support.",
                "variations": [
                    {"condition": "contract.term > 24", "body": "Round-the-clock support for {{ account.name }}."}
                ],
            }
        ],
        **overrides,
    }


async def test_c8_custom_template_saved_then_rendered_with_it(api):
    saved = await api.ok("saveDocumentTemplate", custom_template(), TEMPLATE)
    template = saved["template"]
    assert (template["kind"], template["version"], template["isDefault"]) == ("CONTRACT", 1, False)
    contract = await contract_with_term(api, 36)
    rendered = await render(api, contractId=contract["id"], templateId=template["id"])
    assert codes(rendered) == []
    document = rendered["document"]
    assert (document["templateId"], document["templateVersion"]) == (template["id"], 1)
    text = await pdf_text(api, document)
    assert f"Master agreement {contract['number']}" in text and "Round-the-clock support for Acme Corp." in text
    # An update is a new version; a document keeps the version it was rendered with.
    updated = await api.ok(
        "saveDocumentTemplate", custom_template(id=template["id"], name="Enterprise paper v2"), TEMPLATE
    )
    assert (updated["template"]["id"], updated["template"]["version"]) == (template["id"], 2)
    again = (await render(api, contractId=contract["id"], templateId=template["id"]))["document"]
    assert again["templateVersion"] == 2
    assert [d["templateVersion"] for d in await documents_of(api, contract["id"])] == [2, 1]
    listed = await api("{ documentTemplates(kind: CONTRACT) { id name isDefault version } }")
    assert [(t["name"], t["isDefault"]) for t in listed["documentTemplates"]] == [
        ("Standard contract", True),
        ("Enterprise paper v2", False),
    ]
    quote_template = await render(api, quoteId=contract["quote"]["id"], templateId=template["id"])
    assert codes(quote_template) == ["VALIDATION_ERROR"]  # a CONTRACT template for a quote


async def test_c8_missing_field_names_template_and_field_and_writes_nothing(api):
    body = "# {{ contract.number }}\n\nReference: {{ contract.customer_reference }}"
    template = (await api.ok("saveDocumentTemplate", custom_template(body=body, clauses=[]), TEMPLATE))["template"]
    contract, _ = await requested(api)
    failed = await render(api, contractId=contract["id"], templateId=template["id"])
    assert codes(failed) == ["TEMPLATE_RENDER_FAILED"] and failed["document"] is None
    message = failed["errors"][0]["message"]
    assert "Enterprise paper" in message and "contract.customer_reference" in message and "line 3" in message
    assert await documents_of(api, contract["id"]) == []


async def test_c8_template_that_does_not_compile_is_refused_at_save(api):
    broken = await api.mutate(
        "saveDocumentTemplate", custom_template(body="# Title\n{% for c in clauses %}\n{{ c.body }}"), TEMPLATE
    )
    assert codes(broken) == ["TEMPLATE_INVALID"] and "line 3" in broken["errors"][0]["message"]
    bad_condition = custom_template()
    bad_condition["clauses"][0]["variations"][0]["condition"] = "contract.term >"
    refused = await api.mutate("saveDocumentTemplate", bad_condition, TEMPLATE)
    assert codes(refused) == ["TEMPLATE_INVALID"]
    assert refused["errors"][0]["field"] == "clauses[0].variations[0].condition"
    listed = await api("{ documentTemplates { name isDefault } }")
    assert listed["documentTemplates"] == [
        {"name": "Standard quote", "isDefault": True},
        {"name": "Standard contract", "isDefault": True},
        {"name": "Standard invoice", "isDefault": True},
    ]


async def test_c8_get_document_serves_the_pdf_with_the_objects_scoping(api):
    contract, _ = await requested(api)
    document = (await render(api, contractId=contract["id"]))["document"]
    owner = await api.client.get(document["url"], headers={"Authorization": f"Bearer {api.key}"})
    assert owner.status_code == 200 and owner.headers["content-type"] == "application/pdf"
    assert owner.content.startswith(b"%PDF") and hashlib.sha256(owner.content).hexdigest() == document["sha256"]
    assert contract["number"] in pypdf.PdfReader(io.BytesIO(owner.content)).pages[0].extract_text()
    other = await b.account(api, name="Other Co")
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [other["id"]]}, "secret"))["secret"]
    foreign = await api.client.get(document["url"], headers={"Authorization": f"Bearer {partner}"})
    missing = await api.client.get(f"/documents/{uuid.uuid4()}", headers={"Authorization": f"Bearer {api.key}"})
    anonymous = await api.client.get(document["url"])
    assert (foreign.status_code, missing.status_code, anonymous.status_code) == (404, 404, 401)
    assert b"%PDF" not in foreign.content
    # S3: the partner cannot render it either, and does not see it listed.
    assert codes(await render(api, key=partner, contractId=contract["id"])) == ["NOT_FOUND"]
    read_only = await key_of(api, "READ_ONLY")
    assert (await api.client.get(document["url"], headers={"Authorization": f"Bearer {read_only}"})).status_code == 200


async def test_c8_renders_a_quote_with_its_lines_and_total(api):
    hw = await b.product(api, "HW-1", "ONE_TIME", "1250.00", name="Gateway")
    setup = await b.sales_setup(api, [{"productId": hw["id"], "quantity": "2"}], startDate="2026-01-01")
    rendered = await render(api, quoteId=setup["quote"]["id"])
    assert codes(rendered) == [] and rendered["document"]["kind"] == "QUOTE"
    text = await pdf_text(api, rendered["document"])
    assert setup["quote"]["number"] in text and "Gateway (HW-1)" in text and "2,500.00" in text
    read = await api(f'{{ quote(id: "{setup["quote"]["id"]}") {{ documents {{ id }} }} }}')
    assert read["quote"]["documents"] == [{"id": rendered["document"]["id"]}]


EURO_QUOTE = """# Quote {{ quote.number }}

Prepared for {{ account.name }}.

Total: {{ quote.total | money }} {{ "€" if quote.currency == "EUR" else quote.currency }}"""


async def test_c8_names_in_polish_and_greek_and_the_euro_sign_print_as_written(api):
    template = (
        await api.ok(
            "saveDocumentTemplate", {"kind": "QUOTE", "name": "Euro quote", "body": EURO_QUOTE, "clauses": []}, TEMPLATE
        )
    )["template"]
    hw = await b.product(api, "HW-EU", "ONE_TIME", "1250.00", name="Brama sieciowa", currency="EUR")
    for name in ("Łódź Sp. z o.o.", "Ελληνική Α.Ε."):
        acc = await b.account(api, name=name, currency="EUR")
        opp = await b.opportunity(api, acc["id"])
        quote = await b.quote(api, opp["id"], [{"productId": hw["id"], "quantity": "2"}], currency="EUR")
        first = (await render(api, quoteId=quote["id"], templateId=template["id"]))["document"]
        second = (await render(api, quoteId=quote["id"], templateId=template["id"]))["document"]
        assert first["sha256"] == second["sha256"]  # the embedded font subset is deterministic too
        text = await pdf_text(api, first)
        assert f"Prepared for {name}." in text and "Total: 2,500.00 €" in text and "?" not in text
        standard = await pdf_text(api, (await render(api, quoteId=quote["id"]))["document"])
        assert f"Prepared for {name}." in standard and "Brama sieciowa (HW-EU)" in standard


async def test_c8_exactly_one_object_and_who_may_render_or_save(api):
    contract, setup = await requested(api)
    neither = await render(api)
    both = await render(api, contractId=contract["id"], quoteId=setup["quote"]["id"])
    assert codes(neither) == ["VALIDATION_ERROR"] and codes(both) == ["VALIDATION_ERROR"]
    assert "contractId | quoteId" in neither["errors"][0]["message"]
    read_only = await key_of(api, "READ_ONLY")
    assert codes(await render(api, key=read_only, contractId=contract["id"])) == ["FORBIDDEN"]
    legal = await key_of(api, "LEGAL")
    assert codes(await render(api, key=legal, contractId=contract["id"])) == []
    assert codes(await api.mutate("saveDocumentTemplate", custom_template(), TEMPLATE, key=legal)) == []
    rep = await key_of(api, "SALES_REP")
    assert codes(await api.mutate("saveDocumentTemplate", custom_template(), TEMPLATE, key=rep)) == ["FORBIDDEN"]
    assert len(await documents_of(api, contract["id"])) == 1


async def test_c8_the_default_template_is_replaced_by_saving_its_id(api):
    listed = await api("{ documentTemplates(kind: CONTRACT) { id name version isDefault clauses { key } } }")
    [default] = listed["documentTemplates"]
    assert default["isDefault"] and default["version"] == 1
    assert [c["key"] for c in default["clauses"]] == ["term", "payment", "pricing", "law"]
    replaced = await api.ok("saveDocumentTemplate", custom_template(id=default["id"], name="Our contract"), TEMPLATE)
    assert (replaced["template"]["version"], replaced["template"]["isDefault"]) == (2, True)
    again = await api("{ documentTemplates(kind: CONTRACT) { id name version isDefault } }")
    assert again["documentTemplates"] == [
        {"id": default["id"], "name": "Our contract", "version": 2, "isDefault": True}
    ]
    contract, _ = await requested(api)
    document = (await render(api, contractId=contract["id"]))["document"]
    assert (document["templateId"], document["templateVersion"]) == (default["id"], 2)
    assert f"Master agreement {contract['number']}" in await pdf_text(api, document)
    wrong_kind = await api.mutate("saveDocumentTemplate", custom_template(id=default["id"], kind="QUOTE"), TEMPLATE)
    assert codes(wrong_kind) == ["VALIDATION_ERROR"]


async def test_c8_render_with_an_idempotency_key_keeps_one_document(api):
    contract, _ = await requested(api)
    first = await render(api, contractId=contract["id"], idempotencyKey="render-1")
    again = await render(api, contractId=contract["id"], idempotencyKey="render-1")
    assert codes(first) == [] and again["document"] == first["document"]
    assert len(await documents_of(api, contract["id"])) == 1


async def test_c8_a_sales_rep_renders_and_lists_documents_of_its_own_accounts_only(api):
    hw = await b.product(api, "HW-2", "ONE_TIME", "10.00")
    rep = await key_of(api, "SALES_REP")
    as_rep = type(api)(api.client, rep)
    own = await b.sales_setup(as_rep, [{"productId": hw["id"], "quantity": "1"}])
    rendered = await render(as_rep, quoteId=own["quote"]["id"])
    assert codes(rendered) == []
    read = await as_rep(f'{{ quote(id: "{own["quote"]["id"]}") {{ documents {{ id title }} }} }}')
    assert read["quote"]["documents"] == [
        {"id": rendered["document"]["id"], "title": f"Quote {own['quote']['number']}"}
    ]
    contract, _ = await requested(api)  # another account, not the rep's
    assert codes(await render(as_rep, contractId=contract["id"])) == ["NOT_FOUND"]
    theirs = (await render(api, contractId=contract["id"]))["document"]
    response = await api.client.get(theirs["url"], headers={"Authorization": f"Bearer {rep}"})
    assert response.status_code == 404
