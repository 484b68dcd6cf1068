"""The bench's F3 case: 20-way concurrent allocation on one stock row (scripts/bench.py).

Twenty orders of one unit each, a fulfillment each, all from one location holding half as many units;
the twenty allocateFulfillment calls are sent at once. Reports allocations per second (all twenty
answers, granted or refused, over the wall time) and the oversell, which must be 0: exactly as many
allocations granted as units in stock, and the stock row's reserved quantity equal to them.
"""

import asyncio
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WAYS = 20
STOCK = WAYS // 2


@dataclass
class Allocation:
    per_second: float
    granted: int
    refused: int
    oversell: int


async def _order_with_fulfillment(api: Any, account_id: str, product_id: str, location_id: str) -> str:
    items = [{"productId": product_id, "quantity": "1"}]
    order = (await api.ok("createOrder", {"accountId": account_id, "items": items}, "order { id items { id } }"))[
        "order"
    ]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    line = {"orderItemId": order["items"][0]["id"], "quantity": "1"}
    data = {"orderId": order["id"], "locationId": location_id, "lines": [line]}
    return str((await api.ok("createFulfillment", data, "fulfillment { id }"))["fulfillment"]["id"])


async def _allocate(api: Any, fulfillment_id: str) -> list[str]:
    query = "mutation($input: AllocateFulfillmentInput!) { allocateFulfillment(input: $input) { errors { code } } }"
    data = await api.query(query, {"input": {"fulfillmentId": fulfillment_id}})
    return [e["code"] for e in data["allocateFulfillment"]["errors"]]


async def measure_allocation(api: Any) -> Allocation:
    tag = uuid.uuid4().hex[:8]
    product = await api.ok(
        "createProduct",
        {"sku": f"ALLOC-{tag}", "name": "Router", "type": "ONE_TIME", "listPrice": "10"},
        "product { id }",
    )
    product_id = product["product"]["id"]
    location = await api.ok("createInventoryLocation", {"name": f"Bench {tag}", "kind": "WAREHOUSE"}, "location { id }")
    location_id = location["location"]["id"]
    received = {"productId": product_id, "locationId": location_id, "quantity": str(STOCK)}
    await api.ok("receiveStock", received, "stock { id }")
    account = (await api.ok("createAccount", {"name": f"Bench {tag}"}, "account { id }"))["account"]["id"]
    fulfillments = [await _order_with_fulfillment(api, account, product_id, location_id) for _ in range(WAYS)]
    started = time.perf_counter()
    answers = await asyncio.gather(*(_allocate(api, f) for f in fulfillments))
    elapsed = time.perf_counter() - started
    granted = sum(1 for codes in answers if not codes)
    refused = sum(1 for codes in answers if codes == ["INSUFFICIENT_STOCK"])
    atp = await api.query(
        'query($p: ID!, $l: ID) { availableToPromise(productId: $p, quantity: "1", locationId: $l) { availableNow } }',
        {"p": product_id, "l": location_id},
    )
    available = Decimal(atp["availableToPromise"][0]["availableNow"])
    oversell = max(0, granted - STOCK) + (1 if available < 0 else 0) + (1 if granted + refused != WAYS else 0)
    return Allocation(WAYS / elapsed, granted, refused, oversell)
