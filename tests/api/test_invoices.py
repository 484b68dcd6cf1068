"""B2 (and B6 credit notes): the invoice run, posting and voiding invoices."""

import asyncio
from decimal import Decimal
from typing import Any

from tests.api import builders as b
from tests.api.test_billing_schedules import activate, direct_order, monthly_item
from tests.api.test_contracts import key_of
from tests.api.test_ordering import codes
from tests.conftest import requires_postgres

INVOICE = "id number status kind currency total balance asOf account { id } lines { amount periodStart description }"


async def run(api: Any, as_of: str, key: str | None = "default") -> dict:
    return await api.mutate("runInvoices", {"asOf": as_of}, f"invoices {{ {INVOICE} }}", key)


async def activated(api: Any, sku: str, **item: Any) -> dict:
    product = await b.product(api, sku)
    return await activate(api, await direct_order(api, [monthly_item(product["id"], **item)], billingDayOfMonth=15))


async def test_b2_the_run_invoices_due_lines_once_per_account_and_currency(api):
    first = await activated(api, "SUB-R1")
    second = await activated(api, "SUB-R2", billingFrequency="QUARTERLY")
    made = await run(api, "2016-06-30")
    assert codes(made) == []
    by_account = {i["account"]["id"]: i for i in made["invoices"]}
    assert len(made["invoices"]) == 2
    one = by_account[(await order_account(api, first))]
    assert (one["status"], one["kind"], one["number"], one["total"], one["balance"]) == (
        "DRAFT", "INVOICE", None, "283.33", "283.33")  # fmt: skip
    assert [line["periodStart"] for line in one["lines"]] == ["2016-04-20", "2016-05-15", "2016-06-15"]
    assert by_account[(await order_account(api, second))]["total"] == "383.33"  # 25/90 x 300.00, then 300.00 on 05-15
    assert (await run(api, "2016-06-30"))["invoices"] == []  # nothing twice
    later = await run(api, "2016-07-15")
    assert [i["total"] for i in later["invoices"]] == ["100.00"]  # the quarter is due on 08-15
    schedule = await api(
        f'{{ order(id: "{first["id"]}") {{ items {{ billingSchedule {{ status invoice {{ id }} }} }} }} }}'
    )
    lines = schedule["order"]["items"][0]["billingSchedule"]
    assert [line["status"] for line in lines[:4]] == ["INVOICED"] * 4 and lines[4]["status"] == "UNBILLED"
    assert lines[0]["invoice"]["id"] == one["id"] and lines[4]["invoice"] is None


async def order_account(api: Any, order: dict) -> str:
    return (await api(f'{{ order(id: "{order["id"]}") {{ account {{ id }} }} }}'))["order"]["account"]["id"]


async def test_b1_the_invoice_run_picks_an_arrears_line_once_its_invoice_date_has_come(api):
    product = await b.product(api, "SUB-ARR-RUN", billingTiming="ARREARS")
    await activate(api, await direct_order(api, [monthly_item(product["id"])], billingDayOfMonth=15))
    assert (await run(api, "2016-05-14"))["invoices"] == []  # the first period ends on 05-14
    due = await run(api, "2016-05-15")
    assert [(i["total"], [line["periodStart"] for line in i["lines"]]) for i in due["invoices"]] == [
        ("83.33", ["2016-04-20"])
    ]
    assert (await run(api, "2016-06-14"))["invoices"] == []
    assert [i["total"] for i in (await run(api, "2016-06-15"))["invoices"]] == ["100.00"]


async def test_b2_posting_numbers_gaplessly_and_fixes_the_invoice(api):
    await activated(api, "SUB-P1")
    await activated(api, "SUB-P2")
    drafts = (await run(api, "2016-05-01"))["invoices"]
    numbers = []
    for draft in drafts:
        posted = await api.ok("postInvoice", {"invoiceId": draft["id"]}, "invoice { number status balance total }")
        assert posted["invoice"]["status"] == "POSTED"
        assert posted["invoice"]["balance"] == posted["invoice"]["total"]
        numbers.append(posted["invoice"]["number"])
    assert numbers == ["INV-000001", "INV-000002"]
    again = await api.mutate("postInvoice", {"invoiceId": drafts[0]["id"]}, "invoice { number }")
    assert codes(again) == ["INVALID_TRANSITION"]
    listed = await api("{ invoices(filter: {status: POSTED}) { totalCount edges { node { number } } } }")
    assert listed["invoices"]["totalCount"] == 2


async def test_b2_voiding_a_draft_makes_its_lines_billable_again(api):
    await activated(api, "SUB-V1")
    draft = (await run(api, "2016-05-01"))["invoices"][0]
    voided = await api.ok("voidInvoice", {"invoiceId": draft["id"]}, "invoice { status number balance }")
    assert voided["invoice"] == {"status": "VOID", "number": None, "balance": "0.00"}
    rerun = (await run(api, "2016-05-01"))["invoices"]
    assert [i["total"] for i in rerun] == [draft["total"]] and rerun[0]["id"] != draft["id"]
    again = await api.mutate("voidInvoice", {"invoiceId": draft["id"]}, "invoice { status }")
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_b2_voiding_a_posted_invoice_issues_a_credit_note(api):
    order = await activated(api, "SUB-V2")
    draft = (await run(api, "2016-05-01"))["invoices"][0]
    await api.ok("postInvoice", {"invoiceId": draft["id"]}, "invoice { number }")
    voided = await api.ok("voidInvoice", {"invoiceId": draft["id"]}, "invoice { status number }")
    assert voided["invoice"] == {"status": "VOID", "number": "INV-000001"}
    account = await order_account(api, order)
    notes = await api(
        f'{{ account(id: "{account}") {{ invoices {{ number kind status total balance corrects {{ id }} }} }} }}'
    )
    note = notes["account"]["invoices"][-1]
    assert note == {"number": "INV-000002", "kind": "CREDIT_NOTE", "status": "POSTED", "total": "-83.33",
                    "balance": "0.00", "corrects": {"id": draft["id"]}}  # fmt: skip


async def test_b6_a_negative_delta_after_billing_is_invoiced_as_a_credit_note(api):
    order = await activated(api, "SUB-CR", billingFrequency="ANNUAL", unitPrice="1200.00")
    await run(api, "2016-05-01")  # the stub 2016-04-20..2016-05-14 is billed
    item = order["items"][0]
    await api.ok(
        "changeOrder",
        {"orderId": order["id"], "version": order["version"], "reason": "fewer seats",
         "quantities": [{"orderItemId": item["id"], "quantity": "0.5"}]},
        "order { id }",
    )  # fmt: skip
    made = (await run(api, "2030-01-01"))["invoices"]  # the adjustment is dated on the change (today)
    kinds = {i["kind"]: i for i in made}
    assert set(kinds) == {"INVOICE", "CREDIT_NOTE"}
    # Stub 25/366 days (the year to 2016-05-14 has Feb 29): 81.97 billed, 40.98 at half, 40.99 credited
    # back; the rest of the year bills at half: 600.00 - 40.98.
    assert (kinds["CREDIT_NOTE"]["total"], kinds["INVOICE"]["total"]) == ("-40.99", "559.02")
    lines = await api(f'{{ order(id: "{order["id"]}") {{ items {{ billingSchedule {{ amount status kind }} }} }} }}')
    live = [x for x in lines["order"]["items"][0]["billingSchedule"] if x["status"] != "VOID"]
    assert sum(Decimal(x["amount"]) for x in live) == Decimal("600.00")
    assert any(x["kind"] == "CREDIT" for x in live)


async def test_b2_statements_do_not_grow_with_the_lines(api, sql_counter):
    counts = []
    for months, sku in ((10, "SUB-10"), (100, "SUB-100")):
        end = {10: "2017-02-19", 100: "2024-08-19"}[months]
        await activated(api, sku, endDate=end, unitPrice=f"{months * 10}.00")
        with sql_counter() as counter:
            made = await run(api, "2030-01-01")
        assert len(made["invoices"][0]["lines"]) in (months + 1, months)
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


async def test_b2_billing_keys_run_invoices_and_others_may_not(api):
    await activated(api, "SUB-K")
    billing, reader = await key_of(api, "BILLING"), await key_of(api, "READ_ONLY")
    assert codes(await run(api, "2016-05-01", reader)) == ["FORBIDDEN"]
    made = await run(api, "2016-05-01", billing)
    assert codes(made) == [] and len(made["invoices"]) == 1


async def test_s3_invoices_are_scoped_through_their_account(api):
    await activated(api, "SUB-S3")
    invoice = (await run(api, "2016-05-01"))["invoices"][0]
    other = await b.account(api, name="Other")
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [other["id"]], "name": "p"}, "secret"))[
        "secret"
    ]
    seen = await api(f'{{ invoice(id: "{invoice["id"]}") {{ id }} invoices {{ totalCount }} }}', key=partner)
    assert seen == {"invoice": None, "invoices": {"totalCount": 0}}


@requires_postgres
async def test_b2_concurrent_runs_invoice_each_line_once(api):
    await activated(api, "SUB-PG")
    results = await asyncio.gather(*(run(api, "2017-12-31") for _ in range(4)))
    assert all(codes(r) == [] for r in results)
    made = [i for r in results for i in r["invoices"]]
    assert len(made) == 1 and made[0]["total"] == "1200.00"


async def test_b6_credit_for_writes_a_credit_line_the_next_run_puts_on_a_credit_note(api):
    """The hook amendments (C9) and terminations (C11) call with a negative delta."""
    from datetime import date

    from tortoise.transactions import in_transaction

    from app.services.billing_schedules import credit_for
    from models import Order, OrderItem

    order = await activated(api, "SUB-CF", billingFrequency="ANNUAL")
    async with in_transaction() as tx:
        row = await Order.get(id=order["id"]).using_db(tx)
        item = await OrderItem.get(id=order["items"][0]["id"]).using_db(tx)
        line = await credit_for(tx, row, item, Decimal("25.50"), date(2016, 6, 1), "TERMINATION")
    assert (line.kind, line.amount, line.reason) == ("CREDIT", Decimal("-25.50"), "TERMINATION")
    made = {i["kind"]: i for i in (await run(api, "2016-06-01"))["invoices"]}
    assert made["CREDIT_NOTE"]["total"] == "-25.50"
    assert [x["amount"] for x in made["CREDIT_NOTE"]["lines"]] == ["-25.50"]
