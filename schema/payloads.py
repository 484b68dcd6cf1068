"""Mutation payloads: the changed objects plus `errors: [UserError!]!` (API.md, Conventions)."""

import strawberry

from schema.accounts import Account
from schema.catalog import Product
from schema.common import UserError
from schema.contracts import Contract, Milestone, Obligation
from schema.orders import ApiKey, Order, Settings
from schema.sales import Opportunity, Quote


@strawberry.type
class UpdateSettingsPayload:
    errors: list[UserError]
    settings: Settings | None = None


@strawberry.type
class CreateApiKeyPayload:
    errors: list[UserError]
    api_key: ApiKey | None = None
    secret: str | None = strawberry.field(default=None, description="Shown once; only its hash is stored.")


@strawberry.type
class CreateAccountPayload:
    errors: list[UserError]
    account: Account | None = None


@strawberry.type
class CreateProductPayload:
    errors: list[UserError]
    product: Product | None = None


@strawberry.type
class CreateOpportunityPayload:
    errors: list[UserError]
    opportunity: Opportunity | None = None


@strawberry.type
class UpdateOpportunityStagePayload:
    errors: list[UserError]
    opportunity: Opportunity | None = None


@strawberry.type
class CreateQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class UpdateQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class SubmitQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class ApproveQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class DenyQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class PresentQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class AcceptQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class RejectQuotePayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class CreateOrdersFromQuotePayload:
    errors: list[UserError]
    orders: list[Order] = strawberry.field(default_factory=list)


@strawberry.type
class CreateOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class UpdateOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class ActivateOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class DeactivateOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class ContractOrderPayload:
    errors: list[UserError]
    order: Order | None = None
    contract: Contract | None = None


@strawberry.type
class UncontractOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class ChangeOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class CancelOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class ShipOrderItemsPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class CompleteOrderPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class RevokeApiKeyPayload:
    errors: list[UserError]
    api_key: ApiKey | None = None


@strawberry.type
class CreateContractFromQuotePayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class SubmitContractPayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class ApproveContractPayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class RejectContractPayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class SendContractForSignaturePayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class SignContractPayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class CancelContractPayload:
    errors: list[UserError]
    contract: Contract | None = None


@strawberry.type
class AddObligationPayload:
    errors: list[UserError]
    obligation: Obligation | None = None


@strawberry.type
class UpdateObligationPayload:
    errors: list[UserError]
    obligation: Obligation | None = None


@strawberry.type
class AddMilestonePayload:
    errors: list[UserError]
    milestone: Milestone | None = None
