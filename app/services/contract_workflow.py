"""C6: a contract's way from request to signature: requested from an approved quote, submitted,
approved or rejected (APPROVE_CONTRACTS), sent for signature, signed, activated, or cancelled.
Every move goes through CONTRACT_STATES (`move_contract`), which bumps the version and writes the
event on the contract's own stream."""

from datetime import UTC, datetime

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services import order_dates
from app.services.reference_data import next_number
from app.services.scoping import get_scoped, parse_id
from app.services.states import move_contract
from app.services.unit_of_work import UnitOfWork, unit_of_work
from app.services.versions import bump, check_version
from models import Contract, Quote, QuoteLine, Signatory
from models.enums import ContractEventType, ContractStatus, OrderType, QuoteStatus

# O2's reading of "approved": a quote presented or accepted after approval still counts.
APPROVED_QUOTES = (QuoteStatus.APPROVED, QuoteStatus.PRESENTED, QuoteStatus.ACCEPTED)


async def lock_contract(actor: Actor, uow: UnitOfWork, contract_id: str, version: int | None = None) -> Contract:
    """S3 then D5: a foreign id answers like a missing one; a stale version is VERSION_CONFLICT."""
    contract: Contract = await get_scoped(
        actor, Contract.all().using_db(uow.tx).select_for_update(), contract_id, "Contract", "contractId"
    )
    check_version(contract, version, required=False)
    return contract


def required_text(text: str, field: str) -> str:
    """A reason or a title: blank is VALIDATION_ERROR on that field."""
    value = (text or "").strip()
    if not value:
        raise invalid(f"Give a {field}.", field)
    return value


class ContractWorkflowService:
    @requires(Permission.MANAGE_CONTRACTS)
    async def create_from_quote(self, actor: Actor, data: cmd.CreateContractFromQuote) -> Contract:
        """C6: account, dates, term, uplift and renewal term from an APPROVED quote."""
        async with unit_of_work(actor) as uow:
            quote = await get_scoped(
                actor, Quote.all().using_db(uow.tx).select_for_update(), data.quote_id, "Quote", "quoteId"
            )
            if quote.status not in APPROVED_QUOTES:
                raise DomainError(
                    ErrorCode.QUOTE_NOT_APPROVED,
                    f"Quote {quote.number} is {quote.status}; a contract is requested from an approved quote (C6).",
                    "quoteId",
                )
            live = Contract.filter(quote_id=quote.id).exclude(status=ContractStatus.CANCELLED).using_db(uow.tx)
            if existing := await live.first():
                raise DomainError(
                    ErrorCode.ALREADY_CONTRACTED,
                    f"Quote {quote.number} already has contract {existing.number} (C6).",
                    "quoteId",
                )
            contract = Contract(
                number=await next_number(uow.tx, "contract"),
                account_id=quote.account_id,
                quote_id=quote.id,
                status=ContractStatus.DRAFT,
                type=OrderType.NEW,
                renewal_uplift_percent=quote.renewal_uplift_percent,
            )
            order_dates.follow_quote(contract, quote, await QuoteLine.filter(quote_id=quote.id).using_db(uow.tx))
            contract.renewal_term = quote.renewal_term or contract.term
            await contract.save(using_db=uow.tx)
            uow.record(contract, ContractEventType.CREATED, {"quoteId": str(quote.id), "quoteNumber": quote.number})
        return contract

    async def _move(
        self, actor: Actor, data: cmd.ContractTransition, target: ContractStatus, changes: dict | None = None
    ) -> Contract:
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id, data.version)
            await move_contract(uow, contract, target, changes)
        return contract

    @requires(Permission.MANAGE_CONTRACTS)
    async def submit(self, actor: Actor, data: cmd.ContractTransition) -> Contract:
        return await self._move(actor, data, ContractStatus.IN_APPROVAL)

    @requires(Permission.APPROVE_CONTRACTS)
    async def approve(self, actor: Actor, data: cmd.ContractTransition) -> Contract:
        """C6/S2: approving needs APPROVE_CONTRACTS (LEGAL, SALES_OPS, ADMIN)."""
        return await self._move(actor, data, ContractStatus.APPROVED)

    @requires(Permission.APPROVE_CONTRACTS)
    async def reject(self, actor: Actor, data: cmd.ContractTransitionWithReason) -> Contract:
        """C6: IN_APPROVAL -> DRAFT, with a reason."""
        return await self._move(actor, data, ContractStatus.DRAFT, {"reason": required_text(data.reason, "reason")})

    @requires(Permission.MANAGE_CONTRACTS)
    async def cancel(self, actor: Actor, data: cmd.ContractTransitionWithReason) -> Contract:
        """C6: only before signature (the table), with a reason."""
        return await self._move(actor, data, ContractStatus.CANCELLED, {"reason": required_text(data.reason, "reason")})

    @requires(Permission.MANAGE_CONTRACTS)
    async def send_for_signature(self, actor: Actor, data: cmd.SendContractForSignature) -> Contract:
        """C6: names the signatories (customer and internal) that must all sign."""
        if not data.signatories:
            raise invalid("Name at least one signatory.", "signatories")
        for s in data.signatories:
            if not s.name.strip() or "@" not in s.email:
                raise invalid("A signatory needs a name and an email address.", "signatories")
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id, data.version)
            rows = [
                Signatory(contract_id=contract.id, name=s.name.strip(), email=s.email.strip(), kind=s.kind, position=n)
                for n, s in enumerate(data.signatories)
            ]
            await move_contract(uow, contract, ContractStatus.SENT_FOR_SIGNATURE, {"signatories": len(rows)})
            await Signatory.bulk_create(rows, using_db=uow.tx)
        return contract

    @requires(Permission.MANAGE_CONTRACTS)
    async def sign(self, actor: Actor, data: cmd.SignContract) -> Contract:
        """C6: SIGNED when the last signatory signs; ACTIVATED at once when its start date has passed
        (a future start is activated by the daily run, R3)."""
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id)
            signatory = (
                await Signatory.filter(
                    id=parse_id(data.signatory_id, "Signatory", "signatoryId"), contract_id=contract.id
                )
                .using_db(uow.tx)
                .first()
            )
            if signatory is None:
                raise DomainError(ErrorCode.NOT_FOUND, "Signatory not found on this contract.", "signatoryId")
            if contract.status != ContractStatus.SENT_FOR_SIGNATURE or signatory.signed_at is not None:
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION,
                    f"Contract {contract.number} is {contract.status}"
                    + ("; this signatory has signed already" if signatory.signed_at else "")
                    + " (C6).",
                    "signatoryId",
                )
            now = datetime.now(UTC)
            signatory.signed_at = now
            await signatory.save(using_db=uow.tx, update_fields=["signed_at"])
            await bump(
                uow, contract, ContractEventType.SIGNED, {"signatoryId": str(signatory.id), "name": signatory.name}
            )
            if not await Signatory.filter(contract_id=contract.id, signed_at=None).using_db(uow.tx).exists():
                await move_contract(uow, contract, ContractStatus.SIGNED)
                if contract.start_date is not None and contract.start_date <= now.date():
                    await move_contract(uow, contract, ContractStatus.ACTIVATED)
        return contract


contract_workflow = ContractWorkflowService()
