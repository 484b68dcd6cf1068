"""B2/B3/S3 over websockets: `invoiceEvents` carries invoice changes live, resumes from a cursor
like `orderEvents`, and is scoped like it."""

import asyncio
import time
from datetime import UTC, datetime

import pytest

from tests.live.server import Server, Socket, partner_key, refusal_code

TODAY = str(datetime.now(UTC).date())
INVOICE_EVENTS = """subscription($invoiceId: ID, $accountId: ID, $after: String) {
  invoiceEvents(invoiceId: $invoiceId, accountId: $accountId, after: $after)
  { cursor type previousStatus status changes invoice { id status balance } } }"""


async def ok(server: Server, name: str, input: dict, selection: str, key: str | None = None) -> dict:
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) "
        f"{{ errors {{ code }} {selection} }} }}"
    )
    data = await (server.gql(query, {"input": input}, key) if key else server.gql(query, {"input": input}))
    assert data[name]["errors"] == [], data
    return data[name]  # type: ignore[no-any-return]


async def drafted_invoice(server: Server) -> dict:
    """A DRAFT invoice of 100.00 for a new account: a one-time order activated, then the invoice run."""
    n = time.monotonic_ns()
    product = await ok(
        server,
        "createProduct",
        {"sku": f"HW{n}", "name": "Router", "type": "ONE_TIME", "listPrice": "100"},
        "product { id }",
    )
    account = (await ok(server, "createAccount", {"name": f"Live {n}"}, "account { id }"))["account"]
    items = [{"productId": product["product"]["id"], "quantity": "1", "startDate": TODAY}]
    order = await ok(server, "createOrder", {"accountId": account["id"], "items": items}, "order { id }")
    await ok(server, "activateOrder", {"orderId": order["order"]["id"]}, "order { id }")
    run = await ok(server, "runInvoices", {"asOf": TODAY}, "invoices { id account { id } events { cursor } }")
    (invoice,) = [i for i in run["invoices"] if i["account"]["id"] == account["id"]]
    return {**invoice, "account": account}


async def payment(server: Server, invoice: dict, amount: str) -> list:
    data = await server.gql(
        "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { errors { code } } }",
        {
            "input": {
                "accountId": invoice["account"]["id"],
                "amount": amount,
                "currency": "USD",
                "allocations": [{"invoiceId": invoice["id"], "amount": amount}],
            }
        },
    )
    return data["recordPayment"]["errors"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
async def test_b2_b3_invoice_events_resume_from_a_cursor_then_carry_payments_live(server, protocol):
    invoice = await drafted_invoice(server)
    created_cursor = invoice["events"][0]["cursor"]
    await ok(server, "postInvoice", {"invoiceId": invoice["id"]}, "invoice { id }")
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(INVOICE_EVENTS, {"invoiceId": invoice["id"], "after": created_cursor})
        replayed = (await sock.next_data())["invoiceEvents"]
        assert (replayed["type"], replayed["previousStatus"], replayed["status"]) == (
            "STATUS_CHANGED",
            "DRAFT",
            "POSTED",
        )
        await server.wait_for_subscribers(before + 1)
        assert await payment(server, invoice, "40.00") == []
        partly = (await sock.next_data())["invoiceEvents"]
        assert (partly["type"], partly["changes"]["balance"]) == ("PAYMENT_APPLIED", "60.00")
        assert await payment(server, invoice, "60.01") == [{"code": "OVERPAYMENT"}]  # refused: publishes nothing
        assert await payment(server, invoice, "60.00") == []
        paid = (await sock.next_data())["invoiceEvents"]
        assert (paid["type"], paid["previousStatus"], paid["status"]) == ("STATUS_CHANGED", "POSTED", "PAID")
        assert paid["invoice"] == {"id": invoice["id"], "status": "PAID", "balance": "0.00"}
        assert int(paid["cursor"]) > int(partly["cursor"]) > int(replayed["cursor"]) > int(created_cursor)
        with pytest.raises(asyncio.TimeoutError):
            await sock.receive(timeout=0.5)


async def test_s3_b2_partner_invoice_events_carry_only_its_accounts_invoices(server):
    mine, theirs = await drafted_invoice(server), await drafted_invoice(server)
    partner = await partner_key(server, mine["account"]["id"])
    async with Socket.open(server.ws, "graphql-transport-ws", key=partner) as sock:
        await sock.ack()
        await sock.subscribe(INVOICE_EVENTS, {"invoiceId": theirs["id"]})
        assert refusal_code(await sock.receive()) == "NOT_FOUND"  # like a missing invoice (S3)
        await sock.subscribe(INVOICE_EVENTS, {"accountId": theirs["account"]["id"]})
        assert refusal_code(await sock.receive()) == "NOT_FOUND"
        before = await server.subscribers()
        await sock.subscribe(INVOICE_EVENTS, {"after": "0"})
        replayed = (await sock.next_data())["invoiceEvents"]  # only its own account's: the CREATED event
        assert (replayed["invoice"]["id"], replayed["type"]) == (mine["id"], "CREATED")
        await server.wait_for_subscribers(before + 1)
        await ok(server, "postInvoice", {"invoiceId": theirs["id"]}, "invoice { id }")
        await ok(server, "postInvoice", {"invoiceId": mine["id"]}, "invoice { id }")
        live = (await sock.next_data())["invoiceEvents"]
        assert (live["invoice"]["id"], live["status"]) == (mine["id"], "POSTED")
        with pytest.raises(asyncio.TimeoutError):
            await sock.receive(timeout=0.5)
