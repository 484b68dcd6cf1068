"""Row fetching for the compiled read path: plain rows (dicts), never ORM instances, read in one
snapshot, every statement filtered by the same S3 predicates as `app.services.scoping.scoped`.

Nothing here knows GraphQL: `resolvers/compiled` turns a document into calls of these functions.
"""

from app.readpath.fetch import (
    Fallback,
    fetch_json,
    fetch_keyed,
    fetch_page,
    fetch_rows,
    is_scoped,
    read_snapshot,
    scope_sql,
)

__all__ = [
    "Fallback",
    "fetch_json",
    "fetch_keyed",
    "fetch_page",
    "fetch_rows",
    "is_scoped",
    "read_snapshot",
    "scope_sql",
]
