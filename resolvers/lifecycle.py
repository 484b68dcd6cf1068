"""Mutations of the order lifecycle: each parses its input, calls one service method, shapes the payload."""

import strawberry
from strawberry.types import Info

from app.services import registry
from resolvers.common import input_to_dict, run_mutation
from schema import inputs as i
from schema import payloads as p
from schema.contracts import Contract
from schema.orders import Order


def _order(o: object) -> dict:
    return {"order": Order.from_model(o)}


def _version(value: int | None) -> int | None:
    return value if isinstance(value, int) else None


@strawberry.type
class LifecycleMutation:
    @strawberry.mutation(description="A1: DRAFT -> ACTIVATED; locks the order. Needs ACTIVATE_ORDERS.")
    async def activate_order(self, info: Info, input: i.ActivateOrderInput) -> p.ActivateOrderPayload:
        return await run_mutation(
            info,
            p.ActivateOrderPayload,
            input,
            lambda a: registry.lifecycle.activate(a, input.order_id, _version(input.version)),
            _order,
        )

    @strawberry.mutation(description="A2: ACTIVATED -> DRAFT for an order neither contracted nor fulfilled.")
    async def deactivate_order(self, info: Info, input: i.DeactivateOrderInput) -> p.DeactivateOrderPayload:
        return await run_mutation(
            info,
            p.DeactivateOrderPayload,
            input,
            lambda a: registry.lifecycle.deactivate(a, input.order_id, _version(input.version)),
            _order,
        )

    @strawberry.mutation(description="C1/C2: one contract per activated order, with subscriptions.")
    async def contract_order(self, info: Info, input: i.ContractOrderInput) -> p.ContractOrderPayload:
        return await run_mutation(
            info,
            p.ContractOrderPayload,
            input,
            lambda a: registry.lifecycle.contract(a, input.order_id),
            lambda r: {"order": Order.from_model(r[0]), "contract": Contract.from_model(r[1])},
        )

    @strawberry.mutation(description="C4: clears the order's contracted flag; items keep theirs.")
    async def uncontract_order(self, info: Info, input: i.UncontractOrderInput) -> p.UncontractOrderPayload:
        return await run_mutation(
            info, p.UncontractOrderPayload, input, lambda a: registry.lifecycle.uncontract(a, input.order_id), _order
        )

    @strawberry.mutation(description="I1: an in-flight change of an ACTIVATED / IN_FULFILLMENT order; needs version.")
    async def change_order(self, info: Info, input: i.ChangeOrderInput) -> p.ChangeOrderPayload:
        return await run_mutation(
            info, p.ChangeOrderPayload, input, lambda a: registry.changes.change(a, input_to_dict(input)), _order
        )

    @strawberry.mutation(description="I2: cancels what is not shipped, with a reason; I3 releases quote quantity.")
    async def cancel_order(self, info: Info, input: i.CancelOrderInput) -> p.CancelOrderPayload:
        return await run_mutation(
            info,
            p.CancelOrderPayload,
            input,
            lambda a: registry.lifecycle.cancel(a, input.order_id, input.reason, _version(input.version)),
            _order,
        )

    @strawberry.mutation(description="A4: records shipped quantities; ACTIVATED -> IN_FULFILLMENT -> FULFILLED.")
    async def ship_order_items(self, info: Info, input: i.ShipOrderItemsInput) -> p.ShipOrderItemsPayload:
        return await run_mutation(
            info,
            p.ShipOrderItemsPayload,
            input,
            lambda a: registry.lifecycle.ship(a, input.order_id, input_to_dict(input)["items"]),
            _order,
        )

    @strawberry.mutation(description="A4: FULFILLED -> COMPLETED (billed in full).")
    async def complete_order(self, info: Info, input: i.CompleteOrderInput) -> p.CompleteOrderPayload:
        return await run_mutation(
            info, p.CompleteOrderPayload, input, lambda a: registry.lifecycle.complete(a, input.order_id), _order
        )
