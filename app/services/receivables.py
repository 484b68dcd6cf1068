"""B3: an account's open receivables, the one number credit limits (B5) are judged against."""

from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.functions import Sum

from models import Invoice
from models.enums import InvoiceStatus


async def open_receivables_by_account(
    account_ids: list[Any], using: BaseDBAsyncClient | None = None
) -> dict[str, Decimal]:
    """B3: per account, the sum of the balances of its POSTED (not yet paid) invoices, in one
    aggregate query. A posted credit note's negative balance lowers it."""
    rows = (
        await Invoice.filter(account_id__in=account_ids, status=InvoiceStatus.POSTED)
        .using_db(using)
        .annotate(owed=Sum("balance"))
        .group_by("account_id")
        .values("account_id", "owed")
    )
    return {str(r["account_id"]): Decimal(str(r["owed"] or 0)).quantize(Decimal("0.01")) for r in rows}


async def open_receivables(account_id: Any, using: BaseDBAsyncClient | None = None) -> Decimal:
    """B3: the account's open receivables (B5 judges credit limits against it)."""
    return (await open_receivables_by_account([account_id], using)).get(str(account_id), Decimal("0.00"))
