"""Issue 10, bad input: the compiled path refuses exactly what the executor refuses, with the same
errors (it never answers them itself: the executor does), and a query it cannot plan falls back."""

import re

import httpx
import pytest

from app.config import Config
from app.main import create_app
from tests.api import builders as b

DEEP = "{ orders { edges { node { " + "items { order { " * 5 + "id" + " } }" * 5 + " } } } }"
CASES = [
    ("too deep (S4)", DEEP, {}),
    ("too many tokens (S4)", "{ orders { edges { node { " + "id " * 5001 + "} } } }", {}),
    ("too many aliases (S4)", "{ " + " ".join(f"a{i}: orders {{ totalCount }}" for i in range(31)) + " }", {}),
    ("syntax error", "{ orders { edges { node { id } }", {}),
    ("unknown field", "{ orders { edges { node { nope } } } }", {}),
    ("bad cursor", '{ orders(after: "bad") { edges { node { id } } } }', {}),
    ("negative first", "{ orders(first: -1) { edges { node { id } } } }", {}),
    ("missing variable", "query($q: ID!) { quote(id: $q) { id } }", {}),
    ("wrong variable type", "query($n: Int) { orders(first: $n) { totalCount } }", {"n": "many"}),
    ("malformed filter id", '{ orders(filter: {accountId: "nope"}) { totalCount } }', {}),
    (
        "NUL in a filter",
        "query($f: AccountFilter) { accounts(filter: $f) { totalCount } }",
        {"f": {"nameContains": "a\x00"}},
    ),
    ("directive (not compiled)", "query($s: Boolean!) { orders { totalCount @skip(if: $s) } }", {"s": True}),
    ("two operations, no name", "query A { orders { totalCount } } query B { quotes { totalCount } }", {}),
    ("named operation", "query A { orders { totalCount } } query B { quotes { totalCount } }", {}),
]


@pytest.mark.parametrize("name,query,variables", CASES, ids=[c[0] for c in CASES])
async def test_refusals_and_fallbacks_answer_like_the_executor(orm, api, name, query, variables):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "2"}], startDate="2026-01-01")
    await b.create_orders(api, {"quoteId": setup["quote"]["id"]})
    bodies = []
    for mode in ("0", "1"):
        app = create_app(Config(database_url=orm, compiled_reads=mode), manage_database=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            for key in (api.key, None):
                headers = {"Authorization": f"Bearer {key}"} if key else {}
                payload = {"query": query, "variables": variables}
                if name == "named operation":
                    payload["operationName"] = "B"
                response = await client.post("/graphql", json=payload, headers=headers)
                # An internal error (if the database refuses a value) carries a fresh id per answer.
                text = re.sub(r"(id |errorId\":\s*\")[0-9a-f]{12}", r"\1<id>", response.text)
                bodies.append((response.status_code, text))
    executor, compiled = bodies[:2], bodies[2:]
    assert compiled == executor
    if "S4" in name or name in ("syntax error", "unknown field", "bad cursor", "negative first"):
        assert '"errors"' in executor[0][1], executor
