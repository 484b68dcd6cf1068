"""Idempotency keys: a repeat returns the first result and writes nothing; a reused key with another
input is refused; concurrent repeats create one result."""

import asyncio

from tests.api import builders as b
from tests.security.fingerprint import database_fingerprint


async def _quote(api):
    sub = await b.product(api, "SUB")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "5"}])
    await b.set_settings(api, allowMultipleOrders=True)
    return setup["quote"]


async def test_repeat_returns_the_first_result_and_writes_nothing(api):
    quote = await _quote(api)
    line = quote["lines"][0]["id"]
    request = {"quoteId": quote["id"], "lines": [{"quoteLineId": line, "quantity": "2"}], "idempotencyKey": "k-1"}
    first = await api.ok("createOrdersFromQuote", request, "orders { id number }")
    before = await database_fingerprint()
    again = await api.ok("createOrdersFromQuote", request, "orders { id number }")
    assert again["orders"] == first["orders"]
    assert await database_fingerprint() == before
    data = await api(
        "query($q: ID!) { quote(id: $q) { lines { orderedQuantity } } orders { totalCount } }", {"q": quote["id"]}
    )
    assert data["quote"]["lines"][0]["orderedQuantity"] == "2.00" and data["orders"]["totalCount"] == 1


async def test_same_key_with_another_input_is_refused(api):
    quote = await _quote(api)
    line = quote["lines"][0]["id"]
    await api.ok(
        "createOrdersFromQuote",
        {"quoteId": quote["id"], "idempotencyKey": "k-2", "lines": [{"quoteLineId": line, "quantity": "1"}]},
        "orders { id }",
    )
    other = await api.mutate(
        "createOrdersFromQuote",
        {"quoteId": quote["id"], "idempotencyKey": "k-2", "lines": [{"quoteLineId": line, "quantity": "2"}]},
        "orders { id }",
    )
    assert [e["code"] for e in other["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    other_mutation = await api.mutate("createAccount", {"name": "x", "idempotencyKey": "k-2"}, "account { id }")
    assert [e["code"] for e in other_mutation["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]


async def test_concurrent_repeats_create_one_result(api):
    quote = await _quote(api)
    line = quote["lines"][0]["id"]
    request = {"quoteId": quote["id"], "lines": [{"quoteLineId": line, "quantity": "1"}], "idempotencyKey": "k-3"}
    results = await asyncio.gather(*(b.create_orders(api, request) for _ in range(8)))
    assert all(r["errors"] == [] for r in results), results
    assert len({r["orders"][0]["id"] for r in results}) == 1
    assert (await api("{ orders { totalCount } }"))["orders"]["totalCount"] == 1


async def test_keys_belong_to_their_owner(api):
    other_key = (await api.ok("createApiKey", {"role": "ADMIN", "name": "second"}, "secret"))["secret"]
    mine = await api.ok("createAccount", {"name": "One", "idempotencyKey": "shared"}, "account { id }")
    theirs = await api.ok("createAccount", {"name": "One", "idempotencyKey": "shared"}, "account { id }", key=other_key)
    assert mine["account"]["id"] != theirs["account"]["id"]


async def test_failed_first_attempt_can_be_retried_with_the_same_key(api):
    quote = await _quote(api)
    line = quote["lines"][0]["id"]
    too_many = {"quoteId": quote["id"], "idempotencyKey": "k-4", "lines": [{"quoteLineId": line, "quantity": "9"}]}
    refused = await api.mutate("createOrdersFromQuote", too_many, "orders { id }")
    assert [e["code"] for e in refused["errors"]] == ["QUANTITY_EXCEEDS_REMAINING"]
    again = await api.mutate("createOrdersFromQuote", too_many, "orders { id }")
    assert [e["code"] for e in again["errors"]] == ["QUANTITY_EXCEEDS_REMAINING"]


async def test_transition_mutations_are_idempotent_too(api):
    quote = await _quote(api)
    order = (await b.create_orders(api, {"quoteId": quote["id"]}))["orders"][0]
    first = await api.ok("activateOrder", {"orderId": order["id"], "idempotencyKey": "act"}, "order { version }")
    again = await api.ok("activateOrder", {"orderId": order["id"], "idempotencyKey": "act"}, "order { version }")
    assert first == again  # not INVALID_TRANSITION: the repeat returns the first result
    events = await api("query($id: ID!) { order(id: $id) { events { type } } }", {"id": order["id"]})
    assert [e["type"] for e in events["order"]["events"]] == ["CREATED", "STATUS_CHANGED"]
