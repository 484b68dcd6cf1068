"""The nested read runs in a number of SQL statements that does not grow with the number of orders,
on the executor (DataLoaders) and on the compiled read path (issue 10) alike."""

import httpx
import pytest

from app.config import Config
from app.main import create_app
from tests.api import builders as b

NESTED = """{ orders(first: 30) { edges { node { account { id } quote { lines { product { id } } }
  items { product { name } quoteLine { id } requiredBy { id } } } } } }"""


async def _seed_orders(api, count):
    part = await b.product(api, f"PART{count}", "ONE_TIME", "5.00")
    kit = (
        await api.ok(
            "createProduct",
            {"sku": f"KIT{count}", "name": "Kit", "type": "ONE_TIME", "listPrice": "50", "componentIds": [part["id"]]},
            "product { id }",
        )
    )["product"]
    sub = await b.product(api, f"SUB{count}")
    for _ in range(count):
        setup = await b.sales_setup(
            api,
            [{"productId": kit["id"], "quantity": "1"}, {"productId": sub["id"], "quantity": "2"}],
            startDate="2026-01-01",
        )
        await b.create_orders(api, {"quoteId": setup["quote"]["id"]})


async def _count(orm, api, sql_counter, mode):
    app = create_app(Config(database_url=orm, compiled_reads=mode), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        with sql_counter() as counter:
            response = await client.post(
                "/graphql", json={"query": NESTED}, headers={"Authorization": f"Bearer {api.key}"}
            )
    body = response.json()
    assert "errors" not in body, body
    return len(counter.statements), body["data"]


@pytest.mark.parametrize("mode", ["0", "1"], ids=["executor", "compiled"])
async def test_nested_order_read_statement_count_does_not_grow(orm, api, sql_counter, mode):
    await _seed_orders(api, 5)
    five, data = await _count(orm, api, sql_counter, mode)
    assert len(data["orders"]["edges"]) == 5
    await _seed_orders(api, 25)
    thirty, data = await _count(orm, api, sql_counter, mode)
    assert len(data["orders"]["edges"]) == 30
    assert all(len(e["node"]["items"]) == 3 for e in data["orders"]["edges"])
    assert five == thirty
    assert thirty <= 12, thirty
    print(f"nested read ({mode}): {five} statements for 5 orders, {thirty} for 30")
