"""R4 across the real amendment path (C9: amendContract -> updateQuote -> createOrdersFromQuote ->
activateOrder -> contractOrder): the renewal is made from the amended contract, an open renewal follows
an amendment contracted after it, and contracting the renewal renews the old contract."""

from typing import Any

from tests.api import builders as b
from tests.api.test_amendments import amend, order_and_contract, set_quantity
from tests.api.test_ordering import codes
from tests.api.test_renewals import contracted, read, run_daily

SEAT, SUPPORT = ("SEAT", "1200.00", "10"), ("SUPPORT", "600.00", "2")


async def seats_contract(api: Any, *lines: tuple[str, str, str]) -> dict:
    """A 12-month contract from 2026-01-01 (ending 2026-12-31) at 5% renewal uplift."""
    return (await b.activated_contract(api, list(lines) or [SEAT], renewalUpliftPercent="5"))["contract"]


async def amended(api: Any, contract_id: str, quantities: dict[str, str], effective: str = "2026-07-01") -> dict:
    """C9 end to end: amend, set each product's new net quantity, order, activate and contract."""
    quote = (await amend(api, contract_id, effective))["quote"]
    for position, line in enumerate(quote["lines"]):
        if line["product"]["sku"] in quantities:
            quote = (await set_quantity(api, quote, quantities[line["product"]["sku"]], position))["quote"]
    return await order_and_contract(api, quote)


def renewal_lines(contract: dict) -> list[tuple[str, str, str, str]]:
    quote = contract["renewalOpportunity"]["primaryQuote"]
    return [(ln["product"]["sku"], ln["quantity"], ln["unitPrice"], ln["totalPrice"]) for ln in quote["lines"]]


async def test_r4_renewal_made_after_an_amendment_has_the_net_quantity_at_the_uplifted_net_price(api):
    contract = await seats_contract(api)
    order = await amended(api, contract["id"], {"SEAT": "15"})
    assert [(i["quantity"], i["totalPrice"]) for i in order["items"]] == [("5.00", "3024.66")]
    run = await run_daily(api, "2026-12-15")  # within renewalLeadDays (30) of the end, 2026-12-31
    assert codes(run) == [] and len(run["run"]["renewalOpportunities"]) == 1
    got = await read(api, contract["id"])
    # The original 10 and the +5 delta, at 1,200.00 x 1.05 = 1,260.00; the prorated delta price plays no part.
    assert renewal_lines(got) == [("SEAT", "15.00", "1260.00", "18900.00")]
    quote = got["renewalOpportunity"]["primaryQuote"]
    assert (quote["status"], quote["startDate"], quote["total"]) == ("DRAFT", "2027-01-01", "18900.00")


async def test_r4_renewal_made_after_a_decrease_has_the_lower_quantity(api):
    contract = await seats_contract(api)
    await amended(api, contract["id"], {"SEAT": "8"}, effective="2026-10-01")
    await run_daily(api, "2026-12-15")
    assert renewal_lines(await read(api, contract["id"])) == [("SEAT", "8.00", "1260.00", "10080.00")]


async def test_r4_open_renewal_quote_follows_an_amendment_contracted_after_the_run(api):
    contract = await seats_contract(api, SEAT, SUPPORT)
    await run_daily(api, "2026-12-15")
    before = await read(api, contract["id"])
    assert renewal_lines(before) == [
        ("SEAT", "10.00", "1260.00", "12600.00"),
        ("SUPPORT", "2.00", "630.00", "1260.00"),
    ]
    # +5 seats and SUPPORT cancelled (0) from 2026-12-01, contracted after the renewal was made.
    order = await amended(api, contract["id"], {"SEAT": "15", "SUPPORT": "0"}, effective="2026-12-01")
    assert sorted((i["product"]["sku"], i["quantity"]) for i in order["items"]) == [
        ("SEAT", "5.00"),
        ("SUPPORT", "-2.00"),
    ]
    after = await read(api, contract["id"])
    assert renewal_lines(after) == [("SEAT", "15.00", "1260.00", "18900.00")]  # the zero is dropped
    quote = after["renewalOpportunity"]["primaryQuote"]
    assert quote["id"] == before["renewalOpportunity"]["primaryQuote"]["id"] and quote["total"] == "18900.00"
    assert after["renewalOpportunity"]["id"] == before["renewalOpportunity"]["id"]  # no second renewal


async def test_r4_amendment_quoted_before_the_run_and_contracted_after_it_is_followed(api):
    contract = await seats_contract(api)
    quote = (await amend(api, contract["id"], "2026-11-01"))["quote"]
    await set_quantity(api, quote, "12")
    await run_daily(api, "2026-12-15")  # the renewal is made while the amendment is still a quote
    await order_and_contract(api, quote)
    assert renewal_lines(await read(api, contract["id"])) == [("SEAT", "12.00", "1260.00", "15120.00")]


async def test_r4_contracting_the_followed_renewal_renews_the_amended_contract(api):
    old = await seats_contract(api)
    await run_daily(api, "2026-12-10")
    await amended(api, old["id"], {"SEAT": "15"}, effective="2026-12-01")
    renewal_quote = (await read(api, old["id"]))["renewalOpportunity"]["primaryQuote"]
    new = await contracted(api, renewal_quote["id"])
    got = await read(api, new["id"])
    assert got["renewedFrom"] == {"id": old["id"]} and (got["status"], got["type"]) == ("ACTIVATED", "RENEWAL")
    assert new["endDate"] == "2027-12-31"
    subscriptions = await api(
        "query($id: ID!) { contract(id: $id) { subscriptions { quantity netPrice startDate product { sku } } } }",
        {"id": new["id"]},
    )
    assert [
        (s["product"]["sku"], s["quantity"], s["netPrice"], s["startDate"])
        for s in subscriptions["contract"]["subscriptions"]
    ] == [("SEAT", "15.00", "1260.00", "2027-01-01")]
    old_now = await read(api, old["id"])
    assert old_now["status"] == "ACTIVATED" and old_now["renewedBy"]["id"] == new["id"]
    ended = await run_daily(api, "2027-01-01")
    assert [(c["id"], c["status"]) for c in ended["run"]["expiredContracts"]] == [(old["id"], "RENEWED")]
    assert (await read(api, old["id"]))["status"] == "RENEWED"
    assert (await read(api, new["id"]))["status"] == "ACTIVATED"
