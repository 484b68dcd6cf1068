"""Q1-Q7: creating and editing quotes, their approval path and the primary flag."""

from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission
from app.errors import DomainError, ErrorCode, invalid
from app.services import pricing
from app.services.catalog import list_prices, products_by_id
from app.services.common import format_number, get_scoped, next_numbers, parents_first, parse_id, unit_of_work
from app.services.quote_lines import reprice
from app.services.states import QUOTE_STATES
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
# Q1: editing a quote in one of these states sends it back to DRAFT for approval again.
REOPENED_ON_EDIT = {
    QuoteStatus.IN_REVIEW,
    QuoteStatus.APPROVED,
    QuoteStatus.DENIED,
    QuoteStatus.PRESENTED,
    QuoteStatus.ACCEPTED,
    QuoteStatus.REJECTED,
}


def _check_header(data: dict[str, Any], quote: Quote | None = None) -> None:
    order_by = data.get("order_by", quote.order_by if quote else None)
    by_group = data.get("order_by_quote_line_group", quote.order_by_quote_line_group if quote else False)
    if order_by and by_group:
        raise DomainError(
            ErrorCode.ORDER_BY_CONFLICT,
            "orderBy and orderByQuoteLineGroup are mutually exclusive (Q5).",
            "orderBy",
        )
    for name, label in (("subscription_term", "subscriptionTerm"), ("renewal_term", "renewalTerm")):
        pricing.check_term(data.get(name), label)


class QuoteService:
    async def create(self, actor: Actor, data: dict[str, Any]) -> Quote:
        actor.require(Permission.EDIT_QUOTES)
        opportunity = await get_scoped(
            actor,
            Opportunity.all().select_related("account"),
            data["opportunity_id"],
            "Opportunity",
            "opportunityId",
        )
        _check_header(data)
        currency = (data.get("currency") or opportunity.account.currency).upper()
        async with unit_of_work(actor) as uow:
            (n,) = await next_numbers(uow.tx, "quote")
            quote = Quote(
                number=format_number("Q", n),
                opportunity_id=opportunity.id,
                account_id=opportunity.account_id,
                status=QuoteStatus.DRAFT,
                is_primary=data.get("primary", True) is not False,
                currency=currency,
                total=Decimal("0.00"),
                **{k: data.get(k) for k in QUOTE_HEADER_FIELDS},
            )
            if quote.order_by_quote_line_group is None:
                quote.order_by_quote_line_group = False
            if quote.payment_terms is None:
                quote.payment_terms = opportunity.account.payment_terms
            groups = _build_groups(quote, data.get("groups") or [])
            lines = await _build_lines(quote, groups, [], data.get("lines") or [])
            products = await _products_of(lines)
            reprice(quote, {g.id: g for g in groups.values()}, lines, products)
            if quote.is_primary:
                # Q2: one primary quote per opportunity.
                await (
                    Quote.filter(opportunity_id=opportunity.id, is_primary=True)
                    .using_db(uow.tx)
                    .update(is_primary=False)
                )
            await quote.save(using_db=uow.tx)
            await QuoteLineGroup.bulk_create(list(groups.values()), using_db=uow.tx)
            await QuoteLine.bulk_create(parents_first(lines), using_db=uow.tx)
        return quote

    async def update(self, actor: Actor, data: dict[str, Any]) -> Quote:
        actor.require(Permission.EDIT_QUOTES)
        async with unit_of_work(actor) as uow:
            quote = await get_scoped(
                actor, Quote.all().using_db(uow.tx).select_for_update(), data["quote_id"], "Quote", "quoteId"
            )
            content_keys = set(QUOTE_HEADER_FIELDS) | {"add_lines", "update_lines", "remove_line_ids", "currency"}
            edits_content = any(k in data for k in content_keys)
            if edits_content:
                if await Order.filter(quote_id=quote.id).using_db(uow.tx).exists():
                    raise DomainError(
                        ErrorCode.QUOTE_LOCKED,
                        "This quote has orders against it and cannot be edited (Q1).",
                        "quoteId",
                    )
                _check_header(data, quote)
                for key in QUOTE_HEADER_FIELDS:
                    if key in data:
                        setattr(quote, key, data[key])
                if quote.order_by_quote_line_group is None:
                    quote.order_by_quote_line_group = False
                if quote.status in REOPENED_ON_EDIT:
                    quote.status = QuoteStatus.DRAFT
                await self._edit_lines(quote, data, uow.tx)
            if data.get("primary") is True and not quote.is_primary:
                await (
                    Quote.filter(opportunity_id=quote.opportunity_id, is_primary=True)
                    .using_db(uow.tx)
                    .update(is_primary=False)
                )
                quote.is_primary = True
            elif data.get("primary") is False:
                quote.is_primary = False
            await quote.save(using_db=uow.tx)
        return quote

    async def _edit_lines(self, quote: Quote, data: dict[str, Any], tx: Any) -> None:
        groups = {g.id: g for g in await QuoteLineGroup.filter(quote_id=quote.id).using_db(tx)}
        lines = await QuoteLine.filter(quote_id=quote.id).using_db(tx).order_by("position")
        by_id = {line.id: line for line in lines}
        removed = {parse_id(i, "Quote line", "removeLineIds") for i in data.get("remove_line_ids") or []}
        if not removed <= by_id.keys():
            raise DomainError(ErrorCode.NOT_FOUND, "Quote line not found.", "removeLineIds")
        # A removed parent takes its components with it.
        changed = True
        while changed:
            extra = {line.id for line in lines if line.required_by_id in removed and line.id not in removed}
            changed = bool(extra)
            removed |= extra
        for i, change in enumerate(data.get("update_lines") or []):
            line = by_id.get(parse_id(change["quote_line_id"], "Quote line", f"updateLines[{i}].quoteLineId"))
            if line is None or line.id in removed:
                raise DomainError(ErrorCode.NOT_FOUND, "Quote line not found.", f"updateLines[{i}].quoteLineId")
            _apply_line_fields(line, change, f"updateLines[{i}]")
        kept = [line for line in lines if line.id not in removed]
        by_key = {line.key: line for line in kept if line.key}
        added = await _build_lines(
            quote, {g.key: g for g in groups.values()}, kept, data.get("add_lines") or [], existing_keys=by_key
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

    async def transition(self, actor: Actor, quote_id: Any, target: QuoteStatus) -> Quote:
        """Q1/Q6: move a quote along its approval path."""
        needed = (
            Permission.APPROVE_QUOTES
            if target in (QuoteStatus.APPROVED, QuoteStatus.DENIED)
            else Permission.EDIT_QUOTES
        )
        actor.require(needed)
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
            quote.status = target
            await quote.save(using_db=uow.tx, update_fields=["status", "updated_at"])
        return quote


def _build_groups(quote: Quote, inputs: list[dict[str, Any]]) -> dict[str, QuoteLineGroup]:
    groups: dict[str, QuoteLineGroup] = {}
    for i, g in enumerate(inputs):
        key = (g.get("key") or "").strip()
        if not key or key in groups:
            raise invalid("Every group needs a distinct key.", f"groups[{i}].key")
        pricing.check_term(g.get("subscription_term"), f"groups[{i}].subscriptionTerm")
        groups[key] = QuoteLineGroup(
            quote_id=quote.id,
            key=key,
            name=g.get("name") or key,
            position=i,
            start_date=g.get("start_date"),
            subscription_term=g.get("subscription_term"),
            billing_frequency=g.get("billing_frequency"),
        )
    return groups


def _apply_line_fields(line: QuoteLine, data: dict[str, Any], where: str) -> None:
    if "quantity" in data:
        if data["quantity"] is None or data["quantity"] <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A quoted quantity must be positive.", f"{where}.quantity")
        line.quantity = data["quantity"]
    if data.get("discount_percent") is not None and not (0 <= data["discount_percent"] <= 100):
        raise invalid("A discount is between 0 and 100 percent.", f"{where}.discountPercent")
    for name in ("list_price", "unit_price"):
        if data.get(name) is not None and data[name] < 0:
            raise invalid("A price cannot be negative.", f"{where}.{name}")
    pricing.check_term(data.get("subscription_term"), f"{where}.subscriptionTerm")
    mapping = {
        "discount_percent": "discount_percent",
        "start_date": "given_start_date",
        "end_date": "given_end_date",
        "subscription_term": "subscription_term",
        "billing_frequency": "billing_frequency",
        "optional": "optional",
    }
    for source, target in mapping.items():
        if source in data:
            setattr(line, target, data[source])
    if data.get("list_price") is not None:
        line.list_price = data["list_price"]
    if "unit_price" in data:
        line.unit_price_given = data["unit_price"] is not None
        if data["unit_price"] is not None:
            line.unit_price = data["unit_price"]


async def _build_lines(
    quote: Quote,
    groups: dict[str, QuoteLineGroup],
    existing: list[QuoteLine],
    inputs: list[dict[str, Any]],
    existing_keys: dict[str, QuoteLine] | None = None,
) -> list[QuoteLine]:
    """Turn line inputs into unsaved QuoteLines, resolving keys, groups, parents and bundles."""
    by_key: dict[str, QuoteLine] = dict(existing_keys or {})
    product_ids = [parse_id(line["product_id"], "Product", f"lines[{i}].productId") for i, line in enumerate(inputs)]
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
        if data.get("quantity") is None or data["quantity"] <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A quoted quantity must be positive.", f"{where}.quantity")
        list_price = data.get("list_price")
        if list_price is None:
            list_price = prices.get(product_id)
        if list_price is None and data.get("unit_price") is None:
            raise invalid(
                f"Product {product.sku} has no list price in {quote.currency}; give listPrice or unitPrice.",
                f"{where}.listPrice",
            )
        group = None
        if data.get("group_key"):
            group = groups.get(data["group_key"])
            if group is None:
                raise invalid(f"No group with key {data['group_key']}.", f"{where}.groupKey")
        line = QuoteLine(
            quote_id=quote.id,
            group_id=group.id if group else None,
            product_id=product.id,
            key=data.get("key"),
            position=position,
            quantity=data["quantity"],
            ordered_quantity=Decimal(0),
            list_price=list_price if list_price is not None else data["unit_price"],
            unit_price=Decimal(0),
            unit_price_given=False,
            total_price=Decimal(0),
            segment_key=data.get("segment_key"),
            segment_index=data.get("segment_index"),
            discount_schedule=data.get("discount_schedule"),
        )
        _apply_line_fields(line, {k: v for k, v in data.items() if k != "quantity"}, where)
        position += 1
        if line.key:
            if line.key in by_key:
                raise invalid(f"Two lines share the key {line.key}.", f"{where}.key")
            by_key[line.key] = line
        if data.get("required_by_key"):
            parent_keys.append((line, data["required_by_key"], where))
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
    components = await ProductComponent.filter(bundle_id__in=[b.product_id for b in bundles]).order_by(  # type: ignore[attr-defined]
        "position"
    )
    if not components:
        return []
    prices = await list_prices([c.component_id for c in components], quote.currency)  # type: ignore[attr-defined]
    added = []
    for bundle in bundles:
        for comp in components:
            if comp.bundle_id != bundle.product_id:  # type: ignore[attr-defined]
                continue
            added.append(
                QuoteLine(
                    quote_id=quote.id,
                    group_id=bundle.group_id,  # type: ignore[attr-defined]
                    product_id=comp.component_id,  # type: ignore[attr-defined]
                    required_by_id=bundle.id,
                    position=position,
                    quantity=bundle.quantity * comp.quantity,
                    ordered_quantity=Decimal(0),
                    list_price=prices.get(comp.component_id, Decimal(0)),  # type: ignore[attr-defined]
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
    parent = {line.id: line.required_by_id for line in lines}  # type: ignore[attr-defined]
    for start in parent:
        seen = set()
        node = start
        while node is not None:
            if node in seen:
                raise invalid("Lines require each other in a cycle.", "requiredByKey")
            seen.add(node)
            node = parent.get(node)


async def _products_of(lines: list[QuoteLine]) -> dict[Any, Product]:
    ids = {line.product_id for line in lines}  # type: ignore[attr-defined]
    return await products_by_id(ids)
