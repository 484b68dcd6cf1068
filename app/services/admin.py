"""Organisation settings and API keys."""

from typing import Any

from app.auth import Actor, Permission, generate_secret, hash_key
from app.errors import invalid
from app.services.common import get_settings, parse_id, unit_of_work
from models import Account, ApiKey, ApiKeyAccount, Settings
from models.enums import Role

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
        return key, secret

    async def ensure_bootstrap(self, secret: str) -> None:
        """The admin key for automation, from ORDERGRAPH_BOOTSTRAP_ADMIN_KEY (created once)."""
        digest = hash_key(secret)
        if not await ApiKey.filter(key_hash=digest).exists():
            await ApiKey.create(name="bootstrap admin", role=Role.ADMIN, prefix=secret[:10], key_hash=digest)
