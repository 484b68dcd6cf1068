"""O12: direct orders, made for an account without a quote, priced from the standard price book."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services import order_dates, pricing
from app.services.catalog import list_prices, products_by_id
from app.services.reference_data import next_number, parents_first
from app.services.scoping import get_scoped, parse_id
from app.services.unit_of_work import unit_of_work
from models import Account, Opportunity, Order, OrderItem, Product, ProductComponent
from models.enums import OrderEventType, OrderStatus, OrderType, ProductType


class CreateDirectOrderService:
    @requires(Permission.CREATE_ORDERS)
    async def create(self, actor: Actor, data: cmd.CreateOrder) -> Order:
        """O12: every later rule applies to a direct order alike."""
        account = await get_scoped(actor, Account.all(), data.account_id, "Account", "accountId")
        opportunity_id = None
        if data.opportunity_id is not None:
            opportunity = await get_scoped(
                actor, Opportunity.filter(account_id=account.id), data.opportunity_id, "Opportunity", "opportunityId"
            )
            opportunity_id = opportunity.id
        if not data.items:
            raise invalid("A direct order needs at least one item.", "items")
        product_ids = [parse_id(i.product_id, "Product", f"items[{n}].productId") for n, i in enumerate(data.items)]
        components = list(await ProductComponent.filter(bundle_id__in=product_ids).order_by("position"))
        all_ids = product_ids + [c.component_id for c in components]
        products = await products_by_id(all_ids)
        currency = (data.currency or account.currency).upper()
        prices = await list_prices(all_ids, currency)
        start = order_dates.order_start(
            data.start_date, (i.start_date for i in data.items), None, datetime.now(UTC).date()
        )
        async with unit_of_work(actor) as uow:
            order = Order(
                number=await next_number(uow.tx, "order"),
                account_id=account.id,
                opportunity_id=opportunity_id,
                status=OrderStatus.DRAFT,
                type=OrderType.NEW,
                version=1,
                start_date=start,
                total_amount=Decimal("0.00"),
                currency=currency,
                payment_terms=data.payment_terms or account.payment_terms,
                billing_frequency=data.billing_frequency or account.billing_frequency,
                po_number=data.po_number,
            )
            items = _items(order, data, product_ids, components, products, prices)
            order_dates.check_starts(order.start_date, items)  # D3
            order_dates.close(order, items)
            order.total_amount = pricing.sum_totals(items)
            await order.save(using_db=uow.tx)
            await OrderItem.bulk_create(parents_first(items), using_db=uow.tx)
            uow.record(order, OrderEventType.CREATED, {"direct": True, "items": len(items)})
        return order


def _items(
    order: Order,
    data: cmd.CreateOrder,
    product_ids: list[Any],
    components: list[ProductComponent],
    products: dict[Any, Product],
    prices: dict[Any, Decimal],
) -> list[OrderItem]:
    """The order's items, a bundle followed by one item per component (requiredBy the bundle's)."""
    items: list[OrderItem] = []
    for n, (item_input, product_id) in enumerate(zip(data.items, product_ids, strict=True)):
        product = products.get(product_id)
        if product is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Product not found.", f"items[{n}].productId")
        parent = direct_item(order, product, item_input, prices, f"items[{n}]", len(items))
        items.append(parent)
        for comp in (c for c in components if c.bundle_id == product.id):
            child_input = cmd.NewItem(
                product_id=str(comp.component_id),
                quantity=item_input.quantity * comp.quantity,
                start_date=item_input.start_date,
                end_date=item_input.end_date,
                subscription_term=item_input.subscription_term,
            )
            child = direct_item(order, products[comp.component_id], child_input, prices, f"items[{n}]", len(items))
            child.required_by_id = parent.id
            items.append(child)
    return items


def direct_item(
    order: Order, product: Product, data: cmd.NewItem, prices: dict[Any, Decimal], where: str, position: int
) -> OrderItem:
    """Q3 pricing and Q7 dates for an item given by product (direct orders, items added in flight)."""
    if data.quantity is None or data.quantity <= 0:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity must be positive.", f"{where}.quantity")
    for value, label in ((data.list_price, "listPrice"), (data.unit_price, "unitPrice")):
        if value is not None and value < 0:
            raise invalid("A price cannot be negative.", f"{where}.{label}")
    pricing.check_term(data.subscription_term, f"{where}.subscriptionTerm")
    list_price = data.list_price if data.list_price is not None else prices.get(product.id)
    if list_price is None and data.unit_price is None:
        raise invalid(f"Product {product.sku} has no list price in {order.currency}.", f"{where}.productId")
    discount = data.discount_percent
    if discount is not None and not (0 <= discount <= 100):
        raise invalid("A discount is between 0 and 100 percent.", f"{where}.discountPercent")
    start, end = data.start_date, data.end_date
    term = pricing.effective_term(start, end, data.subscription_term, None, None, product.default_subscription_term)
    if product.type != ProductType.ONE_TIME:
        start = start or order.start_date
        if end is None and start is not None and term:
            end = pricing.end_for_term(start, term)
    if start and end and end < start:
        raise invalid("An item cannot end before it starts.", f"{where}.endDate")
    unit = data.unit_price
    if unit is None:
        assert list_price is not None
        unit = pricing.unit_price(product.type, list_price, discount, term, product.default_subscription_term)
    recurring = product.type == ProductType.RECURRING
    return OrderItem(
        order_id=order.id,
        product_id=product.id,
        position=position,
        quantity=data.quantity,
        list_price=list_price if list_price is not None else unit,
        unit_price=unit,
        total_price=pricing.line_total(data.quantity, unit),
        unprorated_net_price=pricing.unprorated_net_price(unit, term, product.default_subscription_term)
        if recurring
        else None,
        subscription_term=term if product.type != ProductType.ONE_TIME else None,
        start_date=start,
        end_date=end,
        billing_frequency=data.billing_frequency or product.billing_frequency or order.billing_frequency,
    )


direct_orders = CreateDirectOrderService()
