"""B5: credit limits hold back activation; ADMIN overrides, a BILLING key releases the current total."""

from typing import Any

from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_ordering import codes
from tests.api.test_payments import posted_invoices
from tests.api.test_purchase_orders import direct_order

HOLD = "order { id status version totalAmount creditHold creditApprovedAmount }"


async def held_order(api: Any, limit: str = "15", quantity: str = "2") -> tuple[dict, dict]:
    """An account with a credit limit and a DRAFT order of `quantity` x 10.00."""
    acc = await b.account(api, creditLimit=limit)
    return acc, await direct_order(api, acc["id"], "HW", quantity)


async def read(api: Any, order_id: str) -> dict:
    return (await api("query($o: ID!) { order(id: $o) { status version creditHold } }", {"o": order_id}))["order"]


async def test_b5_activation_over_the_credit_limit_is_refused_and_writes_nothing(api):
    _, order = await held_order(api)  # 20.00 over a limit of 15.00
    assert await read(api, order["id"]) == {"status": "DRAFT", "version": 1, "creditHold": True}
    ops = await key_of(api, "SALES_OPS")
    refused = await api.mutate("activateOrder", {"orderId": order["id"]}, HOLD, ops)
    assert codes(refused) == ["CREDIT_LIMIT_EXCEEDED"] and refused["order"] is None
    assert await read(api, order["id"]) == {"status": "DRAFT", "version": 1, "creditHold": True}
    events = await api("query($o: ID!) { order(id: $o) { events { type } items { activated } } }", {"o": order["id"]})
    assert events["order"] == {"events": [{"type": "CREATED"}], "items": [{"activated": False}]}


async def test_b5_within_the_limit_or_without_one_activation_passes(api):
    _, within = await held_order(api, limit="20")  # exactly at the limit
    assert (await read(api, within["id"]))["creditHold"] is False
    acc = await b.account(api, name="No limit")
    unlimited = await direct_order(api, acc["id"], "SW", "100")
    ops = await key_of(api, "SALES_OPS")
    for order in (within, unlimited):
        activated = await api.mutate("activateOrder", {"orderId": order["id"]}, HOLD, ops)
        assert codes(activated) == [] and activated["order"]["creditHold"] is False


async def test_b5_an_actor_with_override_credit_hold_activates(api):
    _, order = await held_order(api)
    activated = await api.mutate("activateOrder", {"orderId": order["id"]}, HOLD)  # the ADMIN key
    assert codes(activated) == [] and activated["order"]["status"] == "ACTIVATED"
    assert activated["order"]["creditHold"] is False  # nothing to activate any more


async def test_b5_a_release_approves_the_current_total_only(api):
    _, order = await held_order(api)
    billing, ops = await key_of(api, "BILLING"), await key_of(api, "SALES_OPS")
    released = await api.mutate("releaseCreditHold", {"orderId": order["id"]}, HOLD, billing)
    assert codes(released) == []
    assert released["order"]["creditApprovedAmount"] == "20.00" and released["order"]["creditHold"] is False
    # A later increase needs a new release.
    grown = await api.ok(
        "updateOrder",
        {
            "orderId": order["id"],
            "version": released["order"]["version"],
            "items": [{"orderItemId": order["items"][0]["id"], "quantity": "3"}],
        },
        HOLD,
    )
    assert grown["order"]["creditHold"] is True
    again = await api.mutate("activateOrder", {"orderId": order["id"]}, HOLD, ops)
    assert codes(again) == ["CREDIT_LIMIT_EXCEEDED"]
    await api.ok("releaseCreditHold", {"orderId": order["id"]}, HOLD, billing)
    activated = await api.mutate("activateOrder", {"orderId": order["id"]}, HOLD, ops)
    assert codes(activated) == [] and activated["order"]["status"] == "ACTIVATED"


async def test_b5_only_billing_or_admin_release_credit_holds(api):
    _, order = await held_order(api)
    for role in ("SALES_OPS", "SALES_REP", "READ_ONLY"):
        refused = await api.mutate("releaseCreditHold", {"orderId": order["id"]}, HOLD, await key_of(api, role))
        assert codes(refused) == ["FORBIDDEN"], role
    assert await read(api, order["id"]) == {"status": "DRAFT", "version": 1, "creditHold": True}
    missing = await api.mutate("releaseCreditHold", {"orderId": "00000000-0000-0000-0000-000000000000"}, HOLD)
    assert codes(missing) == ["NOT_FOUND"]


async def test_b5_the_limit_is_judged_in_the_accounts_currency_and_other_currencies_are_held(api):
    acc = await b.account(api, creditLimit="150")  # a USD limit
    await posted_invoices(api, acc["id"], "100.00")
    await posted_invoices(api, acc["id"], "100.00", currency="EUR")  # 200.00 open in two currencies
    ops = await key_of(api, "SALES_OPS")
    # 40 + 100 USD open <= 150: passes. Adding the EUR invoice (240) used to refuse it.
    within = await direct_order(api, acc["id"], "HW-IN", "4")
    assert (await read(api, within["id"]))["creditHold"] is False
    activated = await api.mutate("activateOrder", {"orderId": within["id"]}, HOLD, ops)
    assert codes(activated) == [] and activated["order"]["status"] == "ACTIVATED"
    # 60 + 100 USD open > 150: the receivables in the account's currency still count.
    over = await direct_order(api, acc["id"], "HW-OVER", "6")
    assert (await read(api, over["id"]))["creditHold"] is True
    refused = await api.mutate("activateOrder", {"orderId": over["id"]}, HOLD, ops)
    assert codes(refused) == ["CREDIT_LIMIT_EXCEEDED"] and "150.00 USD" in refused["errors"][0]["message"]
    # An EUR order cannot be compared with a USD limit (no exchange rates): held until a BILLING key releases it.
    product = await b.product(api, "HW-EUR", "ONE_TIME", "10.00", currency="EUR")
    items = [{"productId": product["id"], "quantity": "1"}]
    euro = (await api.ok("createOrder", {"accountId": acc["id"], "items": items, "currency": "EUR"}, HOLD))["order"]
    assert euro["totalAmount"] == "10.00" and euro["creditHold"] is True
    refused = await api.mutate("activateOrder", {"orderId": euro["id"]}, HOLD, ops)
    assert codes(refused) == ["CREDIT_LIMIT_EXCEEDED"] and "in EUR" in refused["errors"][0]["message"]
    billing = await key_of(api, "BILLING")
    await api.ok("releaseCreditHold", {"orderId": euro["id"]}, "order { id }", billing)
    assert (await read(api, euro["id"]))["creditHold"] is False
    activated = await api.mutate("activateOrder", {"orderId": euro["id"]}, HOLD, ops)
    assert codes(activated) == [] and activated["order"]["status"] == "ACTIVATED"
