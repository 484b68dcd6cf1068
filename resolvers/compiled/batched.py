"""Fields the compiled read path answers with one batched read per plan rather than from the row's
own columns: aggregates and rules over other rows (B3 open receivables, B4 remaining amount, B5 credit
hold). Each takes the actor and the rows and returns {row id: value}, exactly what the resolver answers.
Receivables are per currency (no exchange rates): an account's are those in its own currency."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

from app.auth import Actor
from app.services.credit import on_hold
from app.services.purchase_orders import drawn
from app.services.receivables import in_currency, open_receivables_by_currency
from models import Account


@dataclass(frozen=True)
class Batched:
    """A field computed for all rows of a plan at once, from `columns` of each row."""

    columns: tuple[str, ...]
    load: Callable[[Actor, list[dict[str, Any]]], Awaitable[dict[Any, Any]]]


async def _remaining(actor: Actor, rows: list[dict[str, Any]]) -> dict[Any, Any]:
    used = await drawn(None, [r["id"] for r in rows])
    return {r["id"]: r["amount"] - used.get(str(r["id"]), Decimal(0)) for r in rows}


async def _receivables(actor: Actor, rows: list[dict[str, Any]]) -> dict[Any, Any]:
    totals = await open_receivables_by_currency([r["id"] for r in rows])
    return {r["id"]: in_currency(totals.get(str(r["id"]), {}), r["currency"]) for r in rows}


async def _receivables_by_currency(actor: Actor, rows: list[dict[str, Any]]) -> dict[Any, Any]:
    """Account.openReceivablesByCurrency: every nonzero currency, sorted, as {currency, amount} objects."""
    totals = await open_receivables_by_currency([r["id"] for r in rows])
    return {
        r["id"]: [{"currency": c, "amount": a} for c, a in sorted(totals.get(str(r["id"]), {}).items())] for r in rows
    }


async def _credit_hold(actor: Actor, rows: list[dict[str, Any]]) -> dict[Any, Any]:
    # The order is in scope, so its account is (S3 scopes orders through their account).
    drafts = [r for r in rows if r["status"] == "DRAFT"]
    account_ids = list({r["account_id"] for r in drafts})
    accounts = await Account.filter(id__in=account_ids).values_list("id", "currency", "credit_limit") if drafts else []
    limits = {str(a): (currency, limit) for a, currency, limit in accounts}
    owed = await open_receivables_by_currency(account_ids) if drafts else {}

    def held(r: dict[str, Any]) -> bool:
        if str(r["account_id"]) not in limits:
            return False
        currency, limit = limits[str(r["account_id"])]
        receivables = in_currency(owed.get(str(r["account_id"]), {}), currency)
        return on_hold(cast(Any, SimpleNamespace(**r)), currency, limit, receivables)

    return {r["id"]: held(r) for r in rows}


REMAINING_AMOUNT = Batched(("amount",), _remaining)
OPEN_RECEIVABLES = Batched(("currency",), _receivables)
OPEN_RECEIVABLES_BY_CURRENCY = Batched((), _receivables_by_currency)
CREDIT_HOLD = Batched(("status", "total_amount", "credit_approved_amount", "account_id", "currency"), _credit_hold)
