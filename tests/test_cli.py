"""The command line: migrate and create-api-key against a real SQLite file."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def test_migrate_then_create_api_key_prints_the_key_last(tmp_path):
    migrated = run(["migrate"], tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    again = run(["migrate"], tmp_path)  # idempotent
    assert again.returncode == 0, again.stderr
    created = run(["create-api-key", "--role", "ADMIN", "--name", "ops"], tmp_path)
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("og_") and len(secret) > 30


def test_create_api_key_with_unknown_role_or_account_fails_clearly(tmp_path):
    bad_role = run(["create-api-key", "--role", "KING"], tmp_path)
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr
    bad_account = run(["create-api-key", "--role", "PARTNER", "--account", "nope"], tmp_path)
    assert bad_account.returncode == 2 and "account" in bad_account.stderr.lower()
    assert "Traceback" not in bad_account.stderr
