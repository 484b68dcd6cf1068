"""What the compiler knows: for each GraphQL object type, its model, the fields that are plain
columns or computed from columns, and its relations, each with the exact semantics of the resolver
and DataLoader (resolvers/loaders.py) it replaces. A field not listed here is not compiled: an
operation that selects it runs on the executor.

Columns follow the schema's naming (camelCase -> snake_case) and are checked against the model;
the differential test (tests/readpath) proves every mapping gives the executor's answer.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any, cast

import models as m
from app.services.billing_periods import timing_of
from app.services.decompose_orders import default_fulfillment_type
from app.services.obligations import is_overdue
from app.services.states import CONTRACT_STATES, INVOICE_STATES, ORDER_STATES, QUOTE_STATES
from models.enums import ContractStatus, InvoiceStatus, OrderStatus, ProductType, QuoteStatus
from resolvers.compiled.batched import (
    CREDIT_HOLD,
    OPEN_RECEIVABLES,
    OPEN_RECEIVABLES_BY_CURRENCY,
    REMAINING_AMOUNT,
    Batched,
)


@dataclass(frozen=True)
class One:
    """A to-one relation through a key the row holds (a by-id DataLoader)."""

    target: str
    key: str
    required: bool = False  # non-null in the schema: a missing/out-of-scope row is NOT_FOUND


@dataclass(frozen=True)
class Many:
    """A to-many relation: target rows whose `fk` is the row's id (a by-fk DataLoader);
    `first_only` answers the first row or null (e.g. OrderItem.subscription). A "-" before a column
    in `order_by` sorts it descending, as in Tortoise."""

    target: str
    fk: str
    order_by: tuple[str, ...]
    filters: dict[str, Any] = field(default_factory=dict)
    first_only: bool = False

    @property
    def ordering(self) -> tuple[str, ...]:
        """`order_by` with ties broken by id, as the DataLoaders do (resolvers/loaders.py)."""
        return self.order_by if "id" in self.order_by else (*self.order_by, "id")


@dataclass(frozen=True)
class TypeSpec:
    model: Any
    computed: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], Any]]] = field(default_factory=dict)
    relations: dict[str, One | Many] = field(default_factory=dict)
    batched: dict[str, Batched] = field(default_factory=dict)  # one read for all rows (batched.py)


def _today() -> date:
    return datetime.now(UTC).date()


def _next(machine: Any, enum: Any, row: dict[str, Any]) -> list[str]:
    """nextStatuses: the status table's answer for the row's status (app/services/states.py)."""
    return [str(s) for s in machine.next_statuses(enum(row["status"]))]


def _fulfillment_type(row: dict[str, Any]) -> Any:
    return row["fulfillment_type"] or default_fulfillment_type(ProductType(row["type"]))


def _remaining(row: dict[str, Any]) -> Any:
    return row["quantity"] - row["ordered_quantity"]


TYPES: dict[str, TypeSpec] = {
    "Account": TypeSpec(
        m.Account,
        relations={
            "opportunities": Many("Opportunity", "account_id", ("created_at", "id")),
            "quotes": Many("Quote", "account_id", ("created_at", "id")),
            "orders": Many("Order", "account_id", ("created_at", "number")),
            "contracts": Many("Contract", "account_id", ("created_at", "number")),
            "assets": Many("Asset", "account_id", ("created_at", "id")),
            "invoices": Many("Invoice", "account_id", ("created_at", "id")),
            "purchaseOrders": Many("PurchaseOrder", "account_id", ("valid_from", "number")),
            "payments": Many("Payment", "account_id", ("received_on", "created_at")),
        },
        batched={"openReceivables": OPEN_RECEIVABLES, "openReceivablesByCurrency": OPEN_RECEIVABLES_BY_CURRENCY},
    ),
    "Payment": TypeSpec(
        m.Payment,
        relations={
            "account": One("Account", "account_id", required=True),
            "allocations": Many("PaymentAllocation", "payment_id", ("position",)),
        },
    ),
    "PaymentAllocation": TypeSpec(
        m.PaymentAllocation,
        relations={
            "payment": One("Payment", "payment_id", required=True),
            "invoice": One("Invoice", "invoice_id", required=True),
        },
    ),
    "PurchaseOrder": TypeSpec(
        m.CustomerPurchaseOrder,
        relations={"account": One("Account", "account_id", required=True)},
        batched={"remainingAmount": REMAINING_AMOUNT},
    ),
    "Product": TypeSpec(
        m.Product,
        # F2: products made before fulfillment types have none stored: the default by product type.
        computed={
            "fulfillmentType": (("fulfillment_type", "type"), lambda row: str(_fulfillment_type(row))),
            # B1: products made before billing timing have none stored: ADVANCE.
            "billingTiming": (("billing_timing",), lambda row: str(timing_of(row["billing_timing"]))),
        },
        relations={"components": Many("ProductComponent", "bundle_id", ("position",))},
    ),
    "ProductComponent": TypeSpec(
        m.ProductComponent, relations={"product": One("Product", "component_id", required=True)}
    ),
    "Opportunity": TypeSpec(
        m.Opportunity,
        relations={
            "account": One("Account", "account_id", required=True),
            "quotes": Many("Quote", "opportunity_id", ("created_at", "id")),
            "primaryQuote": Many("Quote", "opportunity_id", ("id",), {"is_primary": True}, first_only=True),
            "orders": Many("Order", "opportunity_id", ("created_at", "number")),
            "contract": One("Contract", "contract_id"),
        },
    ),
    "Quote": TypeSpec(
        m.Quote,
        computed={"nextStatuses": (("status",), lambda row: _next(QUOTE_STATES, QuoteStatus, row))},
        relations={
            "account": One("Account", "account_id", required=True),
            "opportunity": One("Opportunity", "opportunity_id", required=True),
            "lines": Many("QuoteLine", "quote_id", ("position",)),
            "groups": Many("QuoteLineGroup", "quote_id", ("position",)),
            "orders": Many("Order", "quote_id", ("created_at", "number")),
            "documents": Many("Document", "object_id", ("-created_at",)),
            "contract": One("Contract", "contract_id"),
        },
    ),
    "QuoteLineGroup": TypeSpec(m.QuoteLineGroup),
    "QuoteLine": TypeSpec(
        m.QuoteLine,
        computed={"remainingQuantity": (("quantity", "ordered_quantity"), _remaining)},
        relations={
            "product": One("Product", "product_id", required=True),
            "quote": One("Quote", "quote_id", required=True),
            "group": One("QuoteLineGroup", "group_id"),
            "requiredBy": One("QuoteLine", "required_by_id"),
            "orderItems": Many("OrderItem", "quote_line_id", ("id",)),
        },
    ),
    "Order": TypeSpec(
        m.Order,
        computed={
            "activated": (("activated_at",), lambda row: row["activated_at"] is not None),
            "nextStatuses": (("status",), lambda row: _next(ORDER_STATES, OrderStatus, row)),
        },
        relations={
            "account": One("Account", "account_id", required=True),
            "quote": One("Quote", "quote_id"),
            "opportunity": One("Opportunity", "opportunity_id"),
            "contract": One("Contract", "contract_id"),
            "items": Many("OrderItem", "order_id", ("position",)),
            "events": Many("OrderEvent", "order_id", ("id",)),
            "versions": Many("OrderVersion", "order_id", ("version",)),
            "purchaseOrder": One("PurchaseOrder", "purchase_order_id"),
            # F2: the plan is the order itself seen through its tasks (no row of its own).
            "fulfillmentPlan": One("FulfillmentPlan", "id", required=True),
            "fulfillments": Many("Fulfillment", "order_id", ("created_at",)),
        },
        batched={"creditHold": CREDIT_HOLD},
    ),
    "FulfillmentPlan": TypeSpec(m.Order, relations={"tasks": Many("FulfillmentTask", "order_id", ("position",))}),
    "FulfillmentTask": TypeSpec(
        m.FulfillmentTask,
        relations={
            "orderItem": One("OrderItem", "order_item_id"),
            "dependsOn": One("FulfillmentTask", "depends_on_id"),
        },
    ),
    "Fulfillment": TypeSpec(
        m.Fulfillment,
        relations={
            "location": One("InventoryLocation", "location_id"),
            "lines": Many("FulfillmentLine", "fulfillment_id", ("position",)),
        },
    ),
    "FulfillmentLine": TypeSpec(m.FulfillmentLine, relations={"orderItem": One("OrderItem", "order_item_id")}),
    "InventoryLocation": TypeSpec(m.InventoryLocation),
    "OrderItem": TypeSpec(
        m.OrderItem,
        relations={
            "order": One("Order", "order_id", required=True),
            "product": One("Product", "product_id", required=True),
            "quoteLine": One("QuoteLine", "quote_line_id"),
            "requiredBy": One("OrderItem", "required_by_id"),
            "subscription": Many("Subscription", "order_item_id", ("id",), first_only=True),
            "asset": Many("Asset", "order_item_id", ("id",), first_only=True),
            "billingSchedule": Many("BillingLine", "order_item_id", ("position", "created_at", "id")),
        },
    ),
    "OrderEvent": TypeSpec(
        m.OrderEvent,
        computed={"cursor": (("id",), lambda row: str(row["id"]))},
        relations={"order": One("Order", "order_id")},
    ),
    "OrderVersion": TypeSpec(m.OrderVersion),
    "Contract": TypeSpec(
        m.Contract,
        computed={"nextStatuses": (("status",), lambda row: _next(CONTRACT_STATES, ContractStatus, row))},
        relations={
            "account": One("Account", "account_id", required=True),
            "order": Many("Order", "contract_id", ("created_at", "number"), first_only=True),
            "orders": Many("Order", "contract_id", ("created_at", "number")),
            "quote": One("Quote", "quote_id"),
            "subscriptions": Many("Subscription", "contract_id", ("created_at", "id")),
            "signatories": Many("Signatory", "contract_id", ("position",)),
            "obligations": Many("Obligation", "contract_id", ("due_date", "created_at", "id")),
            "milestones": Many("Milestone", "contract_id", ("date", "created_at", "id")),
            "events": Many("ContractEvent", "contract_id", ("id",)),
            "documents": Many("Document", "object_id", ("-created_at",)),
            "amendments": Many("Quote", "contract_id", ("created_at", "id"), {"type": "AMENDMENT"}),
            # R2/R4: the renewal opportunity, the contract renewed and the one renewing.
            "renewalOpportunity": Many(
                "Opportunity", "contract_id", ("created_at", "id"), filters={"type": "RENEWAL"}, first_only=True
            ),
            "renewedFrom": One("Contract", "renewed_from_id"),
            "renewedBy": Many("Contract", "renewed_from_id", ("created_at", "id"), first_only=True),
        },
    ),
    "Signatory": TypeSpec(m.Signatory),
    "Obligation": TypeSpec(
        m.Obligation,
        # Fields with arguments compile only when none are given: then as of today, like the resolver.
        computed={
            "overdue": (("status", "due_date"), lambda row: is_overdue(cast(Any, SimpleNamespace(**row)), _today())),
            "ownerKeyId": (("owner_key_id",), lambda row: row["owner_key_id"]),
        },
        relations={"contract": One("Contract", "contract_id")},
    ),
    "Milestone": TypeSpec(m.Milestone, computed={"reached": (("date",), lambda row: row["date"] <= _today())}),
    "ContractEvent": TypeSpec(
        m.ContractEvent,
        computed={"cursor": (("id",), lambda row: str(row["id"]))},
        relations={"contract": One("Contract", "contract_id")},
    ),
    # C8: the PDF bytes are never part of a read; `url` is where GET /documents/{id} serves them.
    "Document": TypeSpec(m.Document, computed={"url": (("id",), lambda row: f"/documents/{row['id']}")}),
    "ContractSubscription": TypeSpec(
        m.Subscription,
        relations={
            "product": One("Product", "product_id", required=True),
            "orderItem": One("OrderItem", "order_item_id"),
            "contract": One("Contract", "contract_id"),
            "revises": One("Subscription", "revises_id"),
        },
    ),
    "Asset": TypeSpec(
        m.Asset,
        relations={
            "product": One("Product", "product_id", required=True),
            "orderItem": One("OrderItem", "order_item_id"),
        },
    ),
    # B1, B2: billing schedules and invoices.
    "BillingLine": TypeSpec(
        m.BillingLine,
        relations={
            "orderItem": One("OrderItem", "order_item_id"),
            "quoteLine": One("QuoteLine", "quote_line_id"),
            "invoice": One("Invoice", "invoice_id"),
        },
    ),
    "Invoice": TypeSpec(
        m.Invoice,
        computed={"nextStatuses": (("status",), lambda row: _next(INVOICE_STATES, InvoiceStatus, row))},
        relations={
            "account": One("Account", "account_id", required=True),
            "corrects": One("Invoice", "corrects_id"),
            "lines": Many("InvoiceLine", "invoice_id", ("position", "id")),
            "payments": Many("PaymentAllocation", "invoice_id", ("created_at",)),
            "documents": Many("Document", "object_id", ("-created_at",)),
            "events": Many("InvoiceEvent", "invoice_id", ("id",)),
        },
    ),
    "InvoiceEvent": TypeSpec(
        m.InvoiceEvent,
        computed={"cursor": (("id",), lambda row: str(row["id"]))},
        relations={"invoice": One("Invoice", "invoice_id")},
    ),
    "InvoiceLine": TypeSpec(m.InvoiceLine, relations={"orderItem": One("OrderItem", "order_item_id")}),
}

# The GraphQL type a relation's target names -> its TypeSpec key (the schema renames Subscription).
TARGETS = {"Subscription": "ContractSubscription"}


def spec_of(target: str) -> TypeSpec:
    return TYPES[TARGETS.get(target, target)]


@dataclass(frozen=True)
class RootSpec:
    """A root field: by id (`_one` in resolvers/queries.py) or a connection (`_connection`)."""

    type_name: str
    connection: bool
    default_sort: str = "created_at"


ROOTS: dict[str, RootSpec] = {
    "account": RootSpec("Account", False),
    "product": RootSpec("Product", False),
    "opportunity": RootSpec("Opportunity", False),
    "quote": RootSpec("Quote", False),
    "order": RootSpec("Order", False),
    "contract": RootSpec("Contract", False),
    "accounts": RootSpec("Account", True),
    "products": RootSpec("Product", True),
    "opportunities": RootSpec("Opportunity", True),
    "quotes": RootSpec("Quote", True),
    "orders": RootSpec("Order", True),
    "contracts": RootSpec("Contract", True),
    "invoice": RootSpec("Invoice", False),
    "invoices": RootSpec("Invoice", True),
}
