"""Object types of the daily run (R3) and of the metrics (N1)."""

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from app.services.daily_run import DailyRun as DailyRunResult
from app.services.metrics_report import MetricsScope, metrics_report
from schema.billing import Invoice
from schema.contracts import Contract, Obligation
from schema.sales import Opportunity


@strawberry.type
class DailyRun:
    as_of: date
    renewal_opportunities: list[Opportunity]
    activated_contracts: list[Contract]
    expired_contracts: list[Contract]
    overdue_obligations: list[Obligation]
    invoices: list[Invoice]

    @classmethod
    def from_result(cls, run: DailyRunResult) -> "DailyRun":
        found = run.found
        return cls(
            as_of=run.as_of,
            renewal_opportunities=[Opportunity.from_model(o) for o in found.get("renewal_opportunities", [])],
            activated_contracts=[Contract.from_model(c) for c in found.get("activated_contracts", [])],
            expired_contracts=[Contract.from_model(c) for c in found.get("expired_contracts", [])],
            overdue_obligations=[Obligation.from_model(o) for o in found.get("overdue_obligations", [])],
            invoices=[Invoice.from_model(i) for i in found.get("invoices", [])],
        )


@strawberry.type
class BookingMonth:
    month: str
    amount: Decimal


@strawberry.type
class Metrics:
    """Each number is one SQL aggregate, computed only when selected."""

    scope: strawberry.Private[MetricsScope]

    @strawberry.field
    def as_of(self) -> date:
        return self.scope.as_of

    @strawberry.field
    def account_id(self) -> strawberry.ID | None:
        ids = self.scope.account_ids
        return strawberry.ID(str(ids[0])) if ids is not None and len(ids) == 1 else None

    @strawberry.field
    async def mrr(self) -> Decimal:
        return await metrics_report.mrr(self.scope)

    @strawberry.field
    async def arr(self) -> Decimal:
        return 12 * await metrics_report.mrr(self.scope)

    @strawberry.field
    async def tcv(self) -> Decimal:
        return (await metrics_report.contract_values(self.scope))[0]

    @strawberry.field
    async def acv(self) -> Decimal:
        return (await metrics_report.contract_values(self.scope))[1]

    @strawberry.field
    async def bookings(self, months: int = 12) -> list[BookingMonth]:
        rows = await metrics_report.bookings(self.scope, min(max(months, 1), 120))
        return [BookingMonth(month=m, amount=a) for m, a in rows]

    @strawberry.field
    async def renewal_rate(self, months: int = 12) -> Decimal | None:
        return await metrics_report.renewal_rate(self.scope, min(max(months, 1), 120))


def metrics_of(scope: Any) -> Metrics:
    return Metrics(scope=scope)
