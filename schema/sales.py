"""Object types of the sales side: accounts, products, opportunities, quotes and their lines."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import FieldNode
from strawberry.types import Info

from app.errors import not_found
from app.services.billing_periods import timing_of
from app.services.decompose_orders import fulfillment_type_of
from app.services.states import QUOTE_STATES
from schema.documents import Document
from schema.enums import (
    BillingFrequency,
    BillingTiming,
    FulfillmentType,
    OpportunityStage,
    OrderByField,
    OrderType,
    ProductType,
    QuoteStatus,
)

if TYPE_CHECKING:
    from resolvers.context import Context
    from resolvers.loaders import ByIdLoader, Loaders
    from schema.billing import Invoice
    from schema.contracts import Asset, Contract
    from schema.orders import Order, OrderItem
    from schema.purchasing import Payment, PurchaseOrder

OrderRef = Annotated["Order", strawberry.lazy("schema.orders")]
OrderItemRef = Annotated["OrderItem", strawberry.lazy("schema.orders")]
ContractRef = Annotated["Contract", strawberry.lazy("schema.contracts")]
AssetRef = Annotated["Asset", strawberry.lazy("schema.contracts")]
PurchaseOrderRef = Annotated["PurchaseOrder", strawberry.lazy("schema.purchasing")]
PaymentRef = Annotated["Payment", strawberry.lazy("schema.purchasing")]
InvoiceRef = Annotated["Invoice", strawberry.lazy("schema.billing")]


def loaders(info: Info) -> "Loaders":
    """The request's typed DataLoaders (resolvers/loaders.py)."""
    context: Context = info.context
    return context.loaders


def _contract(info: Info, contract_id: Any) -> Any:
    """C9/R2: the contract an opportunity or quote belongs to (a plain id column, scoped like any)."""
    from schema.contracts import Contract

    return to_one(info, Contract, loaders(info).contract_by_id, contract_id, nullable=True)


def required(row: Any, what: str) -> Any:
    """A non-null relation whose row is gone or outside the caller's scope is NOT_FOUND (S3),
    never an internal error."""
    if row is None:
        raise not_found(what)
    return row


def to_one(info: Info, cls: Any, loader: "ByIdLoader[Any]", key: Any, *, nullable: bool = False) -> Any:
    """A to-one relation through a key the row holds (issue 10). Returns the object itself when it
    is known without I/O (no Task per item: an id-only selection, or a row an earlier load of this
    request already holds), else an awaitable. Asked only for `id`/`__typename`, no row is loaded:
    the scope (S3) is still checked, without I/O when nothing filters the model. Out of scope:
    null when `nullable`, else NOT_FOUND, exactly as when the row is loaded."""
    if key is None:
        return None
    # A NOT_FOUND is raised inside an awaitable, as before: raised synchronously, graphql-core
    # drops the pending awaitables of sibling fields unawaited.
    if _id_only(info):
        seen = loader.visible(key)
        if seen is True or (seen is False and nullable):
            return _reference(cls, key) if seen else None
        return _seen_reference(seen, cls, key, nullable)
    finished = loader.finished(key)
    if finished is not None and (nullable or finished.result() is not None):
        return _from_row(finished.result(), cls, nullable)
    return _loaded(loader.load(key), cls, nullable)


def _id_only(info: Info) -> bool:
    for node in info._raw_info.field_nodes:
        selections = node.selection_set.selections if node.selection_set else ()
        if not all(isinstance(s, FieldNode) and s.name.value in ("id", "__typename") for s in selections):
            return False
    return True


def _reference(cls: Any, key: Any) -> Any:
    """The object of a relation asked only for id/__typename: no other field is ever read."""
    reference = cls.__new__(cls)
    reference.id = strawberry.ID(str(key))
    return reference


async def _seen_reference(seen: Any, cls: Any, key: Any, nullable: bool) -> Any:
    if seen if isinstance(seen, bool) else await seen:
        return _reference(cls, key)
    return _from_row(None, cls, nullable)


async def _loaded(row: Any, cls: Any, nullable: bool) -> Any:
    return _from_row(await row, cls, nullable)


def _from_row(row: Any, cls: Any, nullable: bool) -> Any:
    if row is None and nullable:
        return None
    return cls.from_model(required(row, cls.__name__))


@strawberry.type
class Account:
    id: strawberry.ID
    name: str
    currency: str
    credit_limit: Decimal | None
    payment_terms: str | None
    billing_frequency: BillingFrequency | None
    billing_day_of_month: int | None
    created_at: datetime

    @classmethod
    def from_model(cls, m: Any) -> "Account":
        return cls(
            id=strawberry.ID(str(m.id)),
            name=m.name,
            currency=m.currency,
            credit_limit=m.credit_limit,
            payment_terms=m.payment_terms,
            billing_frequency=m.billing_frequency,
            billing_day_of_month=m.billing_day_of_month,
            created_at=m.created_at,
        )

    @strawberry.field
    async def invoices(self, info: Info) -> list[InvoiceRef]:
        from schema.billing import Invoice

        return [Invoice.from_model(i) for i in await loaders(info).invoices_by_account.load(self.id)]

    @strawberry.field
    async def opportunities(self, info: Info) -> list["Opportunity"]:
        return [Opportunity.from_model(o) for o in await loaders(info).opportunities_by_account.load(self.id)]

    @strawberry.field
    async def quotes(self, info: Info) -> list["Quote"]:
        return [Quote.from_model(q) for q in await loaders(info).quotes_by_account.load(self.id)]

    @strawberry.field
    async def orders(self, info: Info) -> list[OrderRef]:
        from schema.orders import Order

        return [Order.from_model(o) for o in await loaders(info).orders_by_account.load(self.id)]

    @strawberry.field
    async def contracts(self, info: Info) -> list[ContractRef]:
        from schema.contracts import Contract

        return [Contract.from_model(c) for c in await loaders(info).contracts_by_account.load(self.id)]

    @strawberry.field
    async def assets(self, info: Info) -> list[AssetRef]:
        from schema.contracts import Asset

        return [Asset.from_model(a) for a in await loaders(info).assets_by_account.load(self.id)]

    @strawberry.field
    async def purchase_orders(self, info: Info) -> list[PurchaseOrderRef]:
        from schema.purchasing import purchase_orders_of

        return await purchase_orders_of(info, self.id)

    @strawberry.field
    async def payments(self, info: Info) -> list[PaymentRef]:
        from schema.purchasing import payments_of

        return await payments_of(info, self.id)

    @strawberry.field
    async def open_receivables(self, info: Info) -> Decimal:
        from schema.purchasing import open_receivables_of

        return await open_receivables_of(info, self.id)


@strawberry.type
class ProductComponent:
    quantity: Decimal
    product_id: strawberry.Private[Any]

    @strawberry.field
    def product(self, info: Info) -> "Product":
        return to_one(info, Product, loaders(info).product_by_id, self.product_id)


@strawberry.type
class Product:
    id: strawberry.ID
    sku: str
    name: str
    family: str | None
    type: ProductType
    default_subscription_term: int | None
    billing_frequency: BillingFrequency | None
    active: bool
    fulfillment_type: FulfillmentType
    billing_timing: BillingTiming

    @classmethod
    def from_model(cls, m: Any) -> "Product":
        return cls(
            id=strawberry.ID(str(m.id)),
            sku=m.sku,
            name=m.name,
            family=m.family,
            type=m.type,
            default_subscription_term=m.default_subscription_term,
            billing_frequency=m.billing_frequency,
            active=m.active,
            fulfillment_type=fulfillment_type_of(m),
            billing_timing=timing_of(m.billing_timing),
        )

    @strawberry.field
    async def components(self, info: Info) -> list[ProductComponent]:
        rows = await loaders(info).components_by_product.load(self.id)
        return [ProductComponent(quantity=r.quantity, product_id=r.component_id) for r in rows]


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
