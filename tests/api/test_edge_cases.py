"""Edge cases found by an adversarial review, each pinned to the rule it concerns."""

import base64
import json

from tests.api import builders as b
from tests.api.test_ordering import codes

ORDER = (
    f"order {{ {b.ORDER_FIELDS} status version contract {{ startDate endDate subscriptions {{ quantity startDate }} }}"
    " account { assets { status quantity product { sku } } } }"
)


async def _mdq_quote(api, segments=2, **quote_fields):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    lines = [
        {
            "productId": sub["id"],
            "quantity": "1",
            "startDate": f"{2026 + i}-01-01",
            "endDate": f"{2026 + i}-12-31",
            "segmentKey": "mdq",
            "segmentIndex": i + 1,
        }
        for i in range(segments)
    ]
    return await b.sales_setup(api, lines, **quote_fields)


async def test_o3_after_a_cancelled_partly_shipped_order_only_the_rest_is_ordered(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(api, [{"productId": hw["id"], "quantity": "10"}])
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    await api.ok(
        "shipOrderItems",
        {"orderId": order["id"], "items": [{"orderItemId": order["items"][0]["id"], "quantity": "4"}]},
        "order { id }",
    )
    await api.ok("cancelOrder", {"orderId": order["id"], "reason": "stop"}, "order { id }")
    again = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(again) == [] and again["orders"][0]["items"][0]["quantity"] == "6.00"
    data = await api("query($q: ID!) { quote(id: $q) { lines { remainingQuantity } } }", {"q": setup["quote"]["id"]})
    assert data["quote"]["lines"][0]["remainingQuantity"] == "0.00"


async def test_o9_segments_split_into_orders_of_one_call_follow_each_other(api):
    setup = await _mdq_quote(api, orderBy="START_DATE")
    payload = await b.create_orders(api, {"quoteId": setup["quote"]["id"], "orderStartDate": "2026-03-01"})
    assert codes(payload) == []
    first, second = (o["items"][0] for o in payload["orders"])
    assert (first["startDate"], first["endDate"]) == ("2026-03-01", "2027-02-28")
    assert (second["startDate"], second["endDate"]) == ("2027-03-01", "2028-02-28")


async def test_o9_segments_ordered_together_after_an_earlier_segment(api):
    setup = await _mdq_quote(api, segments=3)
    await b.set_settings(api, allowMultipleOrders=True)
    s1, s2, s3 = setup["quote"]["lines"]
    qid = setup["quote"]["id"]
    await b.create_orders(
        api, {"quoteId": qid, "orderStartDate": "2026-03-01", "lines": [{"quoteLineId": s1["id"], "quantity": "1"}]}
    )
    payload = await b.create_orders(
        api,
        {
            "quoteId": qid,
            "orderStartDate": "2026-03-01",
            "lines": [{"quoteLineId": s2["id"], "quantity": "1"}, {"quoteLineId": s3["id"], "quantity": "1"}],
        },
    )
    assert codes(payload) == []
    items = payload["orders"][0]["items"]
    assert [(i["startDate"], i["endDate"]) for i in items] == [
        # each segment starts the day after the previous one ends (2028 is a leap year)
        ("2027-03-01", "2028-02-28"),
        ("2028-02-29", "2029-02-28"),
    ]


async def test_dates_and_terms_out_of_range_are_validation_errors(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    for extra in ({"subscriptionTerm": 2000000}, {"startDate": "9999-12-01"}):
        payload = await api.mutate(
            "createQuote",
            {"opportunityId": opp["id"], "lines": [{"productId": sub["id"], "quantity": "1"}], **extra},
            "quote { id }",
        )
        assert codes(payload) == ["VALIDATION_ERROR"], extra
    direct = await api.mutate(
        "createOrder",
        {"accountId": acc["id"], "items": [{"productId": sub["id"], "quantity": "1", "subscriptionTerm": 2000000}]},
        "order { id }",
    )
    assert codes(direct) == ["VALIDATION_ERROR"]
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}], startDate="2026-01-01")
    preview = await api(
        'query($q: ID!) { previewOrdersFromQuote(input: {quoteId: $q, orderStartDate: "9999-06-01"})'
        " { errors { code } } }",
        {"q": setup["quote"]["id"]},
    )
    assert [e["code"] for e in preview["previewOrdersFromQuote"]["errors"]] == ["VALIDATION_ERROR"]
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    moved = await api.mutate(
        "updateOrder", {"orderId": order["id"], "version": 1, "startDate": "9999-06-01"}, "order { id }"
    )
    assert codes(moved) == ["VALIDATION_ERROR"]


async def test_bad_cursors_and_precision_are_validation_errors(api):
    huge = await api.raw('{ orderEvents(after: "99999999999999999999999") { totalCount } }')
    assert huge.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    forged = base64.urlsafe_b64encode(json.dumps(["x", "00000000-0000-0000-0000-000000000000"]).encode()).decode()
    bad = await api.raw(
        "query($a: String) { orders(after: $a, sort: {field: TOTAL_AMOUNT}) { totalCount } }", {"a": forged}
    )
    assert bad.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    negative = await api.raw("{ orderEvents(first: -1) { totalCount } }")
    assert negative.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    tiny = await api.raw('mutation { createAccount(input: {name: "x", creditLimit: "0.0000001"}) { errors { code } } }')
    assert tiny.json()["errors"] and "six decimal places" in tiny.text


async def test_o12_direct_orders_refuse_negative_prices_and_zero_terms(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    acc = await b.account(api)
    for item in ({"unitPrice": "-100"}, {"listPrice": "-50"}, {"subscriptionTerm": 0}):
        payload = await api.mutate(
            "createOrder",
            {"accountId": acc["id"], "items": [{"productId": sub["id"], "quantity": "1", **item}]},
            "order { id }",
        )
        assert codes(payload) == ["VALIDATION_ERROR"], item


async def _two_item_order(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    kit = await b.product(api, "KIT", "ONE_TIME", "20.00")
    acc = await b.account(api)
    order = (
        await api.ok(
            "createOrder",
            {
                "accountId": acc["id"],
                "items": [{"productId": hw["id"], "quantity": "2"}, {"productId": kit["id"], "quantity": "2"}],
            },
            "order { id items { id } }",
        )
    )["order"]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    shipped = await api.ok(
        "shipOrderItems",
        {"orderId": order["id"], "items": [{"orderItemId": order["items"][0]["id"], "quantity": "2"}]},
        "order { version }",
    )
    return order, shipped["order"]["version"]


async def test_i2_cancel_keeps_the_assets_of_shipped_items(api):
    order, _ = await _two_item_order(api)
    cancelled = (await api.ok("cancelOrder", {"orderId": order["id"], "reason": "r"}, ORDER))["order"]
    assets = {a["product"]["sku"]: a["status"] for a in cancelled["account"]["assets"]}
    assert assets == {"HW": "PURCHASED", "KIT": "CANCELLED"}


async def test_a4_a_change_that_leaves_everything_shipped_fulfils_the_order(api):
    order, version = await _two_item_order(api)
    changed = (
        await api.ok(
            "changeOrder",
            {"orderId": order["id"], "version": version, "cancelItemIds": [order["items"][1]["id"]]},
            ORDER,
        )
    )["order"]
    assert changed["status"] == "FULFILLED"
    assets = {a["product"]["sku"]: a["status"] for a in changed["account"]["assets"]}
    assert assets == {"HW": "INSTALLED", "KIT": "CANCELLED"}
    assert (await api.ok("completeOrder", {"orderId": order["id"]}, "order { status }"))["order"][
        "status"
    ] == "COMPLETED"


async def test_c5_contracting_again_brings_the_contract_up_to_date(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    acc = await b.account(api)
    order = (
        await api.ok(
            "createOrder",
            {"accountId": acc["id"], "startDate": "2026-01-01", "items": [{"productId": sub["id"], "quantity": "5"}]},
            "order { id items { id } }",
        )
    )["order"]
    oid = order["id"]
    for name in ("activateOrder", "contractOrder", "uncontractOrder", "deactivateOrder"):
        await api.ok(name, {"orderId": oid}, "order { id }")
    version = (await api("query($id: ID!) { order(id: $id) { version } }", {"id": oid}))["order"]["version"]
    await api.ok(
        "updateOrder",
        {
            "orderId": oid,
            "version": version,
            "startDate": "2026-03-01",
            "items": [{"orderItemId": order["items"][0]["id"], "quantity": "9"}],
        },
        "order { id }",
    )
    await api.ok("activateOrder", {"orderId": oid}, "order { id }")
    contracted = (await api.ok("contractOrder", {"orderId": oid}, ORDER))["order"]
    contract = contracted["contract"]
    assert (contract["startDate"], contract["endDate"]) == ("2026-03-01", "2027-02-28")
    assert contract["subscriptions"] == [{"quantity": "9.00", "startDate": "2026-03-01"}]


async def test_d3_an_added_item_cannot_start_before_the_order(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    acc = await b.account(api)
    order = (
        await api.ok(
            "createOrder",
            {"accountId": acc["id"], "startDate": "2026-01-01", "items": [{"productId": sub["id"], "quantity": "1"}]},
            "order { id }",
        )
    )["order"]
    activated = await api.ok("activateOrder", {"orderId": order["id"]}, "order { version }")
    payload = await api.mutate(
        "changeOrder",
        {
            "orderId": order["id"],
            "version": activated["order"]["version"],
            "addItems": [{"productId": sub["id"], "quantity": "1", "startDate": "2025-06-01"}],
        },
        "order { id }",
    )
    assert codes(payload) == ["ORDER_START_AFTER_ITEM_START"]


async def test_d2_an_end_set_by_hand_survives_unrelated_edits_and_moves_with_the_start(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    acc = await b.account(api)
    order = (
        await api.ok(
            "createOrder",
            {"accountId": acc["id"], "startDate": "2026-01-01", "items": [{"productId": sub["id"], "quantity": "1"}]},
            "order { id }",
        )
    )["order"]
    await api.ok("updateOrder", {"orderId": order["id"], "version": 1, "endDate": "2027-06-30"}, "order { id }")
    kept = await api.ok("updateOrder", {"orderId": order["id"], "version": 2, "poNumber": "PO-1"}, "order { endDate }")
    assert kept["order"]["endDate"] == "2027-06-30"
    moved = await api.ok(
        "updateOrder", {"orderId": order["id"], "version": 3, "startDate": "2026-02-01"}, "order { endDate }"
    )
    assert moved["order"]["endDate"] == "2027-07-31"
