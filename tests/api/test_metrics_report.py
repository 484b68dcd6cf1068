"""N1: MRR, ARR, TCV/ACV, bookings and renewal rate as of a date, in total and per account, from the
live records, within the key's scope (S3). Numbers computed by hand in the comments."""

from datetime import UTC, datetime
from typing import Any

from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_renewals import contracted

METRICS = "mrr arr tcv acv renewalRate bookings(months: 2) { month amount }"


async def two_accounts(api: Any) -> tuple[dict, dict]:
    """Account A: 10 x 1,200.00 for 12 months (2026-01-01..2026-12-31) + a 500.00 set-up fee.
    Account B: 5 seats for 24 months (2026-01-01..2027-12-31) at 2,400.00 each (1,200.00 per 12 months)."""
    seats = await b.product(api, "SEAT", "RECURRING", "1200.00", defaultSubscriptionTerm=12)
    fee = await b.product(api, "SETUP", "ONE_TIME", "500.00")
    a = await b.sales_setup(
        api,
        [{"productId": seats["id"], "quantity": "10"}, {"productId": fee["id"], "quantity": "1"}],
        startDate="2026-01-01",
        subscriptionTerm=12,
    )
    b_acc = await b.account(api, name="Bravo")
    b_opp = await b.opportunity(api, b_acc["id"])
    b_quote = await b.quote(
        api, b_opp["id"], [{"productId": seats["id"], "quantity": "5"}], startDate="2026-01-01", subscriptionTerm=24
    )
    await contracted(api, a["quote"]["id"])
    await contracted(api, b_quote["id"])
    return a["account"], b_acc


async def metrics(api: Any, as_of: str, account_id: str | None = None, key: str | None = "default") -> dict:
    data = await api(
        f"query($asOf: Date!, $accountId: ID) {{ metrics(asOf: $asOf, accountId: $accountId) {{ {METRICS} }} }}",
        {"asOf": as_of, "accountId": account_id},
        key=key,
    )
    return data["metrics"]


async def test_n1_mrr_arr_tcv_acv_in_total_and_per_account(api):
    a, b_acc = await two_accounts(api)
    total = await metrics(api, "2026-06-01")
    # MRR: 10 x 1,200/12 + 5 x 2,400/24 = 1,000 + 500; ARR = 12 x 1,500.
    assert (total["mrr"], total["arr"]) == ("1500.00", "18000.00")
    # TCV: A 12,500.00 (fee included) + B 12,000.00; ACV: A 12,500.00 (12 months) + B 12,000 x 12/24 = 6,000.
    assert (total["tcv"], total["acv"]) == ("24500.00", "18500.00")
    one = await metrics(api, "2026-06-01", a["id"])
    assert (one["mrr"], one["arr"], one["tcv"], one["acv"]) == ("1000.00", "12000.00", "12500.00", "12500.00")
    later = await metrics(api, "2027-03-01")  # A has ended: only B
    assert (later["mrr"], later["tcv"], later["acv"]) == ("500.00", "12000.00", "6000.00")


async def test_n1_bookings_per_month_of_activation(api):
    await two_accounts(api)
    today = datetime.now(UTC).date()
    got = await metrics(api, today.isoformat())
    month = today.strftime("%Y-%m")
    assert got["bookings"][-1] == {"month": month, "amount": "24500.00"}  # both orders activated today
    assert len(got["bookings"]) == 2 and got["bookings"][0]["amount"] == "0.00"


async def test_n1_renewal_rate_is_renewed_over_due(api):
    await two_accounts(api)
    assert (await metrics(api, "2026-06-01"))["renewalRate"] is None  # nothing came due yet
    # A ended 2026-12-31 (due in the 12 months before 2027-06-01) and was not renewed; B is not due.
    assert (await metrics(api, "2027-06-01"))["renewalRate"] == "0.00"


async def test_n1_s3_a_scoped_key_counts_only_its_accounts(api):
    a, b_acc = await two_accounts(api)
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "name": "p", "accountIds": [a["id"]]}, "secret"))[
        "secret"
    ]
    scoped = await metrics(api, "2026-06-01", key=partner)
    assert (scoped["mrr"], scoped["tcv"]) == ("1000.00", "12500.00")
    response = await api.raw(
        'query($id: ID) { metrics(asOf: "2026-06-01", accountId: $id) { mrr } }', {"id": b_acc["id"]}, key=partner
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    reader = await key_of(api, "READ_ONLY")
    assert (await metrics(api, "2026-06-01", key=reader))["mrr"] == "1500.00"
