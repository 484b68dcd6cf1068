"""R3: the daily run: contract activation on the start date and expiry (C6), overdue obligation events
(C7), renewals (R2), the invoice run (B2), idempotency (twice, and two processes at once on PostgreSQL), ADMIN only."""

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from tests.api import builders as b
from tests.api.test_billing_schedules import activate, direct_order, monthly_item
from tests.api.test_contracts import act, key_of, sent
from tests.api.test_obligations import add
from tests.api.test_ordering import codes
from tests.api.test_renewals import activated_contract, run_daily
from tests.conftest import requires_postgres

ROOT = Path(__file__).resolve().parents[2]


async def signed(api: Any, start: str) -> dict:
    contract, _ = await sent(api, start)
    for signatory in contract["signatories"]:
        contract = (await act(api, "signContract", {"contractId": contract["id"], "signatoryId": signatory["id"]}))[
            "contract"
        ]
    return contract


async def events_of(api: Any, contract_id: str) -> list[dict]:
    got = await api(f'{{ contract(id: "{contract_id}") {{ status events {{ type changes }} }} }}')
    return got["contract"]["events"]


async def test_r3_c6_a_signed_contract_is_activated_on_its_start_date(api):
    contract = await signed(api, "2027-02-01")
    assert contract["status"] == "SIGNED"
    before = await run_daily(api, "2027-01-31")
    assert codes(before) == [] and before["run"]["activatedContracts"] == []
    on = await run_daily(api, "2027-02-01")
    assert [(c["id"], c["status"]) for c in on["run"]["activatedContracts"]] == [(contract["id"], "ACTIVATED")]
    assert (await run_daily(api, "2027-02-02"))["run"]["activatedContracts"] == []
    assert [e["type"] for e in await events_of(api, contract["id"])][-1] == "STATUS_CHANGED"


async def test_r3_c6_an_activated_contract_expires_after_its_end(api):
    contract = await activated_contract(api)
    on_last_day = await run_daily(api, "2026-12-31")
    assert on_last_day["run"]["expiredContracts"] == []
    after = await run_daily(api, "2027-01-01")
    assert [(c["id"], c["status"]) for c in after["run"]["expiredContracts"]] == [(contract["id"], "EXPIRED")]
    assert (await run_daily(api, "2027-01-02"))["run"]["expiredContracts"] == []


async def test_r3_c7_one_overdue_event_per_obligation(api):
    contract = await signed(api, "2026-01-01")
    added = (await add(api, contract["id"], "Deliver SOC2 report", "2026-02-15"))["addObligation"]["obligation"]
    assert (await run_daily(api, "2026-02-15"))["run"]["overdueObligations"] == []  # due today: not overdue yet
    run = await run_daily(api, "2026-02-16")
    assert [o["id"] for o in run["run"]["overdueObligations"]] == [added["id"]]
    assert (await run_daily(api, "2026-02-17"))["run"]["overdueObligations"] == []
    overdue = [e for e in await events_of(api, contract["id"]) if e["type"] == "OBLIGATION_OVERDUE"]
    assert len(overdue) == 1 and overdue[0]["changes"]["obligationId"] == added["id"]


async def test_r3_running_twice_creates_nothing_twice(api):
    await activated_contract(api)
    first = await run_daily(api, "2027-01-01")
    run = first["run"]
    assert (len(run["renewalOpportunities"]), len(run["expiredContracts"])) == (1, 1)
    second = (await run_daily(api, "2027-01-01"))["run"]
    assert second["renewalOpportunities"] == second["expiredContracts"] == second["overdueObligations"] == []
    total = await api("{ opportunities { totalCount } }")
    assert total["opportunities"]["totalCount"] == 2  # the original and one renewal


async def test_r3_b2_the_daily_run_invoices_due_lines_once(api):
    product = await b.product(api, "SUB-D1")
    await activate(api, await direct_order(api, [monthly_item(product["id"])], billingDayOfMonth=15))
    selection = "run { asOf invoices { status kind total lines { periodStart } } }"
    first = await api.mutate("runDaily", {"asOf": "2016-05-15"}, selection)
    assert codes(first) == []
    assert [(i["status"], i["kind"], i["total"]) for i in first["run"]["invoices"]] == [("DRAFT", "INVOICE", "183.33")]
    assert [x["periodStart"] for x in first["run"]["invoices"][0]["lines"]] == ["2016-04-20", "2016-05-15"]
    again = await api.mutate("runDaily", {"asOf": "2016-05-15"}, selection)
    assert again["run"]["invoices"] == []  # nothing invoiced twice
    later = await api.mutate("runDaily", {"asOf": "2016-06-15"}, selection)
    assert [i["total"] for i in later["run"]["invoices"]] == ["100.00"]
    listed = await api("{ invoices { totalCount } }")
    assert listed["invoices"]["totalCount"] == 2


async def test_r3_run_daily_is_for_admin_only(api):
    key = await key_of(api, "SALES_OPS")
    refused = await run_daily(api, "2027-01-01", key=key)
    assert codes(refused) == ["FORBIDDEN"] and refused["run"] is None


async def test_r3_cli_run_daily_runs_every_part(api, database_url):
    await activated_contract(api)
    env = {**os.environ, "DATABASE_URL": database_url, "ORDERGRAPH_LOG_LEVEL": "warning"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app", "run-daily", "--as-of", "2027-01-01", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()
    assert "1 renewal opportunities" in out.decode() and "1 expired contracts" in out.decode()


@requires_postgres
async def test_r3_two_processes_at_once_create_nothing_twice(api, database_url):
    """Two `ordergraph run-daily` processes started together against one PostgreSQL database."""
    contracts = [await activated_contract(api) for _ in range(6)]
    contracts.append(await signed(api, "2026-01-01"))  # ACTIVATED at once: its start has passed
    await add(api, contracts[-1]["id"], "Kick-off", "2026-02-01")
    env = {**os.environ, "DATABASE_URL": database_url, "ORDERGRAPH_LOG_LEVEL": "warning"}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app",
            "run-daily",
            "--as-of",
            "2027-01-01",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        for _ in range(2)
    ]
    results = [await asyncio.wait_for(p.communicate(), 180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err.decode() for _, err in results]
    renewals = await api("{ opportunities(first: 100) { edges { node { name } } } }")
    names = [e["node"]["name"] for e in renewals["opportunities"]["edges"] if e["node"]["name"].startswith("Renewal")]
    assert sorted(names) == sorted(f"Renewal of {c['number']}" for c in contracts)
    statuses = await api("{ contracts(first: 100) { edges { node { status events { type } } } } }")
    nodes = [e["node"] for e in statuses["contracts"]["edges"]]
    assert [n["status"] for n in nodes] == ["EXPIRED"] * 7
    counted = [[e["type"] for e in n["events"]] for n in nodes]
    assert [t.count("RENEWAL_CREATED") for t in counted] == [1] * 7
    assert sum(t.count("OBLIGATION_OVERDUE") for t in counted) == 1
    invoiced = await api("{ invoices(first: 100) { totalCount edges { node { lines { amount } } } } }")
    assert invoiced["invoices"]["totalCount"] == 6  # B2: one per activated contract's account, never two
