"""Q1-Q7: creating and editing quotes, their approval path and the primary flag."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services import pricing
from app.services.catalog import list_prices, products_by_id
from app.services.price_quote_lines import reprice
from app.services.reference_data import next_number, parents_first
from app.services.scoping import get_scoped, parse_id
from app.services.states import QUOTE_STATES, Capability, move_quote
from app.services.unit_of_work import unit_of_work
from models import Opportunity, Order, Product, ProductComponent, Quote, QuoteLine, QuoteLineGroup
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
            groups = _build_groups(quote, data.groups or [])
            lines = await _build_lines(quote, groups, [], data.lines or [])
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
        for i, change in enumerate(data.update_lines or []):
            line = by_id.get(parse_id(change.quote_line_id, "Quote line", f"updateLines[{i}].quoteLineId"))
            if line is None or line.id in removed:
                raise DomainError(ErrorCode.NOT_FOUND, "Quote line not found.", f"updateLines[{i}].quoteLineId")
            _apply_line_fields(line, change, f"updateLines[{i}]")
        kept = [line for line in lines if line.id not in removed]
        by_key = {line.key: line for line in kept if line.key}
        added = await _build_lines(
            quote, {g.key: g for g in groups.values()}, kept, data.add_lines or [], existing_keys=by_key
        )
        all_lines = kept + added
        products = await _products_of(all_lines)
        reprice(quote, groups, all_lines, products)
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


def _build_groups(quote: Quote, inputs: list[cmd.QuoteLineGroupSpec]) -> dict[str, QuoteLineGroup]:
    groups: dict[str, QuoteLineGroup] = {}
    for i, g in enumerate(inputs):
        key = (g.key or "").strip()
        if not key or key in groups:
            raise invalid("Every group needs a distinct key.", f"groups[{i}].key")
        pricing.check_term(g.subscription_term, f"groups[{i}].subscriptionTerm")
        groups[key] = QuoteLineGroup(
            quote_id=quote.id,
            key=key,
            name=g.name or key,
            position=i,
            start_date=g.start_date,
            subscription_term=g.subscription_term,
            billing_frequency=g.billing_frequency,
        )
    return groups


def _apply_line_fields(line: QuoteLine, data: cmd.QuoteLineFields, where: str, new: bool = False) -> None:
    if data.has("quantity") or new:
        if data.quantity is None or data.quantity <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A quoted quantity must be positive.", f"{where}.quantity")
        line.quantity = data.quantity
    if data.discount_percent is not None and not (0 <= data.discount_percent <= 100):
        raise invalid("A discount is between 0 and 100 percent.", f"{where}.discountPercent")
    for name in ("list_price", "unit_price"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise invalid("A price cannot be negative.", f"{where}.{name}")
    pricing.check_term(data.subscription_term, f"{where}.subscriptionTerm")
    mapping = {
        "discount_percent": "discount_percent",
        "start_date": "given_start_date",
        "end_date": "given_end_date",
        "subscription_term": "subscription_term",
        "billing_frequency": "billing_frequency",
        "optional": "optional",
    }
    for source, target in mapping.items():
        if data.has(source):
            setattr(line, target, getattr(data, source))
    if data.list_price is not None:
        line.list_price = data.list_price
    if data.has("unit_price"):
        line.unit_price_given = data.unit_price is not None
        if data.unit_price is not None:
            line.unit_price = data.unit_price


def _new_line(
    quote: Quote,
    data: cmd.QuoteLineSpec,
    product_id: Any,
    list_price: Decimal | None,
    group: QuoteLineGroup | None,
    position: int,
) -> QuoteLine:
    return QuoteLine(
        quote_id=quote.id,
        group_id=group.id if group else None,
        product_id=product_id,
        key=data.key,
        position=position,
        quantity=data.quantity,
        ordered_quantity=Decimal(0),
        list_price=list_price if list_price is not None else data.unit_price,
        unit_price=Decimal(0),
        unit_price_given=False,
        total_price=Decimal(0),
        segment_key=data.segment_key,
        segment_index=data.segment_index,
        discount_schedule=data.discount_schedule,
    )


async def _build_lines(
    quote: Quote,
    groups: dict[str, QuoteLineGroup],
    existing: list[QuoteLine],
    inputs: list[cmd.QuoteLineSpec],
    existing_keys: dict[str, QuoteLine] | None = None,
) -> list[QuoteLine]:
    """Turn line inputs into unsaved QuoteLines, resolving keys, groups, parents and bundles."""
    by_key: dict[str, QuoteLine] = dict(existing_keys or {})
    product_ids = [parse_id(line.product_id, "Product", f"lines[{i}].productId") for i, line in enumerate(inputs)]
    products = await products_by_id(product_ids)
    prices = await list_prices(product_ids, quote.currency)
    position = max((line.position for line in existing), default=-1) + 1
    built: list[QuoteLine] = []
    parent_keys: list[tuple[QuoteLine, str, str]] = []
    for i, (data, product_id) in enumerate(zip(inputs, product_ids, strict=True)):
        where = f"lines[{i}]"
        product = products.get(product_id)
        if product is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Product not found.", f"{where}.productId")
        if data.quantity is None or data.quantity <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A quoted quantity must be positive.", f"{where}.quantity")
        list_price = data.list_price
        if list_price is None:
            list_price = prices.get(product_id)
        if list_price is None and data.unit_price is None:
            raise invalid(
                f"Product {product.sku} has no list price in {quote.currency}; give listPrice or unitPrice.",
                f"{where}.listPrice",
            )
        group = None
        if data.group_key:
            group = groups.get(data.group_key)
            if group is None:
                raise invalid(f"No group with key {data.group_key}.", f"{where}.groupKey")
        line = _new_line(quote, data, product.id, list_price, group, position)
        _apply_line_fields(line, data, where, new=True)
        position += 1
        if line.key:
            if line.key in by_key:
                raise invalid(f"Two lines share the key {line.key}.", f"{where}.key")
            by_key[line.key] = line
        if data.required_by_key:
            parent_keys.append((line, data.required_by_key, where))
        built.append(line)
    for line, parent_key, where in parent_keys:
        parent = by_key.get(parent_key)
        if parent is None or parent is line:
            raise invalid(f"No parent line with key {parent_key}.", f"{where}.requiredByKey")
        line.required_by_id = parent.id
    _check_acyclic(existing + built)
    built += await _bundle_components(quote, built, position)
    return built


async def _bundle_components(quote: Quote, lines: list[QuoteLine], position: int) -> list[QuoteLine]:
    """A bundle quoted without explicit component lines gets one line per component."""
    with_children = {line.required_by_id for line in lines if line.required_by_id}
    bundles = [line for line in lines if line.id not in with_children]
    components = await ProductComponent.filter(bundle_id__in=[b.product_id for b in bundles]).order_by("position")
    if not components:
        return []
    prices = await list_prices([c.component_id for c in components], quote.currency)
    added = []
    for bundle in bundles:
        for comp in components:
            if comp.bundle_id != bundle.product_id:
                continue
            added.append(
                QuoteLine(
                    quote_id=quote.id,
                    group_id=bundle.group_id,
                    product_id=comp.component_id,
                    required_by_id=bundle.id,
                    position=position,
                    quantity=bundle.quantity * comp.quantity,
                    ordered_quantity=Decimal(0),
                    list_price=prices.get(comp.component_id, Decimal(0)),
                    unit_price=Decimal(0),
                    unit_price_given=False,
                    total_price=Decimal(0),
                    given_start_date=bundle.given_start_date,
                    given_end_date=bundle.given_end_date,
                    subscription_term=bundle.subscription_term,
                    billing_frequency=bundle.billing_frequency,
                    optional=bundle.optional,
                )
            )
            position += 1
    return added


def _check_acyclic(lines: list[QuoteLine]) -> None:
    parent = {line.id: line.required_by_id for line in lines}
    for start in parent:
        seen = set()
        node = start
        while node is not None:
            if node in seen:
                raise invalid("Lines require each other in a cycle.", "requiredByKey")
            seen.add(node)
            node = parent.get(node)


async def _products_of(lines: list[QuoteLine]) -> dict[Any, Product]:
    ids = {line.product_id for line in lines}
    return await products_by_id(ids)


quotes = QuoteService()
