"""B5: credit limits. Activating an order whose total plus its account's open receivables exceeds the
account's credit limit is refused (CREDIT_LIMIT_EXCEEDED) unless the actor may override the hold or a
BILLING key released the hold for the order's current total (`releaseCreditHold`).

The credit limit is in the account's currency and there are no exchange rates: an order in the
account's currency is judged against the open receivables in that currency only (B3). An order in
another currency cannot be compared with the limit, so on an account with a limit it is held until a
BILLING key releases it: a limit is never bypassed silently (README, "Decisions where the domain rules
are silent")."""

from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode
from app.services.order_access import lock_order
from app.services.purchasing_commands import ReleaseCreditHold
from app.services.receivables import open_receivables
from app.services.unit_of_work import unit_of_work
from app.services.versions import bump
from models import Account, Order
from models.enums import OrderEventType, OrderStatus


def released(order: Order) -> bool:
    """B5: a release approves the total it was given; a later increase needs a new release."""
    return order.credit_approved_amount is not None and order.total_amount <= order.credit_approved_amount


def judged(order: Order, limit_currency: str) -> bool:
    """B5: only an order in the limit's currency (the account's) can be compared with the limit."""
    return str(order.currency) == limit_currency


def on_hold(order: Order, limit_currency: str, credit_limit: Decimal | None, receivables: Decimal) -> bool:
    """B5: would activating this order now be refused (to an actor without OVERRIDE_CREDIT_HOLD)?
    Only a DRAFT order can be activated, so only a DRAFT order can be on hold. `receivables` are the
    account's open receivables in `limit_currency`, the account's currency."""
    if order.status != OrderStatus.DRAFT or credit_limit is None or released(order):
        return False
    if not judged(order, limit_currency):
        return True  # cannot be compared with the limit: held for a BILLING key to release
    return order.total_amount + receivables > credit_limit


async def check_activation(tx: BaseDBAsyncClient, actor: Actor, order: Order) -> None:
    """B5, the activation guard (app/services/states.py): refuse before anything is written."""
    if actor.can(Permission.OVERRIDE_CREDIT_HOLD) or released(order):
        return
    account = await Account.filter(id=order.account_id).using_db(tx).get()
    if account.credit_limit is None:
        return
    if not judged(order, account.currency):
        raise DomainError(
            ErrorCode.CREDIT_LIMIT_EXCEEDED,
            f"Order {order.number} is in {order.currency}; the credit limit of {account.credit_limit:f} "
            f"{account.currency} cannot judge it (no exchange rates); a BILLING key may release the hold (B5).",
            "orderId",
        )
    receivables = await open_receivables(order.account_id, account.currency, using=tx)
    if order.total_amount + receivables > account.credit_limit:
        raise DomainError(
            ErrorCode.CREDIT_LIMIT_EXCEEDED,
            f"Order {order.number} ({order.total_amount:f}) plus open receivables ({receivables:f}) exceeds the "
            f"credit limit of {account.credit_limit:f} {account.currency}; a BILLING key may release the hold (B5).",
            "orderId",
        )


class CreditService:
    @requires(Permission.MANAGE_BILLING)
    async def release_hold(self, actor: Actor, data: ReleaseCreditHold) -> Order:
        """B5: approve the order's current total for activation despite the credit limit."""
        async with unit_of_work(actor) as uow:
            order = await lock_order(actor, uow, data.order_id, data.version)
            order.credit_approved_amount = order.total_amount
            await bump(uow, order, OrderEventType.UPDATED, {"creditApprovedAmount": f"{order.total_amount:f}"})
        return order


credit = CreditService()
