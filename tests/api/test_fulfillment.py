"""F2-F4: the fulfillment plan, distributed fulfillments, tasks and the order following them."""

import asyncio
from typing import Any

from tests.api import builders as b
from tests.api.test_inventory import location, receive
from tests.api.test_ordering import codes
from tests.conftest import requires_postgres

FULFILLMENT = "fulfillment { id status location { name } lines { quantity orderItem { id } } }"
ORDER = """order(id: $id) { id status version
  items { id quantity shippedQuantity fulfilledQuantity cancelledQuantity product { sku fulfillmentType } }
  fulfillmentPlan { tasks { id kind status orderItem { id product { sku } } dependsOn { id } } }
  fulfillments { id status location { name } lines { quantity orderItem { id } } }
  account { assets { status product { sku } } }
  events { type previousStatus status changes } }"""


async def read(api: Any, order_id: str) -> dict:
    return (await api(f"query($id: ID!) {{ {ORDER} }}", {"id": order_id}))["order"]


async def direct_order(api: Any, lines: list[tuple[dict, str]], activate: bool = True) -> dict:
    acc = await b.account(api)
    items = [{"productId": p["id"], "quantity": q} for p, q in lines]
    order = (await api.ok("createOrder", {"accountId": acc["id"], "items": items}, "order { id }"))["order"]
    if activate:
        await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    return await read(api, order["id"])


def item_of(order: dict, sku: str) -> dict:
    return next(i for i in order["items"] if i["product"]["sku"] == sku)


def task_of(order: dict, sku: str) -> dict:
    return next(t for t in order["fulfillmentPlan"]["tasks"] if t["orderItem"]["product"]["sku"] == sku)


async def fulfil(api: Any, verb: str, fulfillment_id: str, key: str = "default") -> dict:
    return await api.mutate(verb, {"fulfillmentId": fulfillment_id}, FULFILLMENT, key)


async def create(api: Any, order_id: str, location_id: str, lines: list[tuple[str, str]]) -> dict:
    data = {
        "orderId": order_id,
        "locationId": location_id,
        "lines": [{"orderItemId": i, "quantity": q} for i, q in lines],
    }
    return await api.mutate("createFulfillment", data, FULFILLMENT)


async def test_f2_activation_builds_the_plan_by_fulfillment_type(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    sub = await b.product(api, "SUB", "RECURRING", "5.00")
    svc = await b.product(api, "SETUP", "ONE_TIME", "50.00", fulfillmentType="SERVICE")
    draft = await direct_order(api, [(hw, "2"), (sub, "3"), (svc, "1")], activate=False)
    assert draft["fulfillmentPlan"]["tasks"] == []
    assert {i["product"]["sku"]: i["product"]["fulfillmentType"] for i in draft["items"]} == {
        "HW": "SHIPPABLE",
        "SUB": "DIGITAL",
        "SETUP": "SERVICE",
    }
    order = await _activate(api, draft["id"])
    kinds = {t["orderItem"]["product"]["sku"]: (t["kind"], t["status"]) for t in order["fulfillmentPlan"]["tasks"]}
    assert kinds == {"HW": ("SHIPMENT", "PENDING"), "SUB": ("PROVISIONING", "DONE"), "SETUP": ("SERVICE", "PENDING")}
    assert item_of(order, "SUB")["fulfilledQuantity"] == "3.00"  # DIGITAL: provisioned at activation
    assert item_of(order, "HW")["fulfilledQuantity"] == "0.00"
    assert order["status"] == "ACTIVATED"


async def _activate(api: Any, order_id: str) -> dict:
    await api.ok("activateOrder", {"orderId": order_id}, "order { id }")
    return await read(api, order_id)


async def test_f2_a_task_waits_for_its_parents_delivery(api):
    install = await b.product(api, "INSTALL", "ONE_TIME", "80.00", fulfillmentType="SERVICE")
    kit = await b.product(api, "KIT", "ONE_TIME", "10.00", componentIds=[install["id"]])
    east = await location(api, "East")
    await receive(api, kit["id"], east["id"], "5")
    order = await direct_order(api, [(kit, "1")])
    task = task_of(order, "INSTALL")
    assert task["dependsOn"]["id"] == task_of(order, "KIT")["id"]
    early = await api.mutate("startTask", {"taskId": task["id"]}, "task { status }")
    assert codes(early) == ["DEPENDENCY_NOT_DONE"]
    shipment = task_of(order, "KIT")
    assert codes(await api.mutate("startTask", {"taskId": shipment["id"]}, "task { status }")) == ["INVALID_TRANSITION"]
    made = (await create(api, order["id"], east["id"], [(item_of(order, "KIT")["id"], "1")]))["fulfillment"]
    for verb in ("allocateFulfillment", "shipFulfillment", "deliverFulfillment"):
        assert codes(await fulfil(api, verb, made["id"])) == []
    started = await api.mutate("startTask", {"taskId": task["id"]}, "task { status }")
    assert codes(started) == [] and started["task"]["status"] == "IN_PROGRESS"
    done = await api.mutate("completeTask", {"taskId": task["id"]}, "task { status }")
    assert done["task"]["status"] == "DONE"
    final = await read(api, order["id"])
    assert final["status"] == "FULFILLED"  # F4: everything delivered or completed
    assert {a["status"] for a in final["account"]["assets"]} == {"INSTALLED"}  # C3
    assert [e["type"] for e in final["events"]][-3:] == ["TASK_STARTED", "TASK_COMPLETED", "STATUS_CHANGED"]


async def test_f3_one_item_fulfilled_from_two_warehouses(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east, west = await location(api, "East"), await location(api, "West")
    await receive(api, hw["id"], east["id"], "6")
    await receive(api, hw["id"], west["id"], "10")
    order = await direct_order(api, [(hw, "10")])
    item = item_of(order, "HW")["id"]
    from_east = (await create(api, order["id"], east["id"], [(item, "6")]))["fulfillment"]
    from_west = (await create(api, order["id"], west["id"], [(item, "4")]))["fulfillment"]
    assert from_east["status"] == "PENDING" and from_west["location"]["name"] == "West"
    too_much = await create(api, order["id"], west["id"], [(item, "1")])
    assert codes(too_much) == ["QUANTITY_EXCEEDS_REMAINING"]
    allocated = await fulfil(api, "allocateFulfillment", from_east["id"])
    assert allocated["fulfillment"]["status"] == "ALLOCATED"
    assert (await read(api, order["id"]))["status"] == "IN_FULFILLMENT"  # F4: first allocation
    stock = await api(
        'query($p: ID!) { availableToPromise(productId: $p, quantity: "1") { location { name } availableNow } }',
        {"p": hw["id"]},
    )
    assert {a["location"]["name"]: a["availableNow"] for a in stock["availableToPromise"]} == {
        "East": "0.00",
        "West": "10.00",
    }
    for f in (from_east, from_west):
        for verb in ("allocateFulfillment", "shipFulfillment", "deliverFulfillment"):
            if not (f is from_east and verb == "allocateFulfillment"):
                assert codes(await fulfil(api, verb, f["id"])) == [], verb
    final = await read(api, order["id"])
    assert final["status"] == "FULFILLED"
    assert item_of(final, "HW")["fulfilledQuantity"] == "10.00" and item_of(final, "HW")["shippedQuantity"] == "10.00"
    east_stock = await receive(api, hw["id"], east["id"], "1")
    assert east_stock["stock"]["onHand"] == "1.00" and east_stock["stock"]["reserved"] == "0.00"  # shipped off hand


async def test_f3_allocation_never_takes_atp_below_zero_and_cancel_releases(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "3")
    first = await direct_order(api, [(hw, "2")])
    second = await direct_order(api, [(hw, "2")])
    f1 = (await create(api, first["id"], east["id"], [(first["items"][0]["id"], "2")]))["fulfillment"]
    f2 = (await create(api, second["id"], east["id"], [(second["items"][0]["id"], "2")]))["fulfillment"]
    assert codes(await fulfil(api, "allocateFulfillment", f1["id"])) == []
    assert codes(await fulfil(api, "allocateFulfillment", f2["id"])) == ["INSUFFICIENT_STOCK"]
    assert (await read(api, second["id"]))["status"] == "ACTIVATED"  # nothing written
    cancelled = await fulfil(api, "cancelFulfillment", f1["id"])
    assert cancelled["fulfillment"]["status"] == "CANCELLED"
    assert codes(await fulfil(api, "allocateFulfillment", f2["id"])) == []
    assert codes(await fulfil(api, "cancelFulfillment", f1["id"])) == ["INVALID_TRANSITION"]


async def test_f3_shipping_needs_an_allocation(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "3")
    order = await direct_order(api, [(hw, "2")])
    made = (await create(api, order["id"], east["id"], [(order["items"][0]["id"], "2")]))["fulfillment"]
    assert codes(await fulfil(api, "shipFulfillment", made["id"])) == ["INVALID_TRANSITION"]
    assert codes(await fulfil(api, "deliverFulfillment", made["id"])) == ["INVALID_TRANSITION"]
    sub = await b.product(api, "SUB", "RECURRING", "5.00")
    digital = await direct_order(api, [(sub, "1")])
    refused = await create(api, digital["id"], east["id"], [(digital["items"][0]["id"], "1")])
    assert codes(refused) == ["VALIDATION_ERROR"]  # only SHIPPABLE items are shipped


async def test_f3_fulfillments_and_tasks_are_scoped_and_need_the_permission(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "3")
    order = await direct_order(api, [(hw, "2")])
    made = (await create(api, order["id"], east["id"], [(order["items"][0]["id"], "2")]))["fulfillment"]
    partner = (await api.ok("createApiKey", {"role": "PARTNER"}, "secret"))["secret"]
    assert codes(await fulfil(api, "allocateFulfillment", made["id"], key=partner)) == ["FORBIDDEN"]
    rep = (await api.ok("createApiKey", {"role": "SALES_REP"}, "secret"))["secret"]
    seen = await api("query($id: ID!) { order(id: $id) { id } }", {"id": order["id"]}, key=rep)
    assert seen["order"] is None  # S3: nor its fulfillments, read only through the order
    # The FULFILLMENT role is not account-scoped; a foreign-looking id is NOT_FOUND like any unknown one.
    unknown = await fulfil(api, "allocateFulfillment", "00000000-0000-0000-0000-000000000000")
    assert codes(unknown) == ["NOT_FOUND"]


async def test_f4_a_change_below_allocated_cancels_allocations_first(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "10")
    order = await direct_order(api, [(hw, "6")])
    item = order["items"][0]["id"]
    shipped = (await create(api, order["id"], east["id"], [(item, "2")]))["fulfillment"]
    await fulfil(api, "allocateFulfillment", shipped["id"])
    await fulfil(api, "shipFulfillment", shipped["id"])
    held = (await create(api, order["id"], east["id"], [(item, "4")]))["fulfillment"]
    await fulfil(api, "allocateFulfillment", held["id"])
    version = (await read(api, order["id"]))["version"]
    change = {"orderId": order["id"], "version": version, "quantities": [{"orderItemId": item, "quantity": "1"}]}
    assert codes(await api.mutate("changeOrder", change, "order { id }")) == ["BELOW_FULFILLED_QUANTITY"]
    change["quantities"][0]["quantity"] = "3"
    assert codes(await api.mutate("changeOrder", change, "order { id }")) == []
    after = await read(api, order["id"])
    assert {f["id"]: f["status"] for f in after["fulfillments"]} == {shipped["id"]: "SHIPPED", held["id"]: "CANCELLED"}
    (answer,) = (
        await api(
            'query($p: ID!) { availableToPromise(productId: $p, quantity: "1") { availableNow } }', {"p": hw["id"]}
        )
    )["availableToPromise"]
    assert answer["availableNow"] == "8.00"  # the reservation of 4 was released; 2 left
    assert "FULFILLMENT_CANCELLED" in [e["type"] for e in after["events"]]


async def test_f4_ship_order_items_is_a_shortcut_over_fulfillments(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    order = await direct_order(api, [(hw, "3")])
    item = order["items"][0]["id"]
    payload = await api.mutate(
        "shipOrderItems",
        {"orderId": order["id"], "items": [{"orderItemId": item, "quantity": "3"}]},
        "order { status }",
    )
    assert payload["order"]["status"] == "FULFILLED"
    after = await read(api, order["id"])
    (made,) = after["fulfillments"]
    assert made["status"] == "DELIVERED" and made["location"] is None
    types = [e["type"] for e in after["events"]]
    assert types[-5:] == [
        "FULFILLMENT_CREATED",
        "FULFILLMENT_ALLOCATED",
        "FULFILLMENT_SHIPPED",
        "FULFILLMENT_DELIVERED",
        "STATUS_CHANGED",
    ]
    again = await api.mutate(
        "shipOrderItems", {"orderId": order["id"], "items": [{"orderItemId": item, "quantity": "1"}]}, "order { id }"
    )
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_f4_cancelling_an_order_releases_its_allocations(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "5")
    order = await direct_order(api, [(hw, "5")])
    made = (await create(api, order["id"], east["id"], [(order["items"][0]["id"], "5")]))["fulfillment"]
    await fulfil(api, "allocateFulfillment", made["id"])
    await api.ok("cancelOrder", {"orderId": order["id"], "reason": "no"}, "order { id }")
    after = await read(api, order["id"])
    assert after["status"] == "CANCELLED" and after["fulfillments"][0]["status"] == "CANCELLED"
    assert task_of(after, "HW")["status"] == "CANCELLED"
    stock = await receive(api, hw["id"], east["id"], "1")
    assert stock["stock"]["reserved"] == "0.00"


@requires_postgres
async def test_f3_concurrent_allocations_never_oversell(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "10")
    made = []
    for _ in range(20):
        order = await direct_order(api, [(hw, "1")])
        made.append((await create(api, order["id"], east["id"], [(order["items"][0]["id"], "1")]))["fulfillment"])
    results = await asyncio.gather(*(fulfil(api, "allocateFulfillment", f["id"]) for f in made))
    outcomes = sorted(tuple(codes(r)) for r in results)
    assert outcomes.count(()) == 10 and outcomes.count(("INSUFFICIENT_STOCK",)) == 10
    stock = await receive(api, hw["id"], east["id"], "1")
    assert stock["stock"]["reserved"] == "10.00" and stock["stock"]["onHand"] == "11.00"


async def test_f4_raising_a_delivered_item_reopens_its_shipment(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    kit = await b.product(api, "KIT", "ONE_TIME", "10.00")
    order = await direct_order(api, [(hw, "2"), (kit, "1")])
    item = item_of(order, "HW")["id"]
    ship = {"orderId": order["id"], "items": [{"orderItemId": item, "quantity": "2"}]}
    await api.ok("shipOrderItems", ship, "order { id }")
    delivered = await read(api, order["id"])
    assert task_of(delivered, "HW")["status"] == "DONE" and delivered["status"] == "IN_FULFILLMENT"
    change = {
        "orderId": order["id"],
        "version": delivered["version"],
        "quantities": [{"orderItemId": item, "quantity": "3"}],
    }
    assert codes(await api.mutate("changeOrder", change, "order { id }")) == []
    raised = await read(api, order["id"])
    assert task_of(raised, "HW")["status"] == "IN_PROGRESS"
    assert item_of(raised, "HW")["fulfilledQuantity"] == "2.00"
    more = await create(api, order["id"], "00000000-0000-0000-0000-000000000000", [(item, "1")])
    assert codes(more) == ["NOT_FOUND"]  # an unknown location
