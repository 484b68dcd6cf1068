"""The nested read runs in a number of SQL statements that does not grow with the number of orders."""

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


async def _count(api, sql_counter):
    with sql_counter() as counter:
        data = await api(NESTED)
    return len(counter.statements), data


async def test_nested_order_read_statement_count_does_not_grow(api, sql_counter):
    await _seed_orders(api, 5)
    five, data = await _count(api, sql_counter)
    assert len(data["orders"]["edges"]) == 5
    await _seed_orders(api, 25)
    thirty, data = await _count(api, sql_counter)
    assert len(data["orders"]["edges"]) == 30
    assert all(len(e["node"]["items"]) == 3 for e in data["orders"]["edges"])
    assert five == thirty
    assert thirty <= 12, thirty
    print(f"nested read: {five} statements for 5 orders, {thirty} for 30")
