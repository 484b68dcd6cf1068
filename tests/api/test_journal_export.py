"""B7: the journal export over HTTP: balanced entries for posted invoices, credit notes and payments."""

import csv
import io
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.services import journal_export
from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_payments import pay, posted_invoices

TODAY = datetime.now(UTC).date()
HEADER = "entry_id,date,account_code,debit,credit,currency,source_type,source_id"


async def export(api, key=None, start=TODAY, end=TODAY):
    headers = {"Authorization": f"Bearer {key or api.key}"} if key != "" else {}
    return await api.client.get("/exports/journal.csv", params={"from": str(start), "to": str(end)}, headers=headers)


def parse(text):
    return list(csv.DictReader(io.StringIO(text)))


async def test_b7_posted_invoices_credit_notes_and_payments_give_balanced_entries(api):
    acc = await b.account(api)
    first, second, third = await posted_invoices(api, acc["id"], "100.00", "50.00", "30.00")
    await pay(api, acc["id"], "120.00", [(first["id"], "100.00"), (second["id"], "20.00")])
    await api.ok("voidInvoice", {"invoiceId": third["id"]}, "invoice { id }")  # a credit note reverses it
    response = await export(api)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == HEADER
    rows = parse(response.text)
    totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in rows:
        assert row["date"] == str(TODAY) and row["currency"] == "USD"
        assert all(len(row[k].split(".")[1]) == 2 for k in ("debit", "credit"))
        totals[row["entry_id"]][0] += Decimal(row["debit"])
        totals[row["entry_id"]][1] += Decimal(row["credit"])
    assert len(totals) == 5 and all(debit == credit for debit, credit in totals.values())
    by_source = {(r["source_type"], r["source_id"], r["account_code"]): (r["debit"], r["credit"]) for r in rows}
    assert by_source[("INVOICE", first["id"], "1200")] == ("100.00", "0.00")
    assert by_source[("INVOICE", first["id"], "4000")] == ("0.00", "100.00")  # a one-time item: served at once
    payments = [r for r in rows if r["source_type"] == "PAYMENT"]
    assert [(r["account_code"], r["debit"], r["credit"]) for r in payments] == [
        ("1000", "120.00", "0.00"),
        ("1200", "0.00", "120.00"),
    ]


async def test_b7_a_voided_invoice_is_reversed_by_its_credit_note(api):
    acc = await b.account(api)
    (invoice,) = await posted_invoices(api, acc["id"], "80.00")
    await api.ok("voidInvoice", {"invoiceId": invoice["id"]}, "invoice { id status }")
    rows = parse((await export(api)).text)
    notes = [r for r in rows if r["source_type"] == "CREDIT_NOTE"]
    assert sorted((r["account_code"], r["debit"], r["credit"]) for r in notes) == [
        ("1200", "0.00", "80.00"),
        ("4000", "80.00", "0.00"),
    ]


async def test_b7_the_period_bounds_the_entries(api):
    acc = await b.account(api)
    await posted_invoices(api, acc["id"], "10.00")
    await pay(api, acc["id"], "5.00", [], receivedOn=str(TODAY - timedelta(days=40)))
    earlier = parse((await export(api, start=TODAY - timedelta(days=60), end=TODAY - timedelta(days=1))).text)
    assert [r["source_type"] for r in earlier] == ["PAYMENT", "PAYMENT"]
    assert parse((await export(api, start=TODAY + timedelta(days=1), end=TODAY + timedelta(days=2))).text) == []


async def test_b7_only_billing_or_admin_keys_export(api):
    assert (await export(api, key=await key_of(api, "BILLING"))).status_code == 200
    forbidden = await export(api, key=await key_of(api, "SALES_OPS"))
    assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "FORBIDDEN"
    for key in ("", "og_not-a-key"):
        refused = await export(api, key=key)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "UNAUTHENTICATED"
    bad = await api.client.get(
        "/exports/journal.csv",
        params={"from": "2026-02-01", "to": "2026-01-01"},
        headers={"Authorization": f"Bearer {api.key}"},
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "VALIDATION_ERROR"


async def year_billed_in_advance(api):
    """A posted invoice for a year of 365.00 starting today, billed in advance (ANNUAL); and the year's end."""
    acc = await b.account(api)
    sub = await b.product(api, "SUB-YEAR")
    end = TODAY.replace(year=TODAY.year + 1) - timedelta(days=1)
    item = {
        "productId": sub["id"],
        "quantity": "1",
        "unitPrice": "365.00",
        "startDate": str(TODAY),
        "endDate": str(end),
        "billingFrequency": "ANNUAL",
    }
    order = (await api.ok("createOrder", {"accountId": acc["id"], "items": [item]}, "order { id totalAmount }"))[
        "order"
    ]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    run = await api.ok("runInvoices", {"asOf": str(TODAY)}, "invoices { id total }")
    (invoice,) = run["invoices"]
    posted = await api.ok("postInvoice", {"invoiceId": invoice["id"]}, "invoice { id number total }")
    return posted["invoice"], end


def month_ends(after, through):
    """The month ends after `after` up to the first on or after `through`."""
    ends, day = [], after
    while not ends or ends[-1] < through:
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if day > after:
            ends.append(day)
        day += timedelta(days=1)
    return ends


def deferred(rows):
    """Deferred revenue (2400) debits - credits over the rows: zero once every deferral is recognised."""
    return sum((Decimal(r["debit"]) - Decimal(r["credit"]) for r in rows if r["account_code"] == "2400"), Decimal(0))


async def test_b7_a_year_billed_in_advance_is_mostly_deferred_revenue(api):
    invoice, end = await year_billed_in_advance(api)
    rows = parse((await export(api)).text)
    legs = {r["account_code"]: (Decimal(r["debit"]), Decimal(r["credit"])) for r in rows}
    total = Decimal(invoice["total"])
    days = (end - TODAY).days + 1
    earned = (total / days).quantize(Decimal("0.01"))  # one day served on the posting date
    assert legs["1200"] == (total, 0) and legs["4000"] == (0, earned) and legs["2400"] == (0, total - earned)


async def test_b7_deferred_revenue_is_recognised_monthly_until_the_year_is_served(api):
    invoice, end = await year_billed_in_advance(api)
    ends = month_ends(TODAY, end)
    rows = parse((await export(api, start=TODAY, end=ends[-1])).text)
    recognitions = [r for r in rows if r["entry_id"].startswith("RECOGNITION-")]
    assert sorted({(r["entry_id"], r["date"]) for r in recognitions}) == [
        (f"RECOGNITION-{invoice['number']}-{d:%Y-%m}", str(d)) for d in ends
    ]
    assert {(r["source_type"], r["source_id"]) for r in recognitions} == {("INVOICE", invoice["id"])}
    for d in ends:  # each month: Dr deferred revenue / Cr revenue, balanced
        month = [r for r in recognitions if r["date"] == str(d)]
        assert [(r["account_code"], r["credit"]) for r in month] == [("2400", "0.00"), ("4000", month[0]["debit"])]
    assert deferred(rows) == 0
    revenue = sum((Decimal(r["credit"]) - Decimal(r["debit"]) for r in rows if r["account_code"] == "4000"), Decimal(0))
    assert revenue == Decimal(invoice["total"])


async def test_b7_an_export_holds_the_recognitions_dated_within_it(api):
    invoice, end = await year_billed_in_advance(api)
    second = month_ends(TODAY, end)[1]
    rows = parse((await export(api, start=second.replace(day=1), end=second)).text)
    assert {(r["entry_id"], r["date"]) for r in rows} == {
        (f"RECOGNITION-{invoice['number']}-{second:%Y-%m}", str(second))
    }
    after = month_ends(TODAY, end)[-1] + timedelta(days=1)  # the year is all recognised
    assert parse((await export(api, start=after, end=after + timedelta(days=90))).text) == []


async def test_b7_a_voided_invoice_nets_deferred_revenue_to_zero(api, monkeypatch):
    monkeypatch.setattr(journal_export, "CHUNK", 1)  # the invoice and its credit note on pages of their own
    invoice, end = await year_billed_in_advance(api)
    await api.ok("voidInvoice", {"invoiceId": invoice["id"]}, "invoice { id status }")
    ends = month_ends(TODAY, end)
    rows = parse((await export(api, start=TODAY, end=ends[-1])).text)
    notes = [r for r in rows if r["source_type"] == "CREDIT_NOTE" and r["entry_id"].startswith("RECOGNITION-")]
    assert len({r["date"] for r in notes}) == len(ends)  # the credit note recognises the reversed lines
    for d in ends:  # from the void on, each month's recognitions cancel out
        assert deferred([r for r in rows if r["date"] == str(d)]) == 0
    assert deferred(rows) == 0
    assert (
        sum((Decimal(r["debit"]) - Decimal(r["credit"]) for r in rows if r["account_code"] == "4000"), Decimal(0)) == 0
    )


async def test_b7_pages_of_one_row_give_the_same_export_as_one_page(api, monkeypatch):
    acc = await b.account(api)
    first, second, third = await posted_invoices(api, acc["id"], "10.00", "20.00", "30.00")
    for invoice, amount in ((first, "10.00"), (second, "5.00"), (second, "15.00"), (third, "1.00")):
        await pay(api, acc["id"], amount, [(invoice["id"], amount)])  # payments received the same day
    whole = (await export(api)).text
    monkeypatch.setattr(journal_export, "CHUNK", 1)  # keyset pages: each read after the last row of the one before
    assert (await export(api)).text == whole
    assert sum(1 for r in parse(whole) if r["source_type"] == "PAYMENT") == 8
