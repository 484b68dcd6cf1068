"""C9: amending an ACTIVATED contract through the API: the amendment quote, the order of prorated
deltas, the delta subscriptions on the same contract, and every refusal."""

from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes

AMENDMENT_QUOTE = """quote { id number type status isPrimary startDate contractVersion total
  contract { id number } opportunity { id }
  lines { id quantity unitPrice totalPrice startDate endDate effectiveTerm product { id sku } } }"""

AMENDMENT_ORDER = """orders { id type status totalAmount startDate endDate contract { id }
  items { quantity unitPrice totalPrice unproratedNetPrice startDate endDate product { sku } } }"""

CONTRACT = """query($id: ID!) { contract(id: $id) { id version status startDate endDate
  subscriptions { id quantity netPrice startDate endDate product { sku } revises { id } }
  amendments { id type } orders { id type } events { type version } } }"""


async def seats(api: Any, quantity: str = "10") -> dict:
    """DOMAIN C9's example: 10 seats at 1,200.00 for 2026-01-01..2026-12-31."""
    return await b.activated_contract(api, [("SEAT", "1200.00", quantity)])


async def amend(api: Any, contract_id: str, effective: str = "2026-07-01") -> dict:
    return await api.mutate("amendContract", {"contractId": contract_id, "effectiveDate": effective}, AMENDMENT_QUOTE)


async def set_quantity(api: Any, quote: dict, quantity: str, line: int = 0) -> dict:
    change = {"quoteLineId": quote["lines"][line]["id"], "quantity": quantity}
    return await api.mutate("updateQuote", {"quoteId": quote["id"], "updateLines": [change]}, AMENDMENT_QUOTE)


async def order_and_contract(api: Any, quote: dict) -> dict:
    orders = await api.mutate("createOrdersFromQuote", {"quoteId": quote["id"]}, AMENDMENT_ORDER)
    assert codes(orders) == []
    order = orders["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    contracted = await api.mutate("contractOrder", {"orderId": order["id"]}, "contract { id version }")
    assert codes(contracted) == []
    return order


async def contract_of(api: Any, contract_id: str) -> dict:
    return (await api(CONTRACT, {"id": contract_id}))["contract"]


async def test_c9_amendment_quote_holds_the_contract_co_terminated(api):
    setup = await seats(api)
    contract = setup["contract"]
    payload = await amend(api, contract["id"])
    assert codes(payload) == []
    quote = payload["quote"]
    assert (quote["type"], quote["status"], quote["isPrimary"]) == ("AMENDMENT", "DRAFT", True)
    assert quote["contract"]["id"] == contract["id"] and quote["contractVersion"] == contract["version"]
    assert quote["startDate"] == "2026-07-01"
    [line] = quote["lines"]
    assert (line["quantity"], line["unitPrice"], line["startDate"], line["endDate"]) == (
        "10.00",
        "1200.00",
        "2026-07-01",
        "2026-12-31",
    )
    opportunity = await api(
        "query($id: ID!) { opportunity(id: $id) { type contract { id } } }", {"id": quote["opportunity"]["id"]}
    )
    assert opportunity["opportunity"] == {"type": "AMENDMENT", "contract": {"id": contract["id"]}}
    assert [a["id"] for a in (await contract_of(api, contract["id"]))["amendments"]] == [quote["id"]]


async def test_c9_amendment_delta_is_prorated_by_days(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    assert codes(await set_quantity(api, quote, "15")) == []
    order = await order_and_contract(api, quote)
    assert order["type"] == "AMENDMENT" and order["contract"]["id"] == setup["contract"]["id"]
    [item] = order["items"]
    assert (item["quantity"], item["unitPrice"], item["totalPrice"]) == ("5.00", "1200.00", "3024.66")
    assert (item["startDate"], item["endDate"]) == ("2026-07-01", "2026-12-31")
    assert order["totalAmount"] == "3024.66"
    contract = await contract_of(api, setup["contract"]["id"])
    original, delta = sorted(contract["subscriptions"], key=lambda s: s["revises"] is not None)
    assert (delta["quantity"], delta["netPrice"], delta["startDate"], delta["endDate"]) == (
        "5.00",
        "1200.00",
        "2026-07-01",
        "2026-12-31",
    )
    assert delta["revises"] == {"id": original["id"]} and original["quantity"] == "10.00"
    assert contract["endDate"] == "2026-12-31" and contract["version"] == setup["contract"]["version"] + 1
    assert contract["events"][-1]["type"] == "AMENDED"


async def test_c9_a_decrease_is_a_negative_credit_line(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    await set_quantity(api, quote, "8")
    order = await order_and_contract(api, quote)
    [item] = order["items"]
    assert (item["quantity"], item["totalPrice"]) == ("-2.00", "-1209.86")
    contract = await contract_of(api, setup["contract"]["id"])
    assert sorted(s["quantity"] for s in contract["subscriptions"]) == ["-2.00", "10.00"]
    # The next amendment starts from the net quantity: 10 - 2.
    again = (await amend(api, setup["contract"]["id"], "2026-10-01"))["quote"]
    assert [line["quantity"] for line in again["lines"]] == ["8.00"]


async def test_c9_added_product_is_priced_for_the_whole_term_then_prorated(api):
    setup = await seats(api)
    support = await b.product(api, "SUPPORT", "RECURRING", "600.00", defaultSubscriptionTerm=12)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    added = await api.mutate(
        "updateQuote",
        {"quoteId": quote["id"], "addLines": [{"productId": support["id"], "quantity": "2"}]},
        AMENDMENT_QUOTE,
    )
    assert codes(added) == []
    new_line = next(x for x in added["quote"]["lines"] if x["product"]["sku"] == "SUPPORT")
    assert (new_line["unitPrice"], new_line["startDate"], new_line["endDate"], new_line["effectiveTerm"]) == (
        "600.00",
        "2026-07-01",
        "2026-12-31",
        12,
    )
    order = await order_and_contract(api, added["quote"])
    # Unchanged seats are dropped; 2 x 600.00 x 184 / 365 = 604.93.
    assert [(i["product"]["sku"], i["quantity"], i["totalPrice"]) for i in order["items"]] == [
        ("SUPPORT", "2.00", "604.93")
    ]
    contract = await contract_of(api, setup["contract"]["id"])
    new = next(s for s in contract["subscriptions"] if s["product"]["sku"] == "SUPPORT")
    assert (new["netPrice"], new["revises"]) == ("600.00", None)


async def test_c9_stale_amendment_is_a_version_conflict(api):
    setup = await seats(api)
    first = (await amend(api, setup["contract"]["id"]))["quote"]
    second = (await amend(api, setup["contract"]["id"], "2026-09-01"))["quote"]
    await set_quantity(api, first, "12")
    await set_quantity(api, second, "11")
    await order_and_contract(api, first)
    stale = await api.mutate("createOrdersFromQuote", {"quoteId": second["id"]}, AMENDMENT_ORDER)
    assert codes(stale) == ["VERSION_CONFLICT"] and not stale["orders"]


async def test_c9_amendment_ordered_before_another_contracted_conflicts_at_contracting(api):
    setup = await seats(api)
    first = (await amend(api, setup["contract"]["id"]))["quote"]
    second = (await amend(api, setup["contract"]["id"]))["quote"]
    await set_quantity(api, first, "12")
    await set_quantity(api, second, "11")
    late = (await api.mutate("createOrdersFromQuote", {"quoteId": second["id"]}, AMENDMENT_ORDER))["orders"][0]
    await order_and_contract(api, first)
    await api.ok("activateOrder", {"orderId": late["id"]}, "order { id }")
    refused = await api.mutate("contractOrder", {"orderId": late["id"]}, "contract { id }")
    assert codes(refused) == ["VERSION_CONFLICT"]
    contract = await contract_of(api, setup["contract"]["id"])
    assert sorted(s["quantity"] for s in contract["subscriptions"]) == ["10.00", "2.00"]


async def test_c9_net_quantity_below_zero_is_refused(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    assert codes(await set_quantity(api, quote, "-1")) == ["QUANTITY_BELOW_ZERO"]
    cancelled = await set_quantity(api, quote, "0")
    assert codes(cancelled) == [] and cancelled["quote"]["lines"][0]["quantity"] == "0.00"
    order = await order_and_contract(api, quote)
    assert [(i["quantity"], i["totalPrice"]) for i in order["items"]] == [("-10.00", "-6049.32")]


async def test_c9_effective_date_outside_the_contract_is_refused(api):
    setup = await seats(api)
    for day in ("2025-12-31", "2027-01-01"):
        payload = await amend(api, setup["contract"]["id"], day)
        assert codes(payload) == ["AMENDMENT_DATE_OUT_OF_RANGE"] and payload["quote"] is None
    assert (await contract_of(api, setup["contract"]["id"]))["amendments"] == []


async def test_c9_only_an_activated_contract_is_amended(api):
    setup = await seats(api)
    contract_id = setup["contract"]["id"]
    await api.ok(
        "terminateContract",
        {"contractId": contract_id, "terminationDate": "2026-06-30", "reason": "closing"},
        "contract { id }",
    )
    assert codes(await amend(api, contract_id)) == ["CONTRACT_NOT_ACTIVE"]


async def test_c9_an_amendment_that_changes_nothing_orders_nothing(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    payload = await api.mutate("createOrdersFromQuote", {"quoteId": quote["id"]}, AMENDMENT_ORDER)
    assert codes(payload) == ["VALIDATION_ERROR"]


async def test_c9_amending_ordering_and_contracting_take_the_same_statements_for_20_and_200_subscriptions(
    api, sql_counter
):
    async def statements(n: int) -> tuple[int, int, int]:
        setup = await b.activated_contract(api, [(f"P{n}-{i}", "100.00", "1") for i in range(n)])
        with sql_counter() as amending:
            quote = (await amend(api, setup["contract"]["id"]))["quote"]
        changes = [{"quoteLineId": line["id"], "quantity": "2"} for line in quote["lines"]]
        await api.ok("updateQuote", {"quoteId": quote["id"], "updateLines": changes}, "quote { id }")
        with sql_counter() as ordering:
            orders = await api.mutate("createOrdersFromQuote", {"quoteId": quote["id"]}, "orders { id }")
        assert codes(orders) == []
        order_id = orders["orders"][0]["id"]
        await api.ok("activateOrder", {"orderId": order_id}, "order { id }")
        with sql_counter() as contracting:
            assert codes(await api.mutate("contractOrder", {"orderId": order_id}, "contract { id }")) == []
        assert len((await contract_of(api, setup["contract"]["id"]))["subscriptions"]) == 2 * n
        return len(amending.statements), len(ordering.statements), len(contracting.statements)

    assert await statements(20) == await statements(200)


async def test_s3_c9_c10_another_accounts_contract_answers_not_found(api):
    setup = await seats(api)
    other = await b.account(api, name="Other")
    grant = {"role": "PARTNER", "accountIds": [other["id"]], "name": "p"}
    partner = (await api.ok("createApiKey", grant, "secret"))["secret"]
    contract_id = setup["contract"]["id"]
    amended = await api.mutate(
        "amendContract", {"contractId": contract_id, "effectiveDate": "2026-07-01"}, "quote { id }", key=partner
    )
    assert codes(amended) == ["NOT_FOUND"]
    line = {"productId": setup["products"]["SEAT"]["id"], "quantity": "1"}
    drawn = await api.mutate(
        "createOrderFromContract", {"contractId": contract_id, "lines": [line]}, "order { id }", key=partner
    )
    assert codes(drawn) == ["NOT_FOUND"]
    assert (await contract_of(api, contract_id))["amendments"] == []


async def test_c9_amend_contract_is_idempotent_with_a_key(api):
    setup = await seats(api)
    request = {"contractId": setup["contract"]["id"], "effectiveDate": "2026-07-01", "idempotencyKey": "amend-1"}
    first = await api.mutate("amendContract", request, "quote { id }")
    again = await api.mutate("amendContract", request, "quote { id }")
    assert codes(first) == [] and first == again
    assert len((await contract_of(api, setup["contract"]["id"]))["amendments"]) == 1


async def test_c9_preview_shows_the_prorated_deltas_and_writes_nothing(api):
    setup = await seats(api)
    quote = (await amend(api, setup["contract"]["id"]))["quote"]
    await set_quantity(api, quote, "15")
    query = """query($input: CreateOrdersFromQuoteInput!) { previewOrdersFromQuote(input: $input) {
      totalAmount errors { code } orders { items { quantity totalPrice } } } }"""
    preview = (await api(query, {"input": {"quoteId": quote["id"]}}))["previewOrdersFromQuote"]
    assert preview["errors"] == [] and preview["totalAmount"] == "3024.66"
    assert preview["orders"] == [{"items": [{"quantity": "5.00", "totalPrice": "3024.66"}]}]
    assert [o["type"] for o in (await contract_of(api, setup["contract"]["id"]))["orders"]] == ["NEW"]
