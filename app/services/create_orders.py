"""O1-O11: creating orders from a quote, and previewing what would be created; C9: an amendment
quote makes one AMENDMENT order of its deltas."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, DomainErrors, ErrorCode, invalid
from app.services import commands as cmd
from app.services import quote_ledger, segments
from app.services.amend_contracts import plan_amendment_order
from app.services.catalog import products_by_id
from app.services.plan_orders import PlannedOrder, QuoteContext, plan_orders
from app.services.reference_data import format_number, get_settings, next_numbers, parents_first
from app.services.scoping import get_scoped, parse_id
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import Opportunity, Order, OrderItem, Quote, QuoteLine, QuoteLineGroup, Settings
from models.enums import OrderEventType, OrderStatus, OrderType, QuoteStatus

# O2: with requireApprovedQuote on, these statuses may be ordered.
ORDERABLE_STATUSES = {QuoteStatus.APPROVED, QuoteStatus.PRESENTED, QuoteStatus.ACCEPTED}


@dataclass
class Prepared:
    ctx: QuoteContext
    selection: list[tuple[QuoteLine, Decimal]]
    plan: list[PlannedOrder]


class CreateOrdersService:
    @requires(Permission.READ)
    async def preview(self, actor: Actor, data: cmd.CreateOrdersFromQuote) -> tuple[Quote, list[PlannedOrder]]:
        """O11: what create would make; reads only, writes nothing."""
        prepared = await self._prepare(actor, data, tx=None)
        return prepared.ctx.quote, prepared.plan

    @requires(Permission.CREATE_ORDERS)
    async def create(self, actor: Actor, data: cmd.CreateOrdersFromQuote) -> list[Order]:
        """O1-O10: orders from a quote, all or nothing."""
        async with unit_of_work(actor) as uow:
            return await self.create_in(uow, actor, data)

    async def create_in(self, uow: UnitOfWork, actor: Actor, data: cmd.CreateOrdersFromQuote) -> list[Order]:
        """O1-O10 inside the caller's unit of work (R1: the stage change that orders)."""
        prepared = await self._prepare(actor, data, tx=uow.tx)
        orders = await self._write(uow.tx, prepared)
        for order in orders:
            uow.record(order, OrderEventType.CREATED, {"quoteId": str(prepared.ctx.quote.id)})
        return orders

    async def _prepare(self, actor: Actor, data: cmd.CreateOrdersFromQuote, tx: BaseDBAsyncClient | None) -> Prepared:
        quote = await self._resolve_quote(actor, data, tx)
        settings = await get_settings()
        if settings.require_approved_quote and quote.status not in ORDERABLE_STATUSES:
            raise DomainError(
                ErrorCode.QUOTE_NOT_APPROVED, f"Quote {quote.number} is {quote.status}, not APPROVED (O2).", "quoteId"
            )
        if tx is not None:
            # O4 under concurrency: lock the quote, then its lines in primary-key order, until commit.
            await Quote.filter(id=quote.id).using_db(tx).select_for_update().first()
            rows = await quote_ledger.lock_lines(tx, await _line_ids(tx, quote))
        else:
            rows = list(await QuoteLine.filter(quote_id=quote.id).order_by("id"))
        lines = {line.id: line for line in rows}
        if not lines:
            raise invalid(f"Quote {quote.number} has no lines to order.", "quoteId")
        if quote.type == OrderType.AMENDMENT:
            return await self._prepare_amendment(quote, lines, data, tx)
        selection = self._selection(quote, settings, lines, data.lines)
        if (
            not settings.allow_multiple_orders
            and await _using(Order.filter(quote_id=quote.id).exclude(status=OrderStatus.CANCELLED), tx).exists()
        ):
            raise DomainError(
                ErrorCode.QUOTE_ALREADY_ORDERED, f"Quote {quote.number} has been ordered already (O3).", "quoteId"
            )
        groups = {g.id: g for g in await _using(QuoteLineGroup.filter(quote_id=quote.id), tx)}
        ctx = QuoteContext(quote, lines, await products_by_id(line.product_id for line in rows), groups)
        selected = {line.id for line, _ in selection}
        keys = {line.segment_key for line in lines.values() if line.id in selected and line.segment_key}
        prior = await segments.ordered_spans(tx, quote.id, keys)
        plan = plan_orders(ctx, selection, data.order_start_date, prior, datetime.now(UTC).date())
        return Prepared(ctx, selection, plan)

    async def _prepare_amendment(
        self, quote: Quote, lines: dict[Any, QuoteLine], data: cmd.CreateOrdersFromQuote, tx: BaseDBAsyncClient | None
    ) -> Prepared:
        """C9: an amendment quote is ordered whole, once, as one order of deltas (amend_contracts)."""
        if data.lines is not None:
            raise invalid("An amendment quote is ordered whole; leave out lines (C9).", "lines")
        if await _using(Order.filter(quote_id=quote.id).exclude(status=OrderStatus.CANCELLED), tx).exists():
            raise DomainError(
                ErrorCode.QUOTE_ALREADY_ORDERED, f"Amendment quote {quote.number} is ordered already (C9).", "quoteId"
            )
        ctx = QuoteContext(quote, lines, await products_by_id(line.product_id for line in lines.values()), {})
        plan = await plan_amendment_order(tx, ctx)
        return Prepared(ctx, [(line, line.quantity) for line in lines.values()], plan)

    async def _resolve_quote(
        self, actor: Actor, data: cmd.CreateOrdersFromQuote, tx: BaseDBAsyncClient | None
    ) -> Quote:
        """O1: an opportunity orders its primary quote; a quote must be its opportunity's primary."""
        quote_id, opportunity_id = data.quote_id, data.opportunity_id
        if (quote_id is None) == (opportunity_id is None):
            raise invalid("Give exactly one of quoteId and opportunityId.", "quoteId")
        if opportunity_id is not None:
            opportunity = await get_scoped(
                actor, _using(Opportunity.all(), tx), opportunity_id, "Opportunity", "opportunityId"
            )
            quote = await _using(Quote.filter(opportunity_id=opportunity.id, is_primary=True), tx).first()
            if quote is None:
                raise DomainError(
                    ErrorCode.NO_PRIMARY_QUOTE, "This opportunity has no primary quote (O1).", "opportunityId"
                )
            return quote
        quote = await get_scoped(actor, _using(Quote.all(), tx), quote_id, "Quote", "quoteId")
        if not quote.is_primary:
            raise DomainError(
                ErrorCode.QUOTE_NOT_PRIMARY,
                f"Quote {quote.number} is not its opportunity's primary quote (O1).",
                "quoteId",
            )
        return quote

    def _selection(
        self,
        quote: Quote,
        settings: Settings,
        lines: dict[Any, QuoteLine],
        requested: list[cmd.LineSelection] | None,
    ) -> list[tuple[QuoteLine, Decimal]]:
        """O3/O4: which lines, at which quantities. Every refusal of a selection is reported at once."""
        if not settings.allow_multiple_orders and requested is not None:
            raise DomainError(
                ErrorCode.MULTIPLE_ORDERS_DISABLED, "Line selections need allowMultipleOrders to be on (O3).", "lines"
            )
        if requested is None:
            # O3 every line at its full quantity (after a cancelled order, what it shipped stays
            # ordered: I2/I3); O4 every remaining quantity.
            chosen = [(line, quote_ledger.remaining(line)) for line in lines.values()]
            chosen = [(line, q) for line, q in chosen if q > 0]
            if not chosen:
                raise DomainError(
                    ErrorCode.QUOTE_ALREADY_ORDERED, f"Quote {quote.number} is ordered in full already.", "quoteId"
                )
            return chosen
        errors: list[DomainError] = []
        chosen = []
        seen: set[Any] = set()
        for i, item in enumerate(requested):
            where = f"lines[{i}]"
            try:
                line_id = parse_id(item.quote_line_id, "Quote line", f"{where}.quoteLineId")
            except DomainError as e:
                errors.append(e)
                continue
            line = lines.get(line_id)
            if line is None:
                errors.append(
                    DomainError(ErrorCode.NOT_FOUND, "Quote line not found on this quote.", f"{where}.quoteLineId")
                )
            elif line_id in seen:
                errors.append(invalid("A quote line is selected twice.", f"{where}.quoteLineId"))
            elif (refusal := quote_ledger.refuse_draw(line, item.quantity, f"{where}.quantity")) is not None:
                errors.append(refusal)
            else:
                chosen.append((line, item.quantity))
            seen.add(line_id)
        if errors:
            raise DomainErrors(errors)
        if not chosen:
            raise invalid("Select at least one quote line.", "lines")
        return chosen

    async def _write(self, tx: BaseDBAsyncClient, prepared: Prepared) -> list[Order]:
        """Bulk writes: the statement count does not grow with the number of lines."""
        quote = prepared.ctx.quote
        numbers = await next_numbers(tx, "order", len(prepared.plan))
        orders: list[Order] = []
        items: list[OrderItem] = []
        for planned, number in zip(prepared.plan, numbers, strict=True):
            order = Order(
                number=format_number("O", number),
                account_id=quote.account_id,
                opportunity_id=quote.opportunity_id,
                quote_id=quote.id,
                status=OrderStatus.DRAFT,
                type=quote.type,
                contract_id=quote.contract_id if quote.type == OrderType.AMENDMENT else None,
                version=1,
                start_date=planned.start_date,
                end_date=planned.end_date,
                total_amount=planned.total_amount,
                currency=quote.currency,
                payment_terms=quote.payment_terms,
                billing_frequency=quote.billing_frequency,
                renewal_uplift_percent=quote.renewal_uplift_percent,
                renewal_term=quote.renewal_term,
                split_key=planned.split_key,
            )
            orders.append(order)
            item_by_line: dict[Any, OrderItem] = {}
            for position, p in enumerate(planned.items):
                item = OrderItem(
                    order_id=order.id,
                    product_id=p.product.id,
                    quote_line_id=p.line.id,
                    position=position,
                    quantity=p.quantity,
                    list_price=p.line.list_price,
                    unit_price=p.unit_price,
                    total_price=p.total_price,
                    unprorated_net_price=p.unprorated_net_price,
                    subscription_term=p.line.effective_term,
                    start_date=p.start_date,
                    end_date=p.end_date,
                    billing_frequency=p.billing_frequency,
                    segment_key=p.line.segment_key,
                    segment_index=p.line.segment_index,
                    discount_schedule=p.line.discount_schedule,
                )
                item_by_line[p.line.id] = item
                items.append(item)
            # O6: requiredBy points at the parent line's item in the same order.
            for p in planned.items:
                parent = item_by_line.get(p.line.required_by_id)
                if parent is not None:
                    item_by_line[p.line.id].required_by_id = parent.id
        await Order.bulk_create(orders, using_db=tx)
        await OrderItem.bulk_create(parents_first(items), using_db=tx)
        await quote_ledger.adjust(
            tx, {line.id: q for line, q in prepared.selection}, "lines", locked=prepared.ctx.lines.values()
        )
        return orders


def _using(queryset: Any, tx: BaseDBAsyncClient | None) -> Any:
    return queryset.using_db(tx) if tx is not None else queryset


async def _line_ids(tx: BaseDBAsyncClient, quote: Quote) -> list[Any]:
    return list(await QuoteLine.filter(quote_id=quote.id).using_db(tx).values_list("id", flat=True))


create_orders = CreateOrdersService()
