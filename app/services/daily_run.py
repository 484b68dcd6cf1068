"""R3: the daily run for an as-of date. Its parts run in order, each in batches of BATCH rows by
keyset (contract or obligation id), one transaction per batch. Two runs at once (two processes on
PostgreSQL) queue on one advisory lock per batch and re-read what is left to do under it, and the
unique (part, subject) key of DailyRunMark backs that up: nothing is made twice.

The invoice run (B2) is the last part: every billing line due on the as-of date is invoiced once,
under the invoice run's own advisory lock (a line gets its invoice in the same transaction)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.services import renewals
from app.services.invoice_run import invoice_run
from app.services.reference_data import get_settings
from app.services.renewal_commands import RunDaily
from app.services.states import move_contract
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import Contract, DailyRunMark, Obligation
from models.enums import ContractEventType, ContractStatus, ObligationStatus

BATCH = 500
# pg_advisory_xact_lock key: one daily-run batch at a time across every process (R3).
DAILY_RUN_LOCK_KEY = 7_201_947_120

RENEWAL_MARK = "RENEWAL"
OVERDUE_MARK = "OBLIGATION_OVERDUE"


@dataclass
class DailyRun:
    """What one run made or changed, per part (the keys of PARTS)."""

    as_of: date
    found: dict[str, list[Any]] = field(default_factory=dict)


# A part handles one batch after a keyset cursor: what it made or changed, and the next cursor
# (None when it is done).
Part = Callable[[UnitOfWork, date, Any], Awaitable[tuple[list[Any], Any]]]


def _page(query: Any, tx: BaseDBAsyncClient, after: Any) -> Any:
    if after is not None:
        query = query.filter(id__gt=after)
    return query.using_db(tx).order_by("id").limit(BATCH).select_for_update()


def _next(page: list[Any]) -> Any:
    return page[-1].id if len(page) == BATCH else None


async def renewal_part(uow: UnitOfWork, as_of: date, after: Any) -> tuple[list[Any], Any]:
    """R2: ACTIVATED contracts ending within renewalLeadDays (or already past their end, not yet
    expired) with no renewal yet get their RENEWAL opportunity (and quote)."""
    settings = await get_settings()
    horizon = as_of + timedelta(days=settings.renewal_lead_days)
    page = await _page(Contract.filter(status=ContractStatus.ACTIVATED, end_date__lte=horizon), uow.tx, after)
    ids = [c.id for c in page]
    done = set(
        await DailyRunMark.filter(part=RENEWAL_MARK, subject_id__in=ids)
        .using_db(uow.tx)
        .values_list("subject_id", flat=True)
    )
    done |= set(
        await Contract.filter(renewed_from_id__in=ids)
        .exclude(status=ContractStatus.CANCELLED)
        .using_db(uow.tx)
        .values_list("renewed_from_id", flat=True)
    )
    due = [c for c in page if c.id not in done]
    made = await renewals.create_renewals(uow, due, settings)
    marks = [
        DailyRunMark(part=RENEWAL_MARK, subject_id=c.id, as_of=as_of, result_id=o.id)
        for c, o in zip(due, made, strict=True)
    ]
    await DailyRunMark.bulk_create(marks, using_db=uow.tx)
    return made, _next(page)


async def activation_part(uow: UnitOfWork, as_of: date, after: Any) -> tuple[list[Any], Any]:
    """C6: a SIGNED contract is ACTIVATED on its start date."""
    page = await _page(Contract.filter(status=ContractStatus.SIGNED, start_date__lte=as_of), uow.tx, after)
    for contract in page:
        await move_contract(uow, contract, ContractStatus.ACTIVATED, {"asOf": as_of.isoformat()})
    return page, _next(page)


async def expiry_part(uow: UnitOfWork, as_of: date, after: Any) -> tuple[list[Any], Any]:
    """C6/R4: an ACTIVATED contract past its end is EXPIRED, or RENEWED when a renewal contract
    (renewedFrom it) exists."""
    page = await _page(Contract.filter(status=ContractStatus.ACTIVATED, end_date__lt=as_of), uow.tx, after)
    renewed = set(
        await Contract.filter(renewed_from_id__in=[c.id for c in page])
        .exclude(status=ContractStatus.CANCELLED)
        .using_db(uow.tx)
        .values_list("renewed_from_id", flat=True)
    )
    for contract in page:
        target = ContractStatus.RENEWED if contract.id in renewed else ContractStatus.EXPIRED
        await move_contract(uow, contract, target, {"asOf": as_of.isoformat()})
    return page, _next(page)


async def overdue_part(uow: UnitOfWork, as_of: date, after: Any) -> tuple[list[Any], Any]:
    """C7: each obligation open and past due on the as-of date gets one OBLIGATION_OVERDUE event on
    its contract's stream, once (a run that was missed catches up the next day)."""
    page = await _page(Obligation.filter(status=ObligationStatus.OPEN, due_date__lt=as_of), uow.tx, after)
    ids = [o.id for o in page]
    done = set(
        await DailyRunMark.filter(part=OVERDUE_MARK, subject_id__in=ids)
        .using_db(uow.tx)
        .values_list("subject_id", flat=True)
    )
    due = [o for o in page if o.id not in done]
    contracts = {c.id: c for c in await Contract.filter(id__in=[o.contract_id for o in due]).using_db(uow.tx)}
    for o in due:
        changes = {"obligationId": str(o.id), "title": o.title, "dueDate": o.due_date.isoformat()}
        uow.record(contracts[o.contract_id], ContractEventType.OBLIGATION_OVERDUE, changes)
    marks = [DailyRunMark(part=OVERDUE_MARK, subject_id=o.id, as_of=as_of) for o in due]
    await DailyRunMark.bulk_create(marks, using_db=uow.tx)
    return due, _next(page)


async def invoice_part(uow: UnitOfWork, as_of: date, after: Any) -> tuple[list[Any], Any]:
    """B2: the invoice run for the as-of date, in one batch: it reads only the lines still unbilled,
    so a second run (or one after `runInvoices`) creates no invoice twice."""
    return await invoice_run(as_of, uow), None


# The parts, in the order they run (renewals before expiry: a contract is renewed before it ends;
# invoices last, so lines written by today's activations are billed the same day).
PARTS: dict[str, Part] = {
    "renewal_opportunities": renewal_part,
    "activated_contracts": activation_part,
    "expired_contracts": expiry_part,
    "overdue_obligations": overdue_part,
    "invoices": invoice_part,
}


async def _lock(tx: BaseDBAsyncClient) -> None:
    if tx.capabilities.dialect == "postgres":
        await tx.execute_query("SELECT pg_advisory_xact_lock($1)", [DAILY_RUN_LOCK_KEY])


class DailyRunService:
    @requires(Permission.RUN_DAILY)
    async def run(self, actor: Actor, data: RunDaily) -> DailyRun:
        """R3: every part, batch by batch; each batch is all or nothing and idempotent."""
        run = DailyRun(as_of=data.as_of or datetime.now(UTC).date())
        for name, part in PARTS.items():
            found = run.found.setdefault(name, [])
            after: Any = None
            while True:
                async with unit_of_work(actor) as uow:
                    await _lock(uow.tx)
                    made, after = await part(uow, run.as_of, after)
                found.extend(made)
                if after is None:
                    break
        return run


daily_run = DailyRunService()
