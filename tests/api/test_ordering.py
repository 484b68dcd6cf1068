"""O1-O12: orders from quotes (and direct orders) through the GraphQL API."""

import asyncio

import pytest

from tests.api import builders as b
from tests.conftest import requires_postgres


async def _simple(api, quantity="10", **quote_fields):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12, family="Software")
    return await b.sales_setup(
        api, [{"productId": sub["id"], "quantity": quantity}], startDate="2026-01-01", **quote_fields
    )


def codes(payload):
    return [e["code"] for e in payload["errors"]]


async def order_count(api):
    return (await api("{ orders { totalCount } }"))["orders"]["totalCount"]


async def test_o1_opportunity_without_primary_quote(api):
    sub = await b.product(api, "SUB")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    assert codes(await b.create_orders(api, {"opportunityId": opp["id"]})) == ["NO_PRIMARY_QUOTE"]
    await b.quote(api, opp["id"], [{"productId": sub["id"], "quantity": "1"}], primary=False)
    assert codes(await b.create_orders(api, {"opportunityId": opp["id"]})) == ["NO_PRIMARY_QUOTE"]


async def test_o1_quote_must_be_primary(api):
    setup = await _simple(api)
    sub_id = setup["quote"]["lines"][0]["product"]["id"]
    other = await b.quote(api, setup["opportunity"]["id"], [{"productId": sub_id, "quantity": "1"}], primary=False)
    assert codes(await b.create_orders(api, {"quoteId": other["id"]})) == ["QUOTE_NOT_PRIMARY"]
    payload = await b.create_orders(api, {"opportunityId": setup["opportunity"]["id"]})
    assert codes(payload) == [] and payload["orders"][0]["quote"]["id"] == setup["quote"]["id"]


async def test_o1_exactly_one_of_quote_and_opportunity(api):
    setup = await _simple(api)
    both = {"quoteId": setup["quote"]["id"], "opportunityId": setup["opportunity"]["id"]}
    assert codes(await b.create_orders(api, both)) == ["VALIDATION_ERROR"]
    assert codes(await b.create_orders(api, {})) == ["VALIDATION_ERROR"]


async def test_o1_unknown_or_malformed_ids_are_not_found(api):
    assert codes(await b.create_orders(api, {"quoteId": "00000000-0000-0000-0000-000000000000"})) == ["NOT_FOUND"]
    assert codes(await b.create_orders(api, {"quoteId": "garbage"})) == ["NOT_FOUND"]


async def test_o2_require_approved_quote(api):
    setup = await _simple(api)
    await b.set_settings(api, requireApprovedQuote=True)
    qid = setup["quote"]["id"]
    assert codes(await b.create_orders(api, {"quoteId": qid})) == ["QUOTE_NOT_APPROVED"]
    await api.ok("submitQuote", {"quoteId": qid}, "quote { id }")
    assert codes(await b.create_orders(api, {"quoteId": qid})) == ["QUOTE_NOT_APPROVED"]
    await api.ok("approveQuote", {"quoteId": qid}, "quote { id }")
    assert codes(await b.create_orders(api, {"quoteId": qid})) == []


async def test_o3_single_order_takes_every_line_once(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "2"}, {"productId": hw["id"], "quantity": "3", "optional": True}],
        startDate="2026-01-01",
    )
    payload = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(payload) == []
    (order,) = payload["orders"]
    assert [(i["product"]["sku"], i["quantity"]) for i in order["items"]] == [("SUB", "2.00"), ("HW", "3.00")]
    again = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(again) == ["QUOTE_ALREADY_ORDERED"]
    line_id = setup["quote"]["lines"][0]["id"]
    selection = await b.create_orders(
        api, {"quoteId": setup["quote"]["id"], "lines": [{"quoteLineId": line_id, "quantity": "1"}]}
    )
    assert codes(selection) == ["MULTIPLE_ORDERS_DISABLED"]
    assert await order_count(api) == 1


async def test_o4_partial_orders_never_exceed_quoted_quantity(api):
    setup = await _simple(api, quantity="10")
    await b.set_settings(api, allowMultipleOrders=True)
    line_id = setup["quote"]["lines"][0]["id"]
    qid = setup["quote"]["id"]
    first = await b.create_orders(api, {"quoteId": qid, "lines": [{"quoteLineId": line_id, "quantity": "4"}]})
    assert codes(first) == [] and first["orders"][0]["items"][0]["quantity"] == "4.00"
    too_many = await b.create_orders(api, {"quoteId": qid, "lines": [{"quoteLineId": line_id, "quantity": "7"}]})
    assert codes(too_many) == ["QUANTITY_EXCEEDS_REMAINING"]
    data = await api("query($id: ID!) { quote(id: $id) { lines { orderedQuantity remainingQuantity } } }", {"id": qid})
    assert data["quote"]["lines"][0] == {"orderedQuantity": "4.00", "remainingQuantity": "6.00"}
    rest = await b.create_orders(api, {"quoteId": qid})  # no selection: all that remains
    assert codes(rest) == [] and rest["orders"][0]["items"][0]["quantity"] == "6.00"
    assert codes(await b.create_orders(api, {"quoteId": qid})) == ["QUOTE_ALREADY_ORDERED"]


async def test_o4_invalid_quantities_and_foreign_lines(api):
    setup = await _simple(api)
    await b.set_settings(api, allowMultipleOrders=True)
    other = await _simple_other(api)
    line_id = setup["quote"]["lines"][0]["id"]
    qid = setup["quote"]["id"]
    for qty in ("0", "-1"):
        payload = await b.create_orders(api, {"quoteId": qid, "lines": [{"quoteLineId": line_id, "quantity": qty}]})
        assert codes(payload) == ["INVALID_QUANTITY"]
        assert payload["errors"][0]["field"] == "lines[0].quantity"
    foreign = other["lines"][0]["id"]
    payload = await b.create_orders(api, {"quoteId": qid, "lines": [{"quoteLineId": foreign, "quantity": "1"}]})
    assert codes(payload) == ["NOT_FOUND"]
    assert await order_count(api) == 0


async def _simple_other(api):
    prod = await b.product(api, "OTHER")
    acc = await b.account(api, name="Other")
    opp = await b.opportunity(api, acc["id"])
    return await b.quote(api, opp["id"], [{"productId": prod["id"], "quantity": "1"}])


@requires_postgres
async def test_o4_concurrent_partial_orders_never_exceed_quoted_quantity(api):
    setup = await _simple(api, quantity="10")
    await b.set_settings(api, allowMultipleOrders=True)
    line_id = setup["quote"]["lines"][0]["id"]
    request = {"quoteId": setup["quote"]["id"], "lines": [{"quoteLineId": line_id, "quantity": "1"}]}
    results = await asyncio.gather(*(b.create_orders(api, request) for _ in range(24)))
    outcomes = sorted(tuple(codes(r)) for r in results)
    assert outcomes.count(()) == 10
    assert outcomes.count(("QUANTITY_EXCEEDS_REMAINING",)) == 14
    data = await api(
        "query($id: ID!) { quote(id: $id) { lines { orderedQuantity } } orders { totalCount } }",
        {"id": setup["quote"]["id"]},
    )
    assert data["quote"]["lines"][0]["orderedQuantity"] == "10.00"
    assert data["orders"]["totalCount"] == 10


@pytest.mark.parametrize(
    "order_by,expected",
    [
        ("PRODUCT_FAMILY", [["A1", "A2"], ["B1"], ["N1"]]),
        ("PRODUCT_TYPE", [["A1", "B1", "N1"], ["A2"]]),
    ],
)
async def test_o5_split_by_order_by_field(api, order_by, expected):
    a1 = await b.product(api, "A1", "RECURRING", family="Alpha")
    a2 = await b.product(api, "A2", "ONE_TIME", family="Alpha")
    b1 = await b.product(api, "B1", "RECURRING", family="Beta")
    n1 = await b.product(api, "N1", "RECURRING")
    setup = await b.sales_setup(
        api,
        [{"productId": p["id"], "quantity": "1"} for p in (a1, a2, b1, n1)],
        startDate="2026-01-01",
        orderBy=order_by,
    )
    payload = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(payload) == []
    assert [[i["product"]["sku"] for i in o["items"]] for o in payload["orders"]] == expected


async def test_o5_split_by_group_with_components_following_parent(api):
    part = await b.product(api, "PART", "ONE_TIME", "5.00")
    kit = (
        await api.ok(
            "createProduct",
            {"sku": "KIT", "name": "Kit", "type": "ONE_TIME", "listPrice": "50", "componentIds": [part["id"]]},
            "product { id }",
        )
    )["product"]
    sub = await b.product(api, "SUB")
    setup = await b.sales_setup(
        api,
        [
            {"productId": kit["id"], "quantity": "1", "groupKey": "g1"},
            {"productId": sub["id"], "quantity": "1", "groupKey": "g2"},
            {"productId": sub["id"], "quantity": "2"},
        ],
        startDate="2026-01-01",
        orderByQuoteLineGroup=True,
        groups=[{"key": "g1", "name": "One"}, {"key": "g2", "name": "Two"}],
    )
    await b.set_settings(api, allowMultipleOrders=True)
    payload = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(payload) == []
    orders = payload["orders"]
    assert [[i["product"]["sku"] for i in o["items"]] for o in orders] == [["KIT", "PART"], ["SUB"], ["SUB"]]
    kit_item, part_item = orders[0]["items"]
    assert part_item["requiredBy"]["id"] == kit_item["id"]  # O6


async def test_o6_o7_items_and_header_copy_from_quote(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=6)
    acc = await b.account(api, paymentTerms="Net 30")
    opp = await b.opportunity(api, acc["id"])
    q = await b.quote(
        api,
        opp["id"],
        [
            {
                "productId": sub["id"],
                "quantity": "2",
                "unitPrice": "120.00",
                "subscriptionTerm": 12,
                "discountSchedule": {"tiers": [{"from": 1, "discount": 5}]},
            },
            {"productId": sub["id"], "quantity": "1", "billingFrequency": "MONTHLY"},
        ],
        startDate="2026-01-01",
        billingFrequency="ANNUAL",
        renewalUpliftPercent="3.5",
        renewalTerm=12,
        currency="USD",
    )
    payload = await b.create_orders(api, {"quoteId": q["id"]})
    (order,) = payload["orders"]
    assert order["account"]["id"] == acc["id"] and order["opportunity"]["id"] == opp["id"]
    assert order["quote"]["id"] == q["id"] and order["type"] == "NEW" and order["status"] == "DRAFT"
    assert (order["currency"], order["paymentTerms"], order["billingFrequency"]) == ("USD", "Net 30", "ANNUAL")
    assert (order["renewalUpliftPercent"], order["renewalTerm"]) == ("3.50", 12)
    first, second = order["items"]
    assert first["quoteLine"]["id"] == q["lines"][0]["id"]
    assert (first["quantity"], first["listPrice"], first["unitPrice"], first["totalPrice"]) == (
        "2.00",
        "120.00",
        "120.00",
        "240.00",
    )
    assert first["billingFrequency"] == "ANNUAL"  # blank on the line -> the quote's
    assert second["billingFrequency"] == "MONTHLY"
    assert first["discountSchedule"] == {"tiers": [{"from": 1, "discount": 5}]}
    # O10: unprorated net price = 120 / 12 x 6 = 60.00
    assert first["unproratedNetPrice"] == "60.00"
    assert order["totalAmount"] == "360.00"  # 240 + 1 x 120 (second line: product default term 6)


async def test_o8_order_start_shifts_items_keeping_their_term(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api, [{"productId": sub["id"], "quantity": "1", "startDate": "2016-07-01", "endDate": "2017-06-30"}]
    )
    payload = await b.create_orders(api, {"quoteId": setup["quote"]["id"], "orderStartDate": "2016-08-01"})
    (order,) = payload["orders"]
    item = order["items"][0]
    assert (item["startDate"], item["endDate"]) == ("2016-08-01", "2017-07-31")
    assert (order["startDate"], order["endDate"]) == ("2016-08-01", "2017-07-31")


async def test_o8_staggered_lines_keep_their_offsets_and_undated_items(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "1", "startDate": "2026-01-01"},
            {"productId": sub["id"], "quantity": "1", "startDate": "2026-03-01"},
            {"productId": hw["id"], "quantity": "1"},
        ],
    )
    (order,) = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    assert order["startDate"] == "2026-01-01"  # earliest line start
    dates = [(i["startDate"], i["endDate"]) for i in order["items"]]
    assert dates == [("2026-01-01", "2026-12-31"), ("2026-03-01", "2027-02-28"), (None, None)]
    assert order["endDate"] == "2027-02-28"


async def test_o8_order_without_dated_lines_starts_today(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(api, [{"productId": hw["id"], "quantity": "1"}])
    (order,) = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    import datetime

    assert order["startDate"] == datetime.datetime.now(datetime.UTC).date().isoformat()
    assert order["endDate"] is None


async def test_o9_later_segment_starts_after_earlier_segment_ordered_elsewhere(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api,
        [
            {
                "productId": sub["id"],
                "quantity": "1",
                "startDate": "2026-01-01",
                "endDate": "2026-12-31",
                "segmentKey": "mdq",
                "segmentIndex": 1,
            },
            {
                "productId": sub["id"],
                "quantity": "1",
                "startDate": "2027-01-01",
                "endDate": "2027-12-31",
                "segmentKey": "mdq",
                "segmentIndex": 2,
            },
        ],
    )
    await b.set_settings(api, allowMultipleOrders=True)
    y1, y2 = setup["quote"]["lines"]
    qid = setup["quote"]["id"]
    first = await b.create_orders(
        api, {"quoteId": qid, "orderStartDate": "2026-02-01", "lines": [{"quoteLineId": y1["id"], "quantity": "1"}]}
    )
    assert first["orders"][0]["items"][0]["endDate"] == "2027-01-31"
    second = await b.create_orders(
        api, {"quoteId": qid, "orderStartDate": "2026-06-01", "lines": [{"quoteLineId": y2["id"], "quantity": "1"}]}
    )
    item = second["orders"][0]["items"][0]
    # max(new order start, earlier segment end + 1 day), keeping the segment's length
    assert (item["startDate"], item["endDate"]) == ("2027-02-01", "2028-01-31")


async def test_o9_overlapping_segments_are_refused(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    payload = await api.mutate(
        "createQuote",
        {
            "opportunityId": opp["id"],
            "lines": [
                {
                    "productId": sub["id"],
                    "quantity": "1",
                    "startDate": "2026-01-01",
                    "endDate": "2026-12-31",
                    "segmentKey": "mdq",
                    "segmentIndex": 1,
                },
                {
                    "productId": sub["id"],
                    "quantity": "1",
                    "startDate": "2026-12-31",
                    "endDate": "2027-12-31",
                    "segmentKey": "mdq",
                    "segmentIndex": 2,
                },
            ],
        },
        "quote { id }",
    )
    assert codes(payload) == ["SEGMENT_OVERLAP"]


async def test_o9_segment_edit_on_order_cannot_overlap(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api,
        [
            {
                "productId": sub["id"],
                "quantity": "1",
                "startDate": "2026-01-01",
                "endDate": "2026-12-31",
                "segmentKey": "mdq",
                "segmentIndex": 1,
            },
            {
                "productId": sub["id"],
                "quantity": "1",
                "startDate": "2027-01-01",
                "endDate": "2027-12-31",
                "segmentKey": "mdq",
                "segmentIndex": 2,
            },
        ],
    )
    (order,) = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    later = order["items"][1]
    payload = await api.mutate(
        "updateOrder",
        {"orderId": order["id"], "version": 1, "items": [{"orderItemId": later["id"], "startDate": "2026-12-01"}]},
        "order { id }",
    )
    assert codes(payload) == ["SEGMENT_OVERLAP"]


async def test_o11_preview_matches_create_and_writes_nothing(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", family="Software")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00", family="Hardware")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "2"}, {"productId": hw["id"], "quantity": "3"}],
        startDate="2026-01-01",
        orderBy="PRODUCT_FAMILY",
    )
    query = """query($input: CreateOrdersFromQuoteInput!) { previewOrdersFromQuote(input: $input) {
      totalAmount errors { code } orders { splitKey startDate endDate totalAmount currency
        items { quantity unitPrice totalPrice startDate endDate product { sku } quoteLine { id } } } } }"""
    preview = (await api(query, {"input": {"quoteId": setup["quote"]["id"]}}))["previewOrdersFromQuote"]
    assert preview["errors"] == [] and len(preview["orders"]) == 2
    assert await order_count(api) == 0
    created = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    assert [(o["startDate"], o["endDate"], o["totalAmount"]) for o in created] == [
        (o["startDate"], o["endDate"], o["totalAmount"]) for o in preview["orders"]
    ]
    assert preview["totalAmount"] == "270.00"
    again = (await api(query, {"input": {"quoteId": setup["quote"]["id"]}}))["previewOrdersFromQuote"]
    assert [e["code"] for e in again["errors"]] == ["QUOTE_ALREADY_ORDERED"]


async def test_o12_direct_order_from_price_book(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    acc = await b.account(api, paymentTerms="Net 15")
    payload = await api.ok(
        "createOrder",
        {
            "accountId": acc["id"],
            "startDate": "2026-01-01",
            "items": [
                {"productId": sub["id"], "quantity": "2", "subscriptionTerm": 24},
                {"productId": hw["id"], "quantity": "1", "unitPrice": "8.00"},
            ],
        },
        f"order {{ {b.ORDER_FIELDS} }}",
    )
    order = payload["order"]
    assert order["quote"] is None and order["status"] == "DRAFT" and order["paymentTerms"] == "Net 15"
    sub_item, hw_item = order["items"]
    assert (sub_item["unitPrice"], sub_item["startDate"], sub_item["endDate"]) == ("240.00", "2026-01-01", "2027-12-31")
    assert hw_item["totalPrice"] == "8.00"
    assert order["totalAmount"] == "488.00"
    # later rules apply alike (D1/D5)
    updated = await api.ok(
        "updateOrder", {"orderId": order["id"], "version": 1, "poNumber": "PO-7"}, "order { poNumber version }"
    )
    assert updated["order"] == {"poNumber": "PO-7", "version": 2}


async def test_o12_direct_order_bad_input(api):
    acc = await b.account(api)
    no_price = await b.product(api, "NOPRICE", "ONE_TIME", None)
    cases = [
        ({"accountId": acc["id"], "items": []}, "VALIDATION_ERROR"),
        ({"accountId": acc["id"], "items": [{"productId": no_price["id"], "quantity": "1"}]}, "VALIDATION_ERROR"),
        (
            {"accountId": acc["id"], "items": [{"productId": no_price["id"], "quantity": "0", "unitPrice": "1"}]},
            "INVALID_QUANTITY",
        ),
        (
            {
                "accountId": "00000000-0000-0000-0000-000000000000",
                "items": [{"productId": no_price["id"], "quantity": "1"}],
            },
            "NOT_FOUND",
        ),
    ]
    for input, code in cases:
        assert codes(await api.mutate("createOrder", input, "order { id }")) == [code], input
    assert await order_count(api) == 0
