"""Root mutation fields: each parses its input, calls one service method and shapes the payload."""

import strawberry
from strawberry.types import Info

from app.services import registry
from models.enums import QuoteStatus as QS
from resolvers.common import input_to_dict, run_mutation
from resolvers.lifecycle import LifecycleMutation
from schema import inputs as i
from schema import payloads as p
from schema.orders import ApiKey, Order, Settings
from schema.sales import Account, Opportunity, Product, Quote


def _quote(q: object) -> dict:
    return {"quote": Quote.from_model(q)}


def _order(o: object) -> dict:
    return {"order": Order.from_model(o)}


@strawberry.type
class Mutation(LifecycleMutation):
    @strawberry.mutation
    async def update_settings(self, info: Info, input: i.UpdateSettingsInput) -> p.UpdateSettingsPayload:
        return await run_mutation(
            info,
            p.UpdateSettingsPayload,
            input,
            lambda a: registry.settings.update(a, input_to_dict(input)),
            lambda s: {"settings": Settings.from_model(s)},
        )

    @strawberry.mutation
    async def create_api_key(self, info: Info, input: i.CreateApiKeyInput) -> p.CreateApiKeyPayload:
        return await run_mutation(
            info,
            p.CreateApiKeyPayload,
            input,
            lambda a: registry.api_keys.create(a, input.role, input.name or "", input.account_ids or None),  # type: ignore[arg-type]
            lambda r: {"api_key": ApiKey.from_model(r[0]), "secret": r[1]},
        )

    @strawberry.mutation(description="S1: the key stops working at once, also on open websockets.")
    async def revoke_api_key(self, info: Info, input: i.RevokeApiKeyInput) -> p.RevokeApiKeyPayload:
        return await run_mutation(
            info,
            p.RevokeApiKeyPayload,
            input,
            lambda a: registry.api_keys.revoke(a, input.api_key_id),
            lambda k: {"api_key": ApiKey.from_model(k)},
        )

    @strawberry.mutation
    async def create_account(self, info: Info, input: i.CreateAccountInput) -> p.CreateAccountPayload:
        return await run_mutation(
            info,
            p.CreateAccountPayload,
            input,
            lambda a: registry.accounts.create(a, input_to_dict(input)),
            lambda m: {"account": Account.from_model(m)},
        )

    @strawberry.mutation
    async def create_product(self, info: Info, input: i.CreateProductInput) -> p.CreateProductPayload:
        return await run_mutation(
            info,
            p.CreateProductPayload,
            input,
            lambda a: registry.products.create(a, input_to_dict(input)),
            lambda m: {"product": Product.from_model(m)},
        )

    @strawberry.mutation
    async def create_opportunity(self, info: Info, input: i.CreateOpportunityInput) -> p.CreateOpportunityPayload:
        return await run_mutation(
            info,
            p.CreateOpportunityPayload,
            input,
            lambda a: registry.opportunities.create(a, input_to_dict(input)),
            lambda m: {"opportunity": Opportunity.from_model(m)},
        )

    @strawberry.mutation
    async def update_opportunity_stage(
        self, info: Info, input: i.UpdateOpportunityStageInput
    ) -> p.UpdateOpportunityStagePayload:
        return await run_mutation(
            info,
            p.UpdateOpportunityStagePayload,
            input,
            lambda a: registry.opportunities.update_stage(a, input.opportunity_id, input.stage),  # type: ignore[arg-type]
            lambda m: {"opportunity": Opportunity.from_model(m)},
        )

    @strawberry.mutation
    async def create_quote(self, info: Info, input: i.CreateQuoteInput) -> p.CreateQuotePayload:
        return await run_mutation(
            info, p.CreateQuotePayload, input, lambda a: registry.quotes.create(a, input_to_dict(input)), _quote
        )

    @strawberry.mutation
    async def update_quote(self, info: Info, input: i.UpdateQuoteInput) -> p.UpdateQuotePayload:
        return await run_mutation(
            info, p.UpdateQuotePayload, input, lambda a: registry.quotes.update(a, input_to_dict(input)), _quote
        )

    @strawberry.mutation
    async def submit_quote(self, info: Info, input: i.SubmitQuoteInput) -> p.SubmitQuotePayload:
        return await run_mutation(
            info,
            p.SubmitQuotePayload,
            input,
            lambda a: registry.quotes.transition(a, input.quote_id, QS.IN_REVIEW),
            _quote,
        )

    @strawberry.mutation
    async def approve_quote(self, info: Info, input: i.ApproveQuoteInput) -> p.ApproveQuotePayload:
        return await run_mutation(
            info,
            p.ApproveQuotePayload,
            input,
            lambda a: registry.quotes.transition(a, input.quote_id, QS.APPROVED),
            _quote,
        )

    @strawberry.mutation
    async def deny_quote(self, info: Info, input: i.DenyQuoteInput) -> p.DenyQuotePayload:
        return await run_mutation(
            info, p.DenyQuotePayload, input, lambda a: registry.quotes.transition(a, input.quote_id, QS.DENIED), _quote
        )

    @strawberry.mutation
    async def present_quote(self, info: Info, input: i.PresentQuoteInput) -> p.PresentQuotePayload:
        return await run_mutation(
            info,
            p.PresentQuotePayload,
            input,
            lambda a: registry.quotes.transition(a, input.quote_id, QS.PRESENTED),
            _quote,
        )

    @strawberry.mutation
    async def accept_quote(self, info: Info, input: i.AcceptQuoteInput) -> p.AcceptQuotePayload:
        return await run_mutation(
            info,
            p.AcceptQuotePayload,
            input,
            lambda a: registry.quotes.transition(a, input.quote_id, QS.ACCEPTED),
            _quote,
        )

    @strawberry.mutation
    async def reject_quote(self, info: Info, input: i.RejectQuoteInput) -> p.RejectQuotePayload:
        return await run_mutation(
            info,
            p.RejectQuotePayload,
            input,
            lambda a: registry.quotes.transition(a, input.quote_id, QS.REJECTED),
            _quote,
        )

    @strawberry.mutation
    async def create_orders_from_quote(
        self, info: Info, input: i.CreateOrdersFromQuoteInput
    ) -> p.CreateOrdersFromQuotePayload:
        return await run_mutation(
            info,
            p.CreateOrdersFromQuotePayload,
            input,
            lambda a: registry.ordering.create(a, input_to_dict(input)),
            lambda orders: {"orders": [Order.from_model(o) for o in orders]},
        )

    @strawberry.mutation
    async def create_order(self, info: Info, input: i.CreateOrderInput) -> p.CreateOrderPayload:
        return await run_mutation(
            info, p.CreateOrderPayload, input, lambda a: registry.orders.create(a, input_to_dict(input)), _order
        )

    @strawberry.mutation
    async def update_order(self, info: Info, input: i.UpdateOrderInput) -> p.UpdateOrderPayload:
        return await run_mutation(
            info, p.UpdateOrderPayload, input, lambda a: registry.orders.update(a, input_to_dict(input)), _order
        )
