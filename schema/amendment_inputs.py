"""Input types of amendments (C9), orders from a contract's price agreement (C10) and termination (C11)."""

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import UNSET


@strawberry.input
class AmendContractInput:
    contract_id: strawberry.ID
    effective_date: date
    idempotency_key: str | None = UNSET


@strawberry.input
class ContractLineInput:
    product_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class CreateOrderFromContractInput:
    contract_id: strawberry.ID
    lines: list[ContractLineInput]
    order_start_date: date | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class TerminateContractInput:
    contract_id: strawberry.ID
    termination_date: date
    reason: str
    version: int | None = strawberry.field(default=UNSET, description="C6/D5: checked when given.")
    idempotency_key: str | None = UNSET
