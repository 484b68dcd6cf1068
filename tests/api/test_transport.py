"""Transport and error model: health, readiness, GraphiQL, validation errors, masking, page caps."""

import logging

from tests.api import builders as b


async def test_health_and_ready(api):
    assert (await api.client.get("/health")).json()["status"] == "ok"
    ready = await api.client.get("/ready")
    assert ready.status_code == 200 and ready.json()["database"] == "reachable"


async def test_graphiql_served_to_browsers(api):
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


async def test_get_queries_work(api):
    response = await api.client.get(
        "/graphql", params={"query": "{ me { role } }"}, headers={"Authorization": f"Bearer {api.key}"}
    )
    assert response.json()["data"]["me"]["role"] == "ADMIN"


async def test_malformed_graphql_and_wrong_types_are_validation_errors(api):
    for query in ("{ orders { ", '{ orders(first: "ten") { totalCount } }', "{ nope }"):
        response = await api.raw(query)
        assert response.status_code in (200, 400)
        body = response.json()
        assert body["errors"] and "Traceback" not in response.text
    bad_decimal = await api.raw(
        'mutation { createAccount(input: {name: "x", creditLimit: "abc"}) { errors { code } } }'
    )
    assert bad_decimal.json()["errors"] and "Traceback" not in bad_decimal.text


async def test_internal_errors_are_masked_with_an_id_in_the_log(api, monkeypatch, caplog):
    from app.services import registry

    async def boom(*args, **kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(registry.accounts, "create", boom)
    with caplog.at_level(logging.ERROR, logger="ordergraph.errors"):
        response = await api.raw('mutation { createAccount(input: {name: "x"}) { errors { code } } }')
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert "secret database detail" not in response.text and "Traceback" not in response.text
    error_id = error["extensions"]["errorId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert any(error_id in r.getMessage() for r in caplog.records)


async def test_query_depth_limit(api):
    deep = "{ orders { edges { node { " + "quote { orders { " * 4 + "id" + " } }" * 4 + " } } } }"
    ok = "{ orders { edges { node { " + "quote { orders { " * 2 + "id" + " } }" * 2 + " } } } }"
    assert "errors" not in (await api.raw(ok)).json()
    body = (await api.raw(deep)).json()
    assert body["errors"] and "depth" in body["errors"][0]["message"].lower()


async def test_connections_paginate_filter_sort_and_cap_first(api):
    for i in range(5):
        await b.account(api, name=f"Acct {i}")
    page1 = (
        await api(
            "{ accounts(first: 2, sort: {field: NAME, direction: DESC}) { totalCount "
            "pageInfo { hasNextPage endCursor } edges { node { name } } } }"
        )
    )["accounts"]
    assert page1["totalCount"] == 5 and page1["pageInfo"]["hasNextPage"]
    assert [e["node"]["name"] for e in page1["edges"]] == ["Acct 4", "Acct 3"]
    page2 = (
        await api(
            "query($a: String) { accounts(first: 10, after: $a, sort: {field: NAME, direction: DESC}) { "
            "pageInfo { hasNextPage } edges { node { name } } } }",
            {"a": page1["pageInfo"]["endCursor"]},
        )
    )["accounts"]
    assert [e["node"]["name"] for e in page2["edges"]] == ["Acct 2", "Acct 1", "Acct 0"]
    assert not page2["pageInfo"]["hasNextPage"]
    filtered = await api('{ accounts(filter: {nameContains: "acct 3"}) { totalCount } }')
    assert filtered["accounts"]["totalCount"] == 1
    for i in range(101):
        await b.product(api, f"P{i:03d}", "ONE_TIME", "1.00")
    capped = await api("{ products(first: 1000) { edges { cursor } pageInfo { hasNextPage } } }")
    assert len(capped["products"]["edges"]) == 100 and capped["products"]["pageInfo"]["hasNextPage"]
    bad = await api.raw('{ accounts(after: "not-a-cursor") { totalCount } }')
    assert bad.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"


async def test_order_filters_by_status_account_and_quote(api):
    sub = await b.product(api, "SUB")
    one = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}])
    two = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}])
    await b.create_orders(api, {"quoteId": one["quote"]["id"]})
    await b.create_orders(api, {"quoteId": two["quote"]["id"]})
    q = "query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { quote { id } } } } }"
    by_quote = (await api(q, {"f": {"quoteId": one["quote"]["id"]}}))["orders"]
    assert by_quote["totalCount"] == 1 and by_quote["edges"][0]["node"]["quote"]["id"] == one["quote"]["id"]
    by_account = (await api(q, {"f": {"accountId": two["account"]["id"]}}))["orders"]
    assert by_account["totalCount"] == 1
    assert (await api(q, {"f": {"status": ["DRAFT"]}}))["orders"]["totalCount"] == 2
    assert (await api(q, {"f": {"status": ["ACTIVATED"]}}))["orders"]["totalCount"] == 0


async def test_unknown_id_lookups_return_null(api):
    data = await api('{ order(id: "00000000-0000-0000-0000-000000000000") { id } quote(id: "junk") { id } }')
    assert data == {"order": None, "quote": None}


async def test_human_numbers_are_sequential_and_unique(api):
    sub = await b.product(api, "SUB")
    setups = [await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}]) for _ in range(3)]
    assert [s["quote"]["number"] for s in setups] == ["Q-000001", "Q-000002", "Q-000003"]
    numbers = [(await b.create_orders(api, {"quoteId": s["quote"]["id"]}))["orders"][0]["number"] for s in setups]
    assert numbers == ["O-000001", "O-000002", "O-000003"]


async def test_human_numbers_stay_unique_under_concurrent_creation(api):
    import asyncio

    sub = await b.product(api, "SUB")
    acc = await b.account(api)
    opp = await b.opportunity(api, acc["id"])
    created = await asyncio.gather(
        *(
            api.ok(
                "createQuote",
                {"opportunityId": opp["id"], "primary": False, "lines": [{"productId": sub["id"], "quantity": "1"}]},
                "quote { number }",
            )
            for _ in range(12)
        )
    )
    numbers = sorted(c["quote"]["number"] for c in created)
    assert numbers == [f"Q-{i:06d}" for i in range(1, 13)]
