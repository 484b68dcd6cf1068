"""S1/S2: API keys, roles, permissions and the acting key of a request."""

import functools
import hashlib
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar, cast
from uuid import UUID

from app.errors import DomainError, ErrorCode
from models import ApiKey
from models.enums import Role


class Permission(StrEnum):
    READ = "READ"
    MANAGE_SETTINGS = "MANAGE_SETTINGS"
    MANAGE_CATALOG = "MANAGE_CATALOG"
    MANAGE_ACCOUNTS = "MANAGE_ACCOUNTS"
    EDIT_OPPORTUNITIES = "EDIT_OPPORTUNITIES"
    EDIT_QUOTES = "EDIT_QUOTES"
    APPROVE_QUOTES = "APPROVE_QUOTES"
    CREATE_ORDERS = "CREATE_ORDERS"
    EDIT_ORDERS = "EDIT_ORDERS"
    ACTIVATE_ORDERS = "ACTIVATE_ORDERS"
    FULFILL_ORDERS = "FULFILL_ORDERS"
    MANAGE_KEYS = "MANAGE_KEYS"
    MANAGE_CONTRACTS = "MANAGE_CONTRACTS"
    APPROVE_CONTRACTS = "APPROVE_CONTRACTS"
    # C8: saveDocumentTemplate; renderDocument (every role that reads, except READ_ONLY, which never writes).
    MANAGE_TEMPLATES = "MANAGE_TEMPLATES"
    RENDER_DOCUMENTS = "RENDER_DOCUMENTS"
    # R3: the daily run (renewals, activation and expiry, overdue obligations); ADMIN only.
    RUN_DAILY = "RUN_DAILY"
    MANAGE_BILLING = "MANAGE_BILLING"  # B2: invoice runs, posting and voiding invoices; B3 payments; B5 releases
    # B4 purchase orders; B5 the credit override
    MANAGE_PURCHASE_ORDERS = "MANAGE_PURCHASE_ORDERS"
    OVERRIDE_CREDIT_HOLD = "OVERRIDE_CREDIT_HOLD"
    # F1: inventory locations and stock receipts
    MANAGE_INVENTORY = "MANAGE_INVENTORY"


# S2: what each role may do. Service verbs declare the permission they need with `@requires`.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.SALES_OPS: frozenset(
        {
            Permission.READ,
            Permission.MANAGE_ACCOUNTS,
            Permission.EDIT_OPPORTUNITIES,
            Permission.EDIT_QUOTES,
            Permission.APPROVE_QUOTES,
            Permission.CREATE_ORDERS,
            Permission.EDIT_ORDERS,
            Permission.ACTIVATE_ORDERS,
            Permission.MANAGE_CONTRACTS,
            Permission.APPROVE_CONTRACTS,
            Permission.MANAGE_TEMPLATES,
            Permission.RENDER_DOCUMENTS,
            Permission.MANAGE_PURCHASE_ORDERS,
        }
    ),
    Role.SALES_REP: frozenset(
        {
            Permission.READ,
            Permission.MANAGE_ACCOUNTS,
            Permission.EDIT_OPPORTUNITIES,
            Permission.EDIT_QUOTES,
            Permission.CREATE_ORDERS,
            Permission.EDIT_ORDERS,
            Permission.RENDER_DOCUMENTS,
        }
    ),
    Role.PARTNER: frozenset(
        {Permission.READ, Permission.EDIT_QUOTES, Permission.CREATE_ORDERS, Permission.RENDER_DOCUMENTS}
    ),
    Role.FULFILLMENT: frozenset(
        {Permission.READ, Permission.FULFILL_ORDERS, Permission.MANAGE_INVENTORY, Permission.RENDER_DOCUMENTS}
    ),
    Role.BILLING: frozenset(
        {Permission.READ, Permission.MANAGE_BILLING, Permission.MANAGE_PURCHASE_ORDERS, Permission.RENDER_DOCUMENTS}
    ),
    Role.READ_ONLY: frozenset({Permission.READ}),
    Role.LEGAL: frozenset(
        {Permission.READ, Permission.APPROVE_CONTRACTS, Permission.MANAGE_TEMPLATES, Permission.RENDER_DOCUMENTS}
    ),
}

KEY_PREFIX = "og_"


@dataclass(frozen=True)
class Actor:
    """The API key acting on a request; recorded on events and used for scoping."""

    key_id: UUID | None
    name: str
    role: Role
    account_ids: frozenset[UUID] = field(default_factory=frozenset)

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise DomainError(ErrorCode.FORBIDDEN, f"This API key ({self.role}) lacks the {permission} permission.")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.key_id})" if self.key_id else self.name


SYSTEM_ACTOR = Actor(key_id=None, name="system", role=Role.ADMIN)


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def generate_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def parse_authorization(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def authenticate(secret: str | None) -> Actor | None:
    """S1: a key is found by the hash of its secret; revoked or unknown keys give None."""
    if not secret:
        return None
    key = await ApiKey.get_or_none(key_hash=hash_key(secret), revoked_at=None).prefetch_related("account_grants")
    if key is None:
        return None
    grants = frozenset(g.account_id for g in key.account_grants)  # type: ignore[attr-defined]
    return Actor(key_id=key.id, name=key.name, role=key.role, account_ids=grants)


F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def requires(permission: Permission) -> Callable[[F], F]:
    """S2, declared once per service verb: the verb refuses (FORBIDDEN) before doing anything, and the
    API layer reads it (`permission_of`) to refuse a mutation before parsing its input."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        async def verb(*args: Any, **kwargs: Any) -> Any:
            actor = next(a for a in (*args, *kwargs.values()) if isinstance(a, Actor))
            actor.require(permission)
            return await fn(*args, **kwargs)

        verb.permission = permission  # type: ignore[attr-defined]
        return cast(F, verb)

    return decorate


def permission_of(verb: Callable[..., Any]) -> Permission:
    """The permission a service verb declared with `@requires`."""
    return cast(Permission, getattr(verb, "permission"))  # noqa: B009
