"""Tortoise models only: fields, relations and indexes. No business rules live here."""

from models.accounts import Account
from models.catalog import PriceBook, PriceBookEntry, Product, ProductComponent
from models.events import OrderEvent
from models.orders import Order, OrderItem
from models.quotes import Opportunity, Quote, QuoteLine, QuoteLineGroup
from models.system import ApiKey, ApiKeyAccount, Counter, Settings

__all__ = [
    "Account",
    "ApiKey",
    "ApiKeyAccount",
    "Counter",
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
]
