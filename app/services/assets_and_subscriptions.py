"""C2, C3 and the follow-ups of C5: the subscriptions and assets that order items become, and how
they follow their items afterwards. The only code that writes Asset and Subscription rows."""

from collections.abc import Callable
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from app.services.catalog import products_by_id
from app.services.order_dates import item_span
from models import Asset, Order, OrderItem, Subscription
from models.enums import AssetStatus, ProductType, SubscriptionStatus


async def _of_type(items: list[OrderItem], product_type: ProductType) -> list[OrderItem]:
    products = await products_by_id(i.product_id for i in items)
    return [i for i in items if products[i.product_id].type == product_type]


async def create_assets(tx: BaseDBAsyncClient, order: Order, items: list[OrderItem]) -> None:
    """C3: each ONE_TIME item becomes a PURCHASED asset of the account when activated."""
    await Asset.bulk_create(
        [
            Asset(
                account_id=order.account_id,
                product_id=i.product_id,
                order_item_id=i.id,
                quantity=i.quantity,
                status=AssetStatus.PURCHASED,
            )
            for i in await _of_type(items, ProductType.ONE_TIME)
        ],
        using_db=tx,
    )


async def remove_purchased_assets(tx: BaseDBAsyncClient, order: Order) -> None:
    """A2: deactivating takes back the assets activation made."""
    await Asset.filter(order_item__order_id=order.id, status=AssetStatus.PURCHASED).using_db(tx).delete()


async def install_assets(tx: BaseDBAsyncClient, order: Order) -> None:
    """C3: a fulfilled order's purchased assets are INSTALLED."""
    await (
        Asset.filter(order_item__order_id=order.id, status=AssetStatus.PURCHASED)
        .using_db(tx)
        .update(status=AssetStatus.INSTALLED)
    )


async def subscribe(
    tx: BaseDBAsyncClient,
    order: Order,
    contract_id: Any,
    items: list[OrderItem],
    revises: dict[Any, Any] | None = None,
) -> None:
    """C2: each RECURRING item with a quantity becomes a subscription linked both ways, with the
    item's dates (else the order's), quantity and net price; its item is then `contracted`.
    C9: an amendment's items (`revises`: product id -> the subscription its changes revise) become
    delta subscriptions, +n or -n, at the full-term unit price."""
    recurring = [
        i
        for i in await _of_type(items, ProductType.RECURRING)
        if (i.quantity != 0 if revises is not None else i.quantity > 0)
    ]
    if not recurring:
        return
    subscriptions = []
    for item in recurring:
        start, end = item_span(item, order)
        subscriptions.append(
            Subscription(
                contract_id=contract_id,
                account_id=order.account_id,
                product_id=item.product_id,
                order_item_id=item.id,
                quantity=item.quantity,
                start_date=start,
                end_date=end,
                net_price=item.unit_price,
                status=SubscriptionStatus.ACTIVE,
                revises_id=(revises or {}).get(item.product_id),
            )
        )
    await Subscription.bulk_create(subscriptions, using_db=tx)
    await OrderItem.filter(id__in=[i.id for i in recurring]).using_db(tx).update(contracted=True)
    for item in recurring:
        item.contracted = True


async def follow_items(
    tx: BaseDBAsyncClient, order: Order, items: list[OrderItem], cancel_asset: Callable[[OrderItem], bool]
) -> list[Subscription]:
    """C3/C5: assets and subscriptions follow their items (two reads, two bulk writes whatever the
    number of items). `cancel_asset` says which items' purchased assets are cancelled. A subscription
    whose item is cancelled to zero is CANCELLED, keeping its last quantity as history (C5)."""
    by_id = {i.id: i for i in items}
    assets = await Asset.filter(order_item_id__in=list(by_id), status=AssetStatus.PURCHASED).using_db(tx)
    for asset in assets:
        item = by_id[asset.order_item_id]
        asset.quantity = item.quantity
        if cancel_asset(item):
            asset.status = AssetStatus.CANCELLED
    if assets:
        await Asset.bulk_update(assets, fields=["quantity", "status"], using_db=tx)
    subscriptions = await Subscription.filter(order_item_id__in=list(by_id)).using_db(tx)
    for subscription in subscriptions:
        item = by_id[subscription.order_item_id]
        if item.quantity > 0:
            subscription.quantity = item.quantity
            subscription.status = SubscriptionStatus.ACTIVE
        else:
            subscription.status = SubscriptionStatus.CANCELLED
        subscription.start_date, subscription.end_date = item_span(item, order)
        subscription.net_price = item.unit_price
    if subscriptions:
        await Subscription.bulk_update(
            subscriptions, fields=["quantity", "status", "start_date", "end_date", "net_price"], using_db=tx
        )
    return list(subscriptions)
