"""Issue 11 part 7 (PageInfo only): the Relay connection spec's hasPreviousPage and startCursor."""

PAGE = """query($after: String) { accounts(first: 2, after: $after) {
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } } } }"""


async def test_page_info_follows_the_relay_connection_spec(api):
    for name in ("A", "B", "C"):
        await api.ok("createAccount", {"name": name}, "account { id }")
    first = (await api(PAGE))["accounts"]
    info = first["pageInfo"]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (True, False)
    assert info["startCursor"] == first["edges"][0]["cursor"] and info["endCursor"] == first["edges"][-1]["cursor"]
    second = (await api(PAGE, {"after": info["endCursor"]}))["accounts"]
    info = second["pageInfo"]
    assert (info["hasNextPage"], info["hasPreviousPage"]) == (False, True)
    assert info["startCursor"] == second["edges"][0]["cursor"] == info["endCursor"]
    empty = (await api(PAGE, {"after": info["endCursor"]}))["accounts"]
    assert empty["edges"] == [] and empty["pageInfo"]["startCursor"] is None


async def test_order_events_page_info_has_a_previous_page_after_a_cursor(api):
    data = await api("{ orderEvents(first: 1) { pageInfo { hasPreviousPage startCursor } } }")
    assert data["orderEvents"]["pageInfo"] == {"hasPreviousPage": False, "startCursor": None}
