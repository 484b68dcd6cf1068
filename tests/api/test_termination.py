"""C11: terminating an ACTIVATED contract: subscriptions end at the date, assets are cancelled, the
contract is TERMINATED with an event, and B6 can read what the termination cut short."""

from datetime import date
from decimal import Decimal

from app.services.terminate_contracts import ended_by_termination
from tests.api import builders as b
from tests.api.test_ordering import codes

CONTRACT = """contract { id status version terminationDate endDate
  subscriptions { quantity startDate endDate previousEndDate product { sku } }
  events { type status changes } }"""


async def terminate(api, contract_id, day="2026-06-30", reason="customer closed", **extra):
    request = {"contractId": contract_id, "terminationDate": day, "reason": reason, **extra}
    return await api.mutate("terminateContract", request, CONTRACT)


async def test_c11_termination_ends_every_subscription_at_that_date(api):
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10"), ("SUPPORT", "300.00", "2")])
    payload = await terminate(api, setup["contract"]["id"])
    assert codes(payload) == []
    contract = payload["contract"]
    assert (contract["status"], contract["terminationDate"], contract["endDate"]) == (
        "TERMINATED",
        "2026-06-30",
        "2026-12-31",
    )
    assert {(s["product"]["sku"], s["endDate"], s["previousEndDate"]) for s in contract["subscriptions"]} == {
        ("SEAT", "2026-06-30", "2026-12-31"),
        ("SUPPORT", "2026-06-30", "2026-12-31"),
    }
    event = contract["events"][-1]
    assert (event["type"], event["status"]) == ("STATUS_CHANGED", "TERMINATED")
    assert event["changes"]["terminationDate"] == "2026-06-30" and event["changes"]["reason"] == "customer closed"
    ended = await ended_by_termination(setup["contract"]["id"])
    assert sorted((e.quantity, e.ended_on, e.was_ending_on, e.days_credited) for e in ended) == [
        (Decimal("2"), date(2026, 6, 30), date(2026, 12, 31), 184),
        (Decimal("10"), date(2026, 6, 30), date(2026, 12, 31), 184),
    ]


async def test_c11_assets_of_the_contracts_orders_are_cancelled(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00", defaultSubscriptionTerm=12)
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "1"}, {"productId": hw["id"], "quantity": "2"}],
        startDate="2026-01-01",
        subscriptionTerm=12,
    )
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    contract = (await api.ok("contractOrder", {"orderId": order["id"]}, "contract { id }"))["contract"]
    assert codes(await terminate(api, contract["id"], "2026-03-31")) == []
    assets = await api(
        "query($id: ID!) { account(id: $id) { assets { status product { sku } } } }", {"id": setup["account"]["id"]}
    )
    assert assets["account"]["assets"] == [{"status": "CANCELLED", "product": {"sku": "HW"}}]


async def test_c11_date_outside_the_contract_and_bad_states_are_refused(api):
    setup = await b.activated_contract(api, [("SEAT", "1200.00", "10")])
    contract_id = setup["contract"]["id"]
    assert codes(await terminate(api, contract_id, "2027-01-01")) == ["TERMINATION_DATE_OUT_OF_RANGE"]
    assert codes(await terminate(api, contract_id, reason=" ")) == ["VALIDATION_ERROR"]
    assert codes(await terminate(api, contract_id, version=99)) == ["VERSION_CONFLICT"]
    assert codes(await terminate(api, contract_id)) == []
    assert codes(await terminate(api, contract_id)) == ["CONTRACT_NOT_ACTIVE"]
