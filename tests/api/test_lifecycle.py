"""A1-A4, C1-C5, I1-I3, D4/D5 on activated orders: the order lifecycle through the API."""

import pytest

from app.bus import bus
from tests.api import builders as b
from tests.api.test_ordering import codes

ORDER = """order { id number status version activated activatedAt activatedBy contracted startDate endDate
  totalAmount cancelReason contract { id number status startDate endDate term renewalTerm renewalUpliftPercent
    subscriptions { quantity startDate endDate netPrice product { sku } orderItem { id } } }
  items { id quantity shippedQuantity cancelledQuantity totalPrice activated contracted startDate endDate
    product { sku type } quoteLine { id remainingQuantity orderedQuantity }
    subscription { id quantity } asset { id status quantity } }
  account { assets { status quantity product { sku } } }
  versions { version status reason snapshot } events { type previousStatus status version changes } }"""


async def _draft(api, multiple=False):
    # F2: RECURRING products default to DIGITAL (provisioned at activation); these tests ship them.
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12, fulfillmentType="SHIPPABLE")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "10", "startDate": "2026-01-01", "endDate": "2026-12-31"},
            {"productId": hw["id"], "quantity": "2"},
        ],
        renewalTerm=12,
        renewalUpliftPercent="5",
    )
    if multiple:
        await b.set_settings(api, allowMultipleOrders=True)
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    return order, setup, sub, hw


async def act(api, name, input, key="default"):
    return await api.mutate(name, input, ORDER, key=key)


async def test_a1_activation_locks_and_stamps_the_order(api):
    order, *_ = await _draft(api)
    payload = await act(api, "activateOrder", {"orderId": order["id"]})
    assert codes(payload) == []
    activated = payload["order"]
    assert activated["status"] == "ACTIVATED" and activated["activated"] is True
    assert activated["activatedAt"] and activated["activatedBy"].startswith("test admin")
    assert all(i["activated"] for i in activated["items"])
    assert activated["version"] == 2
    # D1: every edit path is locked now
    edit = await api.mutate(
        "updateOrder", {"orderId": order["id"], "version": 2, "startDate": "2026-02-01"}, "order { id }"
    )
    assert codes(edit) == ["ORDER_LOCKED"]
    again = await act(api, "activateOrder", {"orderId": order["id"]})
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_a1_activation_needs_the_permission(api):
    order, *_ = await _draft(api)
    rep = (await api.ok("createApiKey", {"role": "SALES_REP"}, "secret"))["secret"]
    payload = await act(api, "activateOrder", {"orderId": order["id"]}, key=rep)
    assert codes(payload) == ["FORBIDDEN"]
    data = await api("query($id: ID!) { order(id: $id) { status } }", {"id": order["id"]})
    assert data["order"]["status"] == "DRAFT"


async def test_a1_empty_order_cannot_be_activated(api):
    from models import OrderItem

    order, *_ = await _draft(api)
    await OrderItem.filter(order_id=order["id"]).delete()
    assert codes(await act(api, "activateOrder", {"orderId": order["id"]})) == ["EMPTY_ORDER"]


async def test_a2_deactivation_unlocks_and_clears_item_flags(api):
    order, *_ = await _draft(api)
    await act(api, "activateOrder", {"orderId": order["id"]})
    payload = await act(api, "deactivateOrder", {"orderId": order["id"]})
    assert codes(payload) == []
    draft = payload["order"]
    assert draft["status"] == "DRAFT" and not draft["activated"]
    assert not any(i["activated"] for i in draft["items"])
    assert draft["account"]["assets"] == []  # C3 assets of the activation are withdrawn
    edit = await api.mutate(
        "updateOrder", {"orderId": order["id"], "version": draft["version"], "poNumber": "X"}, "order { poNumber }"
    )
    assert codes(edit) == []


async def test_a2_contracted_or_fulfilled_orders_stay_activated(api):
    order, *_ = await _draft(api)
    await act(api, "activateOrder", {"orderId": order["id"]})
    await act(api, "contractOrder", {"orderId": order["id"]})
    assert codes(await act(api, "deactivateOrder", {"orderId": order["id"]})) == ["INVALID_TRANSITION"]


async def test_a4_status_machine_is_declared_and_enforced(api):
    table = await api("{ orderStatusTransitions { fromStatus toStatus } }")
    pairs = {(t["fromStatus"], t["toStatus"]) for t in table["orderStatusTransitions"]}
    assert ("DRAFT", "ACTIVATED") in pairs and ("FULFILLED", "COMPLETED") in pairs
    assert ("COMPLETED", "CANCELLED") not in pairs
    order, *_ = await _draft(api)
    assert codes(await act(api, "completeOrder", {"orderId": order["id"]})) == ["INVALID_TRANSITION"]
    await act(api, "activateOrder", {"orderId": order["id"]})
    items = await act(api, "activateOrder", {"orderId": order["id"]})  # refused, state unchanged
    assert codes(items) == ["INVALID_TRANSITION"]
    data = await api("query($id: ID!) { order(id: $id) { items { id quantity } } }", {"id": order["id"]})
    first, second = data["order"]["items"]
    partial = await act(
        api, "shipOrderItems", {"orderId": order["id"], "items": [{"orderItemId": first["id"], "quantity": "4"}]}
    )
    assert partial["order"]["status"] == "IN_FULFILLMENT"
    rest = await act(
        api,
        "shipOrderItems",
        {
            "orderId": order["id"],
            "items": [{"orderItemId": first["id"], "quantity": "6"}, {"orderItemId": second["id"], "quantity": "2"}],
        },
    )
    assert rest["order"]["status"] == "FULFILLED"
    assert {a["status"] for a in rest["order"]["account"]["assets"]} == {"INSTALLED"}  # C3
    done = await act(api, "completeOrder", {"orderId": order["id"]})
    assert done["order"]["status"] == "COMPLETED"
    assert codes(await act(api, "cancelOrder", {"orderId": order["id"], "reason": "late"})) == ["INVALID_TRANSITION"]


async def test_c1_c2_contract_with_subscriptions_linked_both_ways(api):
    order, *_ = await _draft(api)
    assert codes(await act(api, "contractOrder", {"orderId": order["id"]})) == ["ORDER_NOT_ACTIVATED"]
    await act(api, "activateOrder", {"orderId": order["id"]})
    payload = await act(api, "contractOrder", {"orderId": order["id"]})
    assert codes(payload) == []
    contracted = payload["order"]
    contract = contracted["contract"]
    assert contracted["contracted"] is True
    assert (contract["startDate"], contract["endDate"], contract["term"]) == ("2026-01-01", "2026-12-31", 12)
    assert (contract["renewalTerm"], contract["renewalUpliftPercent"]) == (12, "5.00")
    (subscription,) = contract["subscriptions"]
    sub_item = contracted["items"][0]
    assert subscription["orderItem"]["id"] == sub_item["id"] and sub_item["subscription"]["id"]
    assert (subscription["quantity"], subscription["startDate"], subscription["netPrice"]) == (
        "10.00",
        "2026-01-01",
        "120.00",
    )
    assert sub_item["contracted"] and not contracted["items"][1]["contracted"]  # ONE_TIME: an asset instead
    assert codes(await act(api, "contractOrder", {"orderId": order["id"]})) == ["ALREADY_CONTRACTED"]
    listed = await api(
        "{ contracts(sort: {field: NUMBER, direction: DESC}) { totalCount edges { node { number order { id } } } } }"
    )
    assert listed["contracts"]["totalCount"] == 1
    assert listed["contracts"]["edges"][0]["node"]["order"]["id"] == order["id"]


async def test_c3_one_time_items_become_assets_at_activation(api):
    order, *_ = await _draft(api)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    assert activated["account"]["assets"] == [{"status": "PURCHASED", "quantity": "2.00", "product": {"sku": "HW"}}]
    assert activated["items"][1]["asset"]["status"] == "PURCHASED"


async def test_c4_uncontracting_keeps_item_flags_deactivating_clears_them(api):
    order, *_ = await _draft(api)
    await act(api, "activateOrder", {"orderId": order["id"]})
    await act(api, "contractOrder", {"orderId": order["id"]})
    payload = await act(api, "uncontractOrder", {"orderId": order["id"]})
    assert payload["order"]["contracted"] is False
    assert payload["order"]["items"][0]["contracted"] is True
    deactivated = (await act(api, "deactivateOrder", {"orderId": order["id"]}))["order"]
    assert not any(i["activated"] for i in deactivated["items"])
    assert deactivated["items"][0]["contracted"] is True


async def test_c5_changes_flow_from_order_to_contract_and_subscriptions(api):
    order, setup, sub, hw = await _draft(api)
    await act(api, "activateOrder", {"orderId": order["id"]})
    contracted = (await act(api, "contractOrder", {"orderId": order["id"]}))["order"]
    payload = await act(
        api,
        "changeOrder",
        {
            "orderId": order["id"],
            "version": contracted["version"],
            "addItems": [{"productId": sub["id"], "quantity": "3", "startDate": "2026-06-01", "endDate": "2027-05-31"}],
        },
    )
    assert codes(payload) == []
    changed = payload["order"]
    assert changed["endDate"] == "2027-05-31"
    assert changed["contract"]["endDate"] == "2027-05-31"
    assert sorted(s["quantity"] for s in changed["contract"]["subscriptions"]) == ["10.00", "3.00"]


async def test_i1_change_creates_a_version_and_keeps_the_old_one(api):
    order, *_ = await _draft(api)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    item = activated["items"][0]
    payload = await act(
        api,
        "changeOrder",
        {
            "orderId": order["id"],
            "version": activated["version"],
            "reason": "customer downsized",
            "quantities": [{"orderItemId": item["id"], "quantity": "6"}],
        },
    )
    assert codes(payload) == []
    changed = payload["order"]
    assert changed["version"] == activated["version"] + 1
    assert changed["items"][0]["quantity"] == "6.00" and changed["totalAmount"] == "740.00"
    (old,) = changed["versions"]
    assert old["version"] == activated["version"] and old["reason"] == "customer downsized"
    assert old["snapshot"]["items"][0]["quantity"] == "10" and old["snapshot"]["totalAmount"] == "1220"
    event = changed["events"][-1]
    assert event["type"] == "CHANGED"
    assert event["changes"]["items"][item["id"]]["quantity"] == {"before": "10", "after": "6"}
    # I3: the reduction is released to the quote line
    assert changed["items"][0]["quoteLine"]["remainingQuantity"] == "4.00"


async def test_i1_version_is_required_and_stale_versions_conflict(api):
    order, *_ = await _draft(api)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    item = activated["items"][0]
    change = {"orderId": order["id"], "quantities": [{"orderItemId": item["id"], "quantity": "9"}]}
    assert codes(await act(api, "changeOrder", change)) == ["VALIDATION_ERROR"]
    assert codes(await act(api, "changeOrder", {**change, "version": 1})) == ["VERSION_CONFLICT"]


async def test_i1_quantity_below_shipped_is_refused(api):
    order, *_ = await _draft(api)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    item = activated["items"][0]
    shipped = (
        await act(
            api, "shipOrderItems", {"orderId": order["id"], "items": [{"orderItemId": item["id"], "quantity": "5"}]}
        )
    )["order"]
    payload = await act(
        api,
        "changeOrder",
        {
            "orderId": order["id"],
            "version": shipped["version"],
            "quantities": [{"orderItemId": item["id"], "quantity": "4"}],
        },
    )
    assert codes(payload) == ["BELOW_FULFILLED_QUANTITY"]
    data = await api(
        "query($id: ID!) { order(id: $id) { version items { quantity } versions { version } } }", {"id": order["id"]}
    )
    assert data["order"]["version"] == shipped["version"] and data["order"]["versions"] == []


async def test_i1_drafts_are_changed_with_update_order_not_change_order(api):
    order, *_ = await _draft(api)
    payload = await act(
        api, "changeOrder", {"orderId": order["id"], "version": 1, "cancelItemIds": [order["items"][0]["id"]]}
    )
    assert codes(payload) == ["INVALID_TRANSITION"]


async def test_i2_cancel_keeps_shipped_quantities_and_i3_releases_the_rest(api):
    order, *_ = await _draft(api, multiple=True)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    item = activated["items"][0]
    await act(api, "shipOrderItems", {"orderId": order["id"], "items": [{"orderItemId": item["id"], "quantity": "3"}]})
    assert codes(await act(api, "cancelOrder", {"orderId": order["id"], "reason": " "})) == ["VALIDATION_ERROR"]
    payload = await act(api, "cancelOrder", {"orderId": order["id"], "reason": "customer went bust"})
    assert codes(payload) == []
    cancelled = payload["order"]
    assert cancelled["status"] == "CANCELLED" and cancelled["cancelReason"] == "customer went bust"
    sub_item, hw_item = cancelled["items"]
    assert (sub_item["quantity"], sub_item["shippedQuantity"], sub_item["cancelledQuantity"]) == (
        "3.00",
        "3.00",
        "7.00",
    )
    assert sub_item["totalPrice"] == "360.00"  # shipped stays billable
    assert sub_item["quoteLine"]["remainingQuantity"] == "7.00"
    assert hw_item["quoteLine"]["remainingQuantity"] == "2.00"
    assert cancelled["events"][-1]["type"] == "CANCELLED"
    assert cancelled["events"][-1]["previousStatus"] == "IN_FULFILLMENT"
    again = await act(api, "cancelOrder", {"orderId": order["id"], "reason": "twice"})
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_i3_cancelled_item_quantity_can_be_ordered_again(api):
    order, setup, *_ = await _draft(api, multiple=True)
    activated = (await act(api, "activateOrder", {"orderId": order["id"]}))["order"]
    payload = await act(
        api,
        "changeOrder",
        {"orderId": order["id"], "version": activated["version"], "cancelItemIds": [activated["items"][1]["id"]]},
    )
    assert codes(payload) == []
    again = await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    assert codes(again) == []
    assert [(i["product"]["sku"], i["quantity"]) for i in again["orders"][0]["items"]] == [("HW", "2.00")]


async def test_d4_events_carry_status_and_version(api):
    order, *_ = await _draft(api)
    await act(api, "activateOrder", {"orderId": order["id"]})
    await act(api, "deactivateOrder", {"orderId": order["id"]})
    data = await api(
        "query($id: ID!) { orderEvents(orderId: $id) { edges { cursor node { type previousStatus "
        "status version actor } } } }",
        {"id": order["id"]},
    )
    events = [e["node"] for e in data["orderEvents"]["edges"]]
    assert [(e["type"], e["previousStatus"], e["status"], e["version"]) for e in events] == [
        ("CREATED", None, "DRAFT", 1),
        ("STATUS_CHANGED", "DRAFT", "ACTIVATED", 2),
        ("STATUS_CHANGED", "ACTIVATED", "DRAFT", 3),
    ]
    cursors = [int(e["cursor"]) for e in data["orderEvents"]["edges"]]
    assert cursors == sorted(cursors)
    after = await api(
        "query($id: ID!, $a: String) { orderEvents(orderId: $id, after: $a) { edges { node { type } } } }",
        {"id": order["id"], "a": str(cursors[0])},
    )
    assert len(after["orderEvents"]["edges"]) == 2


@pytest.mark.parametrize("refused", ["complete", "stale"])
async def test_a3_refused_change_publishes_nothing(api, refused):
    order, *_ = await _draft(api)
    received = []
    subscriber = bus.subscribe(lambda e: True)
    try:
        if refused == "complete":
            payload = await act(api, "completeOrder", {"orderId": order["id"]})
        else:
            payload = await act(api, "activateOrder", {"orderId": order["id"], "version": 7})
        assert payload["errors"]
        while not subscriber.queue.empty():
            received.append(subscriber.queue.get_nowait())
        assert received == []
        ok = await act(api, "activateOrder", {"orderId": order["id"]})
        assert codes(ok) == []
        while not subscriber.queue.empty():
            received.append(subscriber.queue.get_nowait())
        assert [e.type for e in received] == ["STATUS_CHANGED"]
    finally:
        bus.unsubscribe(subscriber)
