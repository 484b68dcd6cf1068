"""Commands of amendments (C9), orders from a contract's price agreement (C10) and termination (C11)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.services.commands import Command


@dataclass(frozen=True, kw_only=True)
class AmendContract(Command):
    contract_id: str
    effective_date: date


@dataclass(frozen=True, kw_only=True)
class ContractLine(Command):
    product_id: str
    quantity: Decimal


@dataclass(frozen=True, kw_only=True)
class CreateOrderFromContract(Command):
    contract_id: str
    lines: list[ContractLine]
    order_start_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class TerminateContract(Command):
    contract_id: str
    termination_date: date
    reason: str
    version: int | None = None
