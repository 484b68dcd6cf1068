"""Organisation settings and API keys."""

from datetime import UTC, datetime
from typing import Any

from app.auth import SYSTEM_ACTOR, Actor, Permission, generate_secret, hash_key, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services.reference_data import get_settings
from app.services.scoping import parse_id
from app.services.unit_of_work import unit_of_work
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
    @requires(Permission.READ)
    async def get(self, actor: Actor) -> Settings:
        return await get_settings()

    @requires(Permission.MANAGE_SETTINGS)
    async def update(self, actor: Actor, data: cmd.UpdateSettings) -> Settings:
        if data.renewal_lead_days is not None and data.renewal_lead_days < 0:
            raise invalid("renewalLeadDays cannot be negative.", "renewalLeadDays")
        for key in ("allow_multiple_orders", "require_approved_quote", "create_renewal_quote"):
            if data.has(key) and getattr(data, key) is None:
                raise invalid(f"{key} cannot be null.", key)
        async with unit_of_work(actor) as uow:
            settings = await Settings.filter(id=1).using_db(uow.tx).select_for_update().get()
            for key in SETTINGS_FIELDS:
                if data.has(key):
                    setattr(settings, key, getattr(data, key))
            await settings.save(using_db=uow.tx)
        return settings


class ApiKeyService:
    @requires(Permission.MANAGE_KEYS)
    async def create(self, actor: Actor, data: cmd.CreateApiKey) -> tuple[ApiKey, str]:
        """S1: returns the key row and its secret, which is stored only as a hash."""
        role = data.role
        name = (data.name or "").strip() or f"{role.lower()} key"
        ids = [parse_id(a, "Account", "accountIds") for a in data.account_ids or []]
        found = await Account.filter(id__in=ids).count()
        if found != len(set(ids)):
            raise invalid("Unknown account in accountIds.", "accountIds")
        secret = generate_secret()
        async with unit_of_work(actor) as uow:
            key = await ApiKey.create(
                name=name, role=role, prefix=secret[:10], key_hash=hash_key(secret), using_db=uow.tx
            )
            await ApiKeyAccount.bulk_create(
                [ApiKeyAccount(api_key_id=key.id, account_id=a) for a in set(ids)], using_db=uow.tx
            )
            await key.fetch_related("account_grants", using_db=uow.tx)
        return key, secret

    @requires(Permission.MANAGE_KEYS)
    async def revoke(self, actor: Actor, data: cmd.RevokeApiKey) -> ApiKey:
        """S1: a revoked key stops working at once, on HTTP and on open websockets."""
        uid = parse_id(data.api_key_id, "API key", "apiKeyId")
        async with unit_of_work(actor) as uow:
            key = await ApiKey.filter(id=uid).using_db(uow.tx).select_for_update().first()
            if key is None:
                raise DomainError(ErrorCode.NOT_FOUND, "API key not found.", "apiKeyId")
            if key.revoked_at is None:
                key.revoked_at = datetime.now(UTC)
                await key.save(using_db=uow.tx, update_fields=["revoked_at"])
                uow.record_system(OrderEventType.KEY_REVOKED, {"keyId": str(key.id)})
        return key

    async def create_for_operator(
        self, role: Role, name: str, account_ids: list[Any] | None = None
    ) -> tuple[ApiKey, str]:
        """S1: a key made by whoever runs the server (CLI, bootstrap, tests), acting as the system."""
        ids = [str(a) for a in account_ids or []]
        return await self.create(SYSTEM_ACTOR, cmd.CreateApiKey(role=role, name=name, account_ids=ids))

    @requires(Permission.MANAGE_KEYS)
    async def list(self, actor: Actor) -> list[ApiKey]:
        return list(await ApiKey.all().order_by("created_at", "id").prefetch_related("account_grants"))

    async def ensure_bootstrap(self, secret: str) -> None:
        """The admin key for automation, from ORDERGRAPH_BOOTSTRAP_ADMIN_KEY (created once)."""
        digest = hash_key(secret)
        if not await ApiKey.filter(key_hash=digest).exists():
            await ApiKey.create(name="bootstrap admin", role=Role.ADMIN, prefix=secret[:10], key_hash=digest)


settings = SettingsService()
api_keys = ApiKeyService()
