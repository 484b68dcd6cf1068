"""Settings read from the environment once per process."""

import os
from dataclasses import dataclass, field


def normalise_database_url(url: str) -> str:
    """Accept the URL spellings people paste (postgresql://, postgresql+asyncpg://) for Tortoise."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "asyncpg://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class Config:
    database_url: str = "sqlite://ordergraph.db"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    log_format: str = "text"
    bootstrap_admin_key: str | None = None
    max_query_depth: int = 10
    max_tokens: int = 5000
    max_body_bytes: int = 1_048_576
    ws_compression: bool = False
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    # Faults (app/faults.py, app/ws_limits.py): how long to wait for the database, websocket limits.
    db_statement_timeout: float = 30.0
    db_acquire_timeout: float = 5.0
    db_pool_size: int = 5
    ws_init_timeout: float = 10.0
    ws_max_subscriptions: int = 100
    ws_max_sockets_per_key: int = 2000
    ws_ping_interval: float = 20.0
    ws_ping_timeout: float = 20.0
    # Issue 10: "1" compiled read path on, "0" off, "check" answer with the executor and fail on
    # any difference from the compiled path (tests).
    compiled_reads: str = "1"
    # "json": on PostgreSQL the compiled path builds objects as JSON in one statement per root field
    # where it can; "rows": one statement per relation, JSON assembled in Python (always on SQLite).
    compiled_form: str = "json"
    # R3: "HH:MM" (UTC) runs the daily run in-process once a day; unset: cron `ordergraph run-daily`.
    daily_at: str | None = None

    @classmethod
    def from_env(cls) -> "Config":
        env = os.environ
        origins = tuple(o.strip() for o in env.get("ORDERGRAPH_ALLOWED_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL", "sqlite://ordergraph.db")),
            host=env.get("ORDERGRAPH_HOST", "127.0.0.1"),
            port=int(env.get("ORDERGRAPH_PORT", "8000")),
            log_level=env.get("ORDERGRAPH_LOG_LEVEL", "info").lower(),
            log_format=env.get("ORDERGRAPH_LOG_FORMAT", "text").lower(),
            bootstrap_admin_key=env.get("ORDERGRAPH_BOOTSTRAP_ADMIN_KEY") or None,
            max_query_depth=int(env.get("ORDERGRAPH_MAX_QUERY_DEPTH", "10")),
            max_tokens=int(env.get("ORDERGRAPH_MAX_QUERY_TOKENS", "5000")),
            max_body_bytes=int(env.get("ORDERGRAPH_MAX_BODY_BYTES", "1048576")),
            ws_compression=env.get("ORDERGRAPH_WS_COMPRESSION", "0").lower() in ("1", "true", "yes"),
            allowed_origins=origins,
            db_statement_timeout=float(env.get("ORDERGRAPH_DB_STATEMENT_TIMEOUT", "30")),
            db_acquire_timeout=float(env.get("ORDERGRAPH_DB_ACQUIRE_TIMEOUT", "5")),
            db_pool_size=int(env.get("ORDERGRAPH_DB_POOL_SIZE", "5")),
            ws_init_timeout=float(env.get("ORDERGRAPH_WS_INIT_TIMEOUT", "10")),
            ws_max_subscriptions=int(env.get("ORDERGRAPH_WS_MAX_SUBSCRIPTIONS", "100")),
            ws_max_sockets_per_key=int(env.get("ORDERGRAPH_WS_MAX_SOCKETS_PER_KEY", "2000")),
            ws_ping_interval=float(env.get("ORDERGRAPH_WS_PING_INTERVAL", "20")),
            ws_ping_timeout=float(env.get("ORDERGRAPH_WS_PING_TIMEOUT", "20")),
            compiled_reads=env.get("ORDERGRAPH_COMPILED_READS", "1").strip().lower(),
            compiled_form=env.get("ORDERGRAPH_COMPILED_FORM", "json").strip().lower(),
            daily_at=env.get("ORDERGRAPH_DAILY_AT") or None,
        )
