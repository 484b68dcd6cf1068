"""Commands of the billing verbs (B1, B2): what each billing mutation or query asks for."""

from dataclasses import dataclass
from datetime import date

from app.services.commands import Command


@dataclass(frozen=True, kw_only=True)
class PreviewSchedule(Command):
    quote_id: str | None = None
    order_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class RunInvoices(Command):
    as_of: date


@dataclass(frozen=True, kw_only=True)
class InvoiceTransition(Command):
    invoice_id: str
