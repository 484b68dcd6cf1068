"""Status machines as data (Q1, A4, C6): for each status, where it may move, by which verb, and what
the object may do while in it. `move_order` / `move_quote` / `move_contract` are the only places a
status changes; the version bump (D5) and the event (D4, A3) come from `move_order` / `move_contract`.

The README's diagrams are generated from these tables (`mermaid`; tests/test_readme.py checks them).
"""

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from app.errors import DomainError, ErrorCode
from app.services import assets_and_subscriptions as downstream
from app.services import billing_schedules, credit, decompose_orders
from app.services.unit_of_work import UnitOfWork
from app.services.versions import bump
from models import Contract, Order, OrderItem, Quote
from models.enums import (
    ContractEventType,
    ContractStatus,
    FulfillmentStatus,
    InvoiceStatus,
    OrderEventType,
    OrderStatus,
    QuoteStatus,
    TaskStatus,
)

S = TypeVar("S", bound=StrEnum)


class Capability(StrEnum):
    """What an object may do while it is in a status."""

    EDIT = "EDIT"  # D1: header and items edited in place (updateOrder / updateQuote)
    CHANGE = "CHANGE"  # I1: in-flight change as a new version (changeOrder)
    CONTRACT = "CONTRACT"  # C1: contractOrder
    SHIP = "SHIP"  # F3/F4: fulfillments, tasks and the shipOrderItems shortcut


@dataclass(frozen=True)
class Transition(Generic[S]):
    source: S
    target: S
    via: str  # the verb that makes the move
    note: str = ""


@dataclass(frozen=True)
class Refusal:
    code: ErrorCode
    rule: str


class StateMachine(Generic[S]):
    def __init__(
        self,
        name: str,
        initial: tuple[S, str],
        transitions: Iterable[Transition[S]],
        allows: Mapping[S, frozenset[Capability]],
        refusals: Mapping[Capability, Refusal],
    ) -> None:
        self.name = name
        self.initial = initial
        self.transitions = tuple(transitions)
        self.allows_table = allows
        self.refusals = refusals

    def next_statuses(self, current: S) -> list[S]:
        seen: list[S] = []
        for t in self.transitions:
            if t.source == current and t.target not in seen:
                seen.append(t.target)
        return seen

    def check(self, current: S, target: S) -> None:
        """Anything the table does not list is INVALID_TRANSITION."""
        if target not in self.next_statuses(current):
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {self.name} cannot move from {current} to {target}.",
                "status",
            )

    def allows(self, current: S, capability: Capability) -> bool:
        return capability in self.allows_table.get(current, frozenset())

    def require(self, current: S, capability: Capability, label: str, field: str, hint: str = "") -> None:
        if not self.allows(current, capability):
            refusal = self.refusals[capability]
            able = ", ".join(s for s, caps in self.allows_table.items() if capability in caps)
            raise DomainError(
                refusal.code,
                f"{label} is {current}; only {able} {self.name}s allow this ({refusal.rule}).{hint}",
                field,
            )

    def mermaid(self) -> str:
        start, via = self.initial
        rows = ["stateDiagram-v2", f"    [*] --> {start}: {via}"]
        for t in self.transitions:
            note = f" ({t.note})" if t.note else ""
            rows.append(f"    {t.source} --> {t.target}: {t.via}{note}")
        return "\n".join(rows)


def parse_transitions(enum: type[S], table: str) -> list[Transition[S]]:
    """Rows `FROM -> TO: verb (note)`; `A | B -> TO` lists several sources. Unknown statuses fail at import."""
    rows: list[Transition[S]] = []
    for line in filter(None, (raw.strip() for raw in table.splitlines())):
        sources, rest = line.split("->")
        target, _, label = rest.partition(":")
        via, _, note = label.strip().partition(" (")
        for source in sources.split("|"):
            rows.append(Transition(enum(source.strip()), enum(target.strip()), via.strip(), note.rstrip(")")))
    return rows


OS = OrderStatus
ORDER_STATES: StateMachine[OrderStatus] = StateMachine(
    "order",
    (OS.DRAFT, "createOrdersFromQuote / createOrder"),
    parse_transitions(
        OrderStatus,
        """
        DRAFT -> ACTIVATED: activateOrder (ACTIVATE_ORDERS; locks the order)
        ACTIVATED -> DRAFT: deactivateOrder (not contracted, nothing shipped)
        ACTIVATED -> IN_FULFILLMENT: allocateFulfillment / startTask (first allocation or task start)
        IN_FULFILLMENT -> FULFILLED: deliverFulfillment / completeTask / changeOrder (everything delivered or done)
        FULFILLED -> COMPLETED: completeOrder (billed in full)
        DRAFT | ACTIVATED -> CANCELLED: cancelOrder (reason)
        IN_FULFILLMENT -> CANCELLED: cancelOrder (shipped quantities stay)
        """,
    ),
    allows={
        OS.DRAFT: frozenset({Capability.EDIT}),
        OS.ACTIVATED: frozenset({Capability.CHANGE, Capability.CONTRACT, Capability.SHIP}),
        OS.IN_FULFILLMENT: frozenset({Capability.CHANGE, Capability.CONTRACT, Capability.SHIP}),
        OS.FULFILLED: frozenset({Capability.CONTRACT}),
        OS.COMPLETED: frozenset({Capability.CONTRACT}),
    },
    refusals={
        Capability.EDIT: Refusal(ErrorCode.ORDER_LOCKED, "D1"),
        Capability.CHANGE: Refusal(ErrorCode.INVALID_TRANSITION, "I1"),
        Capability.CONTRACT: Refusal(ErrorCode.ORDER_NOT_ACTIVATED, "C1"),
        Capability.SHIP: Refusal(ErrorCode.INVALID_TRANSITION, "A4"),
    },
)

QUOTE_STATES: StateMachine[QuoteStatus] = StateMachine(
    "quote",
    (QuoteStatus.DRAFT, "createQuote"),
    parse_transitions(
        QuoteStatus,
        """
        DRAFT -> IN_REVIEW: submitQuote (at least one line)
        IN_REVIEW -> APPROVED: approveQuote (APPROVE_QUOTES)
        IN_REVIEW -> DENIED: denyQuote (APPROVE_QUOTES)
        APPROVED -> PRESENTED: presentQuote
        PRESENTED -> ACCEPTED: acceptQuote
        PRESENTED -> REJECTED: rejectQuote
        IN_REVIEW | APPROVED | DENIED -> DRAFT: updateQuote (an edit needs approval again)
        PRESENTED | ACCEPTED | REJECTED -> DRAFT: updateQuote (an edit needs approval again)
        """,
    ),
    allows={s: frozenset({Capability.EDIT}) for s in QuoteStatus},
    refusals={Capability.EDIT: Refusal(ErrorCode.QUOTE_LOCKED, "Q1")},
)

CONTRACT_STATES: StateMachine[ContractStatus] = StateMachine(
    "contract",
    (ContractStatus.DRAFT, "createContractFromQuote"),
    parse_transitions(
        ContractStatus,
        """
        DRAFT -> IN_APPROVAL: submitContract
        IN_APPROVAL -> APPROVED: approveContract (APPROVE_CONTRACTS)
        IN_APPROVAL -> DRAFT: rejectContract (APPROVE_CONTRACTS; reason)
        APPROVED -> SENT_FOR_SIGNATURE: sendContractForSignature (signatories)
        SENT_FOR_SIGNATURE -> SIGNED: signContract (the last signatory signs)
        SIGNED -> ACTIVATED: signContract (start date passed)
        SIGNED -> ACTIVATED: runDaily (R3, on the start date)
        ACTIVATED -> EXPIRED: runDaily (R3, past its end)
        ACTIVATED -> TERMINATED: terminateContract (C11)
        ACTIVATED -> RENEWED: runDaily / contractOrder (R4, past its end, renewed)
        DRAFT | IN_APPROVAL | APPROVED | SENT_FOR_SIGNATURE -> CANCELLED: cancelContract (reason)
        """,
    ),
    allows={},
    refusals={},
)

FULFILLMENT_STATES: StateMachine[FulfillmentStatus] = StateMachine(
    "fulfillment",
    (FulfillmentStatus.PENDING, "createFulfillment"),
    parse_transitions(
        FulfillmentStatus,
        """
        PENDING -> ALLOCATED: allocateFulfillment (reserves stock; INSUFFICIENT_STOCK)
        ALLOCATED -> SHIPPED: shipFulfillment (takes stock off hand)
        SHIPPED -> DELIVERED: deliverFulfillment
        PENDING | ALLOCATED -> CANCELLED: cancelFulfillment (releases the reservation)
        """,
    ),
    allows={},
    refusals={},
)

TASK_STATES: StateMachine[TaskStatus] = StateMachine(
    "task",
    (TaskStatus.PENDING, "activateOrder"),
    parse_transitions(
        TaskStatus,
        """
        PENDING -> IN_PROGRESS: startTask (DEPENDENCY_NOT_DONE before its parent's work is done)
        IN_PROGRESS -> DONE: completeTask
        PENDING | IN_PROGRESS -> CANCELLED: cancelOrder / changeOrder (its item cancelled)
        """,
    ),
    allows={},
    refusals={},
)


INVOICE_STATES: StateMachine[InvoiceStatus] = StateMachine(
    "invoice",
    (InvoiceStatus.DRAFT, "runInvoices"),
    parse_transitions(
        InvoiceStatus,
        """
        DRAFT -> POSTED: postInvoice (next gapless number INV-000001; immutable from here)
        POSTED -> PAID: recordPayment (balance reaches zero)
        DRAFT -> VOID: voidInvoice (its lines are billable again)
        POSTED -> VOID: voidInvoice (unpaid; a credit note corrects it, its lines are billable again)
        """,
    ),
    allows={},
    refusals={},
)


async def move_contract(
    uow: UnitOfWork, contract: Contract, target: ContractStatus, changes: dict[str, Any] | None = None
) -> None:
    """C6: every contract status change goes through the table, then the one version bump and the
    event on the contract's own stream, published after commit."""
    CONTRACT_STATES.check(contract.status, target)
    previous = contract.status
    contract.status = target
    await bump(uow, contract, ContractEventType.STATUS_CHANGED, changes, previous_status=previous)


@dataclass
class Moving:
    """An order on its way from one status to another, for entry guards and effects."""

    uow: UnitOfWork
    order: Order
    previous: OrderStatus
    items: list[OrderItem]


Hook = Callable[[Moving], Awaitable[None]]


async def _has_items(m: Moving) -> None:
    if not m.items:
        raise DomainError(ErrorCode.EMPTY_ORDER, "An order needs at least one item to be activated (A1).", "orderId")


async def _activatable(m: Moving) -> None:
    """A1: something to activate; B5: within the account's credit limit (or released / overridden)."""
    await _has_items(m)
    await credit.check_activation(m.uow.tx, m.uow.actor, m.order)


async def _deactivatable(m: Moving) -> None:
    if m.order.contracted:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Order {m.order.number} is contracted; uncontract it first (A2, C4).",
            "orderId",
        )
    if any(i.shipped_quantity > 0 for i in m.items):
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Order {m.order.number} has shipped items and cannot be deactivated (A2).",
            "orderId",
        )


async def _on_activated(m: Moving) -> None:
    """A1: items marked activated; C3: ONE_TIME items become PURCHASED assets; B1: billing schedules;
    F2: the fulfillment plan."""
    await OrderItem.filter(order_id=m.order.id).using_db(m.uow.tx).update(activated=True)
    await downstream.create_assets(m.uow.tx, m.order, m.items)
    await billing_schedules.create_schedules(m.uow.tx, m.order, m.items)  # B1
    await decompose_orders.build_plan(m.uow.tx, m.items)  # F2


async def _on_deactivated(m: Moving) -> None:
    """A2/C4: the items' activated flags clear (contracted flags stay); purchased assets go."""
    await OrderItem.filter(order_id=m.order.id).using_db(m.uow.tx).update(activated=False)
    await downstream.remove_purchased_assets(m.uow.tx, m.order)
    await billing_schedules.cancel_schedules(m.uow.tx, m.order, m.items)  # B6
    await decompose_orders.clear_plan(m.uow.tx, m.order)
    m.order.activated_at = None
    m.order.activated_by = None


async def _on_fulfilled(m: Moving) -> None:
    await downstream.install_assets(m.uow.tx, m.order)


# Entry guards run before a move, effects with it, keyed by (from, to); None matches any source.
GUARDS: dict[tuple[OrderStatus | None, OrderStatus], Hook] = {
    (None, OS.ACTIVATED): _activatable,
    (OS.ACTIVATED, OS.DRAFT): _deactivatable,
}
EFFECTS: dict[tuple[OrderStatus | None, OrderStatus], Hook] = {
    (None, OS.ACTIVATED): _on_activated,
    (OS.ACTIVATED, OS.DRAFT): _on_deactivated,
    (None, OS.FULFILLED): _on_fulfilled,
}


def _hook(
    table: Mapping[tuple[OrderStatus | None, OrderStatus], Hook], source: OrderStatus, target: OrderStatus
) -> Any:
    return table.get((source, target)) or table.get((None, target))


async def move_order(
    uow: UnitOfWork,
    order: Order,
    target: OrderStatus,
    items: list[OrderItem],
    changes: dict[str, Any] | None = None,
    event: OrderEventType = OrderEventType.STATUS_CHANGED,
) -> None:
    """A4: every order status change goes through the table, its guard and effect, then the one
    version bump (D5) and the event (D4), published after commit (A3)."""
    ORDER_STATES.check(order.status, target)
    moving = Moving(uow, order, order.status, items)
    guard, effect = _hook(GUARDS, order.status, target), _hook(EFFECTS, order.status, target)
    if guard is not None:
        await guard(moving)
    if effect is not None:
        await effect(moving)
    order.status = target
    await bump(uow, order, event, changes, previous_status=moving.previous)


def move_quote(quote: Quote, target: QuoteStatus) -> None:
    """Q1: a quote status changes only along the table."""
    QUOTE_STATES.check(quote.status, target)
    quote.status = target
