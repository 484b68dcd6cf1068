"""The committed migrations build the same schema (tables and indexes) as the models declare."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg

from app.config import normalise_database_url
from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]


def probe(url: str, generate: bool = False) -> list:
    args = [sys.executable, "-m", "tests.db.schema_probe", url] + (["generate"] if generate else [])
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


async def test_migrated_schema_has_every_index_the_models_declare(orm, tmp_path):
    migrated = probe(orm)
    if PG_URL:
        base = normalise_database_url(PG_URL).replace("postgres://", "postgresql://", 1)
        name = f"ordergraph_ref_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(base)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        try:
            reference = probe(normalise_database_url(base.rsplit("/", 1)[0] + "/" + name), generate=True)
        finally:
            admin = await asyncpg.connect(base)
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()
    else:
        reference = probe(f"sqlite://{tmp_path / 'reference.db'}", generate=True)
    missing = [index for index in reference if index not in migrated]
    assert not missing, f"indexes the models declare but the migrations do not build: {missing}"
    assert any(index[0] == "order_event" for index in migrated)


def migrate_old_contract(url: str) -> str:
    args = [sys.executable, "-m", "tests.db.migrate_probe", url]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


async def test_c6_migration_moves_contracts_c1_left_in_draft_to_activated(tmp_path):
    """C6: contracts made by C1 before the workflow existed are in effect: 0005 makes them ACTIVATED."""
    if PG_URL:
        base = normalise_database_url(PG_URL).replace("postgres://", "postgresql://", 1)
        name = f"ordergraph_mig_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(base)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        url = normalise_database_url(base.rsplit("/", 1)[0] + "/" + name)
    else:
        url = f"sqlite://{tmp_path / 'old.db'}"
    try:
        assert migrate_old_contract(url) == "ACTIVATED 1 NEW"
    finally:
        if PG_URL:
            admin = await asyncpg.connect(base)
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()
