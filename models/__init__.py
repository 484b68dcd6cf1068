"""Tortoise models only: fields, relations and indexes. No business rules live here."""

from models.accounts import Account
from models.billing import BillingLine, Invoice, InvoiceLine
from models.catalog import PriceBook, PriceBookEntry, Product, ProductComponent
from models.contracts import Asset, Contract, Milestone, Obligation, Signatory, Subscription
from models.documents import Document, DocumentTemplate
from models.events import ContractEvent, InvoiceEvent, OrderEvent
from models.inventory import Fulfillment, FulfillmentLine, FulfillmentTask, InventoryLocation, Stock, StockReceipt
from models.orders import Order, OrderItem, OrderVersion
from models.payments import Payment, PaymentAllocation
from models.purchasing import CustomerPurchaseOrder
from models.quotes import Opportunity, Quote, QuoteLine, QuoteLineGroup
from models.renewals import DailyRunMark
from models.system import ApiKey, ApiKeyAccount, Counter, IdempotencyRecord, Settings

__all__ = [
    "Account",
    "Asset",
    "BillingLine",
    "Invoice",
    "InvoiceEvent",
    "InvoiceLine",
    "Contract",
    "ContractEvent",
    "Document",
    "DocumentTemplate",
    "DailyRunMark",
    "Milestone",
    "Obligation",
    "Signatory",
    "OrderVersion",
    "Subscription",
    "ApiKey",
    "ApiKeyAccount",
    "Counter",
    "CustomerPurchaseOrder",
    "IdempotencyRecord",
    "Opportunity",
    "Order",
    "OrderEvent",
    "OrderItem",
    "Payment",
    "PaymentAllocation",
    "PriceBook",
    "PriceBookEntry",
    "Product",
    "ProductComponent",
    "Quote",
    "QuoteLine",
    "QuoteLineGroup",
    "Settings",
    "InventoryLocation",
    "Stock",
    "StockReceipt",
    "Fulfillment",
    "FulfillmentLine",
    "FulfillmentTask",
]
