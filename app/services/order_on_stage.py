"""R1: moving an opportunity's stage; reaching the `orderOnStage` stage orders its primary quote
(the O rules, `create_orders`) in the same transaction, or refuses the move with the O rule's code."""

from app.auth import Actor, Permission, requires
from app.services import commands as cmd
from app.services.create_orders import create_orders
from app.services.reference_data import get_settings
from app.services.scoping import get_scoped
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import Opportunity, Order


class OpportunityStageService:
    @requires(Permission.EDIT_OPPORTUNITIES)
    async def update_stage(self, actor: Actor, data: cmd.UpdateOpportunityStage) -> Opportunity:
        """R1: the stage change and the orders it triggers are one unit of work: all or nothing."""
        async with unit_of_work(actor) as uow:
            opportunity = await get_scoped(
                actor,
                Opportunity.all().using_db(uow.tx).select_for_update(),
                data.opportunity_id,
                "Opportunity",
                "opportunityId",
            )
            previous = opportunity.stage
            opportunity.stage = data.stage
            await opportunity.save(using_db=uow.tx, update_fields=["stage", "updated_at"])
            if previous != data.stage:
                await order_on_stage(uow, actor, opportunity)
        return opportunity


async def order_on_stage(uow: UnitOfWork, actor: Actor, opportunity: Opportunity) -> list[Order]:
    """R1: on reaching `orderOnStage` (null = off), orders from the primary quote, O1-O10 as
    `createOrdersFromQuote` would; a refusal (NO_PRIMARY_QUOTE, QUOTE_NOT_APPROVED, ...) propagates
    and rolls the stage change back."""
    settings = await get_settings()
    if settings.order_on_stage is None or opportunity.stage != settings.order_on_stage:
        return []
    actor.require(Permission.CREATE_ORDERS)
    return await create_orders.create_in(uow, actor, cmd.CreateOrdersFromQuote(opportunity_id=str(opportunity.id)))


opportunity_stages = OpportunityStageService()
