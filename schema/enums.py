"""GraphQL enums: the stored enums exposed as they are, plus the error codes and sort options."""

from enum import StrEnum

import strawberry

from app.auth import Permission
from app.errors import ErrorCode
from models.enums import (
    BillingFrequency,
    OpportunityStage,
    OrderByField,
    OrderEventType,
    OrderStatus,
    OrderType,
    ProductType,
    QuoteStatus,
    Role,
)

# The stored enums are the GraphQL enums: strawberry.enum registers the classes themselves.
for _enum in (
    ProductType,
    BillingFrequency,
    OpportunityStage,
    QuoteStatus,
    OrderByField,
    OrderStatus,
    OrderType,
    OrderEventType,
    Role,
    ErrorCode,
    Permission,
):
    strawberry.enum(_enum)

__all__ = [
    "BillingFrequency",
    "ErrorCode",
    "OpportunityStage",
    "OrderByField",
    "OrderEventType",
    "OrderStatus",
    "OrderType",
    "Permission",
    "ProductType",
    "QuoteStatus",
    "Role",
]


@strawberry.enum
class SortDirection(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum
class OrderSortField(StrEnum):
    CREATED_AT = "created_at"
    NUMBER = "number"
    TOTAL_AMOUNT = "total_amount"


@strawberry.enum
class QuoteSortField(StrEnum):
    CREATED_AT = "created_at"
    NUMBER = "number"
    TOTAL = "total"


@strawberry.enum
class ContractSortField(StrEnum):
    CREATED_AT = "created_at"
    NUMBER = "number"


@strawberry.enum
class NameSortField(StrEnum):
    CREATED_AT = "created_at"
    NAME = "name"
