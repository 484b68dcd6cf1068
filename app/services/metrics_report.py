"""N1: the numbers the business runs on, as of a date, in total or for one account, computed by SQL
aggregates over the live records the API serves (never a copy that could drift). Scoped keys (S3)
see only their accounts. (app/metrics.py is the Prometheus endpoint, a different thing.)

Definitions:
- MRR: over subscriptions ACTIVE on the as-of date (start <= asOf <= end) of contracts that were
  activated (ACTIVATED, EXPIRED, RENEWED, TERMINATED), the sum of quantity x monthly net price, where
  the monthly net price is the net price over the term it prices (the original subscription's item
  term, else the contract's term; an amendment delta carries its original's full-term price, C9).
  Rounded half-up to cents. ARR = 12 x MRR.
- TCV of a contract: the total of its contracted, not cancelled orders (amendment deltas included);
  ACV = TCV x 12 / term for a term over 12 months, else TCV. `tcv`/`acv` sum these over the contracts
  in force on the as-of date (start <= asOf <= end).
- bookings(months): activated order totals per calendar month of activation, the given number of
  months up to the as-of date's month (zeros included), oldest first.
- renewalRate(months): of the contracts that came due (ended) in the given months before the as-of
  date, the share that was renewed (a contract renewedFrom them); null when none came due.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from tortoise import connections

from app.auth import Actor, Permission, requires
from app.services.pricing import round_money
from app.services.scoping import account_scope, get_scoped, scoped
from models import Account

IN_FORCE = "('ACTIVATED', 'EXPIRED', 'RENEWED', 'TERMINATED')"
RATE = Decimal("0.0001")


@dataclass(frozen=True)
class MetricsScope:
    """An as-of date and the accounts counted (None: every account)."""

    as_of: date
    account_ids: tuple[Any, ...] | None


class _Sql:
    """Placeholders and parameter types for the database in use (SQLite keeps dates and ids as text)."""

    def __init__(self) -> None:
        self.conn = connections.get("default")
        self.postgres = self.conn.capabilities.dialect == "postgres"
        self.values: list[Any] = []

    def param(self, value: Any) -> str:
        if not self.postgres and isinstance(value, date):
            value = value.isoformat()
        self.values.append(value if self.postgres else str(value) if not isinstance(value, str) else value)
        return f"${len(self.values)}" if self.postgres else f"?{len(self.values)}"

    def accounts(self, column: str, scope: MetricsScope) -> str:
        if scope.account_ids is None:
            return ""
        if not scope.account_ids:
            return " AND 1 = 0"
        return f" AND {column} IN ({', '.join(self.param(a) for a in scope.account_ids)})"

    async def rows(self, sql: str) -> list[dict[str, Any]]:
        return list(await self.conn.execute_query_dict(sql, self.values))


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


class MetricsReportService:
    @requires(Permission.READ)
    async def scope(self, actor: Actor, as_of: date, account_id: str | None) -> MetricsScope:
        """S3: one account (NOT_FOUND outside the key's scope), else every account the key sees."""
        if account_id is not None:
            account = await get_scoped(actor, Account.all(), account_id, "Account", "accountId")
            return MetricsScope(as_of, (account.id,))
        if account_scope(actor, "id") is None:
            return MetricsScope(as_of, None)
        return MetricsScope(as_of, tuple(await scoped(actor, Account.all()).values_list("id", flat=True)))

    async def mrr(self, scope: MetricsScope) -> Decimal:
        sql = _Sql()
        day = sql.param(scope.as_of)
        query = f"""
            SELECT SUM(s.quantity * s.net_price / COALESCE(oi.subscription_term, c.term, 12)) AS mrr
            FROM subscription s
            JOIN subscription o ON o.id = COALESCE(s.revises_id, s.id)
            JOIN order_item oi ON oi.id = o.order_item_id
            JOIN contract c ON c.id = s.contract_id
            WHERE s.status = 'ACTIVE' AND c.status IN {IN_FORCE}
              AND s.start_date <= {day} AND s.end_date >= {day}{sql.accounts("s.account_id", scope)}"""
        rows = await sql.rows(query)
        return round_money(_decimal(rows[0]["mrr"]))

    async def contract_values(self, scope: MetricsScope) -> tuple[Decimal, Decimal]:
        """(TCV, ACV) summed over the contracts in force on the as-of date."""
        sql = _Sql()
        day = sql.param(scope.as_of)
        query = f"""
            SELECT SUM(v.tcv) AS tcv,
                   SUM(CASE WHEN v.term > 12 THEN v.tcv * 12 / v.term ELSE v.tcv END) AS acv
            FROM (
                SELECT c.id, COALESCE(c.term, 12) AS term, SUM(o.total_amount) AS tcv
                FROM contract c JOIN "order" o ON o.contract_id = c.id
                WHERE c.status IN {IN_FORCE} AND o.contracted = TRUE AND o.status <> 'CANCELLED'
                  AND c.start_date <= {day} AND c.end_date >= {day}{sql.accounts("c.account_id", scope)}
                GROUP BY c.id, c.term
            ) v"""
        row = (await sql.rows(query))[0]
        return round_money(_decimal(row["tcv"])), round_money(_decimal(row["acv"]))

    async def bookings(self, scope: MetricsScope, months: int) -> list[tuple[str, Decimal]]:
        sql = _Sql()
        first = scope.as_of.replace(day=1) - relativedelta(months=max(months, 1) - 1)
        end = scope.as_of.replace(day=1) + relativedelta(months=1)
        month = (
            "to_char(o.activated_at AT TIME ZONE 'UTC', 'YYYY-MM')" if sql.postgres else "substr(o.activated_at, 1, 7)"
        )
        start_param, end_param = sql.param(first), sql.param(end)
        query = f"""
            SELECT {month} AS month, SUM(o.total_amount) AS amount
            FROM "order" o
            WHERE o.activated_at IS NOT NULL AND o.status <> 'CANCELLED'
              AND o.activated_at >= {start_param} AND o.activated_at < {end_param}{sql.accounts("o.account_id", scope)}
            GROUP BY {month}"""
        totals = {r["month"]: round_money(_decimal(r["amount"])) for r in await sql.rows(query)}
        keys = [(first + relativedelta(months=n)).strftime("%Y-%m") for n in range(max(months, 1))]
        return [(k, totals.get(k, Decimal("0.00"))) for k in keys]

    async def renewal_rate(self, scope: MetricsScope, months: int) -> Decimal | None:
        sql = _Sql()
        since = sql.param(scope.as_of - relativedelta(months=max(months, 1)))
        until = sql.param(scope.as_of)
        query = f"""
            SELECT COUNT(*) AS due,
                   COUNT(CASE WHEN EXISTS (
                       SELECT 1 FROM contract r WHERE r.renewed_from_id = c.id AND r.status <> 'CANCELLED'
                   ) OR c.status = 'RENEWED' THEN 1 END) AS renewed
            FROM contract c
            WHERE c.status IN ('ACTIVATED', 'EXPIRED', 'RENEWED')
              AND c.end_date >= {since} AND c.end_date < {until}{sql.accounts("c.account_id", scope)}"""
        row = (await sql.rows(query))[0]
        due = int(row["due"] or 0)
        if due == 0:
            return None
        return (Decimal(int(row["renewed"] or 0)) / Decimal(due)).quantize(RATE, rounding=ROUND_HALF_UP)


metrics_report = MetricsReportService()
