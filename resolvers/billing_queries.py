"""Root query fields of billing (B1, B2): the schedule preview and invoices."""

import strawberry
from strawberry.types import Info

from app.services import billing_commands as bc
from app.services import registry
from app.services.scoping import parse_id
from models import Invoice as InvoiceModel
from resolvers.common import actor_of, filter_values
from schema.billing import BillingLine, Invoice
from schema.billing_inputs import InvoiceFilter, InvoiceSort
from schema.common import Connection


@strawberry.type
class BillingQuery:
    @strawberry.field
    async def billing_schedule_preview(
        self, info: Info, quote_id: strawberry.ID | None = None, order_id: strawberry.ID | None = None
    ) -> list[BillingLine]:
        command = bc.PreviewSchedule(quote_id=quote_id, order_id=order_id)
        rows = await registry.billing_schedules.preview(actor_of(info), command)
        return [BillingLine.from_plan(source, line, quote_id is not None) for source, line in rows]

    @strawberry.field
    async def invoice(self, info: Info, id: strawberry.ID) -> Invoice | None:
        from resolvers.queries import _one

        return await _one(info, InvoiceModel, id, Invoice.from_model)

    @strawberry.field
    async def invoices(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: InvoiceFilter | None = None,
        sort: InvoiceSort | None = None,
    ) -> Connection[Invoice]:
        from resolvers.queries import _connection

        f = filter_values(filter)
        qs = InvoiceModel.all()
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        if f.get("status"):
            qs = qs.filter(status=f["status"])
        if f.get("kind"):
            qs = qs.filter(kind=f["kind"])
        return await _connection(info, qs, Invoice.from_model, sort, first, after)
