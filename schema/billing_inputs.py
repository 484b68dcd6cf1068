"""Inputs and filters of billing (B1, B2)."""

from datetime import date

import strawberry
from strawberry import UNSET

from models.enums import InvoiceKind, InvoiceStatus
from schema.enums import ContractSortField, SortDirection


@strawberry.input
class RunInvoicesInput:
    as_of: date
    idempotency_key: str | None = UNSET


@strawberry.input
class PostInvoiceInput:
    invoice_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class VoidInvoiceInput:
    invoice_id: strawberry.ID
    idempotency_key: str | None = UNSET


@strawberry.input
class InvoiceFilter:
    account_id: strawberry.ID | None = UNSET
    status: InvoiceStatus | None = UNSET
    kind: InvoiceKind | None = UNSET


@strawberry.input
class InvoiceSort:
    field: ContractSortField = ContractSortField.CREATED_AT
    direction: SortDirection = SortDirection.ASC
