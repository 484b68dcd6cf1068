"""R1: moving an opportunity to `orderOnStage` orders its primary quote in the same transaction; an O
rule's refusal refuses the stage change with that rule's code and writes nothing."""

from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes

OPPORTUNITY = "opportunity { id stage orders { id type status totalAmount items { quantity } } }"


async def stage(api: Any, opportunity_id: str, to: str) -> dict:
    return await api.mutate("updateOpportunityStage", {"opportunityId": opportunity_id, "stage": to}, OPPORTUNITY)


async def setup_with_quote(api: Any, **quote_fields: Any) -> dict:
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    return await b.sales_setup(api, [{"productId": sub["id"], "quantity": "3"}], startDate="2026-01-01", **quote_fields)


async def stage_of(api: Any, opportunity_id: str) -> str:
    return (await api(f'{{ opportunity(id: "{opportunity_id}") {{ stage }} }}'))["opportunity"]["stage"]


async def test_r1_closed_won_orders_the_primary_quote_in_the_same_transaction(api):
    setup = await setup_with_quote(api)
    won = await stage(api, setup["opportunity"]["id"], "CLOSED_WON")
    assert codes(won) == []
    (order,) = won["opportunity"]["orders"]
    assert (order["type"], order["status"], order["totalAmount"]) == ("NEW", "DRAFT", "360.00")
    again = await stage(api, setup["opportunity"]["id"], "CLOSED_WON")  # no stage move: no second order
    assert codes(again) == [] and len(again["opportunity"]["orders"]) == 1


async def test_r1_other_stages_order_nothing_and_null_turns_it_off(api):
    setup = await setup_with_quote(api)
    assert (await stage(api, setup["opportunity"]["id"], "NEGOTIATION"))["opportunity"]["orders"] == []
    await api.ok("updateSettings", {"orderOnStage": None}, "settings { orderOnStage }")
    assert (await stage(api, setup["opportunity"]["id"], "CLOSED_WON"))["opportunity"]["orders"] == []


async def test_r1_order_on_a_configured_stage(api):
    await api.ok("updateSettings", {"orderOnStage": "NEGOTIATION"}, "settings { orderOnStage }")
    setup = await setup_with_quote(api)
    assert len((await stage(api, setup["opportunity"]["id"], "NEGOTIATION"))["opportunity"]["orders"]) == 1


async def test_r1_a_refusal_refuses_the_stage_change_and_writes_nothing(api):
    acc = await b.account(api)
    bare = await b.opportunity(api, acc["id"])
    refused = await stage(api, bare["id"], "CLOSED_WON")
    assert codes(refused) == ["NO_PRIMARY_QUOTE"] and refused["opportunity"] is None
    assert await stage_of(api, bare["id"]) == "PROSPECTING"
    await b.set_settings(api, requireApprovedQuote=True)
    setup = await setup_with_quote(api)
    refused = await stage(api, setup["opportunity"]["id"], "CLOSED_WON")
    assert codes(refused) == ["QUOTE_NOT_APPROVED"]
    assert await stage_of(api, setup["opportunity"]["id"]) == "PROSPECTING"
    assert (await api("{ orders { totalCount } }"))["orders"]["totalCount"] == 0


async def test_r1_a_quote_ordered_already_refuses_with_o3(api):
    setup = await setup_with_quote(api)
    await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    refused = await stage(api, setup["opportunity"]["id"], "CLOSED_WON")
    assert codes(refused) == ["QUOTE_ALREADY_ORDERED"]
    assert await stage_of(api, setup["opportunity"]["id"]) == "PROSPECTING"
