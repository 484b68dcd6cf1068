"""Input types for quotes and orders: create and update, status transitions, item changes, filters and
sorts. Optional fields default to UNSET so an update can tell "not given" from null."""

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import UNSET
from strawberry.scalars import JSON

from schema.enums import (
    BillingFrequency,
    OrderByField,
    OrderSortField,
    OrderStatus,
    QuoteSortField,
    QuoteStatus,
    SortDirection,
)


@strawberry.input
class QuoteLineGroupInput:
    key: str
    name: str
    start_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET


@strawberry.input
class QuoteLineInput:
    product_id: strawberry.ID
    quantity: Decimal
    key: str | None = UNSET
    list_price: Decimal | None = UNSET
    unit_price: Decimal | None = UNSET
    discount_percent: Decimal | None = UNSET
    start_date: date | None = UNSET
    end_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    optional: bool | None = False
    group_key: str | None = UNSET
    required_by_key: str | None = UNSET
    segment_key: str | None = UNSET
    segment_index: int | None = UNSET
    discount_schedule: JSON | None = UNSET


@strawberry.input
class QuoteLineUpdate:
    quote_line_id: strawberry.ID
    quantity: Decimal | None = UNSET
    list_price: Decimal | None = UNSET
    unit_price: Decimal | None = UNSET
    discount_percent: Decimal | None = UNSET
    start_date: date | None = UNSET
    end_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    optional: bool | None = UNSET


@strawberry.input
class CreateQuoteInput:
    opportunity_id: strawberry.ID
    lines: list[QuoteLineInput]
    primary: bool | None = True
    start_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    order_by: OrderByField | None = UNSET
    order_by_quote_line_group: bool | None = False
    renewal_uplift_percent: Decimal | None = UNSET
    renewal_term: int | None = UNSET
    currency: str | None = UNSET
    payment_terms: str | None = UNSET
    groups: list[QuoteLineGroupInput] | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class UpdateQuoteInput:
    quote_id: strawberry.ID
    primary: bool | None = UNSET
    start_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    order_by: OrderByField | None = UNSET
    order_by_quote_line_group: bool | None = UNSET
    renewal_uplift_percent: Decimal | None = UNSET
    renewal_term: int | None = UNSET
    payment_terms: str | None = UNSET
    add_lines: list[QuoteLineInput] | None = UNSET
    update_lines: list[QuoteLineUpdate] | None = UNSET
    remove_line_ids: list[strawberry.ID] | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class QuoteTransitionInput:
    quote_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class OrderLineSelection:
    quote_line_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class CreateOrdersFromQuoteInput:
    quote_id: strawberry.ID | None = UNSET
    opportunity_id: strawberry.ID | None = UNSET
    order_start_date: date | None = UNSET
    lines: list[OrderLineSelection] | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class NewOrderItem:
    product_id: strawberry.ID
    quantity: Decimal
    list_price: Decimal | None = UNSET
    unit_price: Decimal | None = UNSET
    discount_percent: Decimal | None = UNSET
    start_date: date | None = UNSET
    end_date: date | None = UNSET
    subscription_term: int | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET


@strawberry.input
class CreateOrderInput:
    account_id: strawberry.ID
    items: list[NewOrderItem]
    opportunity_id: strawberry.ID | None = UNSET
    start_date: date | None = UNSET
    currency: str | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    payment_terms: str | None = UNSET
    po_number: str | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class OrderItemUpdate:
    order_item_id: strawberry.ID
    quantity: Decimal | None = UNSET
    unit_price: Decimal | None = UNSET
    start_date: date | None = UNSET
    end_date: date | None = UNSET


@strawberry.input
class UpdateOrderInput:
    order_id: strawberry.ID
    version: int | None = UNSET
    start_date: date | None = UNSET
    end_date: date | None = UNSET
    po_number: str | None = UNSET
    payment_terms: str | None = UNSET
    billing_frequency: BillingFrequency | None = UNSET
    items: list[OrderItemUpdate] | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class OrderFilter:
    status: list[OrderStatus] | None = UNSET
    account_id: strawberry.ID | None = UNSET
    quote_id: strawberry.ID | None = UNSET
    opportunity_id: strawberry.ID | None = UNSET


@strawberry.input
class OrderSort:
    field: OrderSortField = OrderSortField.CREATED_AT
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class QuoteFilter:
    status: list[QuoteStatus] | None = UNSET
    account_id: strawberry.ID | None = UNSET
    opportunity_id: strawberry.ID | None = UNSET
    is_primary: bool | None = UNSET


@strawberry.input
class QuoteSort:
    field: QuoteSortField = QuoteSortField.CREATED_AT
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class SubmitQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class ApproveQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class DenyQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class PresentQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class AcceptQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class RejectQuoteInput(QuoteTransitionInput):
    pass


@strawberry.input
class OrderTransitionInput:
    order_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class VersionedOrderTransitionInput:
    order_id: strawberry.ID
    version: int | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class ActivateOrderInput(VersionedOrderTransitionInput):
    pass


@strawberry.input
class DeactivateOrderInput(VersionedOrderTransitionInput):
    pass


@strawberry.input
class ContractOrderInput(OrderTransitionInput):
    pass


@strawberry.input
class UncontractOrderInput(OrderTransitionInput):
    pass


@strawberry.input
class CancelOrderInput:
    order_id: strawberry.ID
    reason: str
    version: int | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class CompleteOrderInput(OrderTransitionInput):
    pass


@strawberry.input
class ItemQuantity:
    order_item_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class ShipOrderItemsInput:
    order_id: strawberry.ID
    items: list[ItemQuantity]
    idempotency_key: str | None = UNSET


@strawberry.input
class ChangeOrderInput:
    order_id: strawberry.ID
    version: int | None = UNSET
    reason: str | None = UNSET
    quantities: list[ItemQuantity] | None = UNSET
    add_items: list[NewOrderItem] | None = UNSET
    cancel_item_ids: list[strawberry.ID] | None = UNSET
    idempotency_key: str | None = UNSET
