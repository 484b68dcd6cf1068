"""C11: terminating an ACTIVATED contract early. Every subscription running past the termination
date ends on it (its former end kept in `previous_end_date`), those not started by then are
cancelled, the ONE_TIME assets of the contract's orders are CANCELLED, and the contract moves to
TERMINATED (the C6 table) with the event on its stream. B6 (billing) credits the days after the
termination from `ended_by_termination` in the same transaction (`bill_termination`)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import ErrorCode
from app.services import amendment_commands as acmd
from app.services.bill_terminations import bill_termination
from app.services.contract_positions import require_active, require_within
from app.services.contract_workflow import lock_contract, required_text
from app.services.states import move_contract
from app.services.unit_of_work import unit_of_work
from models import Asset, Contract, Subscription
from models.enums import AssetStatus, ContractStatus, SubscriptionStatus


@dataclass(frozen=True)
class EndedSubscription:
    """B6: what a termination took away from one subscription: the days after `ended_on` up to
    `was_ending_on`, at `quantity` x `net_price` for the subscription's full span."""

    subscription_id: Any
    product_id: Any
    order_item_id: Any
    quantity: Decimal
    net_price: Decimal
    ended_on: date
    was_ending_on: date

    @property
    def days_credited(self) -> int:
        return (self.was_ending_on - self.ended_on).days


class TerminateContractService:
    @requires(Permission.MANAGE_CONTRACTS)
    async def terminate(self, actor: Actor, data: acmd.TerminateContract) -> Contract:
        """C11: ends every subscription at the termination date; contract -> TERMINATED."""
        reason = required_text(data.reason, "reason")
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id, data.version)
            require_active(contract)
            day = data.termination_date
            require_within(contract, day, ErrorCode.TERMINATION_DATE_OUT_OF_RANGE, "terminationDate")
            ended, cancelled = await _end_subscriptions(uow.tx, contract, day)
            cut = [e.order_item_id for e in await ended_by_termination(contract.id, uow.tx)]
            await bill_termination(uow.tx, [*cut, *cancelled], day)
            await _cancel_assets(uow.tx, contract)
            contract.termination_date = day
            changes = {"terminationDate": day.isoformat(), "reason": reason, "subscriptionsEnded": ended}
            await move_contract(uow, contract, ContractStatus.TERMINATED, changes)
        return contract


async def _end_subscriptions(tx: BaseDBAsyncClient, contract: Contract, day: date) -> tuple[int, list[Any]]:
    """Two statements whatever the number of subscriptions: one read, one bulk update. The count of
    subscriptions changed, and the order items of those cancelled (not started by `day`)."""
    rows = list(await Subscription.filter(contract_id=contract.id, status=SubscriptionStatus.ACTIVE).using_db(tx))
    changed = []
    for s in rows:
        if s.start_date is not None and s.start_date > day:
            s.status = SubscriptionStatus.CANCELLED  # not started by the termination date
        elif s.end_date is None or s.end_date > day:
            s.previous_end_date = s.end_date
            s.end_date = day
        else:
            continue
        changed.append(s)
    if changed:
        await Subscription.bulk_update(changed, fields=["status", "end_date", "previous_end_date"], using_db=tx)
    cancelled = [s.order_item_id for s in changed if s.status == SubscriptionStatus.CANCELLED]
    return len(changed), [i for i in cancelled if i is not None]


async def _cancel_assets(tx: BaseDBAsyncClient, contract: Contract) -> None:
    """C11: the ONE_TIME assets bought on the contract's orders are CANCELLED."""
    ids = await Asset.filter(order_item__order__contract_id=contract.id).using_db(tx).values_list("id", flat=True)
    if ids:
        await Asset.filter(id__in=list(ids)).using_db(tx).update(status=AssetStatus.CANCELLED)


async def ended_by_termination(contract_id: Any, tx: BaseDBAsyncClient | None = None) -> list[EndedSubscription]:
    """B6's entry point: every subscription of a terminated contract that the termination cut short."""
    query = Subscription.filter(contract_id=contract_id, previous_end_date__not_isnull=True).order_by("id")
    rows = await (query.using_db(tx) if tx is not None else query)
    return [
        EndedSubscription(s.id, s.product_id, s.order_item_id, s.quantity, s.net_price, s.end_date, s.previous_end_date)
        for s in rows
        if s.end_date is not None and s.previous_end_date is not None
    ]


terminate_contracts = TerminateContractService()
