"""The error model: every broken business rule is a DomainError carrying an ErrorCode (API.md)."""

from enum import StrEnum


class ErrorCode(StrEnum):
    # Generic
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    VERSION_CONFLICT = "VERSION_CONFLICT"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    # Q: quotes
    QUOTE_LOCKED = "QUOTE_LOCKED"
    ORDER_BY_CONFLICT = "ORDER_BY_CONFLICT"
    # O: orders from quotes
    NO_PRIMARY_QUOTE = "NO_PRIMARY_QUOTE"
    QUOTE_NOT_PRIMARY = "QUOTE_NOT_PRIMARY"
    QUOTE_NOT_APPROVED = "QUOTE_NOT_APPROVED"
    QUOTE_ALREADY_ORDERED = "QUOTE_ALREADY_ORDERED"
    MULTIPLE_ORDERS_DISABLED = "MULTIPLE_ORDERS_DISABLED"
    QUANTITY_EXCEEDS_REMAINING = "QUANTITY_EXCEEDS_REMAINING"
    INVALID_QUANTITY = "INVALID_QUANTITY"
    SEGMENT_OVERLAP = "SEGMENT_OVERLAP"
    # D: draft edits
    ORDER_LOCKED = "ORDER_LOCKED"
    ORDER_START_AFTER_ITEM_START = "ORDER_START_AFTER_ITEM_START"
    ORDER_END_BEFORE_ITEM_END = "ORDER_END_BEFORE_ITEM_END"
    # A, C, I: lifecycle
    EMPTY_ORDER = "EMPTY_ORDER"
    ORDER_NOT_ACTIVATED = "ORDER_NOT_ACTIVATED"
    ALREADY_CONTRACTED = "ALREADY_CONTRACTED"
    BELOW_FULFILLED_QUANTITY = "BELOW_FULFILLED_QUANTITY"
    # C9-C11: amendments, orders from a contract, termination
    CONTRACT_NOT_ACTIVE = "CONTRACT_NOT_ACTIVE"
    AMENDMENT_DATE_OUT_OF_RANGE = "AMENDMENT_DATE_OUT_OF_RANGE"
    QUANTITY_BELOW_ZERO = "QUANTITY_BELOW_ZERO"
    PRODUCT_NOT_ON_CONTRACT = "PRODUCT_NOT_ON_CONTRACT"
    TERMINATION_DATE_OUT_OF_RANGE = "TERMINATION_DATE_OUT_OF_RANGE"
    # F, B
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    DEPENDENCY_NOT_DONE = "DEPENDENCY_NOT_DONE"
    OVERPAYMENT = "OVERPAYMENT"
    PO_AMOUNT_EXCEEDED = "PO_AMOUNT_EXCEEDED"
    PO_NOT_APPLICABLE = "PO_NOT_APPLICABLE"
    CREDIT_LIMIT_EXCEEDED = "CREDIT_LIMIT_EXCEEDED"
    # C8: documents
    TEMPLATE_INVALID = "TEMPLATE_INVALID"
    TEMPLATE_RENDER_FAILED = "TEMPLATE_RENDER_FAILED"
    ALLOCATIONS_EXCEED_PAYMENT = "ALLOCATIONS_EXCEED_PAYMENT"


class DomainError(Exception):
    """A business rule refused the request; nothing was written."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def not_found(what: str, field: str | None = None) -> DomainError:
    # S3: the same answer for a missing id and an id outside the caller's scope.
    return DomainError(ErrorCode.NOT_FOUND, f"{what} not found.", field)


def invalid(message: str, field: str | None = None) -> DomainError:
    return DomainError(ErrorCode.VALIDATION_ERROR, message, field)


class DomainErrors(DomainError):
    """Several broken rules found in one pass (e.g. one per selected line)."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].code, errors[0].message, errors[0].field)
        self.errors = errors


def error_list(error: DomainError) -> list[DomainError]:
    return list(error.errors) if isinstance(error, DomainErrors) else [error]
