"""The service instances the API layer calls."""

from app.services.admin import ApiKeyService, SettingsService
from app.services.catalog import AccountService, OpportunityService, ProductService
from app.services.ordering import OrderingService
from app.services.orders import OrderService
from app.services.quotes import QuoteService

settings = SettingsService()
api_keys = ApiKeyService()
accounts = AccountService()
products = ProductService()
opportunities = OpportunityService()
quotes = QuoteService()
ordering = OrderingService()
orders = OrderService()
from app.services.changes import ChangeService  # noqa: E402
from app.services.lifecycle import LifecycleService  # noqa: E402

lifecycle = LifecycleService()
changes = ChangeService()
