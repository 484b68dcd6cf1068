"""S4: limits are enforced before execution; internal errors are masked."""

from tests.api import builders as b


async def test_s4_depth_limit(api):
    deep = "{ orders { edges { node { " + "quote { orders { " * 4 + "id" + " } }" * 4 + " } } } }"
    body = (await api.raw(deep)).json()
    assert body["data"] is None and "depth" in body["errors"][0]["message"].lower()


async def test_s4_token_limit(api):
    wide = "{ " + " ".join(f"f{i}: me {{ role }}" for i in range(2000)) + " }"
    body = (await api.raw(wide)).json()
    assert body["data"] is None and "token" in body["errors"][0]["message"].lower()


async def test_s4_alias_limit(api):
    aliased = "{ " + " ".join(f"a{i}: me {{ role }}" for i in range(40)) + " }"
    body = (await api.raw(aliased)).json()
    assert body["data"] is None and "alias" in body["errors"][0]["message"].lower()


async def test_s4_request_body_size_limit(api):
    huge = {"query": "{ me { role } }", "variables": {"pad": "x" * 2_000_000}}
    response = await api.client.post("/graphql", json=huge, headers={"Authorization": f"Bearer {api.key}"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


async def test_s4_first_is_capped_at_100(api):
    for i in range(3):
        await b.account(api, name=f"A{i}")
    data = await api("{ accounts(first: 100000) { edges { cursor } } }")
    assert len(data["accounts"]["edges"]) == 3
    negative = await api.raw("{ accounts(first: -1) { totalCount } }")
    assert negative.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"


async def test_s4_limits_apply_before_authentication_work(api):
    deep = "{ orders { edges { node { " + "quote { orders { " * 4 + "id" + " } }" * 4 + " } } } }"
    body = (await api.raw(deep, key=None)).json()
    assert body["data"] is None and body["errors"]


async def test_filters_refuse_nul_text_like_mutations(api):
    """Text with NUL characters is bad input everywhere, also in a list filter (PostgreSQL refuses to
    store or compare it): a clear VALIDATION_ERROR, never an internal error."""
    for root in ("accounts", "products"):
        response = await api.raw(f'{{ {root}(filter: {{nameContains: "a\\u0000"}}) {{ totalCount }} }}')
        assert response.status_code == 200
        codes = [e["extensions"]["code"] for e in response.json()["errors"]]
        assert codes == ["VALIDATION_ERROR"], response.text
