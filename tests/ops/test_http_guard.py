"""Issue 11 part 1: a JSON body that is not an object answers 400 with a JSON error, never 500."""

import pytest

NOT_OBJECTS = ["5", '"x"', "null", "true", "false", "-1.5e3", "  7 ", ""]


@pytest.mark.parametrize("body", NOT_OBJECTS)
@pytest.mark.parametrize("path", ["/graphql", "/health", "/ready", "/metrics", "/dashboard", "/nowhere"])
async def test_json_body_that_is_not_an_object_answers_400_with_a_json_error(api, path, body):
    response = await api.client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_an_object_body_still_reaches_graphql(api):
    response = await api.client.post(
        "/graphql",
        content=' \n{"query": "{ me { role } }"}',
        headers={"content-type": "application/json", "authorization": f"Bearer {api.key}"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"role": "ADMIN"}}}


async def test_a_batch_list_is_refused_by_the_view_not_with_a_500(api):
    response = await api.client.post("/graphql", json=[{"query": "{ me { role } }"}])
    assert 400 <= response.status_code < 500
