"""F1: inventory locations, stock receipts and available-to-promise, through the API."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes

ATP = """query($p: ID!, $q: Decimal!, $l: ID) { availableToPromise(productId: $p, quantity: $q, locationId: $l)
  { location { id name kind } availableNow promiseDate } }"""


def day(offset: int) -> str:
    return str(datetime.now(UTC).date() + timedelta(days=offset))


async def location(api: Any, name: str, kind: str = "WAREHOUSE", key: str = "default") -> dict:
    payload = await api.mutate(
        "createInventoryLocation", {"name": name, "kind": kind}, "location { id name kind }", key
    )
    assert codes(payload) == [], payload
    return payload["location"]


async def receive(api: Any, product_id: str, location_id: str, quantity: str, available_on: str | None = None) -> dict:
    data = {"productId": product_id, "locationId": location_id, "quantity": quantity}
    if available_on:
        data["availableOn"] = available_on
    return await api.mutate("receiveStock", data, "stock { id onHand reserved product { sku } location { name } }")


async def atp(api: Any, product_id: str, quantity: str, location_id: str | None = None, key: str = "default") -> list:
    data = await api(ATP, {"p": product_id, "q": quantity, "l": location_id}, key=key)
    return data["availableToPromise"]


async def test_f1_receipts_due_today_are_on_hand_and_later_ones_are_incoming(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    now = await receive(api, hw["id"], east["id"], "5", day(-1))
    assert codes(now) == [] and now["stock"]["onHand"] == "5.00"
    later = await receive(api, hw["id"], east["id"], "7", day(10))
    assert later["stock"]["onHand"] == "5.00"  # incoming, not on hand yet
    (answer,) = await atp(api, hw["id"], "4", east["id"])
    assert answer["availableNow"] == "5.00" and answer["promiseDate"] == day(0)


async def test_f1_promise_date_is_when_the_whole_quantity_is_available_per_location(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east, west = await location(api, "East"), await location(api, "West", "PROVIDER")
    await receive(api, hw["id"], east["id"], "3")
    await receive(api, hw["id"], east["id"], "4", day(5))
    await receive(api, hw["id"], east["id"], "10", day(20))
    await receive(api, hw["id"], west["id"], "2")
    answers = {a["location"]["name"]: a for a in await atp(api, hw["id"], "6")}
    assert answers["East"]["availableNow"] == "3.00" and answers["East"]["promiseDate"] == day(5)
    assert answers["West"]["availableNow"] == "2.00" and answers["West"]["promiseDate"] is None  # never, as known
    assert answers["West"]["location"]["kind"] == "PROVIDER"
    (east_big,) = await atp(api, hw["id"], "17", east["id"])
    assert east_big["promiseDate"] == day(20)


async def test_f1_partners_and_sales_reps_may_ask_but_not_stock(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    await receive(api, hw["id"], east["id"], "3")
    for role in ("PARTNER", "SALES_REP"):
        secret = (await api.ok("createApiKey", {"role": role}, "secret"))["secret"]
        (answer,) = await atp(api, hw["id"], "1", key=secret)
        assert answer["availableNow"] == "3.00"
        refused = await api.mutate(
            "createInventoryLocation", {"name": role, "kind": "WAREHOUSE"}, "location { id }", secret
        )
        assert codes(refused) == ["FORBIDDEN"]
    fulfilment = (await api.ok("createApiKey", {"role": "FULFILLMENT"}, "secret"))["secret"]
    assert (await location(api, "North", key=fulfilment))["name"] == "North"


async def test_f1_bad_receipts_are_refused(api):
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    east = await location(api, "East")
    assert codes(await receive(api, hw["id"], east["id"], "0")) == ["INVALID_QUANTITY"]
    assert codes(await receive(api, hw["id"], "00000000-0000-0000-0000-000000000000", "1")) == ["NOT_FOUND"]
    dup = await api.mutate("createInventoryLocation", {"name": "East", "kind": "WAREHOUSE"}, "location { id }")
    assert codes(dup) == ["VALIDATION_ERROR"]
