"""The Starlette application: GraphQL over HTTP and websockets, health and readiness."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry import UNSET
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

from app import db, exports
from app.auth import authenticate, parse_authorization
from app.bus import bus
from app.config import Config
from app.daily_schedule import daily_schedule
from app.faults import OutageResponses
from app.health import ready
from app.json_guard import JsonObjectBody
from app.metrics import metrics, register_collectors
from app.middleware import BodySizeLimit
from app.observability import RequestContext, install_log_filters
from app.services.admin import ApiKeyService
from app.services.reference_data import ensure_reference_data
from app.web import graphiql_page, web_routes
from app.ws_limits import WebsocketLimits
from models import ApiKey
from models.enums import Role
from resolvers.compiled import CompiledReads
from resolvers.compiled.view import CompiledReadsView
from resolvers.context import Context
from schema.root import MAX_ALIASES, build_schema

log = logging.getLogger("ordergraph")


class GraphQLView(CompiledReadsView, GraphQL):
    async def get_context(self, request: Any, response: Any = None) -> Context:  # type: ignore[override]
        if isinstance(request, WebSocket):
            # S1: a websocket authenticates in its connection_init payload (on_ws_connect).
            return Context(request=request, response=response, actor=None)
        secret = parse_authorization(request.headers.get("authorization"))
        return Context(request=request, response=response, actor=await authenticate(secret))

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return graphiql_page()  # served with its assets by the app: works without internet

    async def on_ws_connect(self, context: Any) -> Any:
        params = context.connection_params or {}
        value = params.get("authorization") or params.get("Authorization")
        actor = await authenticate(parse_authorization(value if isinstance(value, str) else None))
        if actor is None:
            raise ConnectionRejectionError(
                {
                    "message": 'A valid API key is required: send {"authorization": "Bearer <key>"} '
                    "as the connection_init payload.",
                    "code": "UNAUTHENTICATED",
                }
            )
        context.actor = actor
        return UNSET


async def health(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "subscribers": bus.subscriber_count, "listenerReconnects": bus.reconnects})


async def start_database(config: Config, migrate: bool = True, first_run_key: bool = False) -> None:
    if migrate:
        await db.run_migrations(config.database_url)
    await db.init_orm(
        config.database_url,
        db.DatabaseTimeouts(config.db_statement_timeout, config.db_acquire_timeout, config.db_pool_size),
    )
    await ensure_reference_data()
    if config.bootstrap_admin_key:
        await ApiKeyService().ensure_bootstrap(config.bootstrap_admin_key)
    elif first_run_key and not await ApiKey.exists():
        # A newcomer's first start: one admin key, shown once, so the README walkthrough can begin.
        _, secret = await ApiKeyService().create_for_operator(Role.ADMIN, "first-run admin")
        print(
            "\n  ordergraph: first start, created an ADMIN API key (shown once, stored hashed):\n"
            f"\n      {secret}\n\n  Send it as 'Authorization: Bearer <key>'.\n",
            flush=True,
        )


def create_app(config: Config | None = None, manage_database: bool = True, first_run_key: bool = False) -> Starlette:
    """`manage_database=False` leaves the ORM to the caller (the test suite opens it once)."""
    config = config or Config.from_env()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await start_database(config, first_run_key=first_run_key)
            await bus.start(config.database_url)
        try:
            async with daily_schedule(config.daily_at if manage_database else None):
                yield
        finally:
            if manage_database:
                await bus.stop()
                await db.close_orm()

    schema = build_schema(config.max_query_depth, config.max_tokens)
    view = GraphQLView(
        schema,
        graphql_ide="graphiql",
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL],
        allowed_origins=list(config.allowed_origins),
        # Legacy-protocol clients detect a dead server by these "ka" messages.
        keep_alive=True,
        keep_alive_interval=config.ws_ping_interval,
    )
    if config.compiled_reads != "0":
        # Issue 10: hot read shapes skip per-field resolution (resolvers/compiled).
        view.compiled = CompiledReads(
            schema, config.max_query_depth, config.max_tokens, MAX_ALIASES, json_form=config.compiled_form == "json"
        )
        view.check_compiled = config.compiled_reads == "check"
    routes = [
        Route("/graphql", view, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        Route("/health", health),
        Route("/ready", ready),
        Route("/metrics", metrics),
        Route("/exports/journal.csv", exports.journal),
        *web_routes(),
    ]
    install_log_filters()
    register_collectors(lambda: bus.subscriber_count)
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(RequestContext),
            Middleware(OutageResponses),
            Middleware(BodySizeLimit, max_bytes=config.max_body_bytes),
            Middleware(JsonObjectBody),
            Middleware(
                WebsocketLimits,
                init_timeout=config.ws_init_timeout,
                max_subscriptions=config.ws_max_subscriptions,
                max_sockets_per_key=config.ws_max_sockets_per_key,
            ),
        ],
    )
