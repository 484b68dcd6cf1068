"""Logs an operator can use: one request id per request, in every log line and in `x-request-id`;
client mistakes as one line without a traceback; optional JSON lines (`ORDERGRAPH_LOG_FORMAT=json`).

- `RequestContext` (ASGI middleware) takes the id a proxy sent in `x-request-id` (if it looks sane)
  or makes one, keeps it in a contextvar for the request's task, answers it in `x-request-id`, and
  logs one access line per HTTP request with the operation name, key id, outcome and duration that
  the `Observability` schema extension (app/metrics.py) filled in.
- A log-record factory stamps every record with the current request's fields, so any logger
  (ours, Strawberry's, Tortoise's) carries the request id without being changed.
- `ClientErrorFilter` turns Strawberry's ERROR-with-traceback for syntax, validation, variable and
  business errors into one INFO line; internal faults keep their trace (logged once by
  app.extensions.ErrorMasking with the error id that the client sees).
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("ordergraph.access")

REQUEST_ID_HEADER = b"x-request-id"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")


@dataclass
class RequestInfo:
    request_id: str
    operation: str | None = None
    key_id: str | None = None
    outcome: str | None = None


current_request: ContextVar[RequestInfo | None] = ContextVar("ordergraph_request", default=None)

# Fields every record gets (None outside a request), and that the JSON format writes out.
REQUEST_FIELDS = ("request_id", "operation", "key_id")


def request_id_from(scope: Scope) -> str:
    """The proxy's id when it sent a sane one (never trust it to be short or printable), else a new one."""
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER:
            candidate = value.decode("latin-1").strip()
            if _SANE_REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestContext:
    """ASGI middleware: request id in and out, and one access log line per HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        info = RequestInfo(request_id_from(scope))
        token = current_request.set(info)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != REQUEST_ID_HEADER]
                message = {**message, "headers": [*headers, (REQUEST_ID_HEADER, info.request_id.encode())]}
            elif message["type"] == "websocket.accept":
                headers = list(message.get("headers") or [])
                message = {**message, "headers": [*headers, (REQUEST_ID_HEADER, info.request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if scope["type"] == "http":
                duration_ms = round((time.perf_counter() - started) * 1000, 1)
                access_log.info(
                    "%s %s %s %.1fms%s",
                    scope["method"],
                    scope["path"],
                    status,
                    duration_ms,
                    f" {info.outcome}" if info.outcome else "",
                    extra={"duration_ms": duration_ms, "status": status},
                )
            current_request.reset(token)


def _install_record_factory() -> None:
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_ordergraph", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        info = current_request.get()
        record.request_id = info.request_id if info else None
        record.operation = info.operation if info else None
        record.key_id = info.key_id if info else None
        return record

    factory._ordergraph = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def _is_client_error(error: GraphQLError) -> bool:
    """The same line ErrorMasking draws: what it shows the client as it is describes the request."""
    from app.extensions import _should_mask

    return not _should_mask(error)


class ClientErrorFilter(logging.Filter):
    """On `strawberry.execution`: client mistakes become one INFO line; internal faults are dropped
    here because ErrorMasking logs each of them once, with the trace and the id the client sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.msg
        if not isinstance(error, GraphQLError):
            return True
        if (error.extensions or {}).get("code") == "INTERNAL_SERVER_ERROR" or not _is_client_error(error):
            return False  # an internal fault: ErrorMasking logs it once, with its trace and error id
        code = (error.extensions or {}).get("code")
        record.msg = "client error%s: %s"
        record.args = (f" {code}" if code else "", error.message.replace("\n", " "))
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request's fields, extras."""

    EXTRAS = ("duration_ms", "status", "error_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in (*REQUEST_FIELDS, *self.EXTRAS):
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """`time LEVEL logger [request id] message`, with `-` outside a request."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request = getattr(record, "request_id", None) or "-"
        return super().format(record)


def install_log_filters() -> None:
    """Idempotent: the record factory and Strawberry's client-error filter (also used by tests)."""
    _install_record_factory()
    strawberry_log = logging.getLogger("strawberry.execution")
    if not any(isinstance(f, ClientErrorFilter) for f in strawberry_log.filters):
        strawberry_log.addFilter(ClientErrorFilter())


def configure_logging(level: str, log_format: str) -> None:
    """The process's root handler: text lines with the request id, or JSON lines."""
    install_log_filters()
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
