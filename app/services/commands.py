"""Commands: what each mutation asks a service verb to do, as typed values built once per request.

Fields a client may leave out are optional; `given` names the fields the client did send, so a
service can tell "set to null" from "left alone" on partial updates.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from models.enums import (
    BillingFrequency,
    BillingTiming,
    FulfillmentType,
    ObligationStatus,
    OpportunityStage,
    OrderByField,
    ProductType,
    Role,
    SignatoryKind,
)


@dataclass(frozen=True, kw_only=True)
class Command:
    given: frozenset[str] = frozenset()
    idempotency_key: str | None = None

    def has(self, name: str) -> bool:
        return name in self.given


# Settings and keys
@dataclass(frozen=True, kw_only=True)
class UpdateSettings(Command):
    allow_multiple_orders: bool | None = None
    require_approved_quote: bool | None = None
    order_on_stage: OpportunityStage | None = None
    renewal_lead_days: int | None = None
    create_renewal_quote: bool | None = None


@dataclass(frozen=True, kw_only=True)
class CreateApiKey(Command):
    role: Role
    account_ids: list[str] | None = None
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class RevokeApiKey(Command):
    api_key_id: str


# Catalog and accounts
@dataclass(frozen=True, kw_only=True)
class CreateAccount(Command):
    name: str
    currency: str | None = "USD"
    credit_limit: Decimal | None = None
    payment_terms: str | None = None
    billing_frequency: BillingFrequency | None = None
    billing_day_of_month: int | None = None  # B1: 1-28


@dataclass(frozen=True, kw_only=True)
class Price(Command):
    currency: str
    list_price: Decimal


@dataclass(frozen=True, kw_only=True)
class CreateProduct(Command):
    sku: str
    name: str
    type: ProductType
    family: str | None = None
    list_price: Decimal | None = None
    currency: str | None = None
    prices: list[Price] | None = None
    default_subscription_term: int | None = None
    billing_frequency: BillingFrequency | None = None
    component_ids: list[str] | None = None
    fulfillment_type: FulfillmentType | None = None
    billing_timing: BillingTiming | None = None


@dataclass(frozen=True, kw_only=True)
class CreateOpportunity(Command):
    account_id: str
    name: str
    stage: OpportunityStage | None = OpportunityStage.PROSPECTING
    close_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateOpportunityStage(Command):
    opportunity_id: str
    stage: OpportunityStage


# Quotes (Q1-Q7)
@dataclass(frozen=True, kw_only=True)
class Schedule(Command):
    """When something starts, for how long, how often it bills: quotes, groups, lines and items."""

    start_date: date | None = None
    subscription_term: int | None = None
    billing_frequency: BillingFrequency | None = None


@dataclass(frozen=True, kw_only=True)
class QuoteLineGroupSpec(Schedule):
    key: str
    name: str


@dataclass(frozen=True, kw_only=True)
class PricedItem(Schedule):
    """The fields a quote line or an order item is priced and dated from."""

    quantity: Decimal | None = None
    list_price: Decimal | None = None
    unit_price: Decimal | None = None
    discount_percent: Decimal | None = None
    end_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class QuoteLineFields(PricedItem):
    optional: bool | None = None


@dataclass(frozen=True, kw_only=True)
class QuoteLineSpec(QuoteLineFields):
    product_id: str
    key: str | None = None
    group_key: str | None = None
    required_by_key: str | None = None
    segment_key: str | None = None
    segment_index: int | None = None
    discount_schedule: Any = None


@dataclass(frozen=True, kw_only=True)
class QuoteLineEdit(QuoteLineFields):
    quote_line_id: str


@dataclass(frozen=True, kw_only=True)
class QuoteHeader(Schedule):
    order_by: OrderByField | None = None
    order_by_quote_line_group: bool | None = None
    renewal_uplift_percent: Decimal | None = None
    renewal_term: int | None = None
    payment_terms: str | None = None


@dataclass(frozen=True, kw_only=True)
class CreateQuote(QuoteHeader):
    opportunity_id: str
    lines: list[QuoteLineSpec]
    primary: bool | None = True
    currency: str | None = None
    groups: list[QuoteLineGroupSpec] | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateQuote(QuoteHeader):
    quote_id: str
    primary: bool | None = None
    add_lines: list[QuoteLineSpec] | None = None
    update_lines: list[QuoteLineEdit] | None = None
    remove_line_ids: list[str] | None = None


@dataclass(frozen=True, kw_only=True)
class QuoteTransition(Command):
    quote_id: str


# Orders (O, D, A, C, I)
@dataclass(frozen=True, kw_only=True)
class LineSelection(Command):
    quote_line_id: str
    quantity: Decimal


@dataclass(frozen=True, kw_only=True)
class CreateOrdersFromQuote(Command):
    quote_id: str | None = None
    opportunity_id: str | None = None
    order_start_date: date | None = None
    lines: list[LineSelection] | None = None


@dataclass(frozen=True, kw_only=True)
class NewItem(PricedItem):
    product_id: str
    quantity: Decimal


@dataclass(frozen=True, kw_only=True)
class CreateOrder(Command):
    account_id: str
    items: list[NewItem]
    opportunity_id: str | None = None
    start_date: date | None = None
    currency: str | None = None
    billing_frequency: BillingFrequency | None = None
    payment_terms: str | None = None
    po_number: str | None = None


@dataclass(frozen=True, kw_only=True)
class ItemEdit(Command):
    order_item_id: str
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateOrder(Command):
    order_id: str
    version: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    po_number: str | None = None
    payment_terms: str | None = None
    billing_frequency: BillingFrequency | None = None
    items: list[ItemEdit] | None = None


@dataclass(frozen=True, kw_only=True)
class OrderTransition(Command):
    order_id: str
    version: int | None = None


@dataclass(frozen=True, kw_only=True)
class CancelOrder(OrderTransition):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ItemQuantity(Command):
    order_item_id: str
    quantity: Decimal


@dataclass(frozen=True, kw_only=True)
class ShipOrderItems(OrderTransition):
    items: list[ItemQuantity]


@dataclass(frozen=True, kw_only=True)
class ChangeOrder(OrderTransition):
    reason: str | None = None
    quantities: list[ItemQuantity] | None = None
    add_items: list[NewItem] | None = None
    cancel_item_ids: list[str] | None = None


# Contracts after signature (C6, C7)
@dataclass(frozen=True, kw_only=True)
class CreateContractFromQuote(Command):
    quote_id: str


@dataclass(frozen=True, kw_only=True)
class ContractTransition(Command):
    contract_id: str
    version: int | None = None


@dataclass(frozen=True, kw_only=True)
class ContractTransitionWithReason(ContractTransition):
    """rejectContract and cancelContract."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class SignatorySpec(Command):
    name: str
    email: str
    kind: SignatoryKind


@dataclass(frozen=True, kw_only=True)
class SendContractForSignature(ContractTransition):
    signatories: list[SignatorySpec]


@dataclass(frozen=True, kw_only=True)
class SignContract(Command):
    contract_id: str
    signatory_id: str


@dataclass(frozen=True, kw_only=True)
class AddObligation(Command):
    contract_id: str
    title: str
    due_date: date
    owner_key_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateObligation(Command):
    obligation_id: str
    status: ObligationStatus


@dataclass(frozen=True, kw_only=True)
class AddMilestone(Command):
    contract_id: str
    title: str
    date: date
