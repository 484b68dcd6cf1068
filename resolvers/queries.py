"""Root query fields: by-id lookups, cursor connections, the preview and the viewer."""

from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from app.auth import Permission as P
from app.errors import DomainError, error_list
from app.services import commands as cmd
from app.services import registry
from app.services.listing import Page, event_page, paginate
from app.services.scoping import parse_id, scoped
from models import Account as AccountModel
from models import Opportunity as OpportunityModel
from models import Order as OrderModel
from models import Product as ProductModel
from models import Quote as QuoteModel
from resolvers.billing_queries import BillingQuery
from resolvers.common import actor_of, build_command, filter_values
from resolvers.contract_queries import ContractQuery
from resolvers.document_queries import DocumentQuery
from resolvers.fulfillment_queries import FulfillmentQuery
from resolvers.renewal_queries import RenewalQuery
from schema.account_inputs import AccountFilter, NameSort, OpportunityFilter, ProductFilter
from schema.accounts import Account
from schema.catalog import Product
from schema.common import Connection, Edge, PageInfo, UserError, Viewer
from schema.enums import SortDirection
from schema.inputs import CreateOrdersFromQuoteInput, OrderFilter, OrderSort, QuoteFilter, QuoteSort
from schema.orders import ApiKey, Order, OrderEvent, OrderPreview, OrdersPreview, Settings
from schema.sales import Opportunity, Quote


async def _connection(info: Info, queryset: Any, shape: Any, sort: Any, first: int | None, after: str | None) -> Any:
    field = sort.field.value if sort else "created_at"
    descending = bool(sort and sort.direction == SortDirection.DESC)
    page = await paginate(actor_of(info), queryset, field, descending, first, after)
    return as_connection(page, shape, has_previous_page=after is not None)


def as_connection(page: Page, shape: Any, after: str | None = None, has_previous_page: bool | None = None) -> Any:
    """Relay connection: paging is forward only, so a page has a previous page when it starts `after` a cursor."""
    edges = [Edge(cursor=c, node=shape(r)) for r, c in zip(page.rows, page.cursors, strict=True)]
    end_cursor = page.cursors[-1] if page.cursors else after
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            end_cursor=end_cursor,
            has_previous_page=after is not None if has_previous_page is None else has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
        ),
        total_count=page.total_count,
    )


async def _one(info: Info, model: Any, object_id: strawberry.ID, shape: Any) -> Any:
    actor = actor_of(info)
    actor.require(P.READ)
    try:
        uid = parse_id(object_id, model.__name__)
    except DomainError:
        return None
    row = await scoped(actor, model.filter(id=uid)).first()
    return shape(row) if row else None


@strawberry.type
class Query(ContractQuery, DocumentQuery, RenewalQuery, BillingQuery, FulfillmentQuery):
    @strawberry.field
    async def me(self, info: Info) -> Viewer:
        actor = actor_of(info)
        return Viewer(
            api_key_id=strawberry.ID(str(actor.key_id)) if actor.key_id else None,
            name=actor.name,
            role=actor.role,
            permissions=sorted(actor.permissions),
            account_ids=[strawberry.ID(str(a)) for a in sorted(actor.account_ids, key=str)],
        )

    @strawberry.field(description="S1: API keys (ADMIN); secrets are never shown again.")
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return [ApiKey.from_model(k) for k in await registry.api_keys.list(actor_of(info))]

    @strawberry.field
    async def settings(self, info: Info) -> Settings:
        return Settings.from_model(await registry.settings.get(actor_of(info)))

    @strawberry.field
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        return await _one(info, AccountModel, id, Account.from_model)

    @strawberry.field
    async def accounts(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: AccountFilter | None = None,
        sort: NameSort | None = None,
    ) -> Connection[Account]:
        qs = AccountModel.all()
        f = filter_values(filter)
        if f.get("name_contains"):
            qs = qs.filter(name__icontains=f["name_contains"])
        return await _connection(info, qs, Account.from_model, sort, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> Product | None:
        return await _one(info, ProductModel, id, Product.from_model)

    @strawberry.field
    async def products(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: ProductFilter | None = None,
        sort: NameSort | None = None,
    ) -> Connection[Product]:
        f = filter_values(filter)
        qs = ProductModel.all()
        if f.get("family"):
            qs = qs.filter(family=f["family"])
        if f.get("type"):
            qs = qs.filter(type=f["type"])
        if f.get("name_contains"):
            qs = qs.filter(name__icontains=f["name_contains"])
        return await _connection(info, qs, Product.from_model, sort, first, after)

    @strawberry.field
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity | None:
        return await _one(info, OpportunityModel, id, Opportunity.from_model)

    @strawberry.field
    async def opportunities(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: OpportunityFilter | None = None,
        sort: NameSort | None = None,
    ) -> Connection[Opportunity]:
        f = filter_values(filter)
        qs = OpportunityModel.all()
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        if f.get("stage"):
            qs = qs.filter(stage__in=f["stage"])
        return await _connection(info, qs, Opportunity.from_model, sort, first, after)

    @strawberry.field
    async def quote(self, info: Info, id: strawberry.ID) -> Quote | None:
        return await _one(info, QuoteModel, id, Quote.from_model)

    @strawberry.field
    async def quotes(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: QuoteFilter | None = None,
        sort: QuoteSort | None = None,
    ) -> Connection[Quote]:
        f = filter_values(filter)
        qs = QuoteModel.all()
        if f.get("status"):
            qs = qs.filter(status__in=f["status"])
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        if f.get("opportunity_id"):
            qs = qs.filter(opportunity_id=parse_id(f["opportunity_id"], "Opportunity", "filter.opportunityId"))
        if f.get("is_primary") is not None:
            qs = qs.filter(is_primary=f["is_primary"])
        return await _connection(info, qs, Quote.from_model, sort, first, after)

    @strawberry.field
    async def order(self, info: Info, id: strawberry.ID) -> Order | None:
        return await _one(info, OrderModel, id, Order.from_model)

    @strawberry.field
    async def orders(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: OrderFilter | None = None,
        sort: OrderSort | None = None,
    ) -> Connection[Order]:
        f = filter_values(filter)
        qs = OrderModel.all()
        if f.get("status"):
            qs = qs.filter(status__in=f["status"])
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        if f.get("quote_id"):
            qs = qs.filter(quote_id=parse_id(f["quote_id"], "Quote", "filter.quoteId"))
        if f.get("opportunity_id"):
            qs = qs.filter(opportunity_id=parse_id(f["opportunity_id"], "Opportunity", "filter.opportunityId"))
        return await _connection(info, qs, Order.from_model, sort, first, after)

    @strawberry.field
    async def order_events(
        self, info: Info, order_id: strawberry.ID | None = None, after: str | None = None, first: int | None = 50
    ) -> Connection[OrderEvent]:
        """The event log in its one total order; the cursor is the event's position."""
        page = await event_page(actor_of(info), order_id, after, first)
        return as_connection(page, OrderEvent.from_model, after)

    @strawberry.field
    async def preview_orders_from_quote(self, info: Info, input: CreateOrdersFromQuoteInput) -> OrdersPreview:
        """O11: what createOrdersFromQuote would create, with its errors; writes nothing."""
        try:
            quote, plan = await registry.create_orders.preview(
                actor_of(info), build_command(cmd.CreateOrdersFromQuote, input)
            )
        except DomainError as error:
            return OrdersPreview(
                orders=[], total_amount=Decimal("0.00"), errors=[UserError.from_domain(e) for e in error_list(error)]
            )
        orders = [OrderPreview.from_plan(planned, quote.currency) for planned in plan]
        total = sum((o.total_amount for o in orders), Decimal("0.00"))
        return OrdersPreview(orders=orders, total_amount=total, errors=[])
