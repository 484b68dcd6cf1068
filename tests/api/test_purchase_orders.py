"""B4: customer purchase orders: the attached orders' totals never exceed the PO's amount."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_ordering import codes
from tests.conftest import requires_postgres

TODAY = datetime.now(UTC).date()
PO_FIELDS = "purchaseOrder { id number amount currency validFrom validTo remainingAmount account { id } }"
ORDER = "order { id version totalAmount purchaseOrder { id remainingAmount } }"


async def direct_order(api: Any, account_id: str, sku: str, quantity: str = "2", **fields: Any) -> dict:
    """A DRAFT order of `quantity` x 10.00."""
    product = await b.product(api, sku, "ONE_TIME", "10.00")
    items = [{"productId": product["id"], "quantity": quantity}]
    payload = await api.ok(
        "createOrder", {"accountId": account_id, "items": items, **fields}, "order { id items { id } }"
    )
    return payload["order"]


async def new_po(
    api: Any, account_id: str, amount: str = "50", number: str = "PO-1", key: str | None = "default", **fields: Any
) -> dict:
    data = {
        "accountId": account_id,
        "number": number,
        "amount": amount,
        "currency": "USD",
        "validFrom": str(TODAY - timedelta(days=30)),
        "validTo": str(TODAY + timedelta(days=30)),
        **fields,
    }
    return await api.mutate("createPurchaseOrder", data, PO_FIELDS, key)


async def attach(api: Any, order_id: str, po_id: str, key: str | None = "default") -> dict:
    return await api.mutate("attachPurchaseOrder", {"orderId": order_id, "purchaseOrderId": po_id}, ORDER, key)


async def test_b4_attached_orders_may_not_exceed_the_po_amount(api):
    acc = await b.account(api)
    po = (await new_po(api, acc["id"], "50"))["purchaseOrder"]
    assert (po["amount"], po["remainingAmount"], po["account"]["id"]) == ("50.00", "50.00", acc["id"])
    first = await direct_order(api, acc["id"], "A")  # 20.00
    second = await direct_order(api, acc["id"], "B", quantity="4")  # 40.00
    attached = await attach(api, first["id"], po["id"])
    assert codes(attached) == [] and attached["order"]["purchaseOrder"] == {"id": po["id"], "remainingAmount": "30.00"}
    assert attached["order"]["version"] == 2
    refused = await attach(api, second["id"], po["id"])
    assert codes(refused) == ["PO_AMOUNT_EXCEEDED"] and refused["order"] is None
    read = await api(
        "query($a: ID!, $o: ID!) { order(id: $o) { version purchaseOrder { id } } "
        "account(id: $a) { purchaseOrders { number remainingAmount } } }",
        {"a": acc["id"], "o": second["id"]},
    )
    assert read["order"] == {"version": 1, "purchaseOrder": None}  # nothing written
    assert read["account"]["purchaseOrders"] == [{"number": "PO-1", "remainingAmount": "30.00"}]
    # Exactly up to the amount fits.
    third = await direct_order(api, acc["id"], "C", quantity="3")  # 30.00
    assert codes(await attach(api, third["id"], po["id"])) == []
    assert (await attach(api, third["id"], po["id"]))["order"]["purchaseOrder"]["remainingAmount"] == "0.00"


async def test_b4_expired_foreign_or_other_currency_po_is_not_applicable(api):
    acc = await b.account(api)
    other = await b.account(api, name="Other Inc")
    order = await direct_order(api, acc["id"], "A")
    past = {"validFrom": str(TODAY - timedelta(days=60)), "validTo": str(TODAY - timedelta(days=1))}
    future = {"validFrom": str(TODAY + timedelta(days=1)), "validTo": str(TODAY + timedelta(days=60))}
    pos = [
        (await new_po(api, acc["id"], number="OLD", **past))["purchaseOrder"],
        (await new_po(api, acc["id"], number="LATER", **future))["purchaseOrder"],
        (await new_po(api, other["id"], number="THEIRS"))["purchaseOrder"],
        (await new_po(api, acc["id"], number="EUR", currency="EUR"))["purchaseOrder"],
    ]
    for po in pos:
        assert codes(await attach(api, order["id"], po["id"])) == ["PO_NOT_APPLICABLE"], po["number"]
    read = await api("query($o: ID!) { order(id: $o) { version purchaseOrder { id } } }", {"o": order["id"]})
    assert read["order"] == {"version": 1, "purchaseOrder": None}


async def test_b4_growing_an_attached_order_past_the_po_is_refused(api):
    acc = await b.account(api)
    po = (await new_po(api, acc["id"], "30"))["purchaseOrder"]
    order = await direct_order(api, acc["id"], "A")  # 20.00
    attached = await attach(api, order["id"], po["id"])
    item = order["items"][0]["id"]
    grown = await api.mutate(
        "updateOrder",
        {
            "orderId": order["id"],
            "version": attached["order"]["version"],
            "items": [{"orderItemId": item, "quantity": "4"}],
        },
        "order { totalAmount }",
    )
    assert codes(grown) == ["PO_AMOUNT_EXCEEDED"]
    fits = await api.mutate(
        "updateOrder",
        {
            "orderId": order["id"],
            "version": attached["order"]["version"],
            "items": [{"orderItemId": item, "quantity": "3"}],
        },
        "order { totalAmount purchaseOrder { remainingAmount } }",
    )
    assert codes(fits) == [] and fits["order"] == {"totalAmount": "30.00", "purchaseOrder": {"remainingAmount": "0.00"}}


async def test_b4_purchase_orders_are_validated_and_permissioned(api):
    acc = await b.account(api)
    assert codes(await new_po(api, acc["id"], "0")) == ["VALIDATION_ERROR"]
    backwards = {"validFrom": str(TODAY), "validTo": str(TODAY - timedelta(days=1))}
    assert codes(await new_po(api, acc["id"], **backwards)) == ["VALIDATION_ERROR"]
    assert codes(await new_po(api, acc["id"], number=" ")) == ["VALIDATION_ERROR"]
    assert codes(await new_po(api, acc["id"])) == []
    assert codes(await new_po(api, acc["id"])) == ["VALIDATION_ERROR"]  # number taken on this account
    other = await b.account(api, name="Other Inc")
    assert codes(await new_po(api, other["id"])) == []  # unique per account only
    for role, expected in (("BILLING", []), ("SALES_OPS", []), ("SALES_REP", ["FORBIDDEN"])):
        key = await key_of(api, role)
        assert codes(await new_po(api, acc["id"], number=role, key=key)) == expected, role


async def test_b4_scoped_keys_see_only_their_accounts_purchase_orders(api):
    mine = await b.account(api)
    theirs = await b.account(api, name="Other Inc")
    po = (await new_po(api, mine["id"]))["purchaseOrder"]
    foreign = (await new_po(api, theirs["id"], number="PO-X"))["purchaseOrder"]
    order = await direct_order(api, mine["id"], "A")
    await attach(api, order["id"], po["id"])
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [mine["id"]], "name": "p"}, "secret"))[
        "secret"
    ]
    query = (
        "query($m: ID!, $o: ID!) { account(id: $m) { purchaseOrders { id } } "
        "order(id: $o) { purchaseOrder { id number } } }"
    )
    seen = await api(query, {"m": mine["id"], "o": order["id"]}, key=partner)
    assert seen["account"]["purchaseOrders"] == [{"id": po["id"]}]
    assert seen["order"]["purchaseOrder"] == {"id": po["id"], "number": "PO-1"}
    hidden = await api("query($t: ID!) { account(id: $t) { purchaseOrders { id } } }", {"t": theirs["id"]}, partner)
    assert hidden == {"account": None}  # S3: another account is not there at all
    # Not even attachable by a key that could: a scoped PO is NOT_FOUND, never PO_NOT_APPLICABLE.
    assert codes(await attach(api, order["id"], foreign["id"], partner)) == ["FORBIDDEN"]


@requires_postgres
async def test_b4_concurrent_attachments_never_exceed_the_po_amount(api):
    acc = await b.account(api)
    po = (await new_po(api, acc["id"], "100"))["purchaseOrder"]
    orders = [await direct_order(api, acc["id"], f"P{n}", quantity="3") for n in range(8)]  # 30.00 each
    results = await asyncio.gather(*(attach(api, o["id"], po["id"]) for o in orders))
    outcomes = sorted(tuple(codes(r)) for r in results)
    assert outcomes.count(()) == 3 and outcomes.count(("PO_AMOUNT_EXCEEDED",)) == 5
    read = await api("query($a: ID!) { account(id: $a) { purchaseOrders { remainingAmount } } }", {"a": acc["id"]})
    assert read["account"]["purchaseOrders"] == [{"remainingAmount": "10.00"}]
