"""DataLoaders of purchase orders and receivables (B3, B4), mixed into `Loaders` (resolvers/loaders.py)."""

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from app.auth import Actor
from app.services.purchase_orders import drawn
from app.services.receivables import open_receivables_by_currency
from models import CustomerPurchaseOrder, Payment, PaymentAllocation


def _key(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def _loader(load: Any) -> Any:
    from resolvers.loaders import Loader

    return Loader(load_fn=load)


class PurchasingLoaders:
    _actor: Actor

    @cached_property
    def purchase_order_by_id(self) -> Any:
        from resolvers.loaders import ByIdLoader

        return ByIdLoader(self._actor, CustomerPurchaseOrder)

    @cached_property
    def purchase_orders_by_account(self) -> DataLoader[Any, list[CustomerPurchaseOrder]]:
        from resolvers.loaders import by_fk_loader

        return by_fk_loader(self._actor, CustomerPurchaseOrder, "account_id", ["valid_from", "number"])

    @cached_property
    def po_drawn_by_id(self) -> DataLoader[Any, Decimal]:
        """B4: the totals of the orders attached to each PO, summed in SQL (the PO itself is scoped)."""

        async def load(keys: Sequence[Any]) -> list[Decimal]:
            used = await drawn(None, list({_key(k) for k in keys}))
            return [used.get(str(k), Decimal(0)) for k in keys]

        return _loader(load)

    @cached_property
    def open_receivables_by_currency(self) -> DataLoader[Any, dict[str, Decimal]]:
        """B3: open receivables per account, {currency: nonzero amount}, one query for the batch."""

        async def load(keys: Sequence[Any]) -> list[dict[str, Decimal]]:
            totals = await open_receivables_by_currency(list({_key(k) for k in keys}))
            return [totals.get(str(k), {}) for k in keys]

        return _loader(load)

    @cached_property
    def payment_by_id(self) -> Any:
        from resolvers.loaders import ByIdLoader

        return ByIdLoader(self._actor, Payment)

    @cached_property
    def payments_by_account(self) -> DataLoader[Any, list[Payment]]:
        from resolvers.loaders import by_fk_loader

        return by_fk_loader(self._actor, Payment, "account_id", ["received_on", "created_at"])

    @cached_property
    def allocations_by_payment(self) -> DataLoader[Any, list[PaymentAllocation]]:
        from resolvers.loaders import by_fk_loader

        return by_fk_loader(self._actor, PaymentAllocation, "payment_id", ["position"])

    @cached_property
    def allocations_by_invoice(self) -> DataLoader[Any, list[PaymentAllocation]]:
        from resolvers.loaders import by_fk_loader

        return by_fk_loader(self._actor, PaymentAllocation, "invoice_id", ["created_at"])
