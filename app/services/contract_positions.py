"""C9, C10: what a contract holds now, per product: the net quantity over its original and delta
subscriptions, the contract's unit price, and the subscription that changes revise (and that orders
drawn from the agreement are recorded on)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.errors import DomainError, ErrorCode
from app.services import quote_ledger
from app.services.pricing import months_between
from models import Contract, Subscription
from models.enums import ContractStatus, SubscriptionStatus


@dataclass
class Position:
    product_id: Any
    root: Subscription
    quantity: Decimal = Decimal(0)
    ordered_quantity: Decimal = Decimal(0)

    @property
    def unit_price(self) -> Decimal:
        """The full-term unit price of the subscription changes revise (C9: deltas are priced at it)."""
        return self.root.net_price

    @property
    def remaining(self) -> Decimal:
        """C10: what may still be ordered from the agreement."""
        return self.quantity - self.ordered_quantity


def net_positions(subscriptions: Iterable[Subscription]) -> dict[Any, Position]:
    """Pure: the live subscriptions summed per product; the root is the earliest subscription that
    revises nothing (an original, or the delta that added the product)."""
    live = [s for s in subscriptions if s.status == SubscriptionStatus.ACTIVE]
    live.sort(key=lambda s: (s.revises_id is not None, s.start_date or date.min, str(s.id)))
    positions: dict[Any, Position] = {}
    for s in live:
        position = positions.setdefault(s.product_id, Position(s.product_id, s))
        position.quantity += s.quantity
        position.ordered_quantity += s.ordered_quantity
    return positions


async def load_positions(tx: BaseDBAsyncClient | None, contract_id: Any) -> dict[Any, Position]:
    """One read. Within a transaction the subscriptions are locked in primary-key order until commit
    (O4's `lock_rows`), so concurrent draws and amendments queue."""
    query = Subscription.filter(contract_id=contract_id)
    rows = await (quote_ledger.lock_rows(tx, query) if tx is not None else query.order_by("id"))
    return net_positions(rows)


def require_active(contract: Contract) -> None:
    """C9-C11: only an ACTIVATED contract is amended, ordered from or terminated."""
    if contract.status != ContractStatus.ACTIVATED:
        raise DomainError(
            ErrorCode.CONTRACT_NOT_ACTIVE,
            f"Contract {contract.number} is {contract.status}, not ACTIVATED.",
            "contractId",
        )


def require_within(contract: Contract, day: date, code: ErrorCode, field: str) -> None:
    """C9/C11: a date from the contract's start to its end, both included."""
    start, end = contract.start_date, contract.end_date
    if start is None or end is None or not start <= day <= end:
        raise DomainError(code, f"{day} is outside contract {contract.number} ({start}..{end}).", field)


def whole_term(contract: Contract) -> int:
    """Q3: the contract's term in months (from its dates when it has none recorded)."""
    assert contract.start_date is not None and contract.end_date is not None
    return contract.term or months_between(contract.start_date, contract.end_date)


async def follow_draws(tx: BaseDBAsyncClient, order: Any, before: dict[Any, Decimal], items: list[Any]) -> None:
    """C10 with D1, I1-I3: when the quantities of an order drawn from a contract change (updateOrder,
    changeOrder, cancelOrder), the agreement follows, per product: an increase must fit what remains
    (O4's cap, under the same locks), a decrease releases quantity to be ordered again. `before` holds
    the items' quantities before the change (an added item had none)."""
    if not order.drawn_from_contract:
        return
    deltas: dict[Any, Decimal] = {}
    for item in items:
        deltas[item.product_id] = deltas.get(item.product_id, Decimal(0)) + item.quantity - before.get(item.id, 0)
    deltas = {p: d for p, d in deltas.items() if d}
    if not deltas:
        return
    positions = await load_positions(tx, order.contract_id)
    roots = []
    for product_id, delta in sorted(deltas.items(), key=lambda kv: str(kv[0])):
        position = positions.get(product_id)
        if position is None:
            raise DomainError(ErrorCode.PRODUCT_NOT_ON_CONTRACT, "This product is not on the contract (C10).", "items")
        if delta > 0 and (
            refusal := quote_ledger.refuse_draw(position, delta, "items", "this product on the contract", "C10")
        ):
            raise refusal
        position.root.ordered_quantity = max(Decimal(0), position.root.ordered_quantity + delta)
        roots.append(position.root)
    await Subscription.bulk_update(roots, fields=["ordered_quantity"], using_db=tx)
