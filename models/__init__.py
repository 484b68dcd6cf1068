"""Tortoise models only: fields, relations and indexes. No business rules live here."""

from models.accounts import Account
from models.catalog import PriceBook, PriceBookEntry, Product, ProductComponent
from models.contracts import Asset, Contract, Milestone, Obligation, Signatory, Subscription
from models.events import ContractEvent, OrderEvent
from models.inventory import Fulfillment, FulfillmentLine, FulfillmentTask, InventoryLocation, Stock, StockReceipt
from models.orders import Order, OrderItem, OrderVersion
from models.quotes import Opportunity, Quote, QuoteLine, QuoteLineGroup
from models.system import ApiKey, ApiKeyAccount, Counter, IdempotencyRecord, Settings

__all__ = [
    "Account",
    "Asset",
    "Contract",
    "ContractEvent",
    "Milestone",
    "Obligation",
    "Signatory",
    "OrderVersion",
    "Subscription",
    "ApiKey",
    "ApiKeyAccount",
    "Counter",
    "IdempotencyRecord",
    "Opportunity",
    "Order",
    "OrderEvent",
    "OrderItem",
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
