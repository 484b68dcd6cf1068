"""Issue 11 part 5: the live dashboard at GET /dashboard, end to end in headless Chromium: connect with
a key, change an order through the API, see its status cell change; wrong or revoked keys show a
clear message and no data; a dropped websocket reconnects and resumes from its cursor."""

import asyncio
import os
import sys

from playwright.async_api import expect

from tests.live.server import ADMIN_KEY, ROOT, Server
from tests.live.test_subscriptions import activate, draft_order

NOT_ACCEPTED = "not accepted"


async def open_dashboard(page, server, key: str) -> None:
    await page.goto(f"{server.http}/dashboard")
    await page.get_by_test_id("api-key").fill(key)
    await page.get_by_test_id("connect").click()


async def connect_live(page, server, key: str = ADMIN_KEY) -> None:
    before = await server.subscribers()
    await open_dashboard(page, server, key)
    await expect(page.get_by_test_id("connection-status")).to_contain_text("Live")
    await server.wait_for_subscribers(before + 1)  # the subscription is registered: no event can be missed


async def test_status_cell_follows_an_order_activated_through_the_api(server, offline_page):
    page = offline_page.page
    await connect_live(page, server)
    order = await draft_order(server)
    cell = page.get_by_test_id(f"order-{order['number']}-status")
    await expect(cell).to_have_text("DRAFT")
    assert (await activate(server, order["id"]))["errors"] == []
    await expect(cell).to_have_text("ACTIVATED")
    await expect(page.get_by_test_id("feed")).to_contain_text(f"{order['number']} DRAFT → ACTIVATED")
    await expect(page.get_by_test_id("status-ACTIVATED-count")).not_to_have_text("0")
    # The key lives in the tab's session storage, never in the address.
    assert ADMIN_KEY not in page.url
    assert await page.evaluate("sessionStorage.getItem('ordergraph.dashboard.key')") == ADMIN_KEY
    assert await page.evaluate("localStorage.length") == 0


async def test_orders_loaded_at_connect_show_counts_totals_and_charts(server, offline_page):
    order = await draft_order(server)
    page = offline_page.page
    await connect_live(page, server)
    await expect(page.get_by_test_id(f"order-{order['number']}-status")).to_have_text("DRAFT")
    await expect(page.get_by_test_id("status-DRAFT-count")).not_to_have_text("0")
    await expect(page.get_by_test_id("status-DRAFT-total")).to_contain_text("$")
    await expect(page.get_by_test_id("chart-status").locator("svg rect")).to_have_count(6)
    await expect(page.get_by_test_id("chart-bookings").locator("svg rect")).to_have_count(14)


async def test_a_wrong_key_shows_a_clear_message_and_no_data(server, offline_page):
    await draft_order(server)
    page = offline_page.page
    await open_dashboard(page, server, "og_not_a_real_key")
    await expect(page.get_by_test_id("message")).to_contain_text(NOT_ACCEPTED)
    await expect(page.get_by_test_id("orders")).to_be_hidden()
    assert await page.get_by_test_id("orders").locator("tr").count() == 0
    assert await page.evaluate("sessionStorage.getItem('ordergraph.dashboard.key')") is None


async def test_a_key_revoked_while_watching_clears_the_data_and_says_so(server, offline_page):
    made = (
        await server.gql(
            'mutation { createApiKey(input: {role: READ_ONLY, name: "wallboard"}) { apiKey { id } secret } }'
        )
    )["createApiKey"]
    order = await draft_order(server)
    page = offline_page.page
    await connect_live(page, server, made["secret"])
    await expect(page.get_by_test_id(f"order-{order['number']}-status")).to_have_text("DRAFT")
    await server.gql(
        "mutation($id: ID!) { revokeApiKey(input: {apiKeyId: $id}) { errors { code } } }",
        {"id": made["apiKey"]["id"]},
    )
    await expect(page.get_by_test_id("message")).to_contain_text(NOT_ACCEPTED)
    await expect(page.get_by_test_id(f"order-{order['number']}-status")).to_have_count(0)
    await expect(page.get_by_test_id("orders")).to_be_hidden()


async def test_a_dropped_connection_reconnects_and_resumes_from_its_cursor(server, offline_page):
    page = offline_page.page
    await connect_live(page, server)
    order = await draft_order(server)
    cell = page.get_by_test_id(f"order-{order['number']}-status")
    await expect(cell).to_have_text("DRAFT")  # an event arrived: the dashboard holds a cursor
    server.stop()
    await expect(page.get_by_test_id("connection-status")).to_contain_text("reconnecting")
    # The order changes while the dashboard's server is down (through another server process on the
    # same database), so only a subscription resumed from the cursor can bring the change.
    other = Server(server.database_url)
    other.start()
    try:
        assert (await activate(other, order["id"]))["errors"] == []
    finally:
        other.stop()
    await expect(cell).to_have_text("DRAFT")
    server.start()
    await expect(page.get_by_test_id("connection-status")).to_contain_text("Live", timeout=30_000)
    await expect(cell).to_have_text("ACTIVATED")
    await expect(page.get_by_test_id("feed")).to_contain_text(f"{order['number']} DRAFT → ACTIVATED")


async def seed_demo(server) -> tuple[int, str]:
    """`ordergraph seed-demo --url` against the running server, as an operator would run it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        "seed-demo",
        "--url",
        f"{server.http}/graphql",
        cwd=ROOT,
        env={**os.environ, "ORDERGRAPH_API_KEY": ADMIN_KEY},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return await process.wait(), output.decode()


async def test_seed_demo_against_the_running_server_shows_up_live(server, offline_page):
    page = offline_page.page
    await connect_live(page, server)
    code, output = await seed_demo(server)
    assert code == 0 and "14 orders" in output, output
    for status in ("COMPLETED", "CANCELLED", "FULFILLED", "IN_FULFILLMENT"):
        await expect(page.get_by_test_id(f"status-{status}-count")).to_have_text("2")
    code, output = await seed_demo(server)
    assert code == 0 and "nothing added" in output, output
