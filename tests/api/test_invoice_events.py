"""B2/B3 on the invoice's own stream: every invoice change is an event written in the change's
transaction (`Invoice.events`, the same rows `invoiceEvents` replays); a refusal writes none."""

from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes
from tests.api.test_payments import TODAY, pay, posted_invoices

EVENTS = "events { id cursor type previousStatus status version changes actor invoice { id status } }"


async def events_of(api: Any, invoice_id: str, key: str = "default") -> list[dict]:
    read = await api(f"query($i: ID!) {{ invoice(id: $i) {{ {EVENTS} }} }}", {"i": invoice_id}, key=key)
    return read["invoice"]["events"]  # type: ignore[no-any-return]


def steps(events: list[dict]) -> list[tuple[str, str | None, str | None]]:
    return [(e["type"], e["previousStatus"], e["status"]) for e in events]


async def test_b2_b3_an_invoice_run_post_and_payments_are_events_on_the_invoice_stream(api):
    acc = await b.account(api)
    (invoice,) = await posted_invoices(api, acc["id"], "100.00")
    assert codes(await pay(api, acc["id"], "30.00", [(invoice["id"], "30.00")])) == []
    assert codes(await pay(api, acc["id"], "70.00", [(invoice["id"], "70.00")])) == []
    events = await events_of(api, invoice["id"])
    assert steps(events) == [
        ("CREATED", None, "DRAFT"),
        ("STATUS_CHANGED", "DRAFT", "POSTED"),
        ("PAYMENT_APPLIED", None, "POSTED"),
        ("STATUS_CHANGED", "POSTED", "PAID"),
    ]
    created, posted, partly, paid = events
    assert created["changes"] == {"kind": "INVOICE", "total": "100.00", "currency": "USD", "lines": 1}
    assert posted["changes"] == {"number": invoice["number"], "total": "100.00", "balance": "100.00"}
    assert partly["changes"]["balance"] == "70.00" and partly["changes"]["amount"] == "30.00"
    assert paid["changes"]["balance"] == "0.00" and paid["changes"]["amount"] == "70.00"
    assert [e["version"] for e in events] == [1, 2, 3, 4]
    cursors = [int(e["cursor"]) for e in events]
    assert cursors == sorted(cursors) and len(set(cursors)) == 4
    assert all(e["invoice"] == {"id": invoice["id"], "status": "PAID"} for e in events)


async def test_b2_voiding_a_posted_invoice_is_an_event_and_its_credit_note_is_created_posted(api):
    acc = await b.account(api)
    (invoice,) = await posted_invoices(api, acc["id"], "80.00")
    voided = await api.ok("voidInvoice", {"invoiceId": invoice["id"]}, "invoice { id status }")
    assert voided["invoice"]["status"] == "VOID"
    assert steps(await events_of(api, invoice["id"]))[-1] == ("STATUS_CHANGED", "POSTED", "VOID")
    read = await api(
        "query($a: ID!) { account(id: $a) { invoices { id kind number corrects { id } } } }", {"a": acc["id"]}
    )
    (note,) = [i for i in read["account"]["invoices"] if i["kind"] == "CREDIT_NOTE"]
    assert note["corrects"] == {"id": invoice["id"]}
    (created,) = await events_of(api, note["id"])
    assert (created["type"], created["status"]) == ("CREATED", "POSTED")
    assert created["changes"] == {
        "kind": "CREDIT_NOTE",
        "number": note["number"],
        "total": "-80.00",
        "corrects": invoice["number"],
    }


async def test_b3_a_refused_payment_writes_no_invoice_event(api):
    acc = await b.account(api)
    first, second = await posted_invoices(api, acc["id"], "100.00", "50.00")
    before = await events_of(api, first["id"])
    last = max(int(e["cursor"]) for e in before + await events_of(api, second["id"]))
    refused = await pay(api, acc["id"], "200.00", [(first["id"], "100.00"), (second["id"], "60.00")])
    assert codes(refused) == ["OVERPAYMENT"]
    assert await events_of(api, first["id"]) == before  # the first allocation was valid: rolled back with it
    read = await api(
        "query($i: ID!) { invoice(id: $i) { status balance version payments { amount } } }", {"i": first["id"]}
    )
    assert read["invoice"] == {"status": "POSTED", "balance": "100.00", "version": 2, "payments": []}
    refused = await api.mutate("postInvoice", {"invoiceId": first["id"]}, "invoice { id }")
    assert codes(refused) == ["INVALID_TRANSITION"]
    assert await events_of(api, first["id"]) == before
    assert codes(await pay(api, acc["id"], "100.00", [(first["id"], "100.00")])) == []
    paid = (await events_of(api, first["id"]))[-1]
    assert (paid["type"], paid["status"], int(paid["cursor"])) == ("STATUS_CHANGED", "PAID", last + 1)  # no gap


async def test_b2_the_daily_run_invoices_with_created_events(api):
    acc = await b.account(api)
    product = await b.product(api, f"HW-{acc['id'][:8]}", "ONE_TIME", "40.00")
    items = [{"productId": product["id"], "quantity": "1", "startDate": TODAY}]
    order = (await api.ok("createOrder", {"accountId": acc["id"], "items": items}, "order { id }"))["order"]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    run = await api.ok("runDaily", {"asOf": TODAY}, "run { invoices { id account { id } } }")
    (invoice,) = [i for i in run["run"]["invoices"] if i["account"]["id"] == acc["id"]]
    events = await events_of(api, invoice["id"])
    assert steps(events) == [("CREATED", None, "DRAFT")]
    assert events[0]["changes"]["total"] == "40.00"


async def test_d4_b2_a_run_writes_its_events_in_one_statement_numbered_in_the_order_made(api, sql_counter):
    accounts = [await b.account(api) for _ in range(4)]
    for n, acc in enumerate(accounts):
        product = await b.product(api, f"HW-{acc['id'][:8]}", "ONE_TIME", f"{n + 1}0.00")
        items = [{"productId": product["id"], "quantity": "1", "startDate": TODAY}]
        order = (await api.ok("createOrder", {"accountId": acc["id"], "items": items}, "order { id }"))["order"]
        await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    with sql_counter() as counter:
        run = await api.ok("runInvoices", {"asOf": TODAY}, f"invoices {{ id total {EVENTS} }}")
    inserts = [s for s in counter.statements if 'INSERT INTO "invoice_event"' in s]
    assert len(inserts) == 1, inserts  # one statement for the run's four events
    events = [i["events"] for i in run["invoices"]]
    assert all(len(e) == 1 and e[0]["type"] == "CREATED" for e in events)
    cursors = [int(e[0]["cursor"]) for e in events]
    assert cursors == list(range(cursors[0], cursors[0] + 4))  # increasing, in the order the run made them
    assert [e[0]["changes"]["total"] for e in events] == [i["total"] for i in run["invoices"]]
    posted = await api.ok("postInvoice", {"invoiceId": run["invoices"][0]["id"]}, f"invoice {{ {EVENTS} }}")
    assert int(posted["invoice"]["events"][-1]["cursor"]) > cursors[-1]  # the sequence goes on after them
