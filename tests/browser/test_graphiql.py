"""Issue 11 part 4: GraphiQL at GET /graphql works with no internet: the editor renders, a query runs."""

import json

from playwright.async_api import expect

from tests.live.server import ADMIN_KEY


async def test_graphiql_renders_and_runs_a_query_without_internet(server, offline_page):
    page = offline_page.page
    # GraphiQL keeps the Headers pane in localStorage: the key goes there, never in the URL.
    headers = json.dumps({"Authorization": f"Bearer {ADMIN_KEY}"})
    await page.add_init_script(
        f"localStorage.setItem('graphiql:headers', {json.dumps(headers)});"
        "localStorage.setItem('graphiql:query', 'query WhoAmI { me { name role } }');"
    )
    await page.goto(f"{server.http}/graphql")
    await expect(page.locator(".graphiql-query-editor .CodeMirror")).to_be_visible()
    await expect(page.locator(".graphiql-query-editor")).to_contain_text("WhoAmI")
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".graphiql-response")
    await expect(result).to_contain_text('"role": "ADMIN"')
    assert "?" not in page.url or ADMIN_KEY not in page.url
