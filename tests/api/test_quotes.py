"""Q1-Q7: quotes through the GraphQL API."""

from tests.api import builders as b


async def test_q3_unit_price_prorated_by_term_and_discount(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "50.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "2", "discountPercent": "10", "subscriptionTerm": 24},
            {"productId": hw["id"], "quantity": "3", "discountPercent": "20"},
            {"productId": hw["id"], "quantity": "1", "optional": True},
        ],
        startDate="2026-01-01",
    )
    sub_line, hw_line, optional_line = setup["quote"]["lines"]
    # 120 x 0.9 x 24/12 = 216; ONE_TIME: 50 x 0.8 = 40, not prorated.
    assert sub_line["unitPrice"] == "216.00" and sub_line["totalPrice"] == "432.00"
    assert hw_line["unitPrice"] == "40.00" and hw_line["totalPrice"] == "120.00"
    # Optional lines are not in the quote total.
    assert optional_line["totalPrice"] == "50.00"
    assert setup["quote"]["total"] == "552.00"


async def test_q3_effective_term_from_dates_rounds_partial_months_up(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "1", "startDate": "2017-01-01", "endDate": "2018-01-10"},
            {"productId": sub["id"], "quantity": "1", "startDate": "2016-07-01", "endDate": "2017-06-30"},
        ],
        subscriptionTerm=36,
    )
    first, second = setup["quote"]["lines"]
    assert first["effectiveTerm"] == 13 and first["unitPrice"] == "130.00"
    assert second["effectiveTerm"] == 12 and second["unitPrice"] == "120.00"


async def test_q3_term_precedence_line_group_quote_product(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    q = await b.quote(
        api,
        opp["id"],
        [
            {"productId": sub["id"], "quantity": "1", "subscriptionTerm": 6},
            {"productId": sub["id"], "quantity": "1", "groupKey": "g"},
            {"productId": sub["id"], "quantity": "1"},
        ],
        subscriptionTerm=24,
        groups=[{"key": "g", "name": "Group", "subscriptionTerm": 18}],
        startDate="2026-01-01",
    )
    assert [line["effectiveTerm"] for line in q["lines"]] == [6, 18, 24]
    assert [line["unitPrice"] for line in q["lines"]] == ["60.00", "180.00", "240.00"]


async def test_q4_group_values_copied_to_lines(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    q = await b.quote(
        api,
        opp["id"],
        [
            {"productId": sub["id"], "quantity": "1", "groupKey": "g"},
            {"productId": sub["id"], "quantity": "1", "groupKey": "g", "billingFrequency": "MONTHLY"},
        ],
        startDate="2026-01-01",
        groups=[{"key": "g", "name": "Year two", "startDate": "2027-01-01", "billingFrequency": "QUARTERLY"}],
    )
    first, second = q["lines"]
    assert first["startDate"] == "2027-01-01" and first["endDate"] == "2027-12-31"
    assert first["billingFrequency"] == "QUARTERLY"
    assert second["billingFrequency"] == "MONTHLY"  # the line's own value wins
    assert first["group"]["key"] == "g"


async def test_q7_default_dates_from_quote_start(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "1"}, {"productId": hw["id"], "quantity": "1"}],
        startDate="2026-01-01",
    )
    sub_line, hw_line = setup["quote"]["lines"]
    assert (sub_line["startDate"], sub_line["endDate"]) == ("2026-01-01", "2026-12-31")
    assert (hw_line["startDate"], hw_line["endDate"]) == (None, None)


async def test_q7_quote_start_change_moves_inherited_line_dates(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}], startDate="2026-01-01")
    q = (await api.ok("updateQuote", {"quoteId": setup["quote"]["id"], "startDate": "2026-03-01"}, b.QUOTE_FIELDS))[
        "quote"
    ]
    assert (q["lines"][0]["startDate"], q["lines"][0]["endDate"]) == ("2026-03-01", "2027-02-28")


async def test_q5_order_by_and_group_ordering_conflict(api):
    sub = await b.product(api, "SUB")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    payload = await api.mutate(
        "createQuote",
        {
            "opportunityId": opp["id"],
            "orderBy": "PRODUCT_FAMILY",
            "orderByQuoteLineGroup": True,
            "lines": [{"productId": sub["id"], "quantity": "1"}],
        },
        "quote { id }",
    )
    assert [e["code"] for e in payload["errors"]] == ["ORDER_BY_CONFLICT"]
    assert payload["quote"] is None
    data = await api("{ quotes { totalCount } }")
    assert data["quotes"]["totalCount"] == 0  # nothing written


async def test_q2_one_primary_quote_per_opportunity(api):
    sub = await b.product(api, "SUB")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    first = await b.quote(api, opp["id"], [{"productId": sub["id"], "quantity": "1"}])
    second = await b.quote(api, opp["id"], [{"productId": sub["id"], "quantity": "2"}])
    data = await api(
        "query($id: ID!) { opportunity(id: $id) { primaryQuote { id } quotes { id isPrimary } } }", {"id": opp["id"]}
    )
    assert data["opportunity"]["primaryQuote"]["id"] == second["id"]
    flags = {q["id"]: q["isPrimary"] for q in data["opportunity"]["quotes"]}
    assert flags == {first["id"]: False, second["id"]: True}
    await api.ok("updateQuote", {"quoteId": first["id"], "primary": True}, "quote { isPrimary }")
    data = await api("query($id: ID!) { opportunity(id: $id) { primaryQuote { id } } }", {"id": opp["id"]})
    assert data["opportunity"]["primaryQuote"]["id"] == first["id"]


async def test_q1_q6_approval_path_and_edit_returns_to_draft(api):
    sub = await b.product(api, "SUB")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}])
    qid = setup["quote"]["id"]
    bad = await api.mutate("approveQuote", {"quoteId": qid}, "quote { status }")
    assert [e["code"] for e in bad["errors"]] == ["INVALID_TRANSITION"]
    assert (await api.ok("submitQuote", {"quoteId": qid}, "quote { status }"))["quote"]["status"] == "IN_REVIEW"
    assert (await api.ok("approveQuote", {"quoteId": qid}, "quote { status }"))["quote"]["status"] == "APPROVED"
    edited = await api.ok("updateQuote", {"quoteId": qid, "subscriptionTerm": 24}, "quote { status }")
    assert edited["quote"]["status"] == "DRAFT"
    await api.ok("submitQuote", {"quoteId": qid}, "quote { status }")
    assert (await api.ok("denyQuote", {"quoteId": qid}, "quote { status }"))["quote"]["status"] == "DENIED"


async def test_q1_quote_with_orders_is_locked(api):
    sub = await b.product(api, "SUB")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}])
    await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    payload = await api.mutate("updateQuote", {"quoteId": setup["quote"]["id"], "subscriptionTerm": 6}, "quote { id }")
    assert [e["code"] for e in payload["errors"]] == ["QUOTE_LOCKED"]


async def test_q6_approval_needs_approve_quotes_permission(api):
    sub = await b.product(api, "SUB")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}])
    rep = await api.ok("createApiKey", {"role": "SALES_REP", "name": "rep"}, "secret")
    await api.ok("submitQuote", {"quoteId": setup["quote"]["id"]}, "quote { status }")
    payload = await api.mutate("approveQuote", {"quoteId": setup["quote"]["id"]}, "quote { status }", key=rep["secret"])
    # The rep cannot see the admin's account at all (S3), so the quote is NOT_FOUND or FORBIDDEN.
    assert payload["errors"][0]["code"] == "FORBIDDEN"


async def test_quote_edit_lines_add_update_remove(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "1"}, {"productId": hw["id"], "quantity": "1"}],
        startDate="2026-01-01",
    )
    sub_line, hw_line = setup["quote"]["lines"]
    q = (
        await api.ok(
            "updateQuote",
            {
                "quoteId": setup["quote"]["id"],
                "removeLineIds": [hw_line["id"]],
                "updateLines": [{"quoteLineId": sub_line["id"], "quantity": "3"}],
                "addLines": [{"productId": hw["id"], "quantity": "5", "unitPrice": "7.50"}],
            },
            b.QUOTE_FIELDS,
        )
    )["quote"]
    assert [(line["product"]["sku"], line["quantity"], line["totalPrice"]) for line in q["lines"]] == [
        ("SUB", "3.00", "360.00"),
        ("HW", "5.00", "37.50"),
    ]
    assert q["total"] == "397.50"


async def test_bundle_components_become_child_lines(api):
    part = await b.product(api, "PART", "ONE_TIME", "5.00")
    bundle = (
        await api.ok(
            "createProduct",
            {"sku": "KIT", "name": "Kit", "type": "ONE_TIME", "listPrice": "50", "componentIds": [part["id"]]},
            "product { id }",
        )
    )["product"]
    setup = await b.sales_setup(api, [{"productId": bundle["id"], "quantity": "2"}])
    parent, child = setup["quote"]["lines"]
    assert child["product"]["sku"] == "PART" and child["quantity"] == "2.00"
    assert child["requiredBy"]["id"] == parent["id"]


async def test_quote_bad_input_gives_clear_errors(api):
    sub = await b.product(api, "SUB")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    cases = [
        ({"productId": sub["id"], "quantity": "0"}, "INVALID_QUANTITY"),
        ({"productId": "not-an-id", "quantity": "1"}, "NOT_FOUND"),
        ({"productId": sub["id"], "quantity": "1", "groupKey": "nope"}, "VALIDATION_ERROR"),
        (
            {"productId": sub["id"], "quantity": "1", "startDate": "2026-05-01", "endDate": "2026-04-01"},
            "VALIDATION_ERROR",
        ),
    ]
    for line, code in cases:
        payload = await api.mutate("createQuote", {"opportunityId": opp["id"], "lines": [line]}, "quote { id }")
        assert [e["code"] for e in payload["errors"]] == [code], line
    assert (await api("{ quotes { totalCount } }"))["quotes"]["totalCount"] == 0
