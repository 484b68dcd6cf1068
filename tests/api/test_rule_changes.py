"""The rules issue 7 brought closer to the source systems: O5/O6 (billing-frequency defaults and
splitting after defaults), O8 (the quote's start date before today), C1/C5 (contract term and renewal
term, cancelled subscriptions)."""

import datetime

from tests.api import builders as b
from tests.api.test_lifecycle import act
from tests.api.test_ordering import codes


async def test_o6_item_billing_frequency_is_the_lines_else_the_products_else_the_quotes(api):
    monthly = await b.product(api, "M", "RECURRING", "120.00", defaultSubscriptionTerm=12, billingFrequency="MONTHLY")
    plain = await b.product(api, "P", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api,
        [
            {"productId": monthly["id"], "quantity": "1"},
            {"productId": plain["id"], "quantity": "1"},
            {"productId": plain["id"], "quantity": "1", "billingFrequency": "QUARTERLY"},
        ],
        startDate="2026-01-01",
        billingFrequency="ANNUAL",
    )
    (order,) = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    assert [i["billingFrequency"] for i in order["items"]] == ["MONTHLY", "ANNUAL", "QUARTERLY"]


async def test_o5_split_by_billing_frequency_groups_on_the_value_after_defaults(api):
    monthly = await b.product(api, "M", "RECURRING", "120.00", defaultSubscriptionTerm=12, billingFrequency="MONTHLY")
    plain = await b.product(api, "P", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api,
        [
            {"productId": plain["id"], "quantity": "1", "billingFrequency": "ANNUAL"},
            {"productId": plain["id"], "quantity": "2"},  # blank: the quote's ANNUAL
            {"productId": monthly["id"], "quantity": "3"},  # blank: its product's MONTHLY
        ],
        startDate="2026-01-01",
        billingFrequency="ANNUAL",
        orderBy="BILLING_FREQUENCY",
    )
    orders = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    split = sorted((o["splitKey"], sorted(i["quantity"] for i in o["items"])) for o in orders)
    assert split == [
        ("BILLING_FREQUENCY=ANNUAL", ["1.00", "2.00"]),
        ("BILLING_FREQUENCY=MONTHLY", ["3.00"]),
    ]


async def test_o8_order_without_dated_lines_starts_on_the_quotes_start_date(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "1", "startDate": "2026-02-01"},
            {"productId": hw["id"], "quantity": "1"},
        ],
        startDate="2026-03-01",
        orderBy="PRODUCT_TYPE",
    )
    orders = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    starts = {o["items"][0]["product"]["sku"]: o["startDate"] for o in orders}
    # The dated line's order starts with its line; the undated one on the quote's date, never today.
    assert starts == {"SUB": "2026-02-01", "HW": "2026-03-01"}
    assert datetime.datetime.now(datetime.UTC).date().isoformat() not in starts.values()


async def _contracted(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "10", "startDate": "2026-01-01", "endDate": "2027-12-31"},
            {"productId": hw["id"], "quantity": "2"},
        ],
    )
    (order,) = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"]
    await act(api, "activateOrder", {"orderId": order["id"]})
    contracted = (await act(api, "contractOrder", {"orderId": order["id"]}))["order"]
    return contracted, sub


async def test_c1_renewal_term_defaults_to_the_contracts_own_term(api):
    order, _ = await _contracted(api)
    contract = order["contract"]
    assert (contract["term"], contract["renewalTerm"]) == (24, 24)


async def test_c5_contract_term_is_recomputed_when_its_dates_change(api):
    order, sub = await _contracted(api)
    payload = await act(
        api,
        "changeOrder",
        {
            "orderId": order["id"],
            "version": order["version"],
            "addItems": [{"productId": sub["id"], "quantity": "1", "startDate": "2026-06-01", "endDate": "2028-05-31"}],
        },
    )
    assert codes(payload) == []
    contract = payload["order"]["contract"]
    assert (contract["startDate"], contract["endDate"], contract["term"]) == ("2026-01-01", "2028-05-31", 29)


async def test_c5_cancelling_contracted_items_cancels_their_subscriptions(api):
    order, _ = await _contracted(api)
    recurring = order["items"][0]
    payload = await api.mutate(
        "changeOrder",
        {"orderId": order["id"], "version": order["version"], "cancelItemIds": [recurring["id"]]},
        "order { items { quantity } contract { subscriptions { status quantity } } }",
    )
    assert codes(payload) == []
    assert payload["order"]["items"][0]["quantity"] == "0.00"
    # Cancelled, not left active at zero; its last quantity stays as history.
    assert payload["order"]["contract"]["subscriptions"] == [{"status": "CANCELLED", "quantity": "10.00"}]
