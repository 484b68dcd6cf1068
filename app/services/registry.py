"""The service instances the API layer calls, one per capability (each module makes its own)."""

from app.services.admin import api_keys, settings
from app.services.catalog import accounts, opportunities, products
from app.services.change_orders import change_orders
from app.services.contract_orders import contract_orders
from app.services.contract_workflow import contract_workflow
from app.services.create_direct_order import direct_orders
from app.services.create_orders import create_orders
from app.services.edit_draft_orders import draft_orders
from app.services.edit_quotes import quotes
from app.services.fulfil_orders import fulfil_orders
from app.services.inventory import inventory
from app.services.move_orders import move_orders
from app.services.obligations import obligations
from app.services.run_tasks import run_tasks

__all__ = [
    "settings",
    "api_keys",
    "accounts",
    "products",
    "opportunities",
    "quotes",
    "create_orders",
    "direct_orders",
    "draft_orders",
    "move_orders",
    "contract_orders",
    "change_orders",
    "contract_workflow",
    "obligations",
    "inventory",
    "fulfil_orders",
    "run_tasks",
]
