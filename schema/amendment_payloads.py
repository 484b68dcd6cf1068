"""Payloads of amendments (C9), orders from a contract's price agreement (C10) and termination (C11)."""

import strawberry

from schema.common import UserError
from schema.contracts import Contract
from schema.orders import Order
from schema.sales import Quote


@strawberry.type
class AmendContractPayload:
    errors: list[UserError]
    quote: Quote | None = None


@strawberry.type
class CreateOrderFromContractPayload:
    errors: list[UserError]
    order: Order | None = None


@strawberry.type
class TerminateContractPayload:
    errors: list[UserError]
    contract: Contract | None = None
