"""C1, C2, C4, C5: contracting an activated order, un-contracting it, and contracting it again; C6: an
order whose quote has a requested contract joins that contract instead of making a new one; C9: an
amendment order adds its deltas to the contract it amends."""

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode
from app.services import assets_and_subscriptions as downstream
from app.services import commands as cmd
from app.services import order_dates, renewals
from app.services.amend_contracts import contract_amendment
from app.services.order_access import items_of, lock_order
from app.services.reference_data import next_number
from app.services.states import ORDER_STATES, Capability
from app.services.unit_of_work import UnitOfWork, unit_of_work
from app.services.versions import bump
from models import Contract, Order
from models.enums import ContractEventType, ContractStatus, OrderEventType, OrderType


class ContractOrderService:
    @requires(Permission.ACTIVATE_ORDERS)
    async def contract(self, actor: Actor, data: cmd.OrderTransition) -> tuple[Order, Contract]:
        """C1/C2: one contract per activated order; RECURRING items become subscriptions."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            ORDER_STATES.require(order.status, Capability.CONTRACT, f"Order {order.number}", "orderId")
            if order.contracted:
                raise DomainError(
                    ErrorCode.ALREADY_CONTRACTED, f"Order {order.number} is contracted already (C1).", "orderId"
                )
            if order.drawn_from_contract:
                raise DomainError(
                    ErrorCode.ALREADY_CONTRACTED,
                    f"Order {order.number} was drawn from its contract's price agreement (C10).",
                    "orderId",
                )
            contract = await _contract_for(uow, order)
            order.contract_id = contract.id
            order.contracted = True
            changes = {"contractId": str(contract.id), "contractNumber": contract.number}
            await bump(uow, order, OrderEventType.CONTRACTED, changes)
        return order, contract

    @requires(Permission.ACTIVATE_ORDERS)
    async def uncontract(self, actor: Actor, data: cmd.OrderTransition) -> Order:
        """C4: un-contracting keeps the items' contracted flags (and the contract, for re-contracting)."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            if not order.contracted:
                raise DomainError(ErrorCode.INVALID_TRANSITION, f"Order {order.number} is not contracted.", "orderId")
            order.contracted = False
            await bump(uow, order, OrderEventType.UNCONTRACTED, {"contractId": str(order.contract_id)})
        return order


async def _contract_for(uow: UnitOfWork, order: Order) -> Contract:
    """C9 for an amendment order, else C5 (contracted before), C6 (requested from its quote) or C1."""
    if order.type == OrderType.AMENDMENT:
        amended = await contract_amendment(uow, order)
        await renewals.refresh_renewal_quote(uow.tx, amended)  # R4: the open renewal follows the amendment
        return amended
    existing = await Contract.filter(id=order.contract_id).using_db(uow.tx).first() if order.contract_id else None
    if existing:
        return await _sync_contract(uow, order, existing)
    requested = await _requested_contract(uow, order)
    if requested:
        return await _join_contract(uow, order, requested)
    return await _new_contract(uow, order)


async def _requested_contract(uow: UnitOfWork, order: Order) -> Contract | None:
    """C6: the live contract requested from the order's quote (createContractFromQuote), if any."""
    if order.quote_id is None:
        return None
    query = Contract.filter(quote_id=order.quote_id).exclude(status=ContractStatus.CANCELLED)
    return await query.using_db(uow.tx).select_for_update().first()


async def _join_contract(uow: UnitOfWork, order: Order, contract: Contract) -> Contract:
    """C6: the order joins the contract requested from its quote; the contract keeps its own dates
    and status, and records the join on its stream."""
    await downstream.subscribe(uow.tx, order, contract.id, await items_of(order, uow.tx))
    await renewals.refresh_renewal_quote(uow.tx, contract)  # R4: the open renewal follows the contract
    await bump(uow, contract, ContractEventType.ORDER_JOINED, {"orderId": str(order.id), "orderNumber": order.number})
    return contract


async def _new_contract(uow: UnitOfWork, order: Order) -> Contract:
    """C1: the contract spans the order; its renewal term is the order's, else its own term. Made
    without the C6 workflow, it starts ACTIVATED."""
    contract = Contract(
        number=await next_number(uow.tx, "contract"),
        account_id=order.account_id,
        status=ContractStatus.ACTIVATED,
        renewal_uplift_percent=order.renewal_uplift_percent,
    )
    order_dates.follow_order(contract, order)
    contract.renewal_term = order.renewal_term or contract.term
    await renewals.link_renewal(uow, order, contract)  # R4: a renewal order's contract renews the old one
    await contract.save(using_db=uow.tx)
    uow.record(contract, ContractEventType.CREATED, {"orderId": str(order.id), "orderNumber": order.number})
    await downstream.subscribe(uow.tx, order, contract.id, await items_of(order, uow.tx))
    return contract


async def _sync_contract(uow: UnitOfWork, order: Order, contract: Contract) -> Contract:
    """Contracting again after uncontractOrder: C5, the order's state flows into the contract (its dates
    too, unless it was requested from the quote: C6 keeps those)."""
    if contract.quote_id is None:
        order_dates.follow_order(contract, order)
        await contract.save(using_db=uow.tx)
    items = await items_of(order, uow.tx)
    existing = await downstream.follow_items(uow.tx, order, items, cancel_asset=lambda _item: False)
    subscribed = {s.order_item_id for s in existing}
    await downstream.subscribe(uow.tx, order, contract.id, [i for i in items if i.id not in subscribed])
    return contract


contract_orders = ContractOrderService()
