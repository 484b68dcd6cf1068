"""Root query fields for contracts and the order status machine."""

import strawberry
from strawberry.types import Info

from app.services.common import parse_id
from app.services.states import ORDER_STATES
from models import Contract as ContractModel
from resolvers.common import input_to_dict
from schema.common import Connection
from schema.contracts import Contract, OrderStatusTransition
from schema.inputs import ContractFilter, ContractSort


@strawberry.type
class ContractQuery:
    @strawberry.field
    async def contract(self, info: Info, id: strawberry.ID) -> Contract | None:
        from resolvers.queries import _one

        return await _one(info, ContractModel, id, Contract.from_model)  # type: ignore[no-any-return]

    @strawberry.field
    async def contracts(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        filter: ContractFilter | None = None,
        sort: ContractSort | None = None,
    ) -> Connection[Contract]:
        from resolvers.queries import _connection

        f = input_to_dict(filter) if filter else {}
        qs = ContractModel.all()
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        return await _connection(info, qs, Contract.from_model, sort, first, after)  # type: ignore[no-any-return]

    @strawberry.field(description="A4: the order status machine, as the table the service enforces.")
    def order_status_transitions(self) -> list[OrderStatusTransition]:
        return [
            OrderStatusTransition(from_status=current, to_status=target)
            for current, targets in ORDER_STATES.transitions.items()
            for target in sorted(targets)
        ]
