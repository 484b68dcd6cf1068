"""F1: inventory locations, stock receipts and available-to-promise; the stock moves of F3
(reserve, release, take off hand), always on rows locked in primary-key order."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import atp
from app.services import fulfillment_commands as fc
from app.services.scoping import parse_id
from app.services.unit_of_work import unit_of_work
from models import InventoryLocation, Product, Stock, StockReceipt
from models.enums import LocationKind


def today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class AtpAnswer:
    """F1: at one location, what is available now and when the whole quantity can be promised."""

    location: InventoryLocation
    available_now: Decimal
    promise_date: date | None


class InventoryService:
    @requires(Permission.MANAGE_INVENTORY)
    async def create_location(self, actor: Actor, data: fc.CreateInventoryLocation) -> InventoryLocation:
        """F1: a warehouse or a provider that holds stock."""
        name = (data.name or "").strip()
        if not name:
            raise invalid("A location needs a name.", "name")
        if await InventoryLocation.filter(name=name).exists():
            raise invalid(f"A location named {name} exists already.", "name")
        async with unit_of_work(actor) as uow:
            return await InventoryLocation.create(name=name, kind=LocationKind(data.kind), using_db=uow.tx)

    @requires(Permission.MANAGE_INVENTORY)
    async def receive(self, actor: Actor, data: fc.ReceiveStock) -> Stock:
        """F1: a receipt available from `availableOn` (today when not given; earlier dates count as on hand)."""
        if data.quantity <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "A received quantity must be positive.", "quantity")
        product = await _product(data.product_id)
        location = await _location(data.location_id)
        available_on = data.available_on or today()
        async with unit_of_work(actor) as uow:
            stock = (
                await Stock.filter(product_id=product.id, location_id=location.id)
                .using_db(uow.tx)
                .select_for_update()
                .first()
            )
            if stock is None:
                stock = await Stock.create(
                    product_id=product.id, location_id=location.id, on_hand=0, reserved=0, using_db=uow.tx
                )
            due = available_on <= today()
            await StockReceipt.create(
                stock_id=stock.id, quantity=data.quantity, available_on=available_on, settled=due, using_db=uow.tx
            )
            if due:
                stock.on_hand += data.quantity
                await stock.save(using_db=uow.tx, update_fields=["on_hand", "updated_at"])
        return stock

    @requires(Permission.READ)
    async def available_to_promise(
        self, actor: Actor, product_id: Any, quantity: Decimal, location_id: Any = None
    ) -> list[AtpAnswer]:
        """F1: per location (or at one), availableNow and the earliest promise date of `quantity`."""
        if quantity <= 0:
            raise DomainError(ErrorCode.INVALID_QUANTITY, "Ask for a positive quantity.", "quantity")
        product = await _product(product_id)
        locations = (
            [await _location(location_id)]
            if location_id is not None
            else list(await InventoryLocation.all().order_by("name", "id"))
        )
        stocks = {
            s.location_id: s
            for s in await Stock.filter(product_id=product.id, location_id__in=[loc.id for loc in locations])
        }
        receipts = await unsettled_receipts([s.id for s in stocks.values()])
        now = today()
        answers = []
        for loc in locations:
            stock = stocks.get(loc.id)
            on_hand, reserved = (stock.on_hand, stock.reserved) if stock else (Decimal(0), Decimal(0))
            pending = receipts.get(stock.id, []) if stock else []
            answers.append(
                AtpAnswer(
                    loc,
                    atp.atp_on(on_hand, reserved, pending, now),
                    atp.promise_date(on_hand, reserved, pending, quantity, now),
                )
            )
        return answers


async def unsettled_receipts(stock_ids: list[Any], tx: BaseDBAsyncClient | None = None) -> dict[Any, list[atp.Receipt]]:
    query = StockReceipt.filter(stock_id__in=stock_ids, settled=False).order_by("available_on", "id")
    rows = await (query.using_db(tx) if tx else query)
    found: dict[Any, list[atp.Receipt]] = {}
    for r in rows:
        found.setdefault(r.stock_id, []).append((r.available_on, r.quantity))
    return found


async def _product(product_id: Any) -> Product:
    product = await Product.get_or_none(id=parse_id(product_id, "Product", "productId"))
    if product is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Product not found.", "productId")
    return product


async def _location(location_id: Any) -> InventoryLocation:
    location = await InventoryLocation.get_or_none(id=parse_id(location_id, "Location", "locationId"))
    if location is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Location not found.", "locationId")
    return location


async def find_location(location_id: Any) -> InventoryLocation:
    return await _location(location_id)


async def lock_stock(tx: BaseDBAsyncClient, location_id: Any, product_ids: Iterable[Any]) -> dict[Any, Stock]:
    """F3 under concurrency: lock the stock rows until commit, always in primary-key order (no
    deadlocks), and settle the receipts whose date has come into on hand (F1)."""
    rows = list(
        await Stock.filter(location_id=location_id, product_id__in=list(set(product_ids)))
        .using_db(tx)
        .select_for_update()
        .order_by("id")
    )
    due = list(
        await StockReceipt.filter(stock_id__in=[s.id for s in rows], settled=False, available_on__lte=today())
        .using_db(tx)
        .order_by("id")
    )
    if due:
        by_id = {s.id: s for s in rows}
        for receipt in due:
            by_id[receipt.stock_id].on_hand += receipt.quantity
        await StockReceipt.filter(id__in=[r.id for r in due]).using_db(tx).update(settled=True)
        await Stock.bulk_update(rows, fields=["on_hand"], using_db=tx)
    return {s.product_id: s for s in rows}


def reserve(stocks: dict[Any, Stock], needs: dict[Any, Decimal], field: str) -> None:
    """F3: allocation reserves stock and never takes ATP (on hand - reserved) below zero."""
    for product_id, quantity in needs.items():
        stock = stocks.get(product_id)
        available = stock.on_hand - stock.reserved if stock else Decimal(0)
        if stock is None or quantity > available:
            raise DomainError(
                ErrorCode.INSUFFICIENT_STOCK,
                f"Only {max(available, Decimal(0)).normalize():f} available at this location (F3).",
                field,
            )
        stock.reserved += quantity


def release(stocks: dict[Any, Stock], needs: dict[Any, Decimal], ship: bool) -> None:
    """F3: cancelling releases the reservation; shipping also takes the quantity off hand."""
    for product_id, quantity in needs.items():
        stock = stocks[product_id]
        stock.reserved -= quantity
        if ship:
            stock.on_hand -= quantity


async def save_stock(tx: BaseDBAsyncClient, stocks: dict[Any, Stock]) -> None:
    if stocks:
        await Stock.bulk_update(list(stocks.values()), fields=["on_hand", "reserved"], using_db=tx)


inventory = InventoryService()
