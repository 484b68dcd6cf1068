"""B3: payments applied to posted invoices; B5 judged against the open receivables they leave."""

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from models import Invoice
from models.enums import InvoiceKind, InvoiceStatus
from tests.api import builders as b
from tests.api.test_contracts import key_of
from tests.api.test_ordering import codes
from tests.conftest import requires_postgres

TODAY = str(datetime.now(UTC).date())
PAYMENT = (
    "payment { id amount currency receivedOn account { id } allocations { amount invoice { id status balance } } }"
)


async def posted_invoices(api: Any, account_id: str, *totals: str, currency: str = "USD") -> list[dict]:
    """One POSTED invoice per total in `currency`, each from an activated one-time order invoiced today."""
    invoices = []
    for n, total in enumerate(totals):
        product = await b.product(api, f"HW-{account_id[:8]}-{currency}-{n}", "ONE_TIME", total, currency=currency)
        items = [{"productId": product["id"], "quantity": "1", "startDate": TODAY}]
        data = {"accountId": account_id, "items": items, "currency": currency}
        order = (await api.ok("createOrder", data, "order { id }"))["order"]
        await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
        run = await api.ok("runInvoices", {"asOf": TODAY}, "invoices { id account { id } total }")
        (draft,) = [i for i in run["invoices"] if i["account"]["id"] == account_id]
        posted = await api.ok(
            "postInvoice", {"invoiceId": draft["id"]}, "invoice { id number status currency total balance }"
        )
        invoices.append(posted["invoice"])
    return invoices


async def pay(
    api: Any, account_id: str, amount: str, allocations: list[tuple[str, str]], key: str = "default", **extra: Any
) -> dict:
    data = {
        "accountId": account_id,
        "amount": amount,
        "currency": "USD",
        "allocations": [{"invoiceId": i, "amount": a} for i, a in allocations],
        **extra,
    }
    return await api.mutate("recordPayment", data, PAYMENT, key)


async def receivables(api: Any, account_id: str) -> str:
    read = await api("query($a: ID!) { account(id: $a) { openReceivables } }", {"a": account_id})
    return read["account"]["openReceivables"]


async def test_b3_a_payment_pays_several_invoices_wholly_or_partly(api):
    acc = await b.account(api)
    first, second = await posted_invoices(api, acc["id"], "100.00", "50.00")
    assert first["status"] == "POSTED" and first["balance"] == "100.00"
    assert await receivables(api, acc["id"]) == "150.00"
    paid = await pay(api, acc["id"], "130.00", [(first["id"], "100.00"), (second["id"], "30.00")])
    assert codes(paid) == []
    assert [(a["amount"], a["invoice"]["status"], a["invoice"]["balance"]) for a in paid["payment"]["allocations"]] == [
        ("100.00", "PAID", "0.00"),
        ("30.00", "POSTED", "20.00"),
    ]
    assert paid["payment"]["receivedOn"] == TODAY
    assert await receivables(api, acc["id"]) == "20.00"
    read = await api(
        "query($a: ID!, $i: ID!) { account(id: $a) { payments { amount } } "
        "invoice(id: $i) { payments { amount payment { id } } } }",
        {"a": acc["id"], "i": second["id"]},
    )
    assert read["account"]["payments"] == [{"amount": "130.00"}]
    assert read["invoice"]["payments"] == [{"amount": "30.00", "payment": {"id": paid["payment"]["id"]}}]
    rest = await pay(api, acc["id"], "20.00", [(second["id"], "20.00")])
    assert rest["payment"]["allocations"][0]["invoice"]["status"] == "PAID"
    assert await receivables(api, acc["id"]) == "0.00"


async def test_b3_paying_more_than_an_invoices_balance_is_overpayment(api):
    acc = await b.account(api)
    first, second = await posted_invoices(api, acc["id"], "100.00", "50.00")
    refused = await pay(api, acc["id"], "200.00", [(first["id"], "100.00"), (second["id"], "60.00")])
    assert codes(refused) == ["OVERPAYMENT"] and refused["errors"][0]["field"] == "allocations[1].amount"
    assert await receivables(api, acc["id"]) == "150.00"  # all or nothing: the first allocation is gone too
    read = await api("query($a: ID!) { account(id: $a) { payments { id } } }", {"a": acc["id"]})
    assert read["account"]["payments"] == []


async def test_b3_allocations_may_not_exceed_the_payment(api):
    acc = await b.account(api)
    (invoice,) = await posted_invoices(api, acc["id"], "100.00")
    refused = await pay(api, acc["id"], "50.00", [(invoice["id"], "60.00")])
    assert codes(refused) == ["ALLOCATIONS_EXCEED_PAYMENT"]
    unapplied = await pay(api, acc["id"], "80.00", [(invoice["id"], "60.00")])  # 20.00 stays on the account
    assert codes(unapplied) == [] and unapplied["payment"]["amount"] == "80.00"
    assert await receivables(api, acc["id"]) == "40.00"


async def test_b3_only_posted_invoices_of_the_account_and_currency_are_paid(api):
    acc = await b.account(api)
    other = await b.account(api, name="Other Inc")
    (mine,) = await posted_invoices(api, acc["id"], "100.00")
    (theirs,) = await posted_invoices(api, other["id"], "100.00")
    assert codes(await pay(api, acc["id"], "10", [(theirs["id"], "10")])) == ["VALIDATION_ERROR"]
    assert codes(await pay(api, acc["id"], "10", [(mine["id"], "10")], currency="EUR")) == ["VALIDATION_ERROR"]
    assert codes(await pay(api, acc["id"], "10", [(mine["id"], "-1")])) == ["VALIDATION_ERROR"]
    assert codes(await pay(api, acc["id"], "10", [(mine["id"], "5"), (mine["id"], "5")])) == ["VALIDATION_ERROR"]
    missing = "00000000-0000-0000-0000-000000000000"
    assert codes(await pay(api, acc["id"], "10", [(missing, "10")])) == ["NOT_FOUND"]
    await pay(api, acc["id"], "100", [(mine["id"], "100")])
    assert codes(await pay(api, acc["id"], "10", [(mine["id"], "10")])) == ["VALIDATION_ERROR"]  # PAID already
    for role, expected in (("BILLING", []), ("SALES_OPS", ["FORBIDDEN"])):
        payload = await pay(api, other["id"], "10", [(theirs["id"], "10")], key=await key_of(api, role))
        assert codes(payload) == expected, role


async def test_b3_open_receivables_are_per_currency_and_never_added_across_currencies(api):
    acc = await b.account(api)  # USD
    (usd,) = await posted_invoices(api, acc["id"], "100.00")
    eur = await posted_invoices(api, acc["id"], "100.00", "30.00", currency="EUR")
    assert [i["currency"] for i in eur] == ["EUR", "EUR"]
    by_currency = "query($a: ID!) { account(id: $a) { openReceivables openReceivablesByCurrency { currency amount } } }"
    read = await api(by_currency, {"a": acc["id"]})
    assert read["account"] == {  # not 230.00: no exchange rates, so currencies are never added
        "openReceivables": "100.00",
        "openReceivablesByCurrency": [{"currency": "EUR", "amount": "130.00"}, {"currency": "USD", "amount": "100.00"}],
    }
    assert await receivables(api, acc["id"]) == "100.00"  # the compiled read path agrees
    await pay(api, acc["id"], "100.00", [(usd["id"], "100.00")])
    read = await api(by_currency, {"a": acc["id"]})
    assert read["account"] == {  # a currency with nothing open is not listed
        "openReceivables": "0.00",
        "openReceivablesByCurrency": [{"currency": "EUR", "amount": "130.00"}],
    }
    euro = await b.account(api, name="Euro GmbH", currency="EUR")
    await posted_invoices(api, euro["id"], "70.00")  # a USD invoice to an EUR account
    await posted_invoices(api, euro["id"], "20.00", currency="EUR")
    nothing = await b.account(api, name="Nothing owed")
    read = await api(
        "query($a: ID!, $e: ID!, $n: ID!) { a: account(id: $a) { openReceivables } "
        "e: account(id: $e) { openReceivables openReceivablesByCurrency { currency amount } } "
        "n: account(id: $n) { openReceivables openReceivablesByCurrency { currency amount } } }",
        {"a": acc["id"], "e": euro["id"], "n": nothing["id"]},
    )
    eur_then_usd = [{"currency": "EUR", "amount": "20.00"}, {"currency": "USD", "amount": "70.00"}]
    assert read == {
        "a": {"openReceivables": "0.00"},
        "e": {"openReceivables": "20.00", "openReceivablesByCurrency": eur_then_usd},
        "n": {"openReceivables": "0.00", "openReceivablesByCurrency": []},
    }


async def test_b5_open_receivables_count_against_the_credit_limit(api):
    acc = await b.account(api, creditLimit="150")
    (invoice,) = await posted_invoices(api, acc["id"], "100.00")  # activated by the ADMIN key
    product = await b.product(api, "NEXT", "ONE_TIME", "60.00")
    items = [{"productId": product["id"], "quantity": "1"}]
    order = (await api.ok("createOrder", {"accountId": acc["id"], "items": items}, "order { id creditHold }"))["order"]
    assert order["creditHold"] is True  # 60 + 100 owed > 150
    ops = await key_of(api, "SALES_OPS")
    assert codes(await api.mutate("activateOrder", {"orderId": order["id"]}, "order { id }", ops)) == [
        "CREDIT_LIMIT_EXCEEDED"
    ]
    await pay(api, acc["id"], "40.00", [(invoice["id"], "40.00")])
    read = await api("query($o: ID!) { order(id: $o) { creditHold } }", {"o": order["id"]})
    assert read["order"]["creditHold"] is False  # 60 + 60 owed <= 150
    assert codes(await api.mutate("activateOrder", {"orderId": order["id"]}, "order { id }", ops)) == []


@requires_postgres
async def test_b3_concurrent_payments_never_pay_an_invoice_twice(api):
    acc = await b.account(api)
    first, second = await posted_invoices(api, acc["id"], "100.00", "100.00")
    # Each pays 60 of both invoices, listed in opposite orders: rows are locked in pk order, so no deadlock.
    plans = [[(first["id"], "60.00"), (second["id"], "60.00")], [(second["id"], "60.00"), (first["id"], "60.00")]]
    results = await asyncio.gather(*(pay(api, acc["id"], "120.00", plans[n % 2]) for n in range(6)))
    assert sorted(tuple(codes(r)) for r in results) == [()] + [("OVERPAYMENT",)] * 5
    assert await receivables(api, acc["id"]) == "80.00"


async def test_b3_a_repeated_payment_with_its_idempotency_key_is_recorded_once(api):
    acc = await b.account(api)
    (invoice,) = await posted_invoices(api, acc["id"], "100.00")
    first = await pay(api, acc["id"], "40.00", [(invoice["id"], "40.00")], idempotencyKey="bank-ref-1")
    again = await pay(api, acc["id"], "40.00", [(invoice["id"], "40.00")], idempotencyKey="bank-ref-1")
    assert codes(again) == [] and again["payment"]["id"] == first["payment"]["id"]
    assert await receivables(api, acc["id"]) == "60.00"


async def test_b3_scoped_keys_see_only_their_accounts_payments(api):
    mine, theirs = await b.account(api), await b.account(api, name="Other Inc")
    (invoice,) = await posted_invoices(api, theirs["id"], "100.00")
    paid = await pay(api, theirs["id"], "100.00", [(invoice["id"], "100.00")])
    await pay(api, mine["id"], "5.00", [])
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [mine["id"]], "name": "p"}, "secret"))[
        "secret"
    ]
    query = "query($m: ID!, $t: ID!) { account(id: $m) { payments { amount } } other: account(id: $t) { id } }"
    seen = await api(query, {"m": mine["id"], "t": theirs["id"]}, key=partner)
    assert seen == {"account": {"payments": [{"amount": "5.00"}]}, "other": None}
    response = await api.raw("query($i: ID!) { invoice(id: $i) { payments { id } } }", {"i": invoice["id"]}, partner)
    assert paid["payment"]["id"] not in response.text


async def test_b3_open_receivables_are_summed_exactly_never_as_floating_point(api):
    # Two balances of 100,000,000,000,000.01: as floating point (SQLite's SUM over decimal text) each is
    # ...0.015625 and the sum rounds to ...0.03; money is a Decimal from end to end.
    acc = await b.account(api)
    big = Decimal("100000000000000.01")
    for _ in range(2):
        await Invoice.create(
            account_id=acc["id"], currency="USD", kind=InvoiceKind.INVOICE, status=InvoiceStatus.POSTED,
            total=big, balance=big, as_of=datetime.now(UTC).date(),
        )  # fmt: skip
    assert await receivables(api, acc["id"]) == "200000000000000.02"
