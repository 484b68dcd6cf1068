"""O12 direct orders and D1-D5 draft edits."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission
from app.errors import DomainError, ErrorCode, invalid
from app.services import pricing
from app.services.catalog import list_prices, products_by_id
from app.services.common import (
    format_number,
    get_scoped,
    next_numbers,
    parents_first,
    parse_id,
    unit_of_work,
)
from app.services.order_planning import check_segment_spans
from models import Account, Opportunity, Order, OrderItem, Product, ProductComponent, QuoteLine
from models.enums import OrderEventType, OrderStatus, OrderType, ProductType


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


class OrderService:
    async def create(self, actor: Actor, data: dict[str, Any]) -> Order:
        """O12: an order for an account without a quote, priced from the standard price book."""
        actor.require(Permission.CREATE_ORDERS)
        account = await get_scoped(actor, Account.all(), data["account_id"], "Account", "accountId")
        opportunity_id = None
        if data.get("opportunity_id") is not None:
            opportunity = await get_scoped(
                actor,
                Opportunity.filter(account_id=account.id),
                data["opportunity_id"],
                "Opportunity",
                "opportunityId",
            )
            opportunity_id = opportunity.id
        currency = (data.get("currency") or account.currency).upper()
        inputs = data.get("items") or []
        if not inputs:
            raise invalid("A direct order needs at least one item.", "items")
        product_ids = [parse_id(i["product_id"], "Product", f"items[{n}].productId") for n, i in enumerate(inputs)]
        products = await products_by_id(product_ids)
        components = await ProductComponent.filter(bundle_id__in=product_ids).order_by("position")
        all_ids = product_ids + [c.component_id for c in components]  # type: ignore[attr-defined]
        products.update(await products_by_id(all_ids))
        prices = await list_prices(all_ids, currency)
        order_start = data.get("start_date")
        starts = [i.get("start_date") for i in inputs if i.get("start_date")]
        order_start = order_start or (min(starts) if starts else None) or datetime.now(UTC).date()
        async with unit_of_work(actor) as uow:
            (number,) = await next_numbers(uow.tx, "order")
            order = Order(
                number=format_number("O", number),
                account_id=account.id,
                opportunity_id=opportunity_id,
                status=OrderStatus.DRAFT,
                type=OrderType.NEW,
                version=1,
                start_date=order_start,
                total_amount=Decimal("0.00"),
                currency=currency,
                payment_terms=data.get("payment_terms") or account.payment_terms,
                billing_frequency=data.get("billing_frequency") or account.billing_frequency,
                po_number=data.get("po_number"),
            )
            items: list[OrderItem] = []
            for n, (item_input, product_id) in enumerate(zip(inputs, product_ids, strict=True)):
                where = f"items[{n}]"
                product = products.get(product_id)
                if product is None:
                    raise DomainError(ErrorCode.NOT_FOUND, "Product not found.", f"{where}.productId")
                parent = direct_item(order, product, item_input, prices, where, len(items))
                items.append(parent)
                for comp in components:
                    if comp.bundle_id == product.id:  # type: ignore[attr-defined]
                        child_input = {
                            "quantity": item_input["quantity"] * comp.quantity,
                            "start_date": item_input.get("start_date"),
                            "end_date": item_input.get("end_date"),
                            "subscription_term": item_input.get("subscription_term"),
                        }
                        child = direct_item(
                            order,
                            products[comp.component_id],
                            child_input,
                            prices,
                            where,
                            len(items),  # type: ignore[attr-defined]
                        )
                        child.required_by_id = parent.id
                        items.append(child)
            if order.start_date and any(i.start_date and i.start_date < order.start_date for i in items):
                raise DomainError(
                    ErrorCode.ORDER_START_AFTER_ITEM_START,
                    "The order starts after one of its items (D3).",
                    "startDate",
                )
            _close_dates(order, items)
            order.total_amount = sum((i.total_price for i in items), Decimal("0.00"))
            await order.save(using_db=uow.tx)
            await OrderItem.bulk_create(parents_first(items), using_db=uow.tx)
            await uow.record(order, OrderEventType.CREATED, {"direct": True, "items": len(items)})
        return order

    async def update(self, actor: Actor, data: dict[str, Any]) -> Order:
        """D1-D5: edit a draft order's header, dates and items, all or nothing."""
        actor.require(Permission.EDIT_ORDERS)
        async with unit_of_work(actor) as uow:
            order = await get_scoped(
                actor, Order.all().using_db(uow.tx).select_for_update(), data["order_id"], "Order", "orderId"
            )
            if order.status != OrderStatus.DRAFT:
                raise DomainError(
                    ErrorCode.ORDER_LOCKED,
                    f"Order {order.number} is {order.status}; only drafts can be edited (D1).",
                    "orderId",
                )
            check_version(order, data.get("version"))
            items = list(await OrderItem.filter(order_id=order.id).using_db(uow.tx).order_by("position"))
            before = _snapshot(order, items)
            item_ends = [i.end_date for i in items if i.end_date is not None]
            # An end set by hand (later than every item) is kept; otherwise it follows the items (D2).
            hand_set_end = order.end_date if item_ends and order.end_date and order.end_date > max(item_ends) else None
            for key in ("po_number", "payment_terms", "billing_frequency"):
                if key in data:
                    setattr(order, key, data[key])
            if data.get("start_date") is not None and order.start_date is not None:
                # D2: moving the start shifts every dated item by the same number of days.
                delta = data["start_date"] - order.start_date
                if hand_set_end is not None:
                    hand_set_end = pricing.add_days(hand_set_end, delta)
                for item in items:
                    if item.start_date is not None:
                        item.start_date = pricing.add_days(item.start_date, delta)
                    if item.end_date is not None:
                        item.end_date = pricing.add_days(item.end_date, delta)
            if data.get("start_date") is not None:
                order.start_date = data["start_date"]
            await self._edit_items(order, items, data.get("items") or [], uow.tx)
            starts = [i.start_date for i in items if i.start_date is not None]
            if order.start_date and starts and order.start_date > min(starts):
                raise DomainError(
                    ErrorCode.ORDER_START_AFTER_ITEM_START,
                    f"The order start {order.start_date} is after an item's start {min(starts)} (D3).",
                    "startDate",
                )
            _close_dates(order, items, data.get("end_date"), hand_set_end)
            await _check_segments(order, items, uow.tx)
            order.total_amount = sum((i.total_price for i in items), Decimal("0.00"))
            after = _snapshot(order, items)
            changes = _diff(before, after)
            if changes:
                order.version += 1
                await order.save(using_db=uow.tx)
                if items:
                    await OrderItem.bulk_update(
                        items,
                        fields=["quantity", "unit_price", "total_price", "start_date", "end_date"],
                        using_db=uow.tx,
                    )
                await uow.record(order, OrderEventType.UPDATED, changes)
        return order

    async def _edit_items(self, order: Order, items: list[OrderItem], edits: list[dict[str, Any]], tx: Any) -> None:
        by_id = {i.id: i for i in items}
        line_deltas: dict[Any, Decimal] = {}
        for n, edit in enumerate(edits):
            where = f"items[{n}]"
            item = by_id.get(parse_id(edit["order_item_id"], "Order item", f"{where}.orderItemId"))
            if item is None:
                raise DomainError(ErrorCode.NOT_FOUND, "Order item not found on this order.", f"{where}.orderItemId")
            if "quantity" in edit:
                if edit["quantity"] is None or edit["quantity"] <= 0:
                    raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity must be positive.", f"{where}.quantity")
                if item.quote_line_id:  # type: ignore[attr-defined]
                    line_deltas[item.quote_line_id] = line_deltas.get(item.quote_line_id, Decimal(0)) + (  # type: ignore[attr-defined]
                        edit["quantity"] - item.quantity
                    )
                item.quantity = edit["quantity"]
            if edit.get("unit_price") is not None:
                if edit["unit_price"] < 0:
                    raise invalid("A price cannot be negative.", f"{where}.unitPrice")
                item.unit_price = edit["unit_price"]
            for key in ("start_date", "end_date"):
                if key in edit:
                    setattr(item, key, edit[key])
            if item.start_date and item.end_date and item.end_date < item.start_date:
                raise invalid("An item cannot end before it starts.", f"{where}.endDate")
            item.total_price = pricing.line_total(item.quantity, item.unit_price)
        if line_deltas:
            # O4 holds for edits too: the quote line's ordered total stays within its quantity.
            lines = await QuoteLine.filter(id__in=list(line_deltas)).using_db(tx).select_for_update().order_by("id")
            for line in lines:
                new_total = line.ordered_quantity + line_deltas[line.id]
                if new_total > line.quantity:
                    raise DomainError(
                        ErrorCode.QUANTITY_EXCEEDS_REMAINING,
                        f"Only {(line.quantity - line.ordered_quantity).normalize():f} more of this line remain (O4).",
                        "items",
                    )
                line.ordered_quantity = new_total
            await QuoteLine.bulk_update(lines, fields=["ordered_quantity"], using_db=tx)


def check_version(order: Order, version: int | None) -> None:
    """D5: writes carry the version they were based on."""
    if version is None:
        raise invalid("Give the order's current version (D5).", "version")
    if version != order.version:
        raise DomainError(
            ErrorCode.VERSION_CONFLICT,
            f"Order {order.number} is at version {order.version}, not {version}; reload and retry (D5).",
            "version",
        )


def direct_item(
    order: Order, product: Product, data: dict[str, Any], prices: dict[Any, Decimal], where: str, position: int
) -> OrderItem:
    quantity = data.get("quantity")
    if quantity is None or quantity <= 0:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "A quantity must be positive.", f"{where}.quantity")
    for name, label in (("list_price", "listPrice"), ("unit_price", "unitPrice")):
        if data.get(name) is not None and data[name] < 0:
            raise invalid("A price cannot be negative.", f"{where}.{label}")
    pricing.check_term(data.get("subscription_term"), f"{where}.subscriptionTerm")
    list_price = data.get("list_price")
    if list_price is None:
        list_price = prices.get(product.id)
    if list_price is None and data.get("unit_price") is None:
        raise invalid(f"Product {product.sku} has no list price in {order.currency}.", f"{where}.productId")
    discount = data.get("discount_percent")
    if discount is not None and not (0 <= discount <= 100):
        raise invalid("A discount is between 0 and 100 percent.", f"{where}.discountPercent")
    start, end = data.get("start_date"), data.get("end_date")
    term = pricing.effective_term(
        start, end, data.get("subscription_term"), None, None, product.default_subscription_term
    )
    if product.type != ProductType.ONE_TIME:
        start = start or order.start_date
        if end is None and start is not None and term:
            end = pricing.end_for_term(start, term)
    if start and end and end < start:
        raise invalid("An item cannot end before it starts.", f"{where}.endDate")
    unit = data.get("unit_price")
    if unit is None:
        unit = pricing.unit_price(product.type, list_price, discount, term, product.default_subscription_term)  # type: ignore[arg-type]
    return OrderItem(
        order_id=order.id,
        product_id=product.id,
        position=position,
        quantity=quantity,
        list_price=list_price if list_price is not None else unit,
        unit_price=unit,
        total_price=pricing.line_total(quantity, unit),
        unprorated_net_price=pricing.unprorated_net_price(unit, term, product.default_subscription_term)
        if product.type == ProductType.RECURRING
        else None,
        subscription_term=term if product.type != ProductType.ONE_TIME else None,
        start_date=start,
        end_date=end,
        billing_frequency=data.get("billing_frequency") or product.billing_frequency or order.billing_frequency,
    )


def _close_dates(
    order: Order, items: list[OrderItem], end_date: date | None = None, kept_end: date | None = None
) -> None:
    """O8/D2/D3: the order end follows the latest item end unless set by hand, never before it."""
    ends = [i.end_date for i in items if i.end_date is not None]
    latest = max(ends) if ends else None
    if end_date is None and kept_end is not None:
        end_date = max(kept_end, latest) if latest else kept_end
    if end_date is not None:
        if latest is not None and end_date < latest:
            raise DomainError(
                ErrorCode.ORDER_END_BEFORE_ITEM_END,
                f"The order end {end_date} is before an item's end {latest} (D3).",
                "endDate",
            )
        if order.start_date and end_date < order.start_date:
            raise invalid("An order cannot end before it starts.", "endDate")
        order.end_date = end_date
    elif latest is not None:
        order.end_date = latest


async def _check_segments(order: Order, items: list[OrderItem], tx: Any) -> None:
    """O9 on edits: segments across this order and the quote's other live orders stay in sequence."""
    keys = {i.segment_key for i in items if i.segment_key}
    if not keys or not order.quote_id:  # type: ignore[attr-defined]
        return
    others = (
        await OrderItem.filter(
            order__quote_id=order.quote_id,  # type: ignore[attr-defined]
            segment_key__in=list(keys),
            order__status__not=OrderStatus.CANCELLED,
        )
        .exclude(order_id=order.id)
        .using_db(tx)
        .values("segment_key", "segment_index", "start_date", "end_date")
    )
    for key in keys:
        spans = [(o["segment_index"] or 0, o["start_date"], o["end_date"]) for o in others if o["segment_key"] == key]
        spans += [(i.segment_index or 0, i.start_date, i.end_date) for i in items if i.segment_key == key]
        check_segment_spans(key, spans)


def _snapshot(order: Order, items: list[OrderItem]) -> dict[str, Any]:
    snap: dict[str, Any] = {
        k: jsonable(getattr(order, k))
        for k in ("start_date", "end_date", "po_number", "payment_terms", "billing_frequency", "total_amount")
    }
    for item in items:
        for k in ("quantity", "unit_price", "start_date", "end_date"):
            snap[f"items.{item.id}.{k}"] = jsonable(getattr(item, k))
    return snap


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v}
