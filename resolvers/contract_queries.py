"""Root query fields for contracts and the order status machine."""

import strawberry
from strawberry.types import Info

from app.services.scoping import parse_id
from app.services.states import ORDER_STATES
from models import Contract as ContractModel
from resolvers.common import filter_values
from schema.common import Connection
from schema.contract_inputs import ContractFilter, ContractSort
from schema.contracts import Contract, OrderStatusTransition


@strawberry.type
class ContractQuery:
    @strawberry.field
    async def contract(self, info: Info, id: strawberry.ID) -> Contract | None:
        from resolvers.queries import _one

        return await _one(info, ContractModel, id, Contract.from_model)

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

        f = filter_values(filter)
        qs = ContractModel.all()
        if f.get("account_id"):
            qs = qs.filter(account_id=parse_id(f["account_id"], "Account", "filter.accountId"))
        return await _connection(info, qs, Contract.from_model, sort, first, after)

    @strawberry.field(description="A4: the order status machine, as the table the service enforces.")
    def order_status_transitions(self) -> list[OrderStatusTransition]:
        return [OrderStatusTransition(from_status=t.source, to_status=t.target) for t in ORDER_STATES.transitions]
