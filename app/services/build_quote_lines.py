"""Q1, Q3, Q4, Q7 inputs: quote line groups and lines built from commands (keys, groups, parents,
bundles), not yet saved; `price_quote_lines.reprice` then prices and dates them."""

from decimal import Decimal
from typing import Any

from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services import pricing
from app.services.catalog import list_prices, products_by_id
from app.services.scoping import parse_id
from models import ProductComponent, Quote, QuoteLine, QuoteLineGroup


def build_groups(quote: Quote, inputs: list[cmd.QuoteLineGroupSpec]) -> dict[str, QuoteLineGroup]:
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


def apply_line_fields(
    line: QuoteLine, data: cmd.QuoteLineFields, where: str, new: bool = False, amendment: bool = False
) -> None:
    if amendment and data.quantity is not None:
        # C9: an amendment line goes down to 0 (cancel), never below.
        if data.quantity < 0:
            raise DomainError(
                ErrorCode.QUANTITY_BELOW_ZERO, "A net quantity cannot go below 0 (C9).", f"{where}.quantity"
            )
        line.quantity = data.quantity
    elif data.has("quantity") or new:
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


def fixed_price_line(
    quote_id: Any, product_id: Any, position: int, quantity: Decimal, unit_price: Decimal, **fields: Any
) -> QuoteLine:
    """A line at a price the contract fixed (C9 amendments, R2 renewals): list and unit price are that
    price, given, so repricing keeps it; nothing of it is ordered yet."""
    return QuoteLine(
        quote_id=quote_id,
        product_id=product_id,
        position=position,
        quantity=quantity,
        ordered_quantity=Decimal(0),
        list_price=unit_price,
        unit_price=unit_price,
        unit_price_given=True,
        **fields,
    )  # fmt: skip


def _unpriced_line(quote: Quote, **fields: Any) -> QuoteLine:
    """A line of `quote` not ordered yet and not priced yet (`price_quote_lines.reprice` prices it)."""
    return QuoteLine(
        quote_id=quote.id,
        ordered_quantity=Decimal(0),
        unit_price=Decimal(0),
        unit_price_given=False,
        total_price=Decimal(0),
        **fields,
    )


def _new_line(
    quote: Quote,
    data: cmd.QuoteLineSpec,
    product_id: Any,
    list_price: Decimal | None,
    group: QuoteLineGroup | None,
    position: int,
) -> QuoteLine:
    return _unpriced_line(
        quote,
        group_id=group.id if group else None,
        product_id=product_id,
        key=data.key,
        position=position,
        quantity=data.quantity,
        list_price=list_price if list_price is not None else data.unit_price,
        segment_key=data.segment_key,
        segment_index=data.segment_index,
        discount_schedule=data.discount_schedule,
    )


async def build_lines(
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
        apply_line_fields(line, data, where, new=True)
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
                _unpriced_line(
                    quote,
                    group_id=bundle.group_id,
                    product_id=comp.component_id,
                    required_by_id=bundle.id,
                    position=position,
                    quantity=bundle.quantity * comp.quantity,
                    list_price=prices.get(comp.component_id, Decimal(0)),
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
