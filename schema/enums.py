"""GraphQL enums: the stored enums exposed as they are, plus the error codes and sort options."""

from enum import StrEnum

import strawberry

from app.auth import Permission as PermissionEnum
from app.errors import ErrorCode as ErrorCodeEnum
from models import enums as m

ProductType = strawberry.enum(m.ProductType, name="ProductType")
BillingFrequency = strawberry.enum(m.BillingFrequency, name="BillingFrequency")
OpportunityStage = strawberry.enum(m.OpportunityStage, name="OpportunityStage")
QuoteStatus = strawberry.enum(m.QuoteStatus, name="QuoteStatus")
OrderByField = strawberry.enum(m.OrderByField, name="OrderByField")
OrderStatus = strawberry.enum(m.OrderStatus, name="OrderStatus")
OrderType = strawberry.enum(m.OrderType, name="OrderType")
OrderEventType = strawberry.enum(m.OrderEventType, name="OrderEventType")
Role = strawberry.enum(m.Role, name="Role")
ErrorCode = strawberry.enum(ErrorCodeEnum, name="ErrorCode")
Permission = strawberry.enum(PermissionEnum, name="Permission")


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
class NameSortField(StrEnum):
    CREATED_AT = "created_at"
    NAME = "name"
