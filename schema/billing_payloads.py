"""Payloads of the billing mutations (B2)."""

import strawberry

from schema.billing import Invoice
from schema.common import UserError


@strawberry.type
class RunInvoicesPayload:
    errors: list[UserError]
    invoices: list[Invoice] | None = None


@strawberry.type
class PostInvoicePayload:
    errors: list[UserError]
    invoice: Invoice | None = None


@strawberry.type
class VoidInvoicePayload:
    errors: list[UserError]
    invoice: Invoice | None = None
