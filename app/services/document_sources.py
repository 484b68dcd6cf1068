"""C8: what a document is made from. Each kind of object registers a `DocumentSource`: the command
field holding its id and a loader that reads the object in the actor's scope (S3: a foreign id is
NOT_FOUND) and returns the template's data and the account that owns the object. Contracts, quotes
and invoices (B2) register here; another capability registers its own with `register_source`."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.auth import Actor
from app.services.scoping import get_scoped
from models import (
    Account,
    Contract,
    Invoice,
    InvoiceLine,
    Milestone,
    Obligation,
    Order,
    Quote,
    QuoteLine,
    Signatory,
    Subscription,
)
from models.enums import DocumentKind, InvoiceKind


@dataclass(frozen=True)
class SourceData:
    account_id: UUID
    object_id: UUID
    title: str  # "Contract C-000001"
    created: datetime  # the PDF's creation date: the object's own, so re-rendering gives the same bytes
    values: dict[str, Any]  # the template's variables: {"contract": {...}, "account": {...}}


@dataclass(frozen=True)
class DocumentSource:
    kind: DocumentKind
    field: str  # the RenderDocument command field with the object's id, e.g. "contract_id"
    load: Callable[[Actor, str], Awaitable[SourceData]]


DOCUMENT_SOURCES: dict[DocumentKind, DocumentSource] = {}


def register_source(source: DocumentSource) -> None:
    DOCUMENT_SOURCES[source.kind] = source


def _account(account: Account) -> dict[str, Any]:
    return {"name": account.name, "currency": account.currency, "payment_terms": account.payment_terms}


async def _contract_terms(contract: Contract, account: Account) -> tuple[str | None, str]:
    """Payment terms and currency: the requested-from quote's, else the first order's, else the account's."""
    quote = await Quote.filter(id=contract.quote_id).first() if contract.quote_id else None
    order = await Order.filter(contract_id=contract.id).order_by("created_at", "number").first()
    sources = [s for s in (quote, order) if s is not None]
    terms = next((s.payment_terms for s in sources if s.payment_terms), account.payment_terms)
    currency = next((s.currency for s in sources if s.currency), account.currency)
    return terms, currency


def _subscription(s: Subscription) -> dict[str, Any]:
    product = s.product
    return {
        "product_name": product.name,
        "sku": product.sku,
        "quantity": s.quantity,
        "net_price": s.net_price,
        "start_date": s.start_date,
        "end_date": s.end_date,
        "status": str(s.status),
    }


async def load_contract(actor: Actor, contract_id: str) -> SourceData:
    """C8: a contract with its account, dates, term, subscriptions, signatories, obligations, milestones."""
    contract: Contract = await get_scoped(actor, Contract.all(), contract_id, "Contract", "contractId")
    account = await Account.get(id=contract.account_id)
    payment_terms, currency = await _contract_terms(contract, account)
    subscriptions = (
        await Subscription.filter(contract_id=contract.id).order_by("created_at", "id").prefetch_related("product")
    )
    signatories = await Signatory.filter(contract_id=contract.id).order_by("position", "id")
    obligations = await Obligation.filter(contract_id=contract.id).order_by("due_date", "created_at", "id")
    milestones = await Milestone.filter(contract_id=contract.id).order_by("date", "created_at", "id")
    values = {
        "number": contract.number,
        "status": str(contract.status),
        "type": str(contract.type),
        "version": contract.version,
        "start_date": contract.start_date,
        "end_date": contract.end_date,
        "term": contract.term,
        "renewal_term": contract.renewal_term,
        "renewal_uplift_percent": contract.renewal_uplift_percent,
        "payment_terms": payment_terms,
        "currency": currency,
        "subscriptions": [_subscription(s) for s in subscriptions],
        "signatories": [
            {"name": s.name, "email": s.email, "kind": str(s.kind), "signed_at": s.signed_at} for s in signatories
        ],
        "obligations": [{"title": o.title, "due_date": o.due_date, "status": str(o.status)} for o in obligations],
        "milestones": [{"title": m.title, "date": m.date} for m in milestones],
    }
    return SourceData(
        account_id=contract.account_id,
        object_id=contract.id,
        title=f"Contract {contract.number}",
        created=contract.created_at,
        values={"contract": values, "account": _account(account)},
    )


def _line(line: QuoteLine) -> dict[str, Any]:
    product = line.product
    return {
        "product_name": product.name,
        "sku": product.sku,
        "quantity": line.quantity,
        "list_price": line.list_price,
        "discount_percent": line.discount_percent,
        "unit_price": line.unit_price,
        "total_price": line.total_price,
        "start_date": line.start_date,
        "end_date": line.end_date,
        "billing_frequency": str(line.billing_frequency) if line.billing_frequency else None,
        "optional": line.optional,
    }


async def load_quote(actor: Actor, quote_id: str) -> SourceData:
    """C8: a quote with its account, lines and totals (Q3: optional lines are not in the total)."""
    quote: Quote = await get_scoped(actor, Quote.all(), quote_id, "Quote", "quoteId")
    account = await Account.get(id=quote.account_id)
    lines = await QuoteLine.filter(quote_id=quote.id).order_by("position", "id").prefetch_related("product")
    values = {
        "number": quote.number,
        "status": str(quote.status),
        "type": str(quote.type),
        "start_date": quote.start_date,
        "subscription_term": quote.subscription_term,
        "billing_frequency": str(quote.billing_frequency) if quote.billing_frequency else None,
        "currency": quote.currency,
        "payment_terms": quote.payment_terms or account.payment_terms,
        "total": quote.total,
        "optional_total": sum((line.total_price for line in lines if line.optional), Decimal(0)),
        "lines": [_line(line) for line in lines],
    }
    return SourceData(
        account_id=quote.account_id,
        object_id=quote.id,
        title=f"Quote {quote.number}",
        created=quote.created_at,
        values={"quote": values, "account": _account(account)},
    )


async def load_invoice(actor: Actor, invoice_id: str) -> SourceData:
    """B2: an invoice or credit note with its account and lines; a draft has no number yet."""
    invoice: Invoice = await get_scoped(actor, Invoice.all(), invoice_id, "Invoice", "invoiceId")
    account = await Account.get(id=invoice.account_id)
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by("position", "id")
    values = {
        "number": invoice.number,
        "kind": str(invoice.kind),
        "status": str(invoice.status),
        "currency": invoice.currency,
        "total": invoice.total,
        "balance": invoice.balance,
        "as_of": invoice.as_of,
        "posted_at": invoice.posted_at,
        "lines": [
            {
                "description": x.description,
                "period_start": x.period_start,
                "period_end": x.period_end,
                "amount": x.amount,
            }
            for x in lines
        ],
    }
    label = "Credit note" if invoice.kind == InvoiceKind.CREDIT_NOTE else "Invoice"
    return SourceData(
        account_id=invoice.account_id,
        object_id=invoice.id,
        title=f"{label} {invoice.number or 'draft'}",
        created=invoice.created_at,
        values={"invoice": values, "account": _account(account)},
    )


register_source(DocumentSource(DocumentKind.CONTRACT, "contract_id", load_contract))
register_source(DocumentSource(DocumentKind.QUOTE, "quote_id", load_quote))
register_source(DocumentSource(DocumentKind.INVOICE, "invoice_id", load_invoice))
