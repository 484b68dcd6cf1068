"""DataLoaders: one per relation a nested query can follow, built fresh for every request.

Named <Target>By<Key>Loader after what they return; every one reads through the scoped query
layer (app.services.common.scoped), so a nested path never reaches another account's rows.
"""

import asyncio
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from app.auth import Actor
from app.services.common import scoped
from models import (
    Account,
    Asset,
    Contract,
    Opportunity,
    Order,
    OrderEvent,
    OrderItem,
    OrderVersion,
    Product,
    ProductComponent,
    Quote,
    QuoteLine,
    QuoteLineGroup,
    Subscription,
)

# PostgreSQL takes at most 32,767 bind parameters in one statement.
MAX_BATCH = 5000


class Loader(DataLoader[Any, Any]):
    """A DataLoader whose shared futures survive a cancelled waiter.

    graphql-core cancels sibling fields when one fails (null bubbling); a cancelled waiter must
    not cancel the cached future other fields of the same request still await.
    """

    def load(self, key: Any) -> Any:
        return asyncio.shield(super().load(key))


def _key(value: Any) -> Any:
    return value if isinstance(value, UUID) else UUID(str(value))


def by_id_loader(actor: Actor, model: type[Model]) -> DataLoader[Any, Any]:
    async def load(ids: Sequence[Any]) -> list[Any]:
        rows = await scoped(actor, model.filter(id__in=list({_key(i) for i in ids})))
        found = {str(row.id): row for row in rows}
        return [found.get(str(i)) for i in ids]

    return Loader(load_fn=load, max_batch_size=MAX_BATCH)


def by_fk_loader(
    actor: Actor, model: type[Model], fk: str, order_by: Sequence[str], **filters: Any
) -> DataLoader[Any, list[Any]]:
    async def load(keys: Sequence[Any]) -> list[list[Any]]:
        unique = list({_key(k) for k in keys})
        # Ties are broken by id, so every read path (resolvers/compiled too) lists rows alike.
        ordering = [*order_by, "id"] if "id" not in order_by else list(order_by)
        rows = await scoped(actor, model.filter(**{f"{fk}__in": unique}, **filters)).order_by(*ordering)
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[str(getattr(row, fk))].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return Loader(load_fn=load, max_batch_size=MAX_BATCH)


# Every relation a nested query can follow, built lazily: a request (or a subscription event)
# pays only for the loaders it uses.
LOADER_SPECS: dict[str, Callable[[Actor], DataLoader[Any, Any]]] = {
    "account_by_id": lambda actor: by_id_loader(actor, Account),
    "product_by_id": lambda actor: by_id_loader(actor, Product),
    "opportunity_by_id": lambda actor: by_id_loader(actor, Opportunity),
    "quote_by_id": lambda actor: by_id_loader(actor, Quote),
    "quote_line_by_id": lambda actor: by_id_loader(actor, QuoteLine),
    "quote_line_group_by_id": lambda actor: by_id_loader(actor, QuoteLineGroup),
    "order_by_id": lambda actor: by_id_loader(actor, Order),
    "order_item_by_id": lambda actor: by_id_loader(actor, OrderItem),
    "quote_lines_by_quote": lambda actor: by_fk_loader(actor, QuoteLine, "quote_id", ["position"]),
    "quote_line_groups_by_quote": lambda actor: by_fk_loader(actor, QuoteLineGroup, "quote_id", ["position"]),
    "quotes_by_opportunity": lambda actor: by_fk_loader(actor, Quote, "opportunity_id", ["created_at", "id"]),
    "primary_quotes_by_opportunity": lambda actor: by_fk_loader(
        actor, Quote, "opportunity_id", ["id"], is_primary=True
    ),
    "quotes_by_account": lambda actor: by_fk_loader(actor, Quote, "account_id", ["created_at", "id"]),
    "opportunities_by_account": lambda actor: by_fk_loader(actor, Opportunity, "account_id", ["created_at", "id"]),
    "orders_by_account": lambda actor: by_fk_loader(actor, Order, "account_id", ["created_at", "number"]),
    "orders_by_quote": lambda actor: by_fk_loader(actor, Order, "quote_id", ["created_at", "number"]),
    "orders_by_opportunity": lambda actor: by_fk_loader(actor, Order, "opportunity_id", ["created_at", "number"]),
    "order_items_by_order": lambda actor: by_fk_loader(actor, OrderItem, "order_id", ["position"]),
    "order_items_by_quote_line": lambda actor: by_fk_loader(actor, OrderItem, "quote_line_id", ["id"]),
    "order_events_by_order": lambda actor: by_fk_loader(actor, OrderEvent, "order_id", ["id"]),
    "components_by_product": lambda actor: by_fk_loader(actor, ProductComponent, "bundle_id", ["position"]),
    "contract_by_id": lambda actor: by_id_loader(actor, Contract),
    "contracts_by_account": lambda actor: by_fk_loader(actor, Contract, "account_id", ["created_at", "number"]),
    "subscriptions_by_contract": lambda actor: by_fk_loader(actor, Subscription, "contract_id", ["created_at", "id"]),
    "subscriptions_by_order_item": lambda actor: by_fk_loader(actor, Subscription, "order_item_id", ["id"]),
    "assets_by_account": lambda actor: by_fk_loader(actor, Asset, "account_id", ["created_at", "id"]),
    "assets_by_order_item": lambda actor: by_fk_loader(actor, Asset, "order_item_id", ["id"]),
    "orders_by_contract": lambda actor: by_fk_loader(actor, Order, "contract_id", ["created_at", "number"]),
    "versions_by_order": lambda actor: by_fk_loader(actor, OrderVersion, "order_id", ["version"]),
}


class Loaders:
    def __init__(self, actor: Actor) -> None:
        self._actor = actor

    def __getattr__(self, name: str) -> Any:
        spec = LOADER_SPECS.get(name)
        if spec is None:
            raise AttributeError(name)
        loader = spec(self._actor)
        setattr(self, name, loader)
        return loader
