"""R2 and R4: a contract's renewal (a RENEWAL opportunity and, with createRenewalQuote, its primary
quote) and how it follows the contract afterwards (amendments, ordering, contracting)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.services.build_quote_lines import fixed_price_line
from app.services.pricing import HUNDRED, end_for_term, line_total, round_money, sum_totals
from app.services.reference_data import format_number, next_numbers
from app.services.states import QUOTE_STATES, move_contract, move_quote
from app.services.unit_of_work import UnitOfWork
from models import Account, Contract, Opportunity, Order, Quote, QuoteLine, Settings, Subscription
from models.enums import (
    ContractEventType,
    ContractStatus,
    OpportunityStage,
    OrderStatus,
    OrderType,
    ProductType,
    QuoteStatus,
    SubscriptionStatus,
)

# R4: a renewal quote is open (follows its contract) until it is ordered, denied or rejected.
CLOSED_QUOTES = (QuoteStatus.DENIED, QuoteStatus.REJECTED)


@dataclass(frozen=True)
class RenewalLine:
    """R2: one product of a renewal: its net quantity at the contract's end and its uplifted price."""

    product_id: Any
    quantity: Decimal
    unit_price: Decimal


def renewal_unit_price(net_price: Decimal, uplift_percent: Decimal | None) -> Decimal:
    """R2: net price x (1 + uplift %), half-up to cents."""
    return round_money(net_price * (1 + (uplift_percent or Decimal(0)) / HUNDRED))


def active_at(subscription: Any, day: date) -> bool:
    start, end = subscription.start_date, subscription.end_date
    return (start is None or start <= day) and (end is None or day <= end)


def renewal_lines(contract: Contract, subscriptions: Iterable[Any]) -> list[RenewalLine]:
    """R2: per product, the sum over the contract's subscriptions active at its end date (amendment
    deltas included, which may be negative); zero (or less) is dropped. The price is the net price of
    the product's original subscription (a delta carries the same full-term price, C9)."""
    end = contract.end_date
    quantities: dict[Any, Decimal] = {}
    prices: dict[Any, tuple[bool, Decimal]] = {}
    for s in subscriptions:
        if s.status != SubscriptionStatus.ACTIVE or (end is not None and not active_at(s, end)):
            continue
        quantities[s.product_id] = quantities.get(s.product_id, Decimal(0)) + s.quantity
        original = s.revises_id is None
        if s.product_id not in prices or (original and not prices[s.product_id][0]):
            prices[s.product_id] = (original, s.net_price)
    return [
        RenewalLine(pid, q, renewal_unit_price(prices[pid][1], contract.renewal_uplift_percent))
        for pid, q in quantities.items()
        if q > 0
    ]


def renewal_span(contract: Contract) -> tuple[date, int]:
    """R2: the renewal starts the day after the contract ends, for its renewal term (else its term)."""
    assert contract.end_date is not None
    return contract.end_date + timedelta(days=1), contract.renewal_term or contract.term or 12


SUBSCRIPTION_FIELDS = (
    "contract_id",
    "product_id",
    "quantity",
    "start_date",
    "end_date",
    "net_price",
    "revises_id",
    "status",
)


async def recurring_subscriptions(tx: BaseDBAsyncClient, contract_ids: Sequence[Any]) -> dict[Any, list[Any]]:
    """The RECURRING subscriptions of several contracts (ONE_TIME items never renew), in one query, as
    plain rows: the renewal run reads thousands, and model instances cost more than the query."""
    rows = await (
        Subscription.filter(contract_id__in=list(contract_ids), product__type=ProductType.RECURRING)
        .using_db(tx)
        .order_by("created_at", "id")
        .values(*SUBSCRIPTION_FIELDS)
    )
    found: dict[Any, list[Any]] = {}
    for row in rows:
        found.setdefault(str(row["contract_id"]), []).append(SimpleNamespace(**row))
    return found


async def _terms_of(tx: BaseDBAsyncClient, contracts: Sequence[Contract]) -> dict[Any, tuple[str, str | None]]:
    """Currency and payment terms per contract: its first order's, else its account's currency."""
    terms: dict[Any, tuple[str, str | None]] = {}
    orders = (
        await Order.filter(contract_id__in=[c.id for c in contracts])
        .using_db(tx)
        .order_by("created_at", "id")
        .values_list("contract_id", "currency", "payment_terms")
    )
    by_contract = {str(c.id): c.id for c in contracts}
    for contract_id, currency, payment_terms in orders:
        terms.setdefault(by_contract[str(contract_id)], (currency, payment_terms))
    missing = [c.account_id for c in contracts if c.id not in terms]
    if missing:
        rows = await Account.filter(id__in=missing).using_db(tx).values_list("id", "currency")
        currency = {str(account_id): code for account_id, code in rows}
        for c in contracts:
            if c.id not in terms:
                terms[c.id] = (str(currency[str(c.account_id)]), None)
    return terms


def _quote_lines(quote: Quote, lines: list[RenewalLine], start: date, term: int) -> list[QuoteLine]:
    end = end_for_term(start, term)
    return [
        fixed_price_line(
            quote.id,
            line.product_id,
            position,
            line.quantity,
            line.unit_price,
            total_price=line_total(line.quantity, line.unit_price),
            start_date=start,
            end_date=end,
            subscription_term=term,
            effective_term=term,
        )
        for position, line in enumerate(lines)
    ]


async def create_renewals(uow: UnitOfWork, contracts: Sequence[Contract], settings: Settings) -> list[Opportunity]:
    """R2: for each contract, a RENEWAL opportunity (contract = the old one) and, with
    createRenewalQuote, its primary RENEWAL quote: bulk writes, a constant number of statements."""
    if not contracts:
        return []
    tx = uow.tx
    subscriptions = await recurring_subscriptions(tx, [c.id for c in contracts])
    terms = await _terms_of(tx, contracts)
    opportunities, quotes, lines = [], [], []
    numbers = iter(await next_numbers(tx, "quote", len(contracts)) if settings.create_renewal_quote else [])
    for contract in contracts:
        start, term = renewal_span(contract)
        opportunity = Opportunity(
            account_id=contract.account_id,
            name=f"Renewal of {contract.number}",
            stage=OpportunityStage.PROSPECTING,
            close_date=contract.end_date,
            type=OrderType.RENEWAL,
            contract_id=contract.id,
        )
        opportunities.append(opportunity)
        uow.record(contract, ContractEventType.RENEWAL_CREATED, {"opportunityId": str(opportunity.id)})
        if not settings.create_renewal_quote:
            continue
        currency, payment_terms = terms[contract.id]
        quote = Quote(
            number=format_number("Q", next(numbers)),
            opportunity_id=opportunity.id,
            account_id=contract.account_id,
            status=QuoteStatus.DRAFT,
            is_primary=True,
            start_date=start,
            subscription_term=term,
            renewal_uplift_percent=contract.renewal_uplift_percent,
            renewal_term=contract.renewal_term,
            currency=currency,
            payment_terms=payment_terms,
            type=OrderType.RENEWAL,
            contract_id=contract.id,
            contract_version=contract.version,
        )
        quote_lines = _quote_lines(quote, renewal_lines(contract, subscriptions.get(str(contract.id), [])), start, term)
        quote.total = sum_totals(quote_lines)
        quotes.append(quote)
        lines.extend(quote_lines)
    await Opportunity.bulk_create(opportunities, using_db=tx)
    await Quote.bulk_create(quotes, using_db=tx)
    await QuoteLine.bulk_create(lines, using_db=tx)
    return opportunities


async def open_renewal_quotes(tx: BaseDBAsyncClient, contract_id: Any) -> list[Quote]:
    """R4: the contract's renewal quotes that nothing has been ordered from yet (and not closed)."""
    quotes = await (
        Quote.filter(contract_id=contract_id, type=OrderType.RENEWAL)
        .exclude(status__in=CLOSED_QUOTES)
        .using_db(tx)
        .select_for_update()
        .order_by("id")
    )
    ordered = set(
        await Order.filter(quote_id__in=[q.id for q in quotes])
        .exclude(status=OrderStatus.CANCELLED)
        .using_db(tx)
        .values_list("quote_id", flat=True)
    )
    return [q for q in quotes if q.id not in ordered]


async def refresh_renewal_quote(tx: BaseDBAsyncClient, contract: Contract) -> list[Quote]:
    """R4: an open renewal quote's lines follow the contract's current net quantities (an amendment
    contracted after the renewal was made): quantities change, zeros go, new products come. A quote
    past DRAFT returns to DRAFT (Q1: a changed quote needs approval again)."""
    quotes = await open_renewal_quotes(tx, contract.id)
    if not quotes:
        return []
    subscriptions = (await recurring_subscriptions(tx, [contract.id])).get(str(contract.id), [])
    wanted = {line.product_id: line for line in renewal_lines(contract, subscriptions)}
    for quote in quotes:
        existing = await QuoteLine.filter(quote_id=quote.id).using_db(tx).order_by("position", "id")
        start, term = renewal_span(contract)
        kept: list[QuoteLine] = []
        for line in existing:
            target = wanted.get(line.product_id)
            if target is None:
                await line.delete(using_db=tx)
                continue
            line.quantity = target.quantity
            line.total_price = line_total(line.quantity, line.unit_price)
            kept.append(line)
        if kept:
            await QuoteLine.bulk_update(kept, fields=["quantity", "total_price"], using_db=tx)
        have = {line.product_id for line in kept}
        added = _quote_lines(quote, [w for pid, w in wanted.items() if pid not in have], start, term)
        for offset, line in enumerate(added):
            line.position = len(existing) + offset
        await QuoteLine.bulk_create(added, using_db=tx)
        quote.total = sum_totals([*kept, *added])
        if quote.status != QuoteStatus.DRAFT and QuoteStatus.DRAFT in QUOTE_STATES.next_statuses(quote.status):
            move_quote(quote, QuoteStatus.DRAFT)
        await quote.save(using_db=tx, update_fields=["total", "status", "updated_at"])
    return quotes


async def link_renewal(uow: UnitOfWork, order: Order, contract: Contract) -> None:
    """R4: a contract made from a renewal order (its quote renews an old contract) is linked
    renewedFrom the old one; the old one becomes RENEWED at its end (the daily run), or at once
    if that end has passed."""
    if order.quote_id is None:
        return
    quote = await Quote.filter(id=order.quote_id).using_db(uow.tx).first()
    if quote is None or quote.type != OrderType.RENEWAL or quote.contract_id is None:
        return
    old = await Contract.filter(id=quote.contract_id).using_db(uow.tx).select_for_update().first()
    if old is None:
        return
    contract.renewed_from_id = old.id
    contract.type = OrderType.RENEWAL
    today = datetime.now(UTC).date()
    if old.status == ContractStatus.ACTIVATED and old.end_date is not None and old.end_date < today:
        await move_contract(uow, old, ContractStatus.RENEWED, {"renewedBy": contract.number})
