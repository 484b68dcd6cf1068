"""Shared phrases and helpers for the description texts."""

ERRORS = "Broken rules as typed errors (code, message, field); when not empty, nothing was written."
IDEMPOTENCY = (
    "Optional, 1-255 characters: repeating the call with the same key and input returns the first result and "
    "writes nothing more; another input with the same key is IDEMPOTENCY_KEY_REUSED."
)
MONEY = "a Decimal string"


def _mutation(field: str, description: str | None, **payload: str) -> dict[str, str]:
    """The entries of one mutation: the field (unless described in code), its input and its payload."""
    name = field[0].upper() + field[1:]
    entries = {
        f"Mutation.{field}(input:)": f"What to do; see {name}Input.",
        f"{name}Input": f"Input of `{field}`.",
        f"{name}Input.idempotencyKey": IDEMPOTENCY,
        f"{name}Payload": f"Result of `{field}`: the objects it changed, or `errors` and nothing written.",
        f"{name}Payload.errors": ERRORS,
    }
    if description is not None:
        entries[f"Mutation.{field}"] = description
    entries.update({f"{name}Payload.{key}": text for key, text in payload.items()})
    return entries


def _connection(node: str, plural: str) -> dict[str, str]:
    """A Relay connection type and its edge type."""
    return {
        f"{node}Connection": f"One page of {plural}, cursor-paginated (Relay connection).",
        f"{node}Connection.edges": f"The {plural} of this page, each with its cursor.",
        f"{node}Connection.pageInfo": "Cursors and whether more pages follow or precede this one.",
        f"{node}Connection.totalCount": f"How many {plural} match the filter in the caller's scope (S3), all pages.",
        f"{node}Edge": f"One {node} in a page, with the cursor that resumes after it.",
        f"{node}Edge.cursor": "Opaque cursor of this edge: pass it as `after` to read the next items.",
        f"{node}Edge.node": f"The {node} itself.",
    }


def _list_field(field: str, plural: str, filter_text: str, sort_text: str) -> dict[str, str]:
    """A root connection field and its four arguments."""
    return {
        f"Query.{field}": f"{plural} in the caller's scope (S3), a page at a time; keyset paging on sort key + id.",
        f"Query.{field}(first:)": "Page size: default 50, capped at 100; a negative number is VALIDATION_ERROR.",
        f"Query.{field}(after:)": "Cursor from a previous page (an edge's cursor or pageInfo.endCursor); "
        "one this API did not give out is VALIDATION_ERROR.",
        f"Query.{field}(filter:)": filter_text,
        f"Query.{field}(sort:)": sort_text,
    }


def _sort(name: str, what: str) -> dict[str, str]:
    """A sort input: a field enum and a direction."""
    return {
        f"{name}": f"Order of the {what} in a connection; ties break on id, so paging is stable.",
        f"{name}.field": "The key to sort on; default CREATED_AT.",
        f"{name}.direction": "ASC (default) or DESC.",
    }
