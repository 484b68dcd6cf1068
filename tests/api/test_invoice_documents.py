"""B2 with C8: an invoice renders to a PDF through the document machinery (default invoice template),
listed on `Invoice.documents`, in the invoice's account scope (S3)."""

from typing import Any

from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_documents import pdf_text, render
from tests.api.test_invoices import activated, run
from tests.api.test_ordering import codes


async def posted_invoice(api: Any) -> dict:
    await activated(api, "SUB-PDF")
    draft = (await run(api, "2016-05-01"))["invoices"][0]
    posted = await api.ok("postInvoice", {"invoiceId": draft["id"]}, "invoice { id number total account { id } }")
    return posted["invoice"]


async def test_b2_a_posted_invoice_renders_to_a_pdf_with_its_number(api):
    invoice = await posted_invoice(api)
    rendered = await render(api, invoiceId=invoice["id"])
    assert codes(rendered) == []
    document = rendered["document"]
    assert (document["kind"], document["title"]) == ("INVOICE", f"Invoice {invoice['number']}")
    text = await pdf_text(api, document)
    assert f"Invoice {invoice['number']}" in text and "83.33" in text and "Acme Corp" in text
    again = (await render(api, invoiceId=invoice["id"]))["document"]
    assert again["sha256"] == document["sha256"]  # same data, same template: same bytes
    read = await api(f'{{ invoice(id: "{invoice["id"]}") {{ documents {{ id kind }} }} }}')
    assert [d["id"] for d in read["invoice"]["documents"]] == [again["id"], document["id"]]


async def test_s3_b2_an_invoice_document_is_scoped_through_its_account(api):
    invoice = await posted_invoice(api)
    other = await b.account(api, name="Other Co")
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [other["id"]]}, "secret"))["secret"]
    assert codes(await render(api, key=partner, invoiceId=invoice["id"])) == ["NOT_FOUND"]
    document = (await render(api, key=await key_of(api, "BILLING"), invoiceId=invoice["id"]))["document"]
    foreign = await api.client.get(document["url"], headers={"Authorization": f"Bearer {partner}"})
    assert foreign.status_code == 404
    both = await render(api, invoiceId=invoice["id"], contractId=invoice["id"])
    assert codes(both) == ["VALIDATION_ERROR"]
