"""B1 and B6: billing schedules written at activation, previewed before, adjusted by changes."""

from decimal import Decimal
from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes

LINE = "periodStart periodEnd invoiceDate amount"
SCHEDULE = f"items {{ id totalPrice billingSchedule {{ id {LINE} kind status reason }} }}"


async def direct_order(api: Any, items: list[dict], **account_fields: Any) -> dict:
    acc = await b.account(api, **account_fields)
    payload = await api.ok(
        "createOrder", {"accountId": acc["id"], "items": items}, "order { id version account { id } }"
    )
    return payload["order"]


def monthly_item(product_id: str, **fields: Any) -> dict:
    return {
        "productId": product_id,
        "quantity": "1",
        "unitPrice": "1200.00",
        "startDate": "2016-04-20",
        "endDate": "2017-04-19",
        "billingFrequency": "MONTHLY",
        **fields,
    }


async def activate(api: Any, order: dict) -> dict:
    done = await api.ok("activateOrder", {"orderId": order["id"]}, f"order {{ id version {SCHEDULE} }}")
    return done["order"]


async def test_b1_domain_example_aligned_to_the_15th_prorates_the_first_period(api):
    sub = await b.product(api, "SUB-B1")
    order = await activate(api, await direct_order(api, [monthly_item(sub["id"])], billingDayOfMonth=15))
    lines = order["items"][0]["billingSchedule"]
    assert len(lines) == 13
    assert lines[0] | {"id": None} == {
        "id": None, "periodStart": "2016-04-20", "periodEnd": "2016-05-14", "invoiceDate": "2016-04-20",
        "amount": "83.33", "kind": "CHARGE", "status": "UNBILLED", "reason": "ACTIVATION",
    }  # fmt: skip
    assert [line["amount"] for line in lines[1:12]] == ["100.00"] * 11
    assert (lines[-1]["periodStart"], lines[-1]["periodEnd"], lines[-1]["amount"]) == (
        "2017-04-15", "2017-04-19", "16.67")  # fmt: skip
    assert sum(Decimal(line["amount"]) for line in lines) == Decimal("1200.00")


async def test_b1_without_a_billing_day_periods_follow_the_item_start(api):
    sub = await b.product(api, "SUB-B1S")
    order = await activate(api, await direct_order(api, [monthly_item(sub["id"], billingFrequency="QUARTERLY")]))
    lines = order["items"][0]["billingSchedule"]
    assert [(line["periodStart"], line["amount"]) for line in lines] == [
        ("2016-04-20", "300.00"), ("2016-07-20", "300.00"), ("2016-10-20", "300.00"), ("2017-01-20", "300.00"),
    ]  # fmt: skip


async def test_b1_preview_of_a_draft_order_is_exactly_what_activation_writes(api):
    sub = await b.product(api, "SUB-PRE")
    hardware = await b.product(api, "HW-PRE", type="ONE_TIME", list_price="50.00")
    order = await direct_order(
        api,
        [monthly_item(sub["id"], unitPrice="999.99"), {"productId": hardware["id"], "quantity": "3"}],
        billingDayOfMonth=7,
    )
    query = f"query($o: ID) {{ billingSchedulePreview(orderId: $o) {{ {LINE} id orderItem {{ id }} }} }}"
    preview = (await api(query, {"o": order["id"]}))["billingSchedulePreview"]
    activated = await activate(api, order)
    written = [
        {**{k: line[k] for k in LINE.split()}, "orderItem": {"id": item["id"]}}
        for item in activated["items"]
        for line in item["billingSchedule"]
    ]
    assert [{k: v for k, v in p.items() if k != "id"} for p in preview] == written
    assert all(p["id"] is None for p in preview)
    hardware_lines = [w for w in written if w["orderItem"]["id"] == activated["items"][1]["id"]]
    assert len(hardware_lines) == 1 and hardware_lines[0]["amount"] == "150.00"
    again = (await api(query, {"o": order["id"]}))["billingSchedulePreview"]
    assert [{k: v for k, v in p.items() if k != "id"} for p in again] == written


async def test_b1_preview_of_a_quote_lists_its_lines_and_writes_nothing(api):
    sub = await b.product(api, "SUB-Q", defaultSubscriptionTerm=12)
    setup = await b.sales_setup(
        api, [{"productId": sub["id"], "quantity": "2", "billingFrequency": "SEMIANNUAL"}], startDate="2026-01-01"
    )
    preview = await api(
        f"query($q: ID) {{ billingSchedulePreview(quoteId: $q) {{ {LINE} quoteLine {{ id }} orderItem {{ id }} }} }}",
        {"q": setup["quote"]["id"]},
    )
    lines = preview["billingSchedulePreview"]
    assert [(line["periodStart"], line["periodEnd"], line["amount"]) for line in lines] == [
        ("2026-01-01", "2026-06-30", "100.00"), ("2026-07-01", "2026-12-31", "100.00"),
    ]  # fmt: skip
    assert {line["quoteLine"]["id"] for line in lines} == {setup["quote"]["lines"][0]["id"]}
    assert all(line["orderItem"] is None for line in lines)


async def test_b1_arrears_lines_are_invoice_ready_the_day_after_the_period(api):
    sub = await b.product(api, "SUB-ARR", billingTiming="ARREARS")
    hardware = await b.product(api, "HW-ARR", type="ONE_TIME", list_price="50.00", billingTiming="ARREARS")
    plain = await b.product(api, "SUB-ADV")
    timings = await api(
        f'{{ a: product(id: "{sub["id"]}") {{ billingTiming }} b: product(id: "{plain["id"]}") {{ billingTiming }} }}'
    )
    assert (timings["a"]["billingTiming"], timings["b"]["billingTiming"]) == ("ARREARS", "ADVANCE")
    order = await direct_order(
        api, [monthly_item(sub["id"]), {"productId": hardware["id"], "quantity": "1"}], billingDayOfMonth=15
    )
    query = f"query($o: ID) {{ billingSchedulePreview(orderId: $o) {{ {LINE} orderItem {{ id }} }} }}"
    preview = (await api(query, {"o": order["id"]}))["billingSchedulePreview"]
    activated = await activate(api, order)
    lines = activated["items"][0]["billingSchedule"]
    assert [(line["periodStart"], line["periodEnd"], line["invoiceDate"], line["amount"]) for line in lines[:2]] == [
        ("2016-04-20", "2016-05-14", "2016-05-15", "83.33"), ("2016-05-15", "2016-06-14", "2016-06-15", "100.00"),
    ]  # fmt: skip
    assert (lines[-1]["periodEnd"], lines[-1]["invoiceDate"]) == ("2017-04-19", "2017-04-20")
    one_time = activated["items"][1]["billingSchedule"]
    assert len(one_time) == 1 and one_time[0]["invoiceDate"] == one_time[0]["periodStart"]  # at activation
    written = [
        {**{k: line[k] for k in LINE.split()}, "orderItem": {"id": item["id"]}}
        for item in activated["items"]
        for line in item["billingSchedule"]
    ]
    assert preview == written  # billingSchedulePreview is exactly what activation writes


async def test_b1_billing_day_of_month_is_1_to_28(api):
    for day in (0, 29, 31):
        refused = await api.mutate("createAccount", {"name": "x", "billingDayOfMonth": day}, "account { id }")
        assert codes(refused) == ["VALIDATION_ERROR"]
        assert refused["errors"][0]["field"] == "billingDayOfMonth"
    made = await api.ok("createAccount", {"name": "y", "billingDayOfMonth": 28}, "account { billingDayOfMonth }")
    assert made["account"]["billingDayOfMonth"] == 28


async def test_b6_an_in_flight_change_voids_unbilled_lines_and_writes_new_ones(api):
    sub = await b.product(api, "SUB-CHG")
    order = await activate(api, await direct_order(api, [monthly_item(sub["id"], billingFrequency="QUARTERLY")]))
    item = order["items"][0]
    changed = await api.ok(
        "changeOrder",
        {"orderId": order["id"], "version": order["version"], "reason": "more seats",
         "quantities": [{"orderItemId": item["id"], "quantity": "2"}]},
        f"order {{ {SCHEDULE} }}",
    )  # fmt: skip
    lines = changed["order"]["items"][0]["billingSchedule"]
    void = [line for line in lines if line["status"] == "VOID"]
    live = [line for line in lines if line["status"] != "VOID"]
    assert len(void) == 4 and [line["amount"] for line in live] == ["600.00"] * 4
    assert all(line["reason"] == "CHANGE" for line in live)
    assert sum(Decimal(line["amount"]) for line in live) == Decimal(changed["order"]["items"][0]["totalPrice"])


async def test_b6_cancelling_voids_unbilled_lines_and_deleting_none(api):
    sub = await b.product(api, "SUB-CAN")
    order = await activate(api, await direct_order(api, [monthly_item(sub["id"], billingFrequency="ANNUAL")]))
    cancelled = await api.ok(
        "cancelOrder", {"orderId": order["id"], "reason": "customer left"}, f"order {{ status {SCHEDULE} }}"
    )
    lines = cancelled["order"]["items"][0]["billingSchedule"]
    assert cancelled["order"]["status"] == "CANCELLED"
    assert [line["status"] for line in lines] == ["VOID"]  # kept, never deleted


async def test_b6_deactivation_voids_the_schedule_and_reactivation_writes_it_again(api):
    sub = await b.product(api, "SUB-DEA")
    order = await activate(api, await direct_order(api, [monthly_item(sub["id"], billingFrequency="SEMIANNUAL")]))
    back = await api.ok("deactivateOrder", {"orderId": order["id"]}, f"order {{ status {SCHEDULE} }}")
    assert {line["status"] for line in back["order"]["items"][0]["billingSchedule"]} == {"VOID"}
    again = await activate(api, order)
    live = [line for line in again["items"][0]["billingSchedule"] if line["status"] != "VOID"]
    assert [line["amount"] for line in live] == ["600.00", "600.00"]
