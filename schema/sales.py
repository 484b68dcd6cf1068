"""Object types of the sales side: opportunities, quotes, their line groups and lines (accounts are in
schema/accounts.py, products in schema/catalog.py)."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from app.services.states import QUOTE_STATES
from schema.accounts import Account
from schema.catalog import Product
from schema.documents import Document
from schema.enums import BillingFrequency, OpportunityStage, OrderByField, OrderType, QuoteStatus
from schema.relations import loaders, to_one

if TYPE_CHECKING:
    from schema.contracts import Contract
    from schema.orders import Order, OrderItem

OrderRef = Annotated["Order", strawberry.lazy("schema.orders")]
OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]
ContractRef = Annotated["Contract", strawberry.lazy("schema.contracts")]


def _contract(info: Info, contract_id: Any) -> Any:
    """C9/R2: the contract an opportunity or quote belongs to (a plain id column, scoped like any)."""
    from schema.contracts import Contract

    return to_one(info, Contract, loaders(info).contract_by_id, contract_id, nullable=True)


@strawberry.type
class Opportunity:
    id: strawberry.ID
    name: str
    stage: OpportunityStage
    close_date: date | None
    type: OrderType
    created_at: datetime
    account_id: strawberry.Private[Any]
    contract_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Opportunity":
        return cls(
            id=strawberry.ID(str(m.id)),
            name=m.name,
            stage=m.stage,
            close_date=m.close_date,
            type=m.type,
            created_at=m.created_at,
            account_id=m.account_id,
            contract_id=m.contract_id,
        )

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field(description="C9/R2: the contract an AMENDMENT or RENEWAL opportunity belongs to.")
    def contract(self, info: Info) -> ContractRef | None:
        return _contract(info, self.contract_id)

    @strawberry.field
    async def quotes(self, info: Info) -> list["Quote"]:
        return [Quote.from_model(q) for q in await loaders(info).quotes_by_opportunity.load(self.id)]

    @strawberry.field
    async def primary_quote(self, info: Info) -> "Quote | None":
        rows = await loaders(info).primary_quotes_by_opportunity.load(self.id)
        return Quote.from_model(rows[0]) if rows else None

    @strawberry.field
    async def orders(self, info: Info) -> list[OrderRef]:
        from schema.orders import Order

        return [Order.from_model(o) for o in await loaders(info).orders_by_opportunity.load(self.id)]


@strawberry.type
class Quote:
    id: strawberry.ID
    number: str
    status: QuoteStatus
    is_primary: bool
    start_date: date | None
    subscription_term: int | None
    billing_frequency: BillingFrequency | None
    order_by: OrderByField | None
    order_by_quote_line_group: bool
    renewal_uplift_percent: Decimal | None
    renewal_term: int | None
    currency: str
    payment_terms: str | None
    total: Decimal
    type: OrderType
    contract_version: int | None = strawberry.field(
        description="C9: the contract's version when this amendment quote was made; ordering it after "
        "the contract changed is VERSION_CONFLICT."
    )
    created_at: datetime
    updated_at: datetime
    account_id: strawberry.Private[Any]
    opportunity_id: strawberry.Private[Any]
    contract_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "Quote":
        return cls(
            id=strawberry.ID(str(m.id)),
            number=m.number,
            status=m.status,
            is_primary=m.is_primary,
            start_date=m.start_date,
            subscription_term=m.subscription_term,
            billing_frequency=m.billing_frequency,
            order_by=m.order_by,
            order_by_quote_line_group=m.order_by_quote_line_group,
            renewal_uplift_percent=m.renewal_uplift_percent,
            renewal_term=m.renewal_term,
            currency=m.currency,
            payment_terms=m.payment_terms,
            total=m.total,
            type=m.type,
            contract_version=m.contract_version,
            created_at=m.created_at,
            updated_at=m.updated_at,
            account_id=m.account_id,
            opportunity_id=m.opportunity_id,
            contract_id=m.contract_id,
        )

    @strawberry.field(description="Q1: the statuses this quote may move to from its current one (the status table).")
    def next_statuses(self) -> list[QuoteStatus]:
        return QUOTE_STATES.next_statuses(self.status)

    @strawberry.field
    def account(self, info: Info) -> Account:
        return to_one(info, Account, loaders(info).account_by_id, self.account_id)

    @strawberry.field(description="C9/R2: the contract an AMENDMENT quote amends (or a RENEWAL quote renews).")
    def contract(self, info: Info) -> ContractRef | None:
        return _contract(info, self.contract_id)

    @strawberry.field
    def opportunity(self, info: Info) -> Opportunity:
        return to_one(info, Opportunity, loaders(info).opportunity_by_id, self.opportunity_id)

    @strawberry.field
    async def lines(self, info: Info) -> list["QuoteLine"]:
        return [QuoteLine.from_model(line) for line in await loaders(info).quote_lines_by_quote.load(self.id)]

    @strawberry.field
    async def groups(self, info: Info) -> list["QuoteLineGroup"]:
        return [QuoteLineGroup.from_model(g) for g in await loaders(info).quote_line_groups_by_quote.load(self.id)]

    @strawberry.field
    async def orders(self, info: Info) -> list[OrderRef]:
        from schema.orders import Order

        return [Order.from_model(o) for o in await loaders(info).orders_by_quote.load(self.id)]

    @strawberry.field(description="C8: the documents rendered from this quote, newest first.")
    async def documents(self, info: Info) -> list[Document]:
        return [Document.from_model(d) for d in await loaders(info).documents_by_object.load(self.id)]


@strawberry.type
class QuoteLineGroup:
    id: strawberry.ID
    key: str
    name: str
    start_date: date | None
    subscription_term: int | None
    billing_frequency: BillingFrequency | None

    @classmethod
    def from_model(cls, m: Any) -> "QuoteLineGroup":
        return cls(
            id=strawberry.ID(str(m.id)),
            key=m.key,
            name=m.name,
            start_date=m.start_date,
            subscription_term=m.subscription_term,
            billing_frequency=m.billing_frequency,
        )


@strawberry.type
class QuoteLine:
    id: strawberry.ID
    key: str | None
    quantity: Decimal
    ordered_quantity: Decimal
    remaining_quantity: Decimal
    list_price: Decimal
    discount_percent: Decimal | None
    unit_price: Decimal
    total_price: Decimal
    start_date: date | None
    end_date: date | None
    subscription_term: int | None
    effective_term: int | None
    billing_frequency: BillingFrequency | None
    optional: bool
    segment_key: str | None
    segment_index: int | None
    product_id: strawberry.Private[Any]
    quote_id: strawberry.Private[Any]
    group_id: strawberry.Private[Any]
    required_by_id: strawberry.Private[Any]

    @classmethod
    def from_model(cls, m: Any) -> "QuoteLine":
        return cls(
            id=strawberry.ID(str(m.id)),
            key=m.key,
            quantity=m.quantity,
            ordered_quantity=m.ordered_quantity,
            remaining_quantity=m.quantity - m.ordered_quantity,
            list_price=m.list_price,
            discount_percent=m.discount_percent,
            unit_price=m.unit_price,
            total_price=m.total_price,
            start_date=m.start_date,
            end_date=m.end_date,
            subscription_term=m.subscription_term,
            effective_term=m.effective_term,
            billing_frequency=m.billing_frequency,
            optional=m.optional,
            segment_key=m.segment_key,
            segment_index=m.segment_index,
            product_id=m.product_id,
            quote_id=m.quote_id,
            group_id=m.group_id,
            required_by_id=m.required_by_id,
        )

    @strawberry.field
    def product(self, info: Info) -> Product:
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)

    @strawberry.field
    def quote(self, info: Info) -> Quote:
        return to_one(info, Quote, loaders(info).quote_by_id, self.quote_id)

    @strawberry.field
    def group(self, info: Info) -> QuoteLineGroup | None:
        return to_one(info, QuoteLineGroup, loaders(info).quote_line_group_by_id, self.group_id, nullable=True)

    @strawberry.field
    def required_by(self, info: Info) -> "QuoteLine | None":
        return to_one(info, QuoteLine, loaders(info).quote_line_by_id, self.required_by_id, nullable=True)

    @strawberry.field
    async def order_items(self, info: Info) -> list[OrderItemRef]:
        from schema.orders import OrderItem

        return [OrderItem.from_model(i) for i in await loaders(info).order_items_by_quote_line.load(self.id)]
