"""`python -m app` / `ordergraph`: serve, migrate, create-api-key, seed-demo, run-daily, export-schema."""

import argparse
import asyncio
import sys
from pathlib import Path

from app.config import Config
from app.observability import configure_logging
from models.enums import Role


def _serve(args: argparse.Namespace, config: Config) -> None:
    import gc

    import uvicorn

    from app.main import create_app

    app = create_app(config, first_run_key=True)
    # Long-lived objects created at import are never collected; a larger young generation makes
    # collections rarer under load (STACK_NOTES: about +60% throughput).
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    uvicorn.run(
        app,
        host=args.host or config.host,
        port=args.port or config.port,
        fd=args.fd,
        log_level=config.log_level,
        log_config=None,  # uvicorn logs through the root handler (request ids, JSON lines)
        access_log=False,  # app.observability logs one access line per request, with its request id
        ws="websockets-sansio",
        # Compression costs CPU per message per subscriber; fan-out to many dashboards is CPU-bound.
        ws_per_message_deflate=config.ws_compression,
        # S4: a websocket message may be as large as an HTTP body, no larger (closed with 1009);
        # pings reap peers that vanished without closing.
        ws_max_size=config.max_body_bytes,
        ws_ping_interval=config.ws_ping_interval,
        ws_ping_timeout=config.ws_ping_timeout,
        timeout_graceful_shutdown=10,
    )


async def _migrate(config: Config) -> None:
    from app import db

    await db.run_migrations(config.database_url)
    print(f"Migrations applied to {config.database_url.split('@')[-1]}")


async def _create_key(args: argparse.Namespace, config: Config) -> int:
    from app import db
    from app.errors import DomainError
    from app.main import start_database
    from app.services.admin import ApiKeyService

    await start_database(config)
    try:
        key, secret = await ApiKeyService().create_for_operator(Role(args.role), args.name or "", args.account)
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    finally:
        await db.close_orm()
    print(f"Created {key.role} key {key.id} ({key.name}). The secret is shown once:")
    print(secret)
    return 0


async def _seed_demo(args: argparse.Namespace, config: Config) -> int:
    import os

    from app import db
    from app.demo import DemoError, http_runner, in_process_runner, seed_demo
    from app.main import start_database

    try:
        if args.url:
            key = args.key or os.environ.get("ORDERGRAPH_API_KEY")
            if not key:
                print("error: --url needs an ADMIN key: --key or ORDERGRAPH_API_KEY", file=sys.stderr)
                return 2
            made = await seed_demo(http_runner(args.url, key))
        else:
            await start_database(config)
            try:
                made = await seed_demo(in_process_runner())
            finally:
                await db.close_orm()
    except DemoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if made is None:
        print("Demo data is already there; nothing added.")
    else:
        print("Demo data added: " + ", ".join(f"{count} {what}" for what, count in made.items()))
    return 0


async def _run_daily(args: argparse.Namespace, config: Config) -> int:
    """R3: the daily run as the system (ADMIN); prints what it made or changed, one count per part."""
    from datetime import date

    from app import db
    from app.auth import SYSTEM_ACTOR
    from app.main import start_database
    from app.services.daily_run import daily_run
    from app.services.renewal_commands import RunDaily

    await start_database(config)
    try:
        run = await daily_run.run(SYSTEM_ACTOR, RunDaily(as_of=date.fromisoformat(args.as_of) if args.as_of else None))
    finally:
        await db.close_orm()
    print(f"Daily run as of {run.as_of}: " + ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in run.found.items()))
    return 0


def export_schema_sdl() -> str:
    from schema.root import schema

    return schema.as_str() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ordergraph", description="Quote-to-cash order management over GraphQL.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start the server (applies pending migrations first)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--fd",
        type=int,
        help="serve on this inherited, already listening socket (systemd socket activation, a supervisor, "
        "a test harness); --host and --port are then not used",
    )
    sub.add_parser("migrate", help="apply pending migrations and exit")
    key = sub.add_parser("create-api-key", help="print a new API key, alone on the last line")
    key.add_argument("--role", required=True, choices=[r.value for r in Role])
    key.add_argument("--account", action="append", default=[], help="account id the key is granted (repeat)")
    key.add_argument("--name")
    demo = sub.add_parser("seed-demo", help="fill the database with demo data through the GraphQL API (once)")
    demo.add_argument("--url", help="a running server's /graphql (default: this database, in-process)")
    demo.add_argument("--key", help="an ADMIN API key for --url (or ORDERGRAPH_API_KEY)")
    daily = sub.add_parser("run-daily", help="the daily run (R3): renewals, activation, expiry, overdue obligations")
    daily.add_argument("--as-of", help="the as-of date, YYYY-MM-DD (default: today, UTC)")
    export = sub.add_parser("export-schema", help="write the GraphQL SDL (default: schema.graphql)")
    export.add_argument("--output", default="schema.graphql")
    args = parser.parse_args(argv)
    config = Config.from_env()
    configure_logging(config.log_level, config.log_format)
    if args.command == "serve":
        _serve(args, config)
        return 0
    if args.command == "migrate":
        asyncio.run(_migrate(config))
        return 0
    if args.command == "create-api-key":
        return asyncio.run(_create_key(args, config))
    if args.command == "seed-demo":
        return asyncio.run(_seed_demo(args, config))
    if args.command == "run-daily":
        return asyncio.run(_run_daily(args, config))
    Path(args.output).write_text(export_schema_sdl())
    print(f"Wrote {args.output}")
    return 0
