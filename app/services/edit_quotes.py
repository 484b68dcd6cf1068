"""Q1-Q7: creating and editing quotes, their approval path and the primary flag."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services import pricing
from app.services.amend_contracts import co_term_of, refuse_removing_held_products
from app.services.build_quote_lines import apply_line_fields, build_groups, build_lines
from app.services.catalog import products_by_id
from app.services.price_quote_lines import reprice
from app.services.reference_data import next_number, parents_first
from app.services.scoping import get_scoped, parse_id
from app.services.states import QUOTE_STATES, Capability, move_quote
from app.services.unit_of_work import unit_of_work
from models import Opportunity, Order, Product, Quote, QuoteLine, QuoteLineGroup
from models.enums import QuoteStatus

QUOTE_HEADER_FIELDS = (
    "start_date",
    "subscription_term",
    "billing_frequency",
    "order_by",
    "order_by_quote_line_group",
    "renewal_uplift_percent",
    "renewal_term",
    "payment_terms",
)


def _check_header(data: cmd.QuoteHeader, quote: Quote | None = None) -> None:
    order_by = data.order_by if data.has("order_by") or quote is None else quote.order_by
    by_group = (
        data.order_by_quote_line_group
        if data.has("order_by_quote_line_group") or quote is None
        else quote.order_by_quote_line_group
    )
    if order_by and by_group:
        raise DomainError(
            ErrorCode.ORDER_BY_CONFLICT,
            "orderBy and orderByQuoteLineGroup are mutually exclusive (Q5).",
            "orderBy",
        )
    for name, label in (("subscription_term", "subscriptionTerm"), ("renewal_term", "renewalTerm")):
        pricing.check_term(getattr(data, name), label)


class QuoteService:
    @requires(Permission.EDIT_QUOTES)
    async def create(self, actor: Actor, data: cmd.CreateQuote) -> Quote:
        opportunity = await get_scoped(
            actor,
            Opportunity.all().select_related("account"),
            data.opportunity_id,
            "Opportunity",
            "opportunityId",
        )
        _check_header(data)
        currency = (data.currency or opportunity.account.currency).upper()
        async with unit_of_work(actor) as uow:
            quote = Quote(
                number=await next_number(uow.tx, "quote"),
                opportunity_id=opportunity.id,
                account_id=opportunity.account_id,
                status=QuoteStatus.DRAFT,
                is_primary=data.primary is not False,
                currency=currency,
                total=Decimal("0.00"),
                **{k: getattr(data, k) for k in QUOTE_HEADER_FIELDS},
            )
            if quote.order_by_quote_line_group is None:
                quote.order_by_quote_line_group = False
            if quote.payment_terms is None:
                quote.payment_terms = opportunity.account.payment_terms
            groups = build_groups(quote, data.groups or [])
            lines = await build_lines(quote, groups, [], data.lines or [])
            products = await _products_of(lines)
            reprice(quote, {g.id: g for g in groups.values()}, lines, products)
            if quote.is_primary:
                await make_primary(uow.tx, quote)
            await quote.save(using_db=uow.tx)
            await QuoteLineGroup.bulk_create(list(groups.values()), using_db=uow.tx)
            await QuoteLine.bulk_create(parents_first(lines), using_db=uow.tx)
        return quote

    @requires(Permission.EDIT_QUOTES)
    async def update(self, actor: Actor, data: cmd.UpdateQuote) -> Quote:
        async with unit_of_work(actor) as uow:
            quote = await get_scoped(
                actor, Quote.all().using_db(uow.tx).select_for_update(), data.quote_id, "Quote", "quoteId"
            )
            content_keys = set(QUOTE_HEADER_FIELDS) | {"add_lines", "update_lines", "remove_line_ids"}
            if data.given & content_keys:
                QUOTE_STATES.require(quote.status, Capability.EDIT, f"Quote {quote.number}", "quoteId")
                if await Order.filter(quote_id=quote.id).using_db(uow.tx).exists():
                    raise DomainError(
                        ErrorCode.QUOTE_LOCKED,
                        "This quote has orders against it and cannot be edited (Q1).",
                        "quoteId",
                    )
                _check_header(data, quote)
                for key in QUOTE_HEADER_FIELDS:
                    if data.has(key):
                        setattr(quote, key, getattr(data, key))
                if quote.order_by_quote_line_group is None:
                    quote.order_by_quote_line_group = False
                if quote.status != QuoteStatus.DRAFT:
                    move_quote(quote, QuoteStatus.DRAFT)  # Q1: an edit needs approval again
                await self._edit_lines(quote, data, uow.tx)
            if data.primary is True and not quote.is_primary:
                await make_primary(uow.tx, quote)
            elif data.has("primary") and data.primary is False:
                quote.is_primary = False
            await quote.save(using_db=uow.tx)
        return quote

    async def _edit_lines(self, quote: Quote, data: cmd.UpdateQuote, tx: Any) -> None:
        groups = {g.id: g for g in await QuoteLineGroup.filter(quote_id=quote.id).using_db(tx)}
        lines = await QuoteLine.filter(quote_id=quote.id).using_db(tx).order_by("position")
        by_id = {line.id: line for line in lines}
        removed = {parse_id(i, "Quote line", "removeLineIds") for i in data.remove_line_ids or []}
        if not removed <= by_id.keys():
            raise DomainError(ErrorCode.NOT_FOUND, "Quote line not found.", "removeLineIds")
        # A removed parent takes its components with it.
        changed = True
        while changed:
            extra = {line.id for line in lines if line.required_by_id in removed and line.id not in removed}
            changed = bool(extra)
            removed |= extra
        coterm = await co_term_of(tx, quote)  # C9: an amendment quote's lines are co-terminated
        if coterm is not None and removed:
            product_of = {line.id: line.product_id for line in lines}
            kept_products = {p for line_id, p in product_of.items() if line_id not in removed}
            await refuse_removing_held_products(tx, quote, {product_of[r] for r in removed}, kept_products)
        for i, change in enumerate(data.update_lines or []):
            line = by_id.get(parse_id(change.quote_line_id, "Quote line", f"updateLines[{i}].quoteLineId"))
            if line is None or line.id in removed:
                raise DomainError(ErrorCode.NOT_FOUND, "Quote line not found.", f"updateLines[{i}].quoteLineId")
            apply_line_fields(line, change, f"updateLines[{i}]", amendment=coterm is not None)
        kept = [line for line in lines if line.id not in removed]
        by_key = {line.key: line for line in kept if line.key}
        added = await build_lines(
            quote, {g.key: g for g in groups.values()}, kept, data.add_lines or [], existing_keys=by_key
        )
        all_lines = kept + added
        products = await _products_of(all_lines)
        reprice(quote, groups, all_lines, products, coterm)
        if removed:
            await QuoteLine.filter(id__in=list(removed)).using_db(tx).delete()
        if kept:
            await QuoteLine.bulk_update(
                kept,
                fields=[
                    "quantity",
                    "list_price",
                    "discount_percent",
                    "unit_price",
                    "unit_price_given",
                    "total_price",
                    "given_start_date",
                    "given_end_date",
                    "start_date",
                    "end_date",
                    "subscription_term",
                    "effective_term",
                    "billing_frequency",
                    "optional",
                ],
                using_db=tx,
            )
        if added:
            await QuoteLine.bulk_create(parents_first(added), using_db=tx)

    async def _move(self, actor: Actor, quote_id: str, target: QuoteStatus) -> Quote:
        """Q1/Q6: move a quote along its approval path (the table in states.py)."""
        async with unit_of_work(actor) as uow:
            quote = await get_scoped(
                actor, Quote.all().using_db(uow.tx).select_for_update(), quote_id, "Quote", "quoteId"
            )
            QUOTE_STATES.check(quote.status, target)
            if (
                target == QuoteStatus.IN_REVIEW
                and not await QuoteLine.filter(quote_id=quote.id).using_db(uow.tx).exists()
            ):
                raise invalid("A quote needs at least one line to be submitted.", "quoteId")
            move_quote(quote, target)
            await quote.save(using_db=uow.tx, update_fields=["status", "updated_at"])
        return quote

    @requires(Permission.EDIT_QUOTES)
    async def submit(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        return await self._move(actor, data.quote_id, QuoteStatus.IN_REVIEW)

    @requires(Permission.APPROVE_QUOTES)
    async def approve(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        """Q6: approving needs APPROVE_QUOTES."""
        return await self._move(actor, data.quote_id, QuoteStatus.APPROVED)

    @requires(Permission.APPROVE_QUOTES)
    async def deny(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        """Q6: denying needs APPROVE_QUOTES."""
        return await self._move(actor, data.quote_id, QuoteStatus.DENIED)

    @requires(Permission.EDIT_QUOTES)
    async def present(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        return await self._move(actor, data.quote_id, QuoteStatus.PRESENTED)

    @requires(Permission.EDIT_QUOTES)
    async def accept(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        return await self._move(actor, data.quote_id, QuoteStatus.ACCEPTED)

    @requires(Permission.EDIT_QUOTES)
    async def reject(self, actor: Actor, data: cmd.QuoteTransition) -> Quote:
        return await self._move(actor, data.quote_id, QuoteStatus.REJECTED)


async def make_primary(tx: Any, quote: Quote) -> None:
    """Q2: one primary quote per opportunity; marking this one un-marks the previous one."""
    await Quote.filter(opportunity_id=quote.opportunity_id, is_primary=True).using_db(tx).update(is_primary=False)
    quote.is_primary = True


async def _products_of(lines: list[QuoteLine]) -> dict[Any, Product]:
    ids = {line.product_id for line in lines}
    return await products_by_id(ids)


quotes = QuoteService()
