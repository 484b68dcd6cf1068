"""B3: an account's open receivables, the one number credit limits (B5) are judged against."""

from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient


async def open_receivables(account_id: Any, using: BaseDBAsyncClient | None = None) -> Decimal:
    """The sum of the balances of the account's POSTED, unpaid invoices (B3).

    Invoices arrive with the billing models (B2); until they are merged no account owes anything."""
    return Decimal("0")


async def open_receivables_by_account(account_ids: list[Any]) -> dict[str, Decimal]:
    """`open_receivables` for many accounts in one query (DataLoaders)."""
    return {str(a): Decimal("0") for a in account_ids}
