"""The service instances the API layer calls, one per capability (each module makes its own)."""

from app.services.admin import api_keys, settings
from app.services.amend_contracts import amend_contracts
from app.services.billing_schedules import billing_schedules
from app.services.catalog import accounts, opportunities, products
from app.services.change_orders import change_orders
from app.services.contract_orders import contract_orders
from app.services.contract_orders_from_agreement import orders_from_contracts
from app.services.contract_workflow import contract_workflow
from app.services.create_direct_order import direct_orders
from app.services.create_orders import create_orders
from app.services.credit import credit
from app.services.daily_run import daily_run
from app.services.document_templates import document_templates
from app.services.documents import documents
from app.services.edit_draft_orders import draft_orders
from app.services.edit_quotes import quotes
from app.services.fulfil_orders import fulfil_orders
from app.services.inventory import inventory
from app.services.invoice_run import invoice_runs
from app.services.invoices import invoices
from app.services.metrics_report import metrics_report
from app.services.move_orders import move_orders
from app.services.obligations import obligations
from app.services.order_on_stage import opportunity_stages
from app.services.payments import payments
from app.services.purchase_orders import purchase_orders
from app.services.run_tasks import run_tasks
from app.services.terminate_contracts import terminate_contracts

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
    "documents",
    "document_templates",
    "amend_contracts",
    "orders_from_contracts",
    "terminate_contracts",
    "opportunity_stages",
    "daily_run",
    "metrics_report",
    "purchase_orders",
    "credit",
    "payments",
    "billing_schedules",
    "invoice_runs",
    "invoices",
    "inventory",
    "fulfil_orders",
    "run_tasks",
]
