"""B6 for amendments (C9) and terminations (C11): a decrease and the days after a termination are
credited on a credit note; unbilled lines after the termination are voided, never deleted."""

from decimal import Decimal
from typing import Any

from tests.api import builders as b
from tests.api.test_amendments import amend, order_and_contract, seats, set_quantity
from tests.api.test_invoices import run
from tests.api.test_ordering import codes
from tests.api.test_termination import terminate

SCHEDULE = "billingSchedule { periodStart periodEnd invoiceDate amount kind status reason }"


async def schedule_of(api: Any, order_id: str) -> list[dict]:
    got = await api(f'{{ order(id: "{order_id}") {{ items {{ {SCHEDULE} }} }} }}')
    return [line for item in got["order"]["items"] for line in item["billingSchedule"]]


def live(lines: list[dict]) -> list[dict]:
    return [x for x in lines if x["status"] != "VOID"]


async def test_b6_c11_termination_after_a_year_invoiced_in_advance_credits_the_days_after(api):
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10")], billingFrequency="ANNUAL")
    invoiced = (await run(api, "2026-01-01"))["invoices"]
    assert [(i["kind"], i["total"]) for i in invoiced] == [("INVOICE", "12000.00")]
    assert codes(await terminate(api, setup["contract"]["id"], "2026-06-30")) == []
    lines = await schedule_of(api, setup["order"]["id"])
    [credit] = [x for x in lines if x["kind"] == "CREDIT"]
    # 184 of the year's 365 days (07-01..12-31): 12,000.00 x 184 / 365 = 6,049.32, dated on the termination.
    assert (credit["amount"], credit["invoiceDate"], credit["status"], credit["reason"]) == (
        "-6049.32", "2026-06-30", "UNBILLED", "TERMINATION")  # fmt: skip
    assert (await run(api, "2026-06-29"))["invoices"] == []  # not due before the termination date
    notes = (await run(api, "2026-07-01"))["invoices"]
    assert [(i["kind"], i["total"], i["status"]) for i in notes] == [("CREDIT_NOTE", "-6049.32", "DRAFT")]
    assert (await run(api, "2027-01-01"))["invoices"] == []  # credited once
    assert sum(Decimal(x["amount"]) for x in live(lines)) == Decimal("5950.68")


async def test_b6_c11_termination_voids_unbilled_lines_after_the_date_and_shortens_the_one_across_it(api):
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10")], billingFrequency="MONTHLY")
    await run(api, "2026-05-01")  # January to May invoiced, 1,000.00 a month
    before = await schedule_of(api, setup["order"]["id"])
    assert codes(await terminate(api, setup["contract"]["id"], "2026-05-20")) == []
    lines = await schedule_of(api, setup["order"]["id"])
    assert len(lines) > len(before)  # nothing deleted
    voided = [x["periodStart"] for x in lines if x["status"] == "VOID"]
    assert voided == [f"2026-{m:02d}-01" for m in range(6, 13)]  # June..December, unbilled
    [credit] = [x for x in lines if x["kind"] == "CREDIT"]
    assert credit["amount"] == "-354.84"  # May 21..31: 11 of 31 days of 1,000.00
    assert sum(Decimal(x["amount"]) for x in live(lines)) == Decimal("4645.16")
    notes = (await run(api, "2026-12-31"))["invoices"]
    assert [(i["kind"], i["total"]) for i in notes] == [("CREDIT_NOTE", "-354.84")]


async def test_b6_c11_unbilled_line_across_the_termination_date_is_charged_up_to_it(api):
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10")], billingFrequency="QUARTERLY")
    assert codes(await terminate(api, setup["contract"]["id"], "2026-02-14")) == []  # nothing invoiced yet
    lines = await schedule_of(api, setup["order"]["id"])
    assert [x for x in lines if x["kind"] == "CREDIT"] == []
    # Q1 (90 days, 3,000.00) is replaced by 01-01..02-14, 45 days: 1,500.00; the other quarters are void.
    assert [(x["periodStart"], x["periodEnd"], x["amount"], x["reason"]) for x in live(lines)] == [
        ("2026-01-01", "2026-02-14", "1500.00", "TERMINATION")]  # fmt: skip
    assert len([x for x in lines if x["status"] == "VOID"]) == 4
    made = (await run(api, "2026-12-31"))["invoices"]
    assert [(i["kind"], i["total"]) for i in made] == [("INVOICE", "1500.00")]


async def test_b6_c9_an_amendment_decrease_is_billed_as_credit_lines_on_a_credit_note(api):
    setup = await seats(api)  # 10 seats at 1,200.00 for 2026, billed monthly
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    await set_quantity(api, quote, "8")
    order = await order_and_contract(api, quote)  # -2 seats from 2026-07-01: -1,209.86
    lines = await schedule_of(api, order["id"])
    assert lines and {x["kind"] for x in lines} == {"CREDIT"}
    assert (lines[0]["periodStart"], lines[-1]["periodEnd"]) == ("2026-07-01", "2026-12-31")
    assert sum(Decimal(x["amount"]) for x in lines) == Decimal("-1209.86")
    made = (await run(api, "2026-12-31"))["invoices"]
    notes = [i for i in made if i["kind"] == "CREDIT_NOTE"]
    assert len(notes) == 1 and Decimal(notes[0]["total"]) == Decimal("-1209.86")


async def test_b6_c9_an_amendment_increase_is_charged_co_terminated_with_the_contract(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    await set_quantity(api, quote, "15")
    order = await order_and_contract(api, quote)  # +5 seats from 2026-07-01: 3,024.66
    lines = await schedule_of(api, order["id"])
    assert {x["kind"] for x in lines} == {"CHARGE"}
    assert (lines[0]["periodStart"], lines[-1]["periodEnd"]) == ("2026-07-01", "2026-12-31")
    assert sum(Decimal(x["amount"]) for x in lines) == Decimal("3024.66")
