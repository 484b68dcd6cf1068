"""DataLoaders: one per relation a nested query can follow, built fresh for every request.

Named <Target>By<Key>Loader after what they return; every one reads through the scoped query
layer (app.services.scoping.scoped), so a nested path never reaches another account's rows.
"""

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Sequence
from functools import cached_property
from typing import Any, Generic, TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from app.auth import Actor
from app.readpath.fetch import is_scoped
from app.services.scoping import scoped
from models import (
    Account,
    Asset,
    BillingLine,
    Contract,
    ContractEvent,
    Document,
    Fulfillment,
    FulfillmentLine,
    FulfillmentTask,
    InventoryLocation,
    Invoice,
    InvoiceEvent,
    InvoiceLine,
    Milestone,
    Obligation,
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
    Signatory,
    Subscription,
)
from models.enums import OrderType
from resolvers.purchasing_loaders import PurchasingLoaders

M = TypeVar("M", bound=Model)

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


class ByIdLoader(Loader, Generic[M]):
    """Rows of `model` by id, scoped (S3). `visible` answers whether an id is readable without
    loading its row: a relation asked only for `id` needs no row (issue 10)."""

    def __init__(self, actor: Actor, model: type[M]) -> None:
        super().__init__(load_fn=self._rows, max_batch_size=MAX_BATCH)
        self._actor = actor
        self._model = model
        self._scoped = is_scoped(actor, model)
        self._visible: Loader | None = None

    def load(self, key: Any) -> "Awaitable[M | None]":
        return super().load(key)

    def finished(self, key: Any) -> "asyncio.Future[M | None] | None":
        """The future of an earlier load of `key` if it already holds the row (or None for a row
        out of scope): its value is at hand, no Task needed."""
        future = self.cache_map.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception() is not None:
            return None
        return future

    async def _rows(self, ids: Sequence[Any]) -> list[Any]:
        rows = await scoped(self._actor, self._model.filter(id__in=list({_key(i) for i in ids})))
        found = {str(row.id): row for row in rows}
        return [found.get(str(i)) for i in ids]

    def visible(self, key: Any) -> "bool | Awaitable[bool]":
        """True without I/O when no scope filters the model: the key comes from a row's foreign
        key, so its row exists. Otherwise from a row this request already read, or one batched,
        scoped read of ids."""
        if not self._scoped:
            return True
        if (finished := self.finished(key)) is not None:
            return finished.result() is not None
        if self._visible is None:
            self._visible = Loader(load_fn=self._visible_ids, max_batch_size=MAX_BATCH)
        return self._visible.load(key)

    async def _visible_ids(self, ids: Sequence[Any]) -> list[bool]:
        query = scoped(self._actor, self._model.filter(id__in=list({_key(i) for i in ids})))
        found = {str(i) for i in await query.values_list("id", flat=True)}
        return [str(i) in found for i in ids]


def by_fk_loader(
    actor: Actor, model: type[M], fk: str, order_by: Sequence[str], only: Sequence[str] = (), **filters: Any
) -> DataLoader[Any, list[M]]:
    """`only` names the columns to read when a row holds more than a read needs (a document's bytes)."""

    async def load(keys: Sequence[Any]) -> list[list[Any]]:
        unique = list({_key(k) for k in keys})
        # Ties are broken by id, so every read path (resolvers/compiled too) lists rows alike.
        ordering = [*order_by, "id"] if "id" not in order_by else list(order_by)
        query = scoped(actor, model.filter(**{f"{fk}__in": unique}, **filters)).order_by(*ordering)
        rows = await (query.only(*only, fk, "id") if only else query)
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[str(getattr(row, fk))].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return Loader(load_fn=load, max_batch_size=MAX_BATCH)


class Loaders(PurchasingLoaders):
    """Every relation a nested query can follow, built lazily: a request (or a subscription event)
    pays only for the loaders it uses. Typed, so a schema field leads to its loader and its rows."""

    def __init__(self, actor: Actor) -> None:
        self._actor = actor

    @cached_property
    def account_by_id(self) -> ByIdLoader[Account]:
        return ByIdLoader(self._actor, Account)

    @cached_property
    def product_by_id(self) -> ByIdLoader[Product]:
        return ByIdLoader(self._actor, Product)

    @cached_property
    def opportunity_by_id(self) -> ByIdLoader[Opportunity]:
        return ByIdLoader(self._actor, Opportunity)

    @cached_property
    def quote_by_id(self) -> ByIdLoader[Quote]:
        return ByIdLoader(self._actor, Quote)

    @cached_property
    def quote_line_by_id(self) -> ByIdLoader[QuoteLine]:
        return ByIdLoader(self._actor, QuoteLine)

    @cached_property
    def quote_line_group_by_id(self) -> ByIdLoader[QuoteLineGroup]:
        return ByIdLoader(self._actor, QuoteLineGroup)

    @cached_property
    def order_by_id(self) -> ByIdLoader[Order]:
        return ByIdLoader(self._actor, Order)

    @cached_property
    def order_item_by_id(self) -> ByIdLoader[OrderItem]:
        return ByIdLoader(self._actor, OrderItem)

    @cached_property
    def quote_lines_by_quote(self) -> DataLoader[Any, list[QuoteLine]]:
        return by_fk_loader(self._actor, QuoteLine, "quote_id", ["position"])

    @cached_property
    def quote_line_groups_by_quote(self) -> DataLoader[Any, list[QuoteLineGroup]]:
        return by_fk_loader(self._actor, QuoteLineGroup, "quote_id", ["position"])

    @cached_property
    def quotes_by_opportunity(self) -> DataLoader[Any, list[Quote]]:
        return by_fk_loader(self._actor, Quote, "opportunity_id", ["created_at", "id"])

    @cached_property
    def primary_quotes_by_opportunity(self) -> DataLoader[Any, list[Quote]]:
        return by_fk_loader(self._actor, Quote, "opportunity_id", ["id"], is_primary=True)

    @cached_property
    def quotes_by_account(self) -> DataLoader[Any, list[Quote]]:
        return by_fk_loader(self._actor, Quote, "account_id", ["created_at", "id"])

    @cached_property
    def opportunities_by_account(self) -> DataLoader[Any, list[Opportunity]]:
        return by_fk_loader(self._actor, Opportunity, "account_id", ["created_at", "id"])

    @cached_property
    def orders_by_account(self) -> DataLoader[Any, list[Order]]:
        return by_fk_loader(self._actor, Order, "account_id", ["created_at", "number"])

    @cached_property
    def orders_by_quote(self) -> DataLoader[Any, list[Order]]:
        return by_fk_loader(self._actor, Order, "quote_id", ["created_at", "number"])

    @cached_property
    def orders_by_opportunity(self) -> DataLoader[Any, list[Order]]:
        return by_fk_loader(self._actor, Order, "opportunity_id", ["created_at", "number"])

    @cached_property
    def order_items_by_order(self) -> DataLoader[Any, list[OrderItem]]:
        return by_fk_loader(self._actor, OrderItem, "order_id", ["position"])

    @cached_property
    def order_items_by_quote_line(self) -> DataLoader[Any, list[OrderItem]]:
        return by_fk_loader(self._actor, OrderItem, "quote_line_id", ["id"])

    @cached_property
    def order_events_by_order(self) -> DataLoader[Any, list[OrderEvent]]:
        return by_fk_loader(self._actor, OrderEvent, "order_id", ["id"])

    @cached_property
    def components_by_product(self) -> DataLoader[Any, list[ProductComponent]]:
        return by_fk_loader(self._actor, ProductComponent, "bundle_id", ["position"])

    @cached_property
    def contract_by_id(self) -> ByIdLoader[Contract]:
        return ByIdLoader(self._actor, Contract)

    @cached_property
    def contracts_by_account(self) -> DataLoader[Any, list[Contract]]:
        return by_fk_loader(self._actor, Contract, "account_id", ["created_at", "number"])

    @cached_property
    def subscriptions_by_contract(self) -> DataLoader[Any, list[Subscription]]:
        return by_fk_loader(self._actor, Subscription, "contract_id", ["created_at", "id"])

    @cached_property
    def subscriptions_by_order_item(self) -> DataLoader[Any, list[Subscription]]:
        return by_fk_loader(self._actor, Subscription, "order_item_id", ["id"])

    @cached_property
    def assets_by_account(self) -> DataLoader[Any, list[Asset]]:
        return by_fk_loader(self._actor, Asset, "account_id", ["created_at", "id"])

    @cached_property
    def assets_by_order_item(self) -> DataLoader[Any, list[Asset]]:
        return by_fk_loader(self._actor, Asset, "order_item_id", ["id"])

    @cached_property
    def subscription_by_id(self) -> ByIdLoader[Subscription]:
        return ByIdLoader(self._actor, Subscription)

    @cached_property
    def amendments_by_contract(self) -> DataLoader[Any, list[Quote]]:
        return by_fk_loader(self._actor, Quote, "contract_id", ["created_at", "id"], type=OrderType.AMENDMENT)

    @cached_property
    def orders_by_contract(self) -> DataLoader[Any, list[Order]]:
        return by_fk_loader(self._actor, Order, "contract_id", ["created_at", "number"])

    @cached_property
    def versions_by_order(self) -> DataLoader[Any, list[OrderVersion]]:
        return by_fk_loader(self._actor, OrderVersion, "order_id", ["version"])

    @cached_property
    def signatories_by_contract(self) -> DataLoader[Any, list[Signatory]]:
        return by_fk_loader(self._actor, Signatory, "contract_id", ["position"])

    @cached_property
    def obligations_by_contract(self) -> DataLoader[Any, list[Obligation]]:
        return by_fk_loader(self._actor, Obligation, "contract_id", ["due_date", "created_at", "id"])

    @cached_property
    def milestones_by_contract(self) -> DataLoader[Any, list[Milestone]]:
        return by_fk_loader(self._actor, Milestone, "contract_id", ["date", "created_at", "id"])

    @cached_property
    def contract_events_by_contract(self) -> DataLoader[Any, list[ContractEvent]]:
        return by_fk_loader(self._actor, ContractEvent, "contract_id", ["id"])

    @cached_property
    def invoice_events_by_invoice(self) -> DataLoader[Any, list[InvoiceEvent]]:
        return by_fk_loader(self._actor, InvoiceEvent, "invoice_id", ["id"])

    @cached_property
    def documents_by_object(self) -> DataLoader[Any, list[Document]]:
        # C8: a contract's or quote's rendered documents, newest first.
        listed = ("kind", "title", "sha256", "page_count", "template_id", "template_version", "created_at")
        return by_fk_loader(self._actor, Document, "object_id", ["-created_at"], only=listed)

    @cached_property
    def renewal_opportunities_by_contract(self) -> DataLoader[Any, list[Opportunity]]:
        # R2: the RENEWAL opportunity the daily run made for a contract.
        return by_fk_loader(self._actor, Opportunity, "contract_id", ["created_at", "id"], type=OrderType.RENEWAL)

    @cached_property
    def contracts_by_renewed_from(self) -> DataLoader[Any, list[Contract]]:
        # R4: the contract(s) renewing a contract.
        return by_fk_loader(self._actor, Contract, "renewed_from_id", ["created_at", "id"])

    # B1, B2: billing schedules and invoices.
    @cached_property
    def billing_lines_by_order_item(self) -> DataLoader[Any, list[BillingLine]]:
        return by_fk_loader(self._actor, BillingLine, "order_item_id", ["position", "created_at"])

    @cached_property
    def invoice_by_id(self) -> ByIdLoader[Invoice]:
        return ByIdLoader(self._actor, Invoice)

    @cached_property
    def invoices_by_account(self) -> DataLoader[Any, list[Invoice]]:
        return by_fk_loader(self._actor, Invoice, "account_id", ["created_at"])

    @cached_property
    def invoice_lines_by_invoice(self) -> DataLoader[Any, list[InvoiceLine]]:
        return by_fk_loader(self._actor, InvoiceLine, "invoice_id", ["position"])

    @cached_property
    def fulfillments_by_order(self) -> DataLoader[Any, list[Fulfillment]]:
        return by_fk_loader(self._actor, Fulfillment, "order_id", ["created_at", "id"])

    @cached_property
    def fulfillment_lines_by_fulfillment(self) -> DataLoader[Any, list[FulfillmentLine]]:
        return by_fk_loader(self._actor, FulfillmentLine, "fulfillment_id", ["position", "id"])

    @cached_property
    def tasks_by_order(self) -> DataLoader[Any, list[FulfillmentTask]]:
        return by_fk_loader(self._actor, FulfillmentTask, "order_id", ["position", "id"])

    @cached_property
    def task_by_id(self) -> ByIdLoader[FulfillmentTask]:
        return ByIdLoader(self._actor, FulfillmentTask)

    @cached_property
    def location_by_id(self) -> ByIdLoader[InventoryLocation]:
        return ByIdLoader(self._actor, InventoryLocation)
