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
    bootstrap_admin_key: str | None = None
    max_query_depth: int = 10
    max_tokens: int = 5000
    max_body_bytes: int = 1_048_576
    ws_compression: bool = False
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    # Issue 10: "1" compiled read path on, "0" off, "check" answer with the executor and fail on
    # any difference from the compiled path (tests).
    compiled_reads: str = "1"
    # "json": on PostgreSQL the compiled path builds objects as JSON in one statement per root field
    # where it can; "rows": one statement per relation, JSON assembled in Python (always on SQLite).
    compiled_form: str = "json"

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgres://")

    @classmethod
    def from_env(cls) -> "Config":
        env = os.environ
        origins = tuple(o.strip() for o in env.get("ORDERGRAPH_ALLOWED_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL", "sqlite://ordergraph.db")),
            host=env.get("ORDERGRAPH_HOST", "127.0.0.1"),
            port=int(env.get("ORDERGRAPH_PORT", "8000")),
            log_level=env.get("ORDERGRAPH_LOG_LEVEL", "info").lower(),
            bootstrap_admin_key=env.get("ORDERGRAPH_BOOTSTRAP_ADMIN_KEY") or None,
            max_query_depth=int(env.get("ORDERGRAPH_MAX_QUERY_DEPTH", "10")),
            max_tokens=int(env.get("ORDERGRAPH_MAX_QUERY_TOKENS", "5000")),
            max_body_bytes=int(env.get("ORDERGRAPH_MAX_BODY_BYTES", "1048576")),
            ws_compression=env.get("ORDERGRAPH_WS_COMPRESSION", "0").lower() in ("1", "true", "yes"),
            allowed_origins=origins,
            compiled_reads=env.get("ORDERGRAPH_COMPILED_READS", "1").strip().lower(),
            compiled_form=env.get("ORDERGRAPH_COMPILED_FORM", "json").strip().lower(),
        )
