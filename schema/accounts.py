"""Object type of an account: the customer every opportunity, quote, order, contract, invoice and
payment belongs to."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from schema.enums import BillingFrequency
from schema.relations import loaders

if TYPE_CHECKING:
    from schema.billing import Invoice
    from schema.contracts import Asset, Contract
    from schema.orders import Order
    from schema.purchasing import CurrencyAmount, Payment, PurchaseOrder
    from schema.sales import Opportunity, Quote

OpportunityRef = Annotated["Opportunity", strawberry.lazy("schema.sales")]
QuoteRef = Annotated["Quote", strawberry.lazy("schema.sales")]
OrderRef = Annotated["Order", strawberry.lazy("schema.orders")]
ContractRef = Annotated["Contract", strawberry.lazy("schema.contracts")]
AssetRef = Annotated["Asset", strawberry.lazy("schema.contracts")]
PurchaseOrderRef = Annotated["PurchaseOrder", strawberry.lazy("schema.purchasing")]
PaymentRef = Annotated["Payment", strawberry.lazy("schema.purchasing")]
CurrencyAmountRef = Annotated["CurrencyAmount", strawberry.lazy("schema.purchasing")]
InvoiceRef = Annotated["Invoice", strawberry.lazy("schema.billing")]


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
    async def opportunities(self, info: Info) -> list[OpportunityRef]:
        from schema.sales import Opportunity

        return [Opportunity.from_model(o) for o in await loaders(info).opportunities_by_account.load(self.id)]

    @strawberry.field
    async def quotes(self, info: Info) -> list[QuoteRef]:
        from schema.sales import Quote

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

        return await open_receivables_of(info, self.id, self.currency)

    @strawberry.field
    async def open_receivables_by_currency(self, info: Info) -> list[CurrencyAmountRef]:
        from schema.purchasing import open_receivables_by_currency_of

        return await open_receivables_by_currency_of(info, self.id)
