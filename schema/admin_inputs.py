"""Input types for administration: the settings and API keys. Optional fields default to UNSET so an
update can tell "not given" from null."""

import strawberry
from strawberry import UNSET

from schema.enums import OpportunityStage, Role


@strawberry.input
class UpdateSettingsInput:
    allow_multiple_orders: bool | None = UNSET
    require_approved_quote: bool | None = UNSET
    order_on_stage: OpportunityStage | None = strawberry.field(
        default=UNSET, description="R1: the stage that orders the primary quote automatically; null turns it off."
    )
    renewal_lead_days: int | None = strawberry.field(
        default=UNSET, description="R2: days before a contract's end its renewal is made."
    )
    create_renewal_quote: bool | None = strawberry.field(
        default=UNSET, description="R2: the renewal run also makes a primary renewal quote."
    )
    idempotency_key: str | None = UNSET


@strawberry.input
class CreateApiKeyInput:
    role: Role
    account_ids: list[strawberry.ID] | None = UNSET
    name: str | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class RevokeApiKeyInput:
    api_key_id: strawberry.ID
    idempotency_key: str | None = UNSET
