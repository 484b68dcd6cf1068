"""C10: partial orders from a contract's price agreement. `createOrderFromContract` orders quantities
of the contract's products at the contract's prices, drawing down what remains per product with
O4's race-safe cap: the contract's subscriptions are locked in primary-key order until commit
(`contract_positions.load_positions`), the cap is O4's `quote_ledger.refuse_draw`."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, DomainErrors, ErrorCode, invalid
from app.services import amendment_commands as acmd
from app.services import order_dates, pricing, quote_ledger
from app.services.contract_positions import Position, load_positions, require_active
from app.services.contract_workflow import lock_contract
from app.services.reference_data import next_number
from app.services.scoping import parse_id
from app.services.unit_of_work import unit_of_work
from models import Account, Contract, Order, OrderItem, Subscription
from models.enums import OrderEventType, OrderStatus, OrderType


class OrderFromContractService:
    @requires(Permission.CREATE_ORDERS)
    async def create(self, actor: Actor, data: acmd.CreateOrderFromContract) -> Order:
        """C10: one DRAFT order under the contract; each line draws on its product's remaining quantity."""
        if not data.lines:
            raise invalid("Order at least one product.", "lines")
        async with unit_of_work(actor) as uow:
            contract = await lock_contract(actor, uow, data.contract_id)
            require_active(contract)
            positions = await load_positions(uow.tx, contract.id)
            draws = _draws(data.lines, positions)
            order = await _order(uow.tx, contract, data)
            items = [
                OrderItem(
                    order_id=order.id,
                    product_id=position.product_id,
                    position=n,
                    quantity=quantity,
                    list_price=position.unit_price,
                    unit_price=position.unit_price,
                    total_price=pricing.line_total(quantity, position.unit_price),
                    start_date=order.start_date,
                )
                for n, (position, quantity) in enumerate(draws)
            ]
            order.total_amount = pricing.sum_totals(items)
            await order.save(using_db=uow.tx)
            await OrderItem.bulk_create(items, using_db=uow.tx)
            for position, quantity in draws:
                position.root.ordered_quantity += quantity
            await Subscription.bulk_update([p.root for p, _ in draws], fields=["ordered_quantity"], using_db=uow.tx)
            uow.record(order, OrderEventType.CREATED, {"contractId": str(contract.id), "items": len(items)})
        return order


def _draws(lines: list[acmd.ContractLine], positions: dict[Any, Position]) -> list[tuple[Position, Decimal]]:
    """C10/O4: every line's product must be on the contract and fit what remains; all refusals at once."""
    errors: list[DomainError] = []
    draws: list[tuple[Position, Decimal]] = []
    seen: set[Any] = set()
    for i, line in enumerate(lines):
        where = f"lines[{i}]"
        try:
            product_id = parse_id(line.product_id, "Product", f"{where}.productId")
        except DomainError as e:
            errors.append(e)
            continue
        position = positions.get(product_id)
        if position is None or position.quantity <= 0:
            errors.append(
                DomainError(
                    ErrorCode.PRODUCT_NOT_ON_CONTRACT,
                    "This product is not on the contract (C10).",
                    f"{where}.productId",
                )
            )
        elif product_id in seen:
            errors.append(invalid("A product is ordered twice in one order.", f"{where}.productId"))
        elif refusal := quote_ledger.refuse_draw(
            position, line.quantity, f"{where}.quantity", "this product on the contract", "C10"
        ):
            errors.append(refusal)
        else:
            draws.append((position, line.quantity))
        seen.add(product_id)
    if errors:
        raise DomainErrors(errors)
    return draws


async def _order(tx: Any, contract: Contract, data: acmd.CreateOrderFromContract) -> Order:
    """The order's terms come from the order that made the contract (else from the account)."""
    first = await Order.filter(contract_id=contract.id).using_db(tx).order_by("created_at", "id").first()
    account = await Account.filter(id=contract.account_id).using_db(tx).get()
    today = datetime.now(UTC).date()
    return Order(
        number=await next_number(tx, "order"),
        account_id=contract.account_id,
        status=OrderStatus.DRAFT,
        type=OrderType.NEW,
        version=1,
        contract_id=contract.id,
        drawn_from_contract=True,
        start_date=order_dates.order_start(data.order_start_date, [], None, today),
        total_amount=Decimal("0.00"),
        currency=first.currency if first else account.currency,
        payment_terms=first.payment_terms if first else account.payment_terms,
        billing_frequency=first.billing_frequency if first else account.billing_frequency,
    )


orders_from_contracts = OrderFromContractService()
