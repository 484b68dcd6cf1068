"""C7: obligations (OPEN -> DONE | WAIVED, overdue derived for an as-of date) and milestones."""

from typing import Any

from tests.api.test_contracts import key_of, requested
from tests.api.test_ordering import codes

OBLIGATION = "obligation { id title dueDate status ownerKeyId overdue(asOf: $asOf) contract { id version } }"


async def add(api: Any, contract_id: str, title: str, due: str, **extra: Any) -> dict:
    return await api(
        f"mutation($input: AddObligationInput!, $asOf: Date) {{ addObligation(input: $input) "
        f"{{ errors {{ code field }} {OBLIGATION} }} }}",
        {"input": {"contractId": contract_id, "title": title, "dueDate": due, **extra}, "asOf": "2026-03-01"},
    )


async def test_c7_overdue_is_open_and_past_due_on_the_as_of_date(api):
    contract, _ = await requested(api)
    me = await api("{ me { apiKeyId } }")
    added = (await add(api, contract["id"], "Deliver SOC2 report", "2026-02-15", ownerKeyId=me["me"]["apiKeyId"]))[
        "addObligation"
    ]
    assert added["errors"] == []
    obligation = added["obligation"]
    assert obligation["status"] == "OPEN" and obligation["ownerKeyId"] == me["me"]["apiKeyId"]
    assert obligation["overdue"] is True  # as of 2026-03-01
    assert obligation["contract"]["version"] == 2  # the contract's stream records it
    read = await api(
        f'{{ contract(id: "{contract["id"]}") {{ obligations {{ id status before: overdue(asOf: "2026-02-15") '
        f'after: overdue(asOf: "2026-02-16") today: overdue }} events {{ type changes }} }} }}'
    )
    got = read["contract"]["obligations"][0]
    assert (got["before"], got["after"], got["today"]) == (False, True, True)  # today is after 2026-02-15
    assert read["contract"]["events"][-1]["type"] == "OBLIGATION_ADDED"
    done = await api.mutate(
        "updateObligation", {"obligationId": obligation["id"], "status": "DONE"}, "obligation { status overdue }"
    )
    assert codes(done) == [] and done["obligation"] == {"status": "DONE", "overdue": False}


async def test_c7_an_obligation_closes_once(api):
    contract, _ = await requested(api)
    obligation = (await add(api, contract["id"], "Kick-off", "2026-01-10"))["addObligation"]["obligation"]
    waived = await api.mutate(
        "updateObligation", {"obligationId": obligation["id"], "status": "WAIVED"}, "obligation { status }"
    )
    assert waived["obligation"] == {"status": "WAIVED"}
    again = await api.mutate(
        "updateObligation", {"obligationId": obligation["id"], "status": "DONE"}, "obligation { status }"
    )
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_c7_bad_input_is_refused_and_writes_nothing(api):
    contract, _ = await requested(api)
    blank = (await add(api, contract["id"], " ", "2026-01-10"))["addObligation"]
    unknown_owner = (
        await add(api, contract["id"], "x", "2026-01-10", ownerKeyId="00000000-0000-0000-0000-000000000000")
    )["addObligation"]
    missing = (await add(api, "00000000-0000-0000-0000-000000000000", "x", "2026-01-10"))["addObligation"]
    assert [e["code"] for e in blank["errors"]] == ["VALIDATION_ERROR"]
    assert [e["code"] for e in unknown_owner["errors"]] == ["NOT_FOUND"]
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"]
    read = await api(f'{{ contract(id: "{contract["id"]}") {{ version obligations {{ id }} }} }}')
    assert read["contract"] == {"version": 1, "obligations": []}
    legal = await key_of(api, "LEGAL")
    forbidden = await api.mutate(
        "addMilestone",
        {"contractId": contract["id"], "title": "Go-live", "date": "2026-04-01"},
        "milestone { id }",
        key=legal,
    )
    assert codes(forbidden) == ["FORBIDDEN"]


async def test_c7_milestones_are_reached_on_their_date(api):
    contract, _ = await requested(api)
    for title, day in [("Go-live", "2026-04-01"), ("Kick-off", "2026-01-15")]:
        payload = await api.mutate(
            "addMilestone", {"contractId": contract["id"], "title": title, "date": day}, "milestone { id title }"
        )
        assert codes(payload) == []
    read = await api(
        f'{{ contract(id: "{contract["id"]}") {{ milestones {{ title date reached(asOf: "2026-04-01") '
        f'early: reached(asOf: "2026-03-31") }} }} }}'
    )
    assert read["contract"]["milestones"] == [
        {"title": "Kick-off", "date": "2026-01-15", "reached": True, "early": True},
        {"title": "Go-live", "date": "2026-04-01", "reached": True, "early": False},
    ]


async def test_s3_c7_another_accounts_obligation_answers_not_found(api):
    contract, _ = await requested(api)
    obligation = (await add(api, contract["id"], "Kick-off", "2026-01-10"))["addObligation"]["obligation"]
    assert obligation["id"]
    partner = (await api.ok("createApiKey", {"role": "PARTNER", "accountIds": [], "name": "p"}, "secret"))["secret"]
    seen = await api(f'{{ contract(id: "{contract["id"]}") {{ obligations {{ id }} }} }}', key=partner)
    assert seen["contract"] is None
