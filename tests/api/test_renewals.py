"""R2, R4: the renewal run (a RENEWAL opportunity and quote per due contract) and how a renewal
follows its contract (quantities after the renewal was made; ordering and contracting it)."""

import uuid
from typing import Any

from tests.api import builders as b
from tests.api.test_contracts import SIGNATORIES, act, approved_quote
from tests.api.test_ordering import codes

RUN = """run { asOf renewalOpportunities { id name stage } activatedContracts { id number status }
  expiredContracts { id number status } overdueObligations { id title } }"""

RENEWAL = """contract(id: $id) { id status type renewedFrom { id } renewedBy { id status type }
  renewalOpportunity { id name stage primaryQuote { id number status startDate subscriptionTerm total
    lines { quantity listPrice unitPrice totalPrice startDate endDate effectiveTerm product { sku } } } } }"""


async def run_daily(api: Any, as_of: str, key: str | None = "default") -> dict:
    return await api.mutate("runDaily", {"asOf": as_of}, RUN, key=key)


async def read(api: Any, contract_id: str) -> dict:
    return (await api(f"query($id: ID!) {{ {RENEWAL} }}", {"id": contract_id}))["contract"]


async def contracted(api: Any, quote_id: str, **selection: Any) -> dict:
    """Order (all or a selection of) a quote, activate and contract the order: C1 (or C6 join)."""
    order = (await b.create_orders(api, {"quoteId": quote_id, **selection}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    return (await api.ok("contractOrder", {"orderId": order["id"]}, "contract { id number status endDate }"))[
        "contract"
    ]


async def activated_contract(api: Any, start: str = "2026-01-01", **quote_fields: Any) -> dict:
    """10 seats of a 12-month 1,200.00 subscription and a ONE_TIME set-up fee, contracted by C1."""
    tag = uuid.uuid4().hex[:6]
    seats = await b.product(api, f"SEAT-{tag}", "RECURRING", "1200.00", defaultSubscriptionTerm=12, name="SEAT")
    setup_fee = await b.product(api, f"SETUP-{tag}", "ONE_TIME", "500.00", name="SETUP")
    setup = await b.sales_setup(
        api,
        [{"productId": seats["id"], "quantity": "10"}, {"productId": setup_fee["id"], "quantity": "1"}],
        startDate=start,
        subscriptionTerm=12,
        **quote_fields,
    )
    return await contracted(api, setup["quote"]["id"])


async def test_r2_renewal_run_makes_a_renewal_opportunity_and_primary_quote(api):
    contract = await activated_contract(api, renewalUpliftPercent="5", renewalTerm=24)
    assert contract["endDate"] == "2026-12-31"
    early = await run_daily(api, "2026-11-30")  # 31 days before the end: outside renewalLeadDays (30)
    assert codes(early) == [] and early["run"]["renewalOpportunities"] == []
    due = await run_daily(api, "2026-12-01")
    assert [o["name"] for o in due["run"]["renewalOpportunities"]] == [f"Renewal of {contract['number']}"]
    got = await read(api, contract["id"])
    opportunity = got["renewalOpportunity"]
    assert opportunity["id"] == due["run"]["renewalOpportunities"][0]["id"]
    quote = opportunity["primaryQuote"]
    assert (quote["status"], quote["startDate"], quote["subscriptionTerm"]) == ("DRAFT", "2027-01-01", 24)
    # Only the RECURRING product; 1,200.00 x 1.05 = 1,260.00; 24 months from the day after the end.
    assert [(ln["product"]["sku"][:4], ln["quantity"], ln["unitPrice"]) for ln in quote["lines"]] == [
        ("SEAT", "10.00", "1260.00")
    ]
    line = quote["lines"][0]
    assert (line["startDate"], line["endDate"], line["totalPrice"]) == ("2027-01-01", "2028-12-31", "12600.00")
    assert quote["total"] == "12600.00"
    again = await run_daily(api, "2026-12-02")
    assert again["run"]["renewalOpportunities"] == []  # one renewal per contract, ever


async def test_r2_without_create_renewal_quote_only_the_opportunity(api):
    await b.set_settings(api, createRenewalQuote=False, renewalLeadDays=60)
    contract = await activated_contract(api)
    run = await run_daily(api, "2026-11-15")
    assert len(run["run"]["renewalOpportunities"]) == 1
    got = await read(api, contract["id"])
    assert got["renewalOpportunity"]["stage"] == "PROSPECTING" and got["renewalOpportunity"]["primaryQuote"] is None


async def test_r2_uplift_rounds_half_up_to_cents(api):
    contract = await activated_contract(api, renewalUpliftPercent="3.333")
    await run_daily(api, "2026-12-15")
    line = (await read(api, contract["id"]))["renewalOpportunity"]["primaryQuote"]["lines"][0]
    # 1,200.00 x 1.03333 = 1,239.996 -> 1,240.00; the term is the contract's own (12) without a renewal term.
    assert (line["unitPrice"], line["effectiveTerm"], line["endDate"]) == ("1240.00", 12, "2027-12-31")


async def signed_requested_contract(api: Any) -> tuple[dict, dict]:
    """C6: a contract requested from an approved quote (10 x 120.00, uplift 5%, renewal term 24), signed
    and ACTIVATED (its start has passed); orders from the quote join it."""
    setup = await approved_quote(api)
    contract = (await act(api, "createContractFromQuote", {"quoteId": setup["quote"]["id"]}))["contract"]
    for verb in ("submitContract", "approveContract"):
        contract = (await act(api, verb, {"contractId": contract["id"], "version": contract["version"]}))["contract"]
    contract = (
        await act(
            api,
            "sendContractForSignature",
            {"contractId": contract["id"], "version": contract["version"], "signatories": SIGNATORIES},
        )
    )["contract"]
    for signatory in contract["signatories"]:
        contract = (await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signatory["id"]}))[
            "contract"
        ]
    assert contract["status"] == "ACTIVATED"
    return contract, setup


async def test_r4_contracted_amendment_updates_the_open_renewal_quote(api):
    await b.set_settings(api, allowMultipleOrders=True)
    contract, setup = await signed_requested_contract(api)
    line_id = setup["quote"]["lines"][0]["id"]
    await contracted(api, setup["quote"]["id"], lines=[{"quoteLineId": line_id, "quantity": "6"}])
    await run_daily(api, "2026-12-15")
    quote = (await read(api, contract["id"]))["renewalOpportunity"]["primaryQuote"]
    assert [(ln["quantity"], ln["unitPrice"]) for ln in quote["lines"]] == [("6.00", "126.00")]
    # Four more seats join the contract after the renewal was made: the renewal follows (R4).
    await contracted(api, setup["quote"]["id"], lines=[{"quoteLineId": line_id, "quantity": "4"}])
    quote = (await read(api, contract["id"]))["renewalOpportunity"]["primaryQuote"]
    assert [(ln["quantity"], ln["totalPrice"]) for ln in quote["lines"]] == [("10.00", "1260.00")]
    assert quote["total"] == "1260.00"


async def test_r4_r1_ordering_and_contracting_the_renewal_renews_the_old_contract(api):
    old = await activated_contract(api, renewalUpliftPercent="5")
    await run_daily(api, "2026-12-15")
    opportunity = (await read(api, old["id"]))["renewalOpportunity"]
    # R1: closing the renewal opportunity orders its primary quote (orderOnStage = CLOSED_WON).
    moved = await api.ok(
        "updateOpportunityStage",
        {"opportunityId": opportunity["id"], "stage": "CLOSED_WON"},
        "opportunity { id stage orders { id type status totalAmount } }",
    )
    (order,) = moved["opportunity"]["orders"]
    assert (order["type"], order["status"], order["totalAmount"]) == ("RENEWAL", "DRAFT", "12600.00")
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    new = (await api.ok("contractOrder", {"orderId": order["id"]}, "contract { id startDate endDate }"))["contract"]
    assert (new["startDate"], new["endDate"]) == ("2027-01-01", "2027-12-31")
    got = await read(api, old["id"])
    assert got["renewedBy"] == {"id": new["id"], "status": "ACTIVATED", "type": "RENEWAL"}
    assert got["status"] == "ACTIVATED"  # its end (2026-12-31) has not come yet
    assert (await read(api, new["id"]))["renewedFrom"] == {"id": old["id"]}
    run = await run_daily(api, "2027-01-01")
    assert [(c["id"], c["status"]) for c in run["run"]["expiredContracts"]] == [(old["id"], "RENEWED")]
    metrics = await api('{ metrics(asOf: "2027-01-02") { renewalRate } }')
    assert metrics["metrics"]["renewalRate"] == "1.00"
