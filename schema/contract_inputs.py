"""Input types of the contract workflow (C6) and of obligations and milestones (C7)."""

from datetime import date

import strawberry
from strawberry import UNSET

from schema.enums import ContractSortField, ObligationStatus, SignatoryKind, SortDirection


@strawberry.input
class ContractFilter:
    account_id: strawberry.ID | None = UNSET


@strawberry.input
class ContractSort:
    field: ContractSortField = ContractSortField.CREATED_AT
    direction: SortDirection = SortDirection.ASC


# Contracts after signature (C6, C7)
@strawberry.input
class CreateContractFromQuoteInput:
    quote_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class ContractTransitionInput:
    contract_id: strawberry.ID
    version: int | None = strawberry.field(default=UNSET, description="C6/D5: checked when given.")
    idempotency_key: str | None = UNSET


@strawberry.input
class SubmitContractInput(ContractTransitionInput):
    pass


@strawberry.input
class ApproveContractInput(ContractTransitionInput):
    pass


@strawberry.input
class RejectContractInput(ContractTransitionInput):
    reason: str


@strawberry.input
class CancelContractInput(ContractTransitionInput):
    reason: str


@strawberry.input
class SignatoryInput:
    name: str
    email: str
    kind: SignatoryKind


@strawberry.input
class SendContractForSignatureInput(ContractTransitionInput):
    signatories: list[SignatoryInput]


@strawberry.input
class SignContractInput:
    contract_id: strawberry.ID
    signatory_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class AddObligationInput:
    contract_id: strawberry.ID
    title: str
    due_date: date
    owner_key_id: strawberry.ID | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class UpdateObligationInput:
    obligation_id: strawberry.ID
    status: ObligationStatus
    idempotency_key: str | None = UNSET


@strawberry.input
class AddMilestoneInput:
    contract_id: strawberry.ID
    title: str
    date: date
    idempotency_key: str | None = UNSET
