"""C6/S3 over websockets: `contractEvents` resumes from a cursor like `orderEvents` and is scoped like it."""

import asyncio

import pytest

from tests.live.server import Server, Socket, partner_key, primary_quote, refusal_code

CONTRACT_EVENTS = """subscription($contractId: ID, $accountId: ID, $after: String) {
  contractEvents(contractId: $contractId, accountId: $accountId, after: $after)
  { id cursor type previousStatus status version contract { id number status } } }"""


async def requested_contract(server: Server) -> dict:
    """A DRAFT contract requested from an approved quote of a new account."""
    quote = await primary_quote(server)
    for verb in ("submitQuote", "approveQuote"):
        await server.gql(
            f"mutation($q: ID!) {{ {verb}(input: {{quoteId: $q}}) {{ errors {{ code }} }} }}", {"q": quote["id"]}
        )
    made = await server.gql(
        "mutation($q: ID!) { createContractFromQuote(input: {quoteId: $q}) "
        "{ contract { id number account { id } events { cursor type } } errors { code } } }",
        {"q": quote["id"]},
    )
    assert made["createContractFromQuote"]["errors"] == []
    return made["createContractFromQuote"]["contract"]  # type: ignore[no-any-return]


async def move(server: Server, verb: str, contract_id: str) -> list:
    data = await server.gql(
        f"mutation($id: ID!) {{ {verb}(input: {{contractId: $id}}) {{ errors {{ code }} }} }}", {"id": contract_id}
    )
    return data[verb]["errors"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
async def test_c6_contract_events_resume_from_a_cursor_with_no_gap_and_no_duplicate(server, protocol):
    contract = await requested_contract(server)
    created_cursor = contract["events"][0]["cursor"]
    assert await move(server, "submitContract", contract["id"]) == []
    async with Socket.open(server.ws, protocol) as sock:
        await sock.ack()
        before = await server.subscribers()
        await sock.subscribe(CONTRACT_EVENTS, {"contractId": contract["id"], "after": created_cursor})
        replayed = (await sock.next_data())["contractEvents"]
        assert (replayed["previousStatus"], replayed["status"]) == ("DRAFT", "IN_APPROVAL")
        await server.wait_for_subscribers(before + 1)
        assert await move(server, "approveContract", contract["id"]) == []
        live = (await sock.next_data())["contractEvents"]
        assert (live["type"], live["status"], live["version"]) == ("STATUS_CHANGED", "APPROVED", 3)
        assert live["contract"] == {"id": contract["id"], "number": contract["number"], "status": "APPROVED"}
        assert int(live["cursor"]) > int(replayed["cursor"]) > int(created_cursor)
        # A refused move publishes nothing.
        assert await move(server, "submitContract", contract["id"]) == [{"code": "INVALID_TRANSITION"}]
        with pytest.raises(asyncio.TimeoutError):
            await sock.receive(timeout=0.5)


async def test_s3_c6_partner_contract_events_carry_only_its_accounts_contracts(server):
    mine, theirs = await requested_contract(server), await requested_contract(server)
    partner = await partner_key(server, mine["account"]["id"])
    async with Socket.open(server.ws, "graphql-transport-ws", key=partner) as sock:
        await sock.ack()
        await sock.subscribe(CONTRACT_EVENTS, {"contractId": theirs["id"]})
        refused = await sock.receive()
        assert refusal_code(refused) == "NOT_FOUND"  # like a missing contract (S3)
        before = await server.subscribers()
        await sock.subscribe(CONTRACT_EVENTS, {"after": "0"})
        seen = []
        while True:  # the replay: only its own account's contracts
            seen.append((await sock.next_data())["contractEvents"])
            if seen[-1]["contract"]["id"] == mine["id"] and seen[-1]["type"] == "CREATED":
                break
        await server.wait_for_subscribers(before + 1)
        assert await move(server, "submitContract", theirs["id"]) == []
        assert await move(server, "submitContract", mine["id"]) == []
        live = (await sock.next_data())["contractEvents"]
    assert live["contract"]["id"] == mine["id"] and live["status"] == "IN_APPROVAL"
    assert all(e["contract"]["id"] == mine["id"] for e in seen)
