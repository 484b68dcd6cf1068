"""Enumerations stored in the database. The GraphQL enums in schema/enums.py mirror these."""

from enum import StrEnum


class ProductType(StrEnum):
    ONE_TIME = "ONE_TIME"
    RECURRING = "RECURRING"
    USAGE = "USAGE"


class BillingFrequency(StrEnum):
    ONE_TIME = "ONE_TIME"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    SEMIANNUAL = "SEMIANNUAL"
    ANNUAL = "ANNUAL"


class OpportunityStage(StrEnum):
    PROSPECTING = "PROSPECTING"
    QUALIFICATION = "QUALIFICATION"
    PROPOSAL = "PROPOSAL"
    NEGOTIATION = "NEGOTIATION"
    CLOSED_WON = "CLOSED_WON"
    CLOSED_LOST = "CLOSED_LOST"


class QuoteStatus(StrEnum):
    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    APPROVED = "APPROVED"
    DENIED = "DENIED"
    PRESENTED = "PRESENTED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"


class OrderByField(StrEnum):
    PRODUCT_FAMILY = "PRODUCT_FAMILY"
    BILLING_FREQUENCY = "BILLING_FREQUENCY"
    PRODUCT_TYPE = "PRODUCT_TYPE"
    START_DATE = "START_DATE"


class OrderStatus(StrEnum):
    DRAFT = "DRAFT"
    ACTIVATED = "ACTIVATED"
    IN_FULFILLMENT = "IN_FULFILLMENT"
    FULFILLED = "FULFILLED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class OrderType(StrEnum):
    NEW = "NEW"
    AMENDMENT = "AMENDMENT"
    RENEWAL = "RENEWAL"


class OrderEventType(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    STATUS_CHANGED = "STATUS_CHANGED"
    CHANGED = "CHANGED"
    CONTRACTED = "CONTRACTED"
    UNCONTRACTED = "UNCONTRACTED"
    SHIPPED = "SHIPPED"
    CANCELLED = "CANCELLED"
    # F3/F4: fulfillment and task status changes, on the order's stream
    FULFILLMENT_CREATED = "FULFILLMENT_CREATED"
    FULFILLMENT_ALLOCATED = "FULFILLMENT_ALLOCATED"
    FULFILLMENT_SHIPPED = "FULFILLMENT_SHIPPED"
    FULFILLMENT_DELIVERED = "FULFILLMENT_DELIVERED"
    FULFILLMENT_CANCELLED = "FULFILLMENT_CANCELLED"
    TASK_STARTED = "TASK_STARTED"
    TASK_COMPLETED = "TASK_COMPLETED"
    # Not about an order: tells every process to cut off a revoked key's open subscriptions (S1).
    KEY_REVOKED = "KEY_REVOKED"


class Role(StrEnum):
    ADMIN = "ADMIN"
    SALES_REP = "SALES_REP"
    SALES_OPS = "SALES_OPS"
    FULFILLMENT = "FULFILLMENT"
    BILLING = "BILLING"
    PARTNER = "PARTNER"
    READ_ONLY = "READ_ONLY"
    LEGAL = "LEGAL"


class ContractStatus(StrEnum):
    DRAFT = "DRAFT"
    IN_APPROVAL = "IN_APPROVAL"
    APPROVED = "APPROVED"
    SENT_FOR_SIGNATURE = "SENT_FOR_SIGNATURE"
    SIGNED = "SIGNED"
    ACTIVATED = "ACTIVATED"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"
    RENEWED = "RENEWED"
    CANCELLED = "CANCELLED"


class ContractEventType(StrEnum):
    CREATED = "CREATED"
    STATUS_CHANGED = "STATUS_CHANGED"
    SIGNED = "SIGNED"
    OBLIGATION_ADDED = "OBLIGATION_ADDED"
    OBLIGATION_UPDATED = "OBLIGATION_UPDATED"
    MILESTONE_ADDED = "MILESTONE_ADDED"
    ORDER_JOINED = "ORDER_JOINED"
    # C9: an amendment order's deltas were contracted into the contract.
    AMENDED = "AMENDED"
    # R3/C7: the daily run found an obligation open past its due date (once per obligation).
    OBLIGATION_OVERDUE = "OBLIGATION_OVERDUE"
    # R2: the daily run made this contract's renewal opportunity.
    RENEWAL_CREATED = "RENEWAL_CREATED"


class SignatoryKind(StrEnum):
    CUSTOMER = "CUSTOMER"
    INTERNAL = "INTERNAL"


class ObligationStatus(StrEnum):
    OPEN = "OPEN"
    DONE = "DONE"
    WAIVED = "WAIVED"


class SubscriptionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CANCELLED = "CANCELLED"


class AssetStatus(StrEnum):
    PURCHASED = "PURCHASED"
    INSTALLED = "INSTALLED"
    CANCELLED = "CANCELLED"


# Contract and quote documents (C8)
class DocumentKind(StrEnum):
    QUOTE = "QUOTE"
    CONTRACT = "CONTRACT"
    INVOICE = "INVOICE"


# Billing (DOMAIN B1, B2, B6).
class BillingLineKind(StrEnum):
    CHARGE = "CHARGE"
    CREDIT = "CREDIT"


class BillingLineStatus(StrEnum):
    UNBILLED = "UNBILLED"
    INVOICED = "INVOICED"
    VOID = "VOID"


class InvoiceKind(StrEnum):
    INVOICE = "INVOICE"
    CREDIT_NOTE = "CREDIT_NOTE"


class InvoiceStatus(StrEnum):
    DRAFT = "DRAFT"
    POSTED = "POSTED"
    PAID = "PAID"
    VOID = "VOID"


class InvoiceEventType(StrEnum):
    # B2: made by the invoice run, or a credit note made by voiding a posted invoice.
    CREATED = "CREATED"
    # B2/B3: posted, voided, or paid in full (previousStatus -> status).
    STATUS_CHANGED = "STATUS_CHANGED"
    # B3: a payment lowered the balance without settling it.
    PAYMENT_APPLIED = "PAYMENT_APPLIED"


# F: fulfillment and inventory
class FulfillmentType(StrEnum):
    SHIPPABLE = "SHIPPABLE"
    SERVICE = "SERVICE"
    DIGITAL = "DIGITAL"


class LocationKind(StrEnum):
    WAREHOUSE = "WAREHOUSE"
    PROVIDER = "PROVIDER"


class FulfillmentStatus(StrEnum):
    PENDING = "PENDING"
    ALLOCATED = "ALLOCATED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


class TaskKind(StrEnum):
    SHIPMENT = "SHIPMENT"
    SERVICE = "SERVICE"
    PROVISIONING = "PROVISIONING"


class TaskStatus(StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


# B1: billing in arrears
class BillingTiming(StrEnum):
    ADVANCE = "ADVANCE"
    ARREARS = "ARREARS"
