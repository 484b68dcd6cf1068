"""Database outages: what clients see while the database is unreachable, and recovery.

An outage (connection refused or reset, PostgreSQL restarting, pool exhausted, statement timeout,
a SQLite file that refuses writes) is not an internal fault: every HTTP request that meets one gets
503 with `Retry-After` and a GraphQL error body (`extensions.code = SERVICE_UNAVAILABLE` and an
error id that is also in the server log, one line, no trace). Nothing is retried here: mutations are
all-or-nothing, so the client retries (with its idempotency key).

Recovery needs no action here once the fault clears (tests/faults prove both): asyncpg's pool
replaces connections PostgreSQL closed, and on SQLite every transaction starts afresh on the same
handle (Tortoise commits or clears a transaction a failed COMMIT left open before the next BEGIN).
"""

import errno
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from tortoise.exceptions import DBConnectionError

from app.middleware import TrackedSend

log = logging.getLogger("ordergraph.faults")

RETRY_AFTER_SECONDS = 5
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"

# sqlite3 messages meaning "the file cannot be written or locked right now", not "bad SQL".
_SQLITE_OUTAGE_MESSAGES = (
    "database is locked",
    "readonly database",
    "unable to open database file",
    "disk i/o error",
    "database or disk is full",
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if isinstance(current, GraphQLError) and current.original_error is not None:
            current = current.original_error
        else:
            current = current.__cause__ or current.__context__


def _is_outage_one(error: BaseException) -> bool:
    if isinstance(error, ConnectionError | TimeoutError | DBConnectionError):
        return True
    if isinstance(error, OSError) and error.errno in (errno.ECONNREFUSED, errno.ECONNRESET, errno.EHOSTUNREACH):
        return True
    module = type(error).__module__
    if module.startswith("asyncpg"):
        import asyncpg

        if isinstance(error, asyncpg.InterfaceError):  # only a closed connection or pool; not misuse
            return isinstance(error, asyncpg.ConnectionDoesNotExistError) or "clos" in str(error)
        return isinstance(
            error,
            asyncpg.PostgresConnectionError  # class 08: connection failures
            | asyncpg.exceptions.OperatorInterventionError  # 57: shutdown, starting up, statement timeout
            | asyncpg.exceptions.InsufficientResourcesError  # 53: too many connections, disk full
            | asyncpg.exceptions.ReadOnlySQLTransactionError,  # a read-only (standby) server
        )
    if isinstance(error, sqlite3.OperationalError) or type(error).__name__ == "OperationalError":
        message = str(error).lower()
        return any(text in message for text in _SQLITE_OUTAGE_MESSAGES)
    return False


def is_outage(error: BaseException) -> bool:
    """Whether an exception (or anything it was raised from) means the database is unavailable."""
    return any(_is_outage_one(e) for e in _chain(error))


def outage_error(error: BaseException) -> tuple[str, dict[str, Any]]:
    """Log one line for an outage and return (error id, the GraphQL error the client sees)."""
    error_id = uuid.uuid4().hex[:12]
    cause = next((e for e in _chain(error) if _is_outage_one(e)), error)
    log.warning("database unavailable (id %s): %s: %s", error_id, type(cause).__name__, cause)
    return error_id, {
        "message": f"The database is unavailable; retry in {RETRY_AFTER_SECONDS} s (id {error_id}).",
        "extensions": {"code": SERVICE_UNAVAILABLE, "errorId": error_id, "retryAfter": RETRY_AFTER_SECONDS},
    }


class OutageErrors(SchemaExtension):
    """A query or mutation that met an outage answers one SERVICE_UNAVAILABLE error and HTTP 503."""

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or []
        outage = next((e for e in errors if is_outage(e)), None)
        if outage is None:
            return
        _, body = outage_error(outage)
        result.data = None  # type: ignore[union-attr]
        result.errors = [GraphQLError(body["message"], extensions=body["extensions"])]  # type: ignore[union-attr]
        response = getattr(self.execution_context.context, "response", None)
        if response is not None and hasattr(response, "headers"):
            response.status_code = 503
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)


class _OutageLogFilter(logging.Filter):
    """Strawberry logs every resolver error with its trace; an outage is logged once, by us, as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, GraphQLError) and is_outage(record.msg))


logging.getLogger("strawberry.execution").addFilter(_OutageLogFilter())


class OutageResponses:
    """ASGI middleware: an outage that escapes the GraphQL view (e.g. while authenticating the
    request) answers 503 with a GraphQL error body instead of a plain-text 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as error:
            if tracked.started or not is_outage(error):
                raise
            _, body = outage_error(error)
            await send_unavailable(send, {"data": None, "errors": [body]})


async def send_unavailable(send: Send, body: dict[str, Any]) -> None:
    raw = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(raw)).encode()),
                (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": raw})
