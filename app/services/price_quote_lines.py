"""Q3/Q4/Q7 applied to quote lines: defaults from groups and quote, dates, terms and prices.

`reprice` works on model instances in memory; the caller saves them in bulk.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.errors import DomainError, ErrorCode
from app.services import pricing, segments
from models import Product, Quote, QuoteLine, QuoteLineGroup
from models.enums import ProductType


@dataclass(frozen=True)
class CoTerm:
    """C9: an amendment quote's lines all run from the effective date to the contract's end and are
    priced for the contract's whole term (Q3)."""

    start: date
    end: date
    term: int


def reprice(
    quote: Quote,
    groups: dict[Any, QuoteLineGroup],
    lines: list[QuoteLine],
    products: dict[Any, Product],
    coterm: CoTerm | None = None,
) -> None:
    """Recompute every line's dates, term, unit price and total, then the quote total.

    Starts from the dates the user typed (given_*), so a change of the quote's start date
    moves the lines that inherited it (Q7). An amendment quote's lines are co-terminated (`coterm`).
    """
    for line in lines:
        product = products[line.product_id]
        group = groups.get(line.group_id) if line.group_id else None
        # Q4: the group's values fill what the line left blank.
        if group and group.billing_frequency and not line.billing_frequency:
            line.billing_frequency = group.billing_frequency
        dated = product.type != ProductType.ONE_TIME
        start, end, term = (
            (coterm.start, coterm.end, coterm.term)
            if coterm is not None and dated
            else _dates(quote, group, line, product, dated)
        )
        line.start_date = start
        line.end_date = end
        line.effective_term = term if dated else None
        if not line.unit_price_given:
            line.unit_price = pricing.unit_price(
                product.type, line.list_price, line.discount_percent, term, product.default_subscription_term
            )
        line.total_price = pricing.line_total(line.quantity, line.unit_price)
    segments.check_quote_lines(lines)  # O9
    quote.total = sum((line.total_price for line in lines if not line.optional), Decimal("0.00"))


def _dates(
    quote: Quote, group: QuoteLineGroup | None, line: QuoteLine, product: Product, dated: bool
) -> tuple[date | None, date | None, int | None]:
    """Q3/Q4/Q7: a line's start, end and effective term from its own values, its group's, the quote's."""
    own_start, own_end = line.given_start_date, line.given_end_date
    group_term = group.subscription_term if group else None
    start = own_start
    if start is None and dated:
        # Q7: the group's start date, then the quote's.
        start = (group.start_date if group else None) or quote.start_date
    term = pricing.effective_term(
        start if own_end is not None else None,
        own_end,
        line.subscription_term,
        group_term,
        quote.subscription_term,
        product.default_subscription_term,
    )
    end = own_end
    if end is None and start is not None and dated and term:
        end = pricing.end_for_term(start, term)
    if start is not None and end is not None and end < start:
        raise DomainError(ErrorCode.VALIDATION_ERROR, "A line cannot end before it starts.", "endDate")
    if own_end is not None and start is None:
        raise DomainError(ErrorCode.VALIDATION_ERROR, "A line with an end date needs a start date.", "startDate")
    return start, end, term
