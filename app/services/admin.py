"""Organisation settings and API keys."""

from datetime import UTC, datetime
from typing import Any

from app.auth import Actor, Permission, generate_secret, hash_key
from app.errors import DomainError, ErrorCode, invalid
from app.services.common import get_settings, parse_id, unit_of_work
from models import Account, ApiKey, ApiKeyAccount, Settings
from models.enums import OrderEventType, Role

SETTINGS_FIELDS = (
    "allow_multiple_orders",
    "require_approved_quote",
    "order_on_stage",
    "renewal_lead_days",
    "create_renewal_quote",
)


class SettingsService:
    async def get(self, actor: Actor) -> Settings:
        actor.require(Permission.READ)
        return await get_settings()

    async def update(self, actor: Actor, data: dict[str, Any]) -> Settings:
        actor.require(Permission.MANAGE_SETTINGS)
        if data.get("renewal_lead_days") is not None and data["renewal_lead_days"] < 0:
            raise invalid("renewalLeadDays cannot be negative.", "renewalLeadDays")
        for key in ("allow_multiple_orders", "require_approved_quote", "create_renewal_quote"):
            if key in data and data[key] is None:
                raise invalid(f"{key} cannot be null.", key)
        async with unit_of_work(actor) as uow:
            settings = await Settings.filter(id=1).using_db(uow.tx).select_for_update().get()
            for key in SETTINGS_FIELDS:
                if key in data:
                    setattr(settings, key, data[key])
            await settings.save(using_db=uow.tx)
        return settings


class ApiKeyService:
    async def create(
        self, actor: Actor | None, role: Role, name: str, account_ids: list[Any] | None = None
    ) -> tuple[ApiKey, str]:
        """S1: returns the key row and its secret, which is stored only as a hash."""
        if actor is not None:
            actor.require(Permission.MANAGE_KEYS)
        name = (name or "").strip() or f"{role.lower()} key"
        ids = [parse_id(a, "Account", "accountIds") for a in account_ids or []]
        found = await Account.filter(id__in=ids).count()
        if found != len(set(ids)):
            raise invalid("Unknown account in accountIds.", "accountIds")
        secret = generate_secret()
        from app.auth import SYSTEM_ACTOR

        async with unit_of_work(actor or SYSTEM_ACTOR) as uow:
            key = await ApiKey.create(
                name=name, role=role, prefix=secret[:10], key_hash=hash_key(secret), using_db=uow.tx
            )
            await ApiKeyAccount.bulk_create(
                [ApiKeyAccount(api_key_id=key.id, account_id=a) for a in set(ids)], using_db=uow.tx
            )
            await key.fetch_related("account_grants", using_db=uow.tx)
        return key, secret

    async def revoke(self, actor: Actor, key_id: Any) -> ApiKey:
        """S1: a revoked key stops working at once, on HTTP and on open websockets."""
        actor.require(Permission.MANAGE_KEYS)
        uid = parse_id(key_id, "API key", "apiKeyId")
        async with unit_of_work(actor) as uow:
            key = await ApiKey.filter(id=uid).using_db(uow.tx).select_for_update().first()
            if key is None:
                raise DomainError(ErrorCode.NOT_FOUND, "API key not found.", "apiKeyId")
            if key.revoked_at is None:
                key.revoked_at = datetime.now(UTC)
                await key.save(using_db=uow.tx, update_fields=["revoked_at"])
                uow.record_system(OrderEventType.KEY_REVOKED, {"keyId": str(key.id)})
        return key

    async def list(self, actor: Actor) -> list[ApiKey]:
        actor.require(Permission.MANAGE_KEYS)
        return list(await ApiKey.all().order_by("created_at", "id").prefetch_related("account_grants"))

    async def ensure_bootstrap(self, secret: str) -> None:
        """The admin key for automation, from ORDERGRAPH_BOOTSTRAP_ADMIN_KEY (created once)."""
        digest = hash_key(secret)
        if not await ApiKey.filter(key_hash=digest).exists():
            await ApiKey.create(name="bootstrap admin", role=Role.ADMIN, prefix=secret[:10], key_hash=digest)
