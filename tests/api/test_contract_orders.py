"""C10: partial orders from a contract's price agreement, capped per product like O4."""

import asyncio
from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes
from tests.conftest import requires_postgres

ORDER = """order { id type status drawnFromContract totalAmount contract { id }
  items { quantity unitPrice totalPrice product { sku } } }"""


async def agreement(api: Any) -> dict:
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10"), ("SUPPORT", "300.00", "4")])
    setup["ids"] = {sku: p["id"] for sku, p in setup["products"].items()}
    return setup


async def draw(api: Any, contract_id: str, lines: list[tuple[str, str]]) -> dict:
    request = {"contractId": contract_id, "lines": [{"productId": p, "quantity": q} for p, q in lines]}
    return await api.mutate("createOrderFromContract", request, ORDER)


async def remaining(api: Any, contract_id: str) -> dict:
    data = await api(
        "query($id: ID!) { contract(id: $id) { subscriptions { quantity orderedQuantity product { sku } } } }",
        {"id": contract_id},
    )
    return {s["product"]["sku"]: (s["quantity"], s["orderedQuantity"]) for s in data["contract"]["subscriptions"]}


async def test_c10_orders_contract_products_at_contract_prices(api):
    setup = await agreement(api)
    contract_id = setup["contract"]["id"]
    payload = await draw(api, contract_id, [(setup["ids"]["SEAT"], "3"), (setup["ids"]["SUPPORT"], "1")])
    assert codes(payload) == []
    order = payload["order"]
    assert (order["status"], order["drawnFromContract"], order["contract"]["id"]) == ("DRAFT", True, contract_id)
    assert [(i["product"]["sku"], i["quantity"], i["unitPrice"], i["totalPrice"]) for i in order["items"]] == [
        ("SEAT", "3.00", "1200.00", "3600.00"),
        ("SUPPORT", "1.00", "300.00", "300.00"),
    ]
    assert order["totalAmount"] == "3900.00"
    assert await remaining(api, contract_id) == {"SEAT": ("10.00", "3.00"), "SUPPORT": ("4.00", "1.00")}
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    again = await api.mutate("contractOrder", {"orderId": order["id"]}, "contract { id }")
    assert codes(again) == ["ALREADY_CONTRACTED"]


async def test_c10_quantity_beyond_what_remains_is_refused(api):
    setup = await agreement(api)
    contract_id, seat = setup["contract"]["id"], setup["ids"]["SEAT"]
    assert codes(await draw(api, contract_id, [(seat, "7")])) == []
    refused = await draw(api, contract_id, [(seat, "4")])
    assert codes(refused) == ["QUANTITY_EXCEEDS_REMAINING"] and refused["order"] is None
    assert codes(await draw(api, contract_id, [(seat, "3")])) == []
    assert (await remaining(api, contract_id))["SEAT"] == ("10.00", "10.00")


async def test_c10_product_not_on_the_contract_and_bad_quantities(api):
    setup = await agreement(api)
    other = await b.product(api, "OTHER", "RECURRING", "10.00")
    contract_id = setup["contract"]["id"]
    payload = await draw(api, contract_id, [(other["id"], "1"), (setup["ids"]["SEAT"], "0")])
    assert codes(payload) == ["PRODUCT_NOT_ON_CONTRACT", "INVALID_QUANTITY"]
    assert (await remaining(api, contract_id))["SEAT"] == ("10.00", "0.00")


async def test_c10_only_an_activated_contract_is_ordered_from(api):
    setup = await agreement(api)
    contract_id = setup["contract"]["id"]
    await api.ok(
        "terminateContract",
        {"contractId": contract_id, "terminationDate": "2026-03-31", "reason": "closing"},
        "contract { id }",
    )
    assert codes(await draw(api, contract_id, [(setup["ids"]["SEAT"], "1")])) == ["CONTRACT_NOT_ACTIVE"]


@requires_postgres
async def test_c10_concurrent_orders_never_exceed_the_agreement(api):
    setup = await agreement(api)
    contract_id, seat = setup["contract"]["id"], setup["ids"]["SEAT"]
    results = await asyncio.gather(*(draw(api, contract_id, [(seat, "1")]) for _ in range(16)))
    outcomes = sorted(tuple(codes(r)) for r in results)
    assert outcomes.count(()) == 10
    assert outcomes.count(("QUANTITY_EXCEEDS_REMAINING",)) == 6
    assert (await remaining(api, contract_id))["SEAT"] == ("10.00", "10.00")


async def test_c10_editing_or_cancelling_a_drawn_order_moves_the_agreement(api):
    setup = await agreement(api)
    contract_id, seat = setup["contract"]["id"], setup["ids"]["SEAT"]
    order = (await draw(api, contract_id, [(seat, "6")]))["order"]
    item_query = "query($id: ID!) { order(id: $id) { version items { id } } }"
    got = (await api(item_query, {"id": order["id"]}))["order"]
    edit = {"orderId": order["id"], "version": got["version"], "items": [{"orderItemId": got["items"][0]["id"]}]}
    too_many = await api.mutate("updateOrder", {**edit, "items": [{**edit["items"][0], "quantity": "11"}]}, ORDER)
    assert codes(too_many) == ["QUANTITY_EXCEEDS_REMAINING"]
    fewer = await api.mutate("updateOrder", {**edit, "items": [{**edit["items"][0], "quantity": "4"}]}, ORDER)
    assert codes(fewer) == [] and (await remaining(api, contract_id))["SEAT"] == ("10.00", "4.00")
    cancelled = await api.mutate("cancelOrder", {"orderId": order["id"], "reason": "not needed"}, ORDER)
    assert codes(cancelled) == [] and (await remaining(api, contract_id))["SEAT"] == ("10.00", "0.00")
    assert codes(await draw(api, contract_id, [(seat, "10")])) == []
