"""B3: an account's open receivables, per currency. There are no exchange rates in the product, so
amounts in different currencies are never added: B5 judges the credit limit (in the account's
currency) against the open receivables in that currency only."""

from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.services.money_sums import sums_by
from models import Invoice
from models.enums import InvoiceStatus

ZERO = Decimal("0.00")


async def open_receivables_by_currency(
    account_ids: list[Any], using: BaseDBAsyncClient | None = None
) -> dict[str, dict[str, Decimal]]:
    """B3: per account, per currency, the sum of the balances of its POSTED (not yet paid) invoices, in
    one aggregate query. A posted credit note's negative balance lowers it. Only nonzero sums are
    listed: a currency whose balances net to zero has nothing open."""
    query = Invoice.filter(account_id__in=account_ids, status=InvoiceStatus.POSTED)
    totals: dict[str, dict[str, Decimal]] = {}
    for (account_id, currency), owed in (await sums_by(query, "balance", ("account_id", "currency"), using)).items():
        if owed != 0:
            totals.setdefault(str(account_id), {})[currency] = owed.quantize(ZERO)
    return totals


def in_currency(totals: dict[str, Decimal], currency: str) -> Decimal:
    """B3: the open receivables in one currency, of one account's `open_receivables_by_currency` entry."""
    return totals.get(currency, ZERO)


async def open_receivables(account_id: Any, currency: str, using: BaseDBAsyncClient | None = None) -> Decimal:
    """B3: the account's open receivables in `currency` (B5 judges the credit limit against those in
    the account's currency)."""
    totals = await open_receivables_by_currency([account_id], using)
    return in_currency(totals.get(str(account_id), {}), currency)
