"""Issue 11 part 6: `ordergraph seed-demo` makes a realistic data set through the public API, once."""

from app.demo import in_process_runner, seed_demo

COUNTS = """{ accounts { totalCount } products { totalCount } contracts { totalCount }
  quotes(first: 100) { totalCount edges { node { status } } }
  orders(first: 100) { totalCount edges { node { status totalAmount contracted items { id } } } } }"""


async def test_seed_demo_covers_every_quote_and_order_status_and_runs_once(api):
    made = await seed_demo(in_process_runner())
    assert made == {"products": 5, "accounts": 8, "quotes": 20, "orders": 14, "contracts": 3}
    data = await api(COUNTS)
    quote_statuses = {edge["node"]["status"] for edge in data["quotes"]["edges"]}
    assert quote_statuses == {"DRAFT", "IN_REVIEW", "APPROVED", "DENIED", "PRESENTED", "ACCEPTED", "REJECTED"}
    orders = [edge["node"] for edge in data["orders"]["edges"]]
    assert {o["status"] for o in orders} == {
        "DRAFT",
        "ACTIVATED",
        "IN_FULFILLMENT",
        "FULFILLED",
        "COMPLETED",
        "CANCELLED",
    }
    assert all(o["items"] and float(o["totalAmount"]) > 0 for o in orders if o["status"] != "CANCELLED")
    assert data["contracts"]["totalCount"] == 3 and sum(o["contracted"] for o in orders) == 3

    assert await seed_demo(in_process_runner()) is None
    assert await api(COUNTS) == data
