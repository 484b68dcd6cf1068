"""The README's walkthrough runs as written against a real server (uvicorn in a subprocess)."""

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

from tests.live.server import listening_socket

ROOT = Path(__file__).resolve().parent.parent


def walkthrough_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Five-minute walkthrough", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def contract_workflow_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## The contract workflow", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def documents_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Contract documents", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def contract_life_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## The contract's life: activate, amend, renew", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def run_against_a_server(tmp_path: Path, script: str) -> str:
    """Start the real server, run the shell script against it; its output with spaces removed."""
    sock = listening_socket()  # handed to the server (serve --fd): no other process can take the port
    port = int(sock.getsockname()[1])
    key = "og_readme_walkthrough_test_key_0123456789"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite://{tmp_path / 'walk.db'}",
        "ORDERGRAPH_BOOTSTRAP_ADMIN_KEY": key,
        "ORDERGRAPH_LOG_LEVEL": "warning",
    }
    with sock:
        server = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--fd", str(sock.fileno())],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(sock.fileno(),),
        )
    try:
        deadline = time.monotonic() + 90  # a loaded machine starts it slowly
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        script = script.replace("http://127.0.0.1:8000", f"http://127.0.0.1:{port}")
        script = re.sub(r"export KEY=\S+", f"export KEY={key}", script)
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout.replace(" ", "")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_readme_walkthrough_runs_as_written(tmp_path):
    out = run_against_a_server(tmp_path, walkthrough_script())
    assert '"errors":[{' not in out and '"errors":[]' in out
    assert "O-000001" in out and "O-000002" in out  # split by product family into two orders
    assert '"totalCount":2' in out


def test_c6_readme_contract_workflow_runs_as_written(tmp_path):
    out = run_against_a_server(tmp_path, walkthrough_script() + contract_workflow_script())
    assert '"errors":[{' not in out
    assert '"status":"IN_APPROVAL","version":2' in out and '"status":"APPROVED","version":3' in out
    assert '"overdue":true' in out
    if date.today() < date(2027, 1, 1):  # the contract starts then: until that day it waits, SIGNED
        assert '"status":"SIGNED"' in out and '"nextStatuses":["ACTIVATED"]' in out
    else:
        assert '"status":"ACTIVATED"' in out


def test_c8_readme_documents_run_as_written(tmp_path):
    out = run_against_a_server(tmp_path, walkthrough_script() + contract_workflow_script() + documents_script())
    assert '"errors":[{' not in out
    sha = re.search(r'"sha256":"([0-9a-f]{64})"', out).group(1)  # type: ignore[union-attr]
    assert f"{sha}-" in out  # the downloaded PDF's sha256sum is the one renderDocument reported
    assert '"templateVersion":1' in out and '"title":"ContractC-000001"' in out


def test_r4_readme_contract_life_activate_amend_renew_runs_as_written(tmp_path):
    script = walkthrough_script() + contract_workflow_script() + documents_script() + contract_life_script()
    out = run_against_a_server(tmp_path, script)
    assert '"errors":[{' not in out, out
    joined = '"contractOrder":{"contract":{"number":"C-000001","status":'
    if date.today() < date(2027, 1, 1):  # signed before its start: SIGNED until the daily run on 2027-01-01
        assert joined + '"SIGNED"' in out
        assert '"activatedContracts":[{"number":"C-000001","status":"ACTIVATED"}]' in out
    else:  # signing after the start date activated it at once
        assert joined + '"ACTIVATED"' in out and '"activatedContracts":[]' in out
    assert '"contract":{"number":"C-000001","status":"ACTIVATED","version":' in out
    assert '"type":"AMENDMENT","totalAmount":"812.59"' in out  # 5 x 216.00 x 550 / 731 (C9)
    assert '"quantity":"5.00","netPrice":"216.00","startDate":"2027-07-01"' in out
    renewal = '"primaryQuote":{"number":"Q-000003","status":"DRAFT","startDate":"2029-01-01","subscriptionTerm":24'
    assert renewal in out and '"lines":[{"quantity":"30.00","unitPrice":"226.80","totalPrice":"6804.00"' in out
    assert '"metrics":{"mrr":"270.00","arr":"3240.00","tcv":"6212.59","acv":"3106.30"}' in out


def order_to_cash_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## From order to cash: promise, fulfil, invoice, pay", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_readme_order_to_cash_runs_as_written(tmp_path):
    script = (
        walkthrough_script()
        + contract_workflow_script()
        + documents_script()
        + contract_life_script()
        + order_to_cash_script()
    )
    out = run_against_a_server(tmp_path, script)
    assert '"errors":[{' not in out, out
    assert '"availableNow":"6.00","promiseDate":"' in out and '"availableNow":"4.00","promiseDate":null' in out
    assert '"number":"O-000004","status":"DRAFT","totalAmount":"2500.00"' in out
    east = '{"status":"DELIVERED","location":{"name":"Eastwarehouse"},"lines":[{"quantity":"6.00"}]}'
    west = '{"status":"DELIVERED","location":{"name":"Westwarehouse"},"lines":[{"quantity":"4.00"}]}'
    assert '"number":"O-000004","status":"FULFILLED"' in out and east in out and west in out
    assert '"number":"INV-000001","status":"POSTED"' in out
    # the routers only: the daily runs of steps 14 and 16 already invoiced the rest as drafts (R3, B2)
    assert '"total":"2500.00","balance":"2500.00"' in out
    assert '"openReceivables":"0.00"' in out
    assert '"invoice":{"number":"INV-000001","status":"PAID","balance":"0.00"}' in out


def billing_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Billing and invoices", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_b2_readme_billing_runs_as_written(tmp_path):
    out = run_against_a_server(tmp_path, walkthrough_script() + billing_script())
    assert '"errors":[{' not in out
    assert '"status":"ACTIVATED"' in out and '"number":"INV-000001","status":"POSTED"' in out


def test_readme_roles_table_matches_the_code():
    from app.auth import ROLE_PERMISSIONS, Permission
    from models.enums import Role

    readme = (ROOT / "README.md").read_text()
    table = readme.split("| Role | Permissions |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.strip().splitlines()[1:]:
        role, perms = [cell.strip() for cell in line.strip("|").split("|")]
        rows[role] = perms
    assert set(rows) == {r.value for r in Role}
    assert rows["ADMIN"] == "everything" and ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    for role, perms in rows.items():
        if role != "ADMIN":
            listed = {p.strip() for p in perms.split("(")[0].split(",")}
            assert listed == {p.value for p in ROLE_PERMISSIONS[Role(role)]}, role


def test_readme_diagrams_are_generated_from_the_status_tables():
    """A4/Q1: the README's diagrams are the tables the services enforce."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_diagrams", ROOT / "scripts" / "readme_diagrams.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text()
    assert module.BLOCK.findall(readme), "no generated diagrams found in the README"
    assert module.render(readme) == readme, "README diagrams are stale: run scripts/readme_diagrams.py"
