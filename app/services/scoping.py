"""S3: which rows a key may see. Every read of account-owned rows goes through `scoped`."""

from typing import Any
from uuid import UUID

from tortoise.expressions import Q

from app.auth import Actor
from app.errors import not_found
from models.enums import Role

# How each model reaches the account that owns it; catalog models are shared by all.
SCOPE_PATHS: dict[str, str] = {
    "Account": "id",
    "Opportunity": "account_id",
    "Quote": "account_id",
    "Order": "account_id",
    "OrderEvent": "account_id",
    "QuoteLine": "quote__account_id",
    "QuoteLineGroup": "quote__account_id",
    "OrderItem": "order__account_id",
    "OrderVersion": "order__account_id",
    "Contract": "account_id",
    "ContractEvent": "account_id",
    "Signatory": "contract__account_id",
    "Obligation": "contract__account_id",
    "Milestone": "contract__account_id",
    "Subscription": "account_id",
    "Asset": "account_id",
    "Document": "account_id",
    "CustomerPurchaseOrder": "account_id",
    "Payment": "account_id",
    "PaymentAllocation": "payment__account_id",
    "BillingLine": "account_id",
    "Invoice": "account_id",
    "InvoiceLine": "invoice__account_id",
    "InvoiceEvent": "account_id",
    "Fulfillment": "order__account_id",
    "FulfillmentLine": "fulfillment__order__account_id",
    "FulfillmentTask": "order__account_id",
}


def account_scope(actor: Actor, path: str) -> Q | None:
    """S3: the filter that limits a scoped key to its accounts; None for unscoped roles."""
    if not path:
        return None
    granted: dict[str, Any] = {f"{path}__in": list(actor.account_ids)}
    if actor.role == Role.PARTNER:
        return Q(**granted)
    if actor.role == Role.SALES_REP:
        owner_path = "owner_key_id" if path == "id" else path.removesuffix("_id") + "__owner_key_id"
        owned: dict[str, Any] = {owner_path: actor.key_id}
        return Q(**granted) | Q(**owned)
    return None


def scoped(actor: Actor, queryset: Any) -> Any:
    """Every read of account-owned rows goes through here: services, lists and DataLoaders."""
    path = SCOPE_PATHS.get(queryset.model.__name__)
    if path is None:
        return queryset
    condition = account_scope(actor, path)
    return queryset.filter(condition) if condition is not None else queryset


async def get_scoped(actor: Actor, queryset: Any, object_id: Any, what: str, field: str | None = None) -> Any:
    """Fetch one object by id inside the actor's scope; a malformed, unknown or foreign id is NOT_FOUND."""
    uid = parse_id(object_id, what, field)
    if account_scope(actor, SCOPE_PATHS.get(queryset.model.__name__, "")) is not None:
        # Check the scope without the row lock: PostgreSQL cannot lock the nullable side of the
        # outer joins a scope filter may need; then fetch (and lock) by id alone.
        if not await scoped(actor, queryset.model.filter(id=uid)).exists():
            raise not_found(what, field)
    obj = await queryset.filter(id=uid).first()
    if obj is None:
        raise not_found(what, field)
    return obj


def parse_id(value: Any, what: str, field: str | None = None) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except (ValueError, TypeError):
        raise not_found(what, field) from None
