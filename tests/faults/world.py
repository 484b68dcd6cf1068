"""Shared set-up for the fault-injection tests: real servers in subprocesses, driven over HTTP."""

import time
from typing import Any

import httpx

from tests.live.server import ADMIN_KEY, Server

ORDER_ONE = """mutation($q: ID!, $line: ID!, $key: String) { createOrdersFromQuote(input: {quoteId: $q,
  lines: [{quoteLineId: $line, quantity: "1"}], idempotencyKey: $key}) {
  orders { id number } errors { code message } } }"""


async def orderable_line(server: Server, quantity: str = "1000") -> tuple[str, str]:
    """(quote id, quote line id) of a quote that may be ordered many times, one unit at a time."""
    n = time.monotonic_ns()
    await server.gql("mutation { updateSettings(input: {allowMultipleOrders: true}) { errors { code } } }")
    product = (
        await server.gql(
            f'mutation {{ createProduct(input: {{sku: "F{n}", name: "Seat", type: ONE_TIME, listPrice: "10"}}) '
            "{ product { id } } }"
        )
    )["createProduct"]["product"]["id"]
    account = (await server.gql('mutation { createAccount(input: {name: "Faults"}) { account { id } } }'))[
        "createAccount"
    ]["account"]["id"]
    opp = (
        await server.gql(
            'mutation($a: ID!) { createOpportunity(input: {accountId: $a, name: "o"}) { opportunity { id } } }',
            {"a": account},
        )
    )["createOpportunity"]["opportunity"]["id"]
    quote = (
        await server.gql(
            "mutation($o: ID!, $p: ID!, $qty: Decimal!) { createQuote(input: {opportunityId: $o, "
            'startDate: "2026-01-01", lines: [{productId: $p, quantity: $qty}]}) { quote { id lines { id } } } }',
            {"o": opp, "p": product, "qty": quantity},
        )
    )["createQuote"]["quote"]
    return quote["id"], quote["lines"][0]["id"]


async def post(client: httpx.AsyncClient, server: Server, query: str, variables: dict[str, Any]) -> httpx.Response:
    return await client.post(
        f"{server.http}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
    )


def assert_clean_unavailable(response: httpx.Response) -> None:
    """What a client sees during an outage: 503, Retry-After, a GraphQL error body with an id, no trace."""
    assert response.status_code == 503, (response.status_code, response.text)
    assert int(response.headers["retry-after"]) > 0
    assert "Traceback" not in response.text and 'File "' not in response.text
    body = response.json()
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", body
    assert error["extensions"]["errorId"] in error["message"]
