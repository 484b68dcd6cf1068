"""C6: the contract lifecycle through the API (request from a quote, approval, signature, cancellation),
with versions, events on the contract's own stream and the LEGAL role (S2)."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.api import builders as b
from tests.api.test_ordering import codes

CONTRACT = """contract { id number status version type startDate endDate term renewalTerm renewalUpliftPercent
  nextStatuses quote { id } account { id } order { id } orders { id }
  subscriptions { quantity product { sku } }
  signatories { id name email kind signedAt }
  events { type previousStatus status version changes actor } }"""


async def approved_quote(api: Any, start: str = "2026-01-01", **quote_fields: Any) -> dict:
    sku = f"SUB-{uuid.uuid4().hex[:6]}"
    sub = await b.product(api, sku, "RECURRING", "120.00", defaultSubscriptionTerm=12, name="SUB")
    setup = await b.sales_setup(
        api,
        [{"productId": sub["id"], "quantity": "10"}],
        startDate=start,
        subscriptionTerm=12,
        renewalTerm=24,
        renewalUpliftPercent="5",
        **quote_fields,
    )
    quote_id = setup["quote"]["id"]
    await api.ok("submitQuote", {"quoteId": quote_id}, "quote { id }")
    await api.ok("approveQuote", {"quoteId": quote_id}, "quote { id }")
    return setup


async def act(api: Any, name: str, input: dict, key: str | None = "default") -> dict:
    return await api.mutate(name, input, CONTRACT, key=key)


async def requested(api: Any, start: str = "2026-01-01") -> tuple[dict, dict]:
    setup = await approved_quote(api, start)
    payload = await act(api, "createContractFromQuote", {"quoteId": setup["quote"]["id"]})
    assert codes(payload) == []
    return payload["contract"], setup


SIGNATORIES = [
    {"name": "Cora Customer", "email": "cora@acme.test", "kind": "CUSTOMER"},
    {"name": "Ian Internal", "email": "ian@us.test", "kind": "INTERNAL"},
]


async def sent(api: Any, start: str = "2026-01-01") -> tuple[dict, dict]:
    contract, setup = await requested(api, start)
    for verb in ("submitContract", "approveContract"):
        contract = (await act(api, verb, {"contractId": contract["id"], "version": contract["version"]}))["contract"]
    payload = await act(
        api,
        "sendContractForSignature",
        {"contractId": contract["id"], "version": contract["version"], "signatories": SIGNATORIES},
    )
    assert codes(payload) == []
    return payload["contract"], setup


async def key_of(api: Any, role: str) -> str:
    return (await api.ok("createApiKey", {"role": role, "name": role.lower()}, "secret"))["secret"]


async def test_c6_contract_from_an_approved_quote_takes_its_terms(api):
    contract, setup = await requested(api)
    assert contract["status"] == "DRAFT" and contract["version"] == 1 and contract["type"] == "NEW"
    assert contract["quote"]["id"] == setup["quote"]["id"]
    assert contract["account"]["id"] == setup["account"]["id"]
    assert (contract["startDate"], contract["endDate"], contract["term"]) == ("2026-01-01", "2026-12-31", 12)
    assert contract["renewalTerm"] == 24 and contract["renewalUpliftPercent"] == "5.00"
    assert contract["nextStatuses"] == ["IN_APPROVAL", "CANCELLED"]
    assert [e["type"] for e in contract["events"]] == ["CREATED"]


async def test_c6_contract_needs_an_approved_quote(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "1"}], startDate="2026-01-01")
    payload = await act(api, "createContractFromQuote", {"quoteId": setup["quote"]["id"]})
    assert codes(payload) == ["QUOTE_NOT_APPROVED"] and payload["contract"] is None
    contracts = await api("{ contracts { totalCount } }")
    assert contracts["contracts"]["totalCount"] == 0


async def test_c6_one_live_contract_per_quote(api):
    contract, setup = await requested(api)
    again = await act(api, "createContractFromQuote", {"quoteId": setup["quote"]["id"]})
    assert codes(again) == ["ALREADY_CONTRACTED"]
    await act(api, "cancelContract", {"contractId": contract["id"], "reason": "wrong paper"})
    assert codes(await act(api, "createContractFromQuote", {"quoteId": setup["quote"]["id"]})) == []


async def test_c6_full_workflow_signs_and_activates_a_started_contract(api):
    contract, _ = await sent(api, start="2026-01-01")
    assert contract["status"] == "SENT_FOR_SIGNATURE" and contract["version"] == 4
    signers = contract["signatories"]
    assert [(s["name"], s["kind"], s["signedAt"]) for s in signers] == [
        ("Cora Customer", "CUSTOMER", None),
        ("Ian Internal", "INTERNAL", None),
    ]
    first = await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signers[0]["id"]})
    assert codes(first) == [] and first["contract"]["status"] == "SENT_FOR_SIGNATURE"
    assert first["contract"]["signatories"][0]["signedAt"] is not None
    again = await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signers[0]["id"]})
    assert codes(again) == ["INVALID_TRANSITION"]
    last = await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signers[1]["id"]})
    done = last["contract"]
    # The start date (2026-01-01) has passed: SIGNED, then ACTIVATED at once.
    assert done["status"] == "ACTIVATED"
    moves = [(e["previousStatus"], e["status"]) for e in done["events"] if e["type"] == "STATUS_CHANGED"]
    assert moves == [
        ("DRAFT", "IN_APPROVAL"),
        ("IN_APPROVAL", "APPROVED"),
        ("APPROVED", "SENT_FOR_SIGNATURE"),
        ("SENT_FOR_SIGNATURE", "SIGNED"),
        ("SIGNED", "ACTIVATED"),
    ]
    assert [e["version"] for e in done["events"]] == list(range(1, done["version"] + 1))
    assert done["nextStatuses"] == ["EXPIRED", "TERMINATED", "RENEWED"]


async def test_c6_a_future_start_stays_signed_for_the_daily_run(api):
    start = (datetime.now(UTC).date() + timedelta(days=40)).isoformat()
    contract, _ = await sent(api, start=start)
    for signer in contract["signatories"]:
        payload = await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signer["id"]})
    assert payload["contract"]["status"] == "SIGNED"
    assert date.fromisoformat(payload["contract"]["startDate"]) > datetime.now(UTC).date()


async def test_c6_reject_returns_to_draft_with_a_reason(api):
    contract, _ = await requested(api)
    submitted = (await act(api, "submitContract", {"contractId": contract["id"]}))["contract"]
    blank = await act(api, "rejectContract", {"contractId": contract["id"], "reason": "  "})
    assert codes(blank) == ["VALIDATION_ERROR"]
    rejected = await act(api, "rejectContract", {"contractId": contract["id"], "reason": "clause 7 missing"})
    assert codes(rejected) == [] and rejected["contract"]["status"] == "DRAFT"
    assert rejected["contract"]["version"] == submitted["version"] + 1
    assert rejected["contract"]["events"][-1]["changes"] == {"reason": "clause 7 missing"}


async def test_c6_transitions_out_of_order_are_refused_and_write_nothing(api):
    contract, _ = await requested(api)
    cid = contract["id"]
    for verb, extra in [
        ("approveContract", {}),
        ("rejectContract", {"reason": "no"}),
        ("sendContractForSignature", {"signatories": SIGNATORIES}),
    ]:
        assert codes(await act(api, verb, {"contractId": cid, **extra})) == ["INVALID_TRANSITION"], verb
    fetched = await api(f'{{ contract(id: "{cid}") {{ status version signatories {{ id }} events {{ type }} }} }}')
    assert fetched["contract"] == {"status": "DRAFT", "version": 1, "signatories": [], "events": [{"type": "CREATED"}]}


async def test_c6_stale_version_is_a_conflict(api):
    contract, _ = await requested(api)
    await act(api, "submitContract", {"contractId": contract["id"], "version": 1})
    stale = await act(api, "approveContract", {"contractId": contract["id"], "version": 1})
    assert codes(stale) == ["VERSION_CONFLICT"]
    assert codes(await act(api, "approveContract", {"contractId": contract["id"], "version": 2})) == []


async def test_c6_cancel_only_before_signature(api):
    contract, _ = await sent(api)
    for signer in contract["signatories"]:
        await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signer["id"]})
    refused = await act(api, "cancelContract", {"contractId": contract["id"], "reason": "changed mind"})
    assert codes(refused) == ["INVALID_TRANSITION"]
    other, _ = await requested(api)
    cancelled = await act(api, "cancelContract", {"contractId": other["id"], "reason": "changed mind"})
    assert cancelled["contract"]["status"] == "CANCELLED" and cancelled["contract"]["nextStatuses"] == []


async def test_c6_signatories_must_be_named(api):
    contract, _ = await requested(api)
    cid = contract["id"]
    await act(api, "submitContract", {"contractId": cid})
    await act(api, "approveContract", {"contractId": cid})
    empty = await act(api, "sendContractForSignature", {"contractId": cid, "signatories": []})
    bad = await act(
        api,
        "sendContractForSignature",
        {"contractId": cid, "signatories": [{"name": "x", "email": "no", "kind": "CUSTOMER"}]},
    )
    assert codes(empty) == ["VALIDATION_ERROR"] and codes(bad) == ["VALIDATION_ERROR"]
    other, _ = await sent(api)
    foreign = await act(api, "signContract", {"contractId": cid, "signatoryId": other["signatories"][0]["id"]})
    assert codes(foreign) == ["NOT_FOUND"]


async def test_s2_c6_legal_approves_contracts_and_nothing_else(api):
    legal = await key_of(api, "LEGAL")
    contract, setup = await requested(api)
    me = await api("{ me { role permissions } }", key=legal)
    # C8 gave LEGAL the document templates and rendering (MANAGE_TEMPLATES, RENDER_DOCUMENTS).
    permissions = ["APPROVE_CONTRACTS", "MANAGE_TEMPLATES", "READ", "RENDER_DOCUMENTS"]
    assert me["me"] == {"role": "LEGAL", "permissions": permissions}
    assert codes(await act(api, "submitContract", {"contractId": contract["id"]}, key=legal)) == ["FORBIDDEN"]
    await act(api, "submitContract", {"contractId": contract["id"]})
    approved = await act(api, "approveContract", {"contractId": contract["id"]}, key=legal)
    assert codes(approved) == [] and approved["contract"]["status"] == "APPROVED"
    assert approved["contract"]["events"][-1]["actor"].startswith("legal")
    quote = await api.mutate("approveQuote", {"quoteId": setup["quote"]["id"]}, "quote { id }", key=legal)
    assert codes(quote) == ["FORBIDDEN"]


async def test_s2_c6_approving_needs_approve_contracts(api):
    rep = await key_of(api, "SALES_REP")
    contract, _ = await requested(api)
    await act(api, "submitContract", {"contractId": contract["id"]})
    payload = await act(api, "approveContract", {"contractId": contract["id"]}, key=rep)
    assert codes(payload) == ["FORBIDDEN"]
    ops = await key_of(api, "SALES_OPS")
    assert codes(await act(api, "approveContract", {"contractId": contract["id"]}, key=ops)) == []


async def test_s3_c6_another_accounts_contract_answers_not_found(api):
    contract, _ = await requested(api)
    await act(api, "submitContract", {"contractId": contract["id"]})
    other = await b.account(api, name="Other")
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [other["id"]], "name": "p"}, "secret"))[
        "secret"
    ]
    seen = await api(
        f'{{ contract(id: "{contract["id"]}") {{ id }} contracts {{ totalCount }} '
        f'account(id: "{contract["account"]["id"]}") {{ contracts {{ id }} }} }}',
        key=partner,
    )
    assert seen == {"contract": None, "contracts": {"totalCount": 0}, "account": None}
    # Scoped roles hold no contract permission: the permission refuses first, and nothing moves.
    rep = await key_of(api, "SALES_REP")
    assert codes(await act(api, "cancelContract", {"contractId": contract["id"], "reason": "x"}, key=rep)) == [
        "FORBIDDEN"
    ]
    status = await api(f'{{ contract(id: "{contract["id"]}") {{ status }} }}')
    assert status["contract"]["status"] == "IN_APPROVAL"


async def test_c6_c1_the_quotes_order_joins_the_requested_contract(api):
    contract, setup = await requested(api)
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    joined = await api.ok("contractOrder", {"orderId": order["id"]}, "order { contract { id } } contract { id }")
    assert joined["contract"]["id"] == contract["id"] == joined["order"]["contract"]["id"]
    fetched = await api(f'{{ contract(id: "{contract["id"]}") {CONTRACT[len("contract ") :]} }}')
    got = fetched["contract"]
    assert got["status"] == "DRAFT" and got["orders"] == [{"id": order["id"]}]
    assert [s["quantity"] for s in got["subscriptions"]] == ["10.00"]
    assert got["events"][-1]["type"] == "ORDER_JOINED" and got["version"] == 2
    assert (await api("{ contracts { totalCount } }"))["contracts"]["totalCount"] == 1


async def test_c6_c1_contract_made_without_the_workflow_starts_activated(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    setup = await b.sales_setup(api, [{"productId": sub["id"], "quantity": "2"}], startDate="2026-01-01")
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    payload = await api.ok("contractOrder", {"orderId": order["id"]}, CONTRACT)
    assert payload["contract"]["status"] == "ACTIVATED" and payload["contract"]["quote"] is None
    assert [e["type"] for e in payload["contract"]["events"]] == ["CREATED"]
