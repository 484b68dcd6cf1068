"""C9: amending an ACTIVATED contract. `amend` makes an AMENDMENT opportunity and quote holding the
contract's current position per product; the quote is edited with the quote mutations (lines
co-terminated: `co_term_of`), ordered with createOrdersFromQuote (`plan_amendment_order`: one order
of prorated deltas) and contracted with contractOrder (`contract_amendment`: delta subscriptions on
the SAME contract, whose end never moves). A contract changed since the quote was made is a
VERSION_CONFLICT at ordering and at contracting."""

from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import amendment_commands as acmd
from app.services import assets_and_subscriptions as downstream
from app.services.build_quote_lines import fixed_price_line
from app.services.catalog import products_by_id
from app.services.contract_positions import load_positions, require_active, require_within, whole_term
from app.services.contract_workflow import lock_contract
from app.services.order_access import items_of
from app.services.plan_orders import AmendedSpan, PlannedOrder, QuoteContext, plan_amendment
from app.services.price_quote_lines import CoTerm, reprice
from app.services.reference_data import next_number
from app.services.unit_of_work import UnitOfWork, unit_of_work
from app.services.versions import bump
from models import Account, Contract, Opportunity, Order, Quote, QuoteLine, Subscription
from models.enums import ContractEventType, OpportunityStage, OrderType, QuoteStatus


class AmendContractService:
    @requires(Permission.EDIT_QUOTES)
    async def amend(self, actor: Actor, data: acmd.AmendContract) -> Quote:
        """C9: the amendment quote: per product the contract's net quantity at its unit price, dated
        effectiveDate .. the contract's end; its own AMENDMENT opportunity."""
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id)
            require_active(contract)
            require_within(contract, data.effective_date, ErrorCode.AMENDMENT_DATE_OUT_OF_RANGE, "effectiveDate")
            positions = [p for p in (await load_positions(uow.tx, contract.id)).values() if p.quantity != 0]
            opportunity = await Opportunity.create(
                account_id=contract.account_id,
                name=f"Amendment of {contract.number}",
                stage=OpportunityStage.PROSPECTING,
                type=OrderType.AMENDMENT,
                contract_id=contract.id,
                using_db=uow.tx,
            )
            quote = await _amendment_quote(uow.tx, contract, opportunity, data)
            lines = [
                fixed_price_line(quote.id, p.product_id, n, p.quantity, p.unit_price, total_price=Decimal(0))
                for n, p in enumerate(positions)
            ]
            products = await products_by_id(p.product_id for p in positions)
            reprice(quote, {}, lines, products, _co_term(contract, data.effective_date))
            await quote.save(using_db=uow.tx)
            await QuoteLine.bulk_create(lines, using_db=uow.tx)
        return quote


async def _amendment_quote(
    tx: BaseDBAsyncClient, contract: Contract, opportunity: Opportunity, data: acmd.AmendContract
) -> Quote:
    """The quote's terms come from the order that made the contract (else from the account)."""
    first = await Order.filter(contract_id=contract.id).using_db(tx).order_by("created_at", "id").first()
    account = await Account.filter(id=contract.account_id).using_db(tx).get()
    return Quote(
        number=await next_number(tx, "quote"),
        opportunity_id=opportunity.id,
        account_id=contract.account_id,
        status=QuoteStatus.DRAFT,
        is_primary=True,
        type=OrderType.AMENDMENT,
        contract_id=contract.id,
        contract_version=contract.version,
        start_date=data.effective_date,
        subscription_term=whole_term(contract),
        billing_frequency=first.billing_frequency if first else None,
        order_by_quote_line_group=False,
        renewal_uplift_percent=contract.renewal_uplift_percent,
        renewal_term=contract.renewal_term,
        currency=first.currency if first else account.currency,
        payment_terms=first.payment_terms if first else account.payment_terms,
        total=Decimal("0.00"),
    )


async def co_term_of(tx: BaseDBAsyncClient, quote: Quote) -> CoTerm | None:
    """C9: the span an amendment quote's lines are co-terminated to (None for other quotes)."""
    if quote.type != OrderType.AMENDMENT or quote.contract_id is None or quote.start_date is None:
        return None
    contract = await Contract.filter(id=quote.contract_id).using_db(tx).get()
    return _co_term(contract, quote.start_date)


def _co_term(contract: Contract, start: date) -> CoTerm:
    assert contract.end_date is not None  # an amended contract has dates (require_within)
    return CoTerm(start, contract.end_date, whole_term(contract))


async def refuse_removing_held_products(tx: BaseDBAsyncClient, quote: Quote, removed: set[Any], kept: set[Any]) -> None:
    """C9: a product the contract holds is cancelled by setting its quantity to 0, not by removing
    its last line (`removed`, `kept`: product ids of the removed and the kept lines)."""
    held = await load_positions(tx, quote.contract_id)
    if any(product in held and product not in kept for product in removed):
        raise invalid("Set a contracted product's quantity to 0 to cancel it; its line stays (C9).", "removeLineIds")


def check_amendment_quantity(quantity: Decimal, field: str) -> None:
    """C9: an amendment quote's quantity may go down to 0 (cancel), never below."""
    if quantity < 0:
        raise DomainError(ErrorCode.QUANTITY_BELOW_ZERO, "A net quantity cannot go below 0 (C9).", field)


async def _locked_contract(tx: BaseDBAsyncClient | None, quote: Quote) -> Contract:
    query = Contract.filter(id=quote.contract_id)
    contract = await (query.using_db(tx).select_for_update() if tx is not None else query).first()
    if contract is None:
        raise DomainError(ErrorCode.NOT_FOUND, "The amended contract no longer exists.", "quoteId")
    require_active(contract)
    if quote.contract_version != contract.version:
        raise DomainError(
            ErrorCode.VERSION_CONFLICT,
            f"Contract {contract.number} changed since amendment quote {quote.number} was made "
            f"(version {quote.contract_version}, now {contract.version}); amend it again (C9).",
            "quoteId",
        )
    return contract


async def plan_amendment_order(tx: BaseDBAsyncClient | None, ctx: QuoteContext) -> list[PlannedOrder]:
    """C9, called by createOrdersFromQuote for an AMENDMENT quote: one order of the deltas."""
    contract = await _locked_contract(tx, ctx.quote)
    for line in ctx.lines.values():
        check_amendment_quantity(line.quantity, "quoteId")
    positions = await load_positions(tx, contract.id)
    missing = set(positions) - {line.product_id for line in ctx.lines.values()}
    if any(positions[p].quantity != 0 for p in missing):
        raise invalid("The amendment quote lost a contracted product's line; amend the contract again.", "quoteId")
    assert contract.start_date is not None and contract.end_date is not None and ctx.quote.start_date is not None
    span = AmendedSpan(contract.start_date, ctx.quote.start_date, contract.end_date)
    held = {p: pos.quantity for p, pos in positions.items()}
    prices = {p: pos.unit_price for p, pos in positions.items()}
    order = plan_amendment(ctx, held, prices, span)
    if not order.items:
        raise invalid("The amendment changes no quantity; there is nothing to order.", "quoteId")
    return [order]


async def contract_amendment(uow: UnitOfWork, order: Order) -> Contract:
    """C9: contracting an activated amendment order adds its deltas as subscriptions of the SAME
    contract (each revising the subscription it changes) and bumps the contract's version."""
    contract = await Contract.filter(id=order.contract_id).using_db(uow.tx).select_for_update().get()
    items = await items_of(order, uow.tx)
    if await Subscription.filter(order_item_id__in=[i.id for i in items]).using_db(uow.tx).exists():
        return contract  # C4: contracted before, un-contracted since; its deltas stay on the contract
    quote = await Quote.filter(id=order.quote_id).using_db(uow.tx).get()
    await _locked_contract(uow.tx, quote)
    positions = await load_positions(uow.tx, contract.id)
    revises: dict[Any, Any] = {p: pos.root.id for p, pos in positions.items()}
    await downstream.subscribe(uow.tx, order, contract.id, items, revises=revises)
    changes = {"orderId": str(order.id), "orderNumber": order.number, "quoteId": str(quote.id)}
    await bump(uow, contract, ContractEventType.AMENDED, changes)
    return contract


amend_contracts = AmendContractService()
