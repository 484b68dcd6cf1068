"""Input types for accounts, opportunities and the product catalog: create, stage changes, filters and
the name sort. Optional fields default to UNSET so an update can tell "not given" from null."""

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import UNSET

from schema.enums import (
    BillingFrequency,
    BillingTiming,
    FulfillmentType,
    NameSortField,
    OpportunityStage,
    ProductType,
    SortDirection,
)


@strawberry.input
class CreateAccountInput:
    name: str
    currency: str | None = "USD"
    credit_limit: Decimal | None = UNSET
    payment_terms: str | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    billing_day_of_month: int | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class PriceInput:
    currency: str
    list_price: Decimal


@strawberry.input
class CreateProductInput:
    sku: str
    name: str
    type: ProductType
    family: str | None = UNSET
    list_price: Decimal | None = UNSET
    currency: str | None = UNSET
    prices: list[PriceInput] | None = UNSET
    default_subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    component_ids: list[strawberry.ID] | None = UNSET
    fulfillment_type: FulfillmentType | None = UNSET
    billing_timing: BillingTiming | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class CreateOpportunityInput:
    account_id: strawberry.ID
    name: str
    stage: OpportunityStage | None = OpportunityStage.PROSPECTING
    close_date: date | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class UpdateOpportunityStageInput:
    opportunity_id: strawberry.ID
    stage: OpportunityStage
    idempotency_key: str | None = UNSET


@strawberry.input
class AccountFilter:
    name_contains: str | None = UNSET


@strawberry.input
class ProductFilter:
    family: str | None = UNSET
    type: ProductType | None = UNSET
    name_contains: str | None = UNSET


@strawberry.input
class OpportunityFilter:
    account_id: strawberry.ID | None = UNSET
    stage: list[OpportunityStage] | None = UNSET


@strawberry.input
class NameSort:
    field: NameSortField = NameSortField.CREATED_AT
    direction: SortDirection = SortDirection.ASC
