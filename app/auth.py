"""S1/S2: API keys, roles, permissions and the acting key of a request."""

import hashlib
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
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


# S2, declared once. A service asks `actor.require(Permission.X)`; nothing else decides access.
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
        }
    ),
    Role.PARTNER: frozenset({Permission.READ, Permission.EDIT_QUOTES, Permission.CREATE_ORDERS}),
    Role.FULFILLMENT: frozenset({Permission.READ, Permission.FULFILL_ORDERS}),
    Role.BILLING: frozenset({Permission.READ}),
    Role.READ_ONLY: frozenset({Permission.READ}),
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


# S2: the permission every mutation needs, declared once. The API layer refuses a mutation whose
# key lacks it (FORBIDDEN in the payload) before any service runs; services check it again.
MUTATION_PERMISSIONS: dict[str, Permission] = {
    "updateSettings": Permission.MANAGE_SETTINGS,
    "createApiKey": Permission.MANAGE_KEYS,
    "revokeApiKey": Permission.MANAGE_KEYS,
    "createAccount": Permission.MANAGE_ACCOUNTS,
    "createProduct": Permission.MANAGE_CATALOG,
    "createOpportunity": Permission.EDIT_OPPORTUNITIES,
    "updateOpportunityStage": Permission.EDIT_OPPORTUNITIES,
    "createQuote": Permission.EDIT_QUOTES,
    "updateQuote": Permission.EDIT_QUOTES,
    "submitQuote": Permission.EDIT_QUOTES,
    "presentQuote": Permission.EDIT_QUOTES,
    "acceptQuote": Permission.EDIT_QUOTES,
    "rejectQuote": Permission.EDIT_QUOTES,
    "approveQuote": Permission.APPROVE_QUOTES,
    "denyQuote": Permission.APPROVE_QUOTES,
    "createOrdersFromQuote": Permission.CREATE_ORDERS,
    "createOrder": Permission.CREATE_ORDERS,
    "updateOrder": Permission.EDIT_ORDERS,
    "changeOrder": Permission.EDIT_ORDERS,
    "cancelOrder": Permission.EDIT_ORDERS,
    "activateOrder": Permission.ACTIVATE_ORDERS,
    "deactivateOrder": Permission.ACTIVATE_ORDERS,
    "contractOrder": Permission.ACTIVATE_ORDERS,
    "uncontractOrder": Permission.ACTIVATE_ORDERS,
    "shipOrderItems": Permission.FULFILL_ORDERS,
    "completeOrder": Permission.FULFILL_ORDERS,
}
