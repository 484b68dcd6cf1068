"""C7: a contract's obligations (OPEN -> DONE | WAIVED; overdue derived for an as-of date) and milestones."""

from datetime import date

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, not_found
from app.services import commands as cmd
from app.services.contract_workflow import lock_contract, required_text
from app.services.scoping import get_scoped, parse_id
from app.services.unit_of_work import unit_of_work
from app.services.versions import bump
from models import ApiKey, Milestone, Obligation
from models.enums import ContractEventType, ObligationStatus


def is_overdue(obligation: Obligation, as_of: date) -> bool:
    """C7: open and past due on the as-of date."""
    return obligation.status == ObligationStatus.OPEN and obligation.due_date < as_of


class ObligationService:
    @requires(Permission.MANAGE_CONTRACTS)
    async def add_obligation(self, actor: Actor, data: cmd.AddObligation) -> Obligation:
        """C7: an OPEN obligation with an owner (an API key) and a due date."""
        title = required_text(data.title, "title")
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id)
            owner = None
            if data.owner_key_id is not None:
                owner = (
                    await ApiKey.filter(id=parse_id(data.owner_key_id, "API key", "ownerKeyId"))
                    .using_db(uow.tx)
                    .first()
                )
                if owner is None:
                    raise not_found("API key", "ownerKeyId")
            obligation = Obligation(
                contract_id=contract.id, title=title, due_date=data.due_date, owner_key_id=owner.id if owner else None
            )
            await obligation.save(using_db=uow.tx)
            changes = {"obligationId": str(obligation.id), "title": title, "dueDate": data.due_date.isoformat()}
            await bump(uow, contract, ContractEventType.OBLIGATION_ADDED, changes)
        return obligation

    @requires(Permission.MANAGE_CONTRACTS)
    async def update_obligation(self, actor: Actor, data: cmd.UpdateObligation) -> Obligation:
        """C7: OPEN -> DONE | WAIVED, once."""
        async with unit_of_work(actor) as uow:
            obligation: Obligation = await get_scoped(
                actor,
                Obligation.all().using_db(uow.tx).select_for_update(),
                data.obligation_id,
                "Obligation",
                "obligationId",
            )
            if data.status == ObligationStatus.OPEN or obligation.status != ObligationStatus.OPEN:
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"An obligation moves OPEN -> DONE or WAIVED once; this one is {obligation.status} (C7).",
                    "status",
                )
            contract = await lock_contract(actor, uow, str(obligation.contract_id))
            obligation.status = data.status
            await obligation.save(using_db=uow.tx, update_fields=["status", "updated_at"])
            changes = {"obligationId": str(obligation.id), "status": str(data.status)}
            await bump(uow, contract, ContractEventType.OBLIGATION_UPDATED, changes)
        return obligation

    @requires(Permission.MANAGE_CONTRACTS)
    async def add_milestone(self, actor: Actor, data: cmd.AddMilestone) -> Milestone:
        """C7: a dated milestone; reached is derived from the as-of date."""
        title = required_text(data.title, "title")
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id)
            milestone = Milestone(contract_id=contract.id, title=title, date=data.date)
            await milestone.save(using_db=uow.tx)
            changes = {"milestoneId": str(milestone.id), "title": title, "date": data.date.isoformat()}
            await bump(uow, contract, ContractEventType.MILESTONE_ADDED, changes)
        return milestone


obligations = ObligationService()
