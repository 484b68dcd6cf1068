"""Status machines, declared once as tables of allowed transitions (Q1, A4)."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Generic, TypeVar

from app.errors import DomainError, ErrorCode
from models.enums import OrderStatus, QuoteStatus

S = TypeVar("S", bound=StrEnum)


class StateMachine(Generic[S]):
    def __init__(self, name: str, transitions: Mapping[S, frozenset[S]]) -> None:
        self.name = name
        self.transitions = transitions

    def allowed(self, current: S, target: S) -> bool:
        return target in self.transitions.get(current, frozenset())

    def check(self, current: S, target: S) -> None:
        if not self.allowed(current, target):
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {self.name} cannot move from {current} to {target}.",
                "status",
            )


# Q1: DRAFT -> IN_REVIEW -> APPROVED | DENIED; APPROVED -> PRESENTED -> ACCEPTED | REJECTED.
QUOTE_STATES: StateMachine[QuoteStatus] = StateMachine(
    "quote",
    {
        QuoteStatus.DRAFT: frozenset({QuoteStatus.IN_REVIEW}),
        QuoteStatus.IN_REVIEW: frozenset({QuoteStatus.APPROVED, QuoteStatus.DENIED}),
        QuoteStatus.APPROVED: frozenset({QuoteStatus.PRESENTED}),
        QuoteStatus.PRESENTED: frozenset({QuoteStatus.ACCEPTED, QuoteStatus.REJECTED}),
    },
)

# A4: DRAFT -> ACTIVATED -> IN_FULFILLMENT -> FULFILLED -> COMPLETED; DRAFT | ACTIVATED |
# IN_FULFILLMENT -> CANCELLED. ACTIVATED -> DRAFT is deactivation (A2).
ORDER_STATES: StateMachine[OrderStatus] = StateMachine(
    "order",
    {
        OrderStatus.DRAFT: frozenset({OrderStatus.ACTIVATED, OrderStatus.CANCELLED}),
        OrderStatus.ACTIVATED: frozenset({OrderStatus.IN_FULFILLMENT, OrderStatus.CANCELLED, OrderStatus.DRAFT}),
        OrderStatus.IN_FULFILLMENT: frozenset({OrderStatus.FULFILLED, OrderStatus.CANCELLED}),
        OrderStatus.FULFILLED: frozenset({OrderStatus.COMPLETED}),
    },
)
