"""The root connections' filters, exactly as resolvers/queries.py (and contract_queries.py) apply
them; a value the executor refuses (a malformed id, NUL text) makes the executor answer."""

from typing import Any

from app.errors import DomainError
from app.readpath import Fallback
from app.services.scoping import parse_id

# filter key -> (model filter, kind): "id" values go through parse_id like the executor's.
FILTERS: dict[str, dict[str, tuple[str, str]]] = {
    "accounts": {"nameContains": ("name__icontains", "text")},
    "products": {
        "family": ("family", "text"),
        "type": ("type", "value"),
        "nameContains": ("name__icontains", "text"),
    },
    "opportunities": {"accountId": ("account_id", "id"), "stage": ("stage__in", "value")},
    "quotes": {
        "status": ("status__in", "value"),
        "accountId": ("account_id", "id"),
        "opportunityId": ("opportunity_id", "id"),
        "isPrimary": ("is_primary", "flag"),
    },
    "orders": {
        "status": ("status__in", "value"),
        "accountId": ("account_id", "id"),
        "quoteId": ("quote_id", "id"),
        "opportunityId": ("opportunity_id", "id"),
    },
    "contracts": {"accountId": ("account_id", "id")},
    "invoices": {"accountId": ("account_id", "id"), "status": ("status", "value"), "kind": ("kind", "value")},
}


def root_queryset(root: str, model: Any, given: dict[str, Any]) -> Any:
    queryset = model.all()
    table = FILTERS[root]
    for name, value in given.items():
        if name not in table:
            raise Fallback(f"filter {name}")
        lookup, kind = table[name]
        if isinstance(value, str) and "\x00" in value:
            raise Fallback("NUL text")
        if kind == "flag":
            if value is not None:
                queryset = queryset.filter(**{lookup: value})
            continue
        if not value:
            continue
        if kind == "id":
            try:
                value = parse_id(value, "")
            except DomainError:
                raise Fallback("bad id") from None
        queryset = queryset.filter(**{lookup: value})
    return queryset
