"""O4 and I3: how much of each quote line has been ordered. The only code that reads or moves a
quote line's `ordered_quantity`. C10 draws on a contract's price agreement with the same cap
(`refuse_draw`) and the same locking (`lock_rows`)."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.errors import DomainError, ErrorCode
from models import QuoteLine


def remaining(line: QuoteLine) -> Decimal:
    return line.quantity - line.ordered_quantity


def refuse_draw(
    line: Any, quantity: Decimal, field: str, what: str = "this quote line", rule: str = "O4"
) -> DomainError | None:
    """O4: why `quantity` more of `line` (anything with a `quantity` and an `ordered_quantity`) may not
    be ordered, or None when it may."""
    if quantity <= 0:
        return DomainError(ErrorCode.INVALID_QUANTITY, f"An ordered quantity must be positive ({rule}).", field)
    if line.ordered_quantity + quantity > line.quantity:
        return DomainError(
            ErrorCode.QUANTITY_EXCEEDS_REMAINING,
            f"Only {remaining(line).normalize():f} of {what} remain to be ordered ({rule}).",
            field,
        )
    return None


async def lock_rows(tx: BaseDBAsyncClient, queryset: Any) -> list[Any]:
    """O4 under concurrency: lock the rows until commit, always in primary-key order (no deadlocks)."""
    return list(await queryset.using_db(tx).select_for_update().order_by("id"))


async def lock_lines(tx: BaseDBAsyncClient, line_ids: Iterable[Any]) -> list[QuoteLine]:
    return await lock_rows(tx, QuoteLine.filter(id__in=list(line_ids)))


async def adjust(
    tx: BaseDBAsyncClient, deltas: dict[Any, Decimal], field: str, locked: Iterable[QuoteLine] = ()
) -> None:
    """Move ordered quantities by `deltas` (per quote line id): an increase must fit what remains
    (O4); a decrease releases quantity to be ordered again (I3). `locked` are lines the caller has
    locked already in this transaction."""
    deltas = {k: v for k, v in deltas.items() if k and v}
    if not deltas:
        return
    by_id = {line.id: line for line in locked}
    missing = [k for k in deltas if k not in by_id]
    if missing:
        by_id.update({line.id: line for line in await lock_lines(tx, missing)})
    lines = [by_id[k] for k in sorted(deltas, key=str) if k in by_id]
    for line in lines:
        delta = deltas[line.id]
        if delta > 0:
            refusal = refuse_draw(line, delta, field)
            if refusal is not None:
                raise refusal
            line.ordered_quantity += delta
        else:
            line.ordered_quantity = max(Decimal(0), line.ordered_quantity + delta)
    await QuoteLine.bulk_update(lines, fields=["ordered_quantity"], using_db=tx)
