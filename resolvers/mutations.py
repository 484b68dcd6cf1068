"""Root mutation fields, one row each: the service verb it calls (which declares its permission,
S2), the command its input becomes, its input and payload types, and how the result fills the payload.
Every one runs through `run_mutation` (resolvers/common.py)."""

import typing
from typing import Any

import strawberry
from strawberry.schema.name_converter import NameConverter
from strawberry.types import Info, get_object_definition

from app.auth import Permission, permission_of
from app.services.registry import (
    accounts,
    amend_contracts,
    api_keys,
    change_orders,
    contract_orders,
    contract_workflow,
    create_orders,
    credit,
    daily_run,
    direct_orders,
    document_templates,
    documents,
    draft_orders,
    fulfil_orders,
    inventory,
    invoice_runs,
    invoices,
    move_orders,
    obligations,
    opportunities,
    opportunity_stages,
    orders_from_contracts,
    payments,
    products,
    purchase_orders,
    quotes,
    run_tasks,
    settings,
    terminate_contracts,
)
from resolvers.common import MutationSpec, run_mutation
from schema import account_inputs as acc
from schema import admin_inputs as adm
from schema import amendment_inputs as ai
from schema import amendment_payloads as ap
from schema import billing_inputs as bi
from schema import billing_payloads as bp
from schema import contract_inputs as ci
from schema import document_inputs as di
from schema import document_payloads as dp
from schema import fulfillment_inputs as fi
from schema import fulfillment_payloads as fp
from schema import inputs as i
from schema import payloads as p
from schema import purchasing_inputs as pi
from schema import purchasing_payloads as pp
from schema import renewal_inputs as ri
from schema import renewal_payloads as rp
from schema.accounts import Account
from schema.billing import Invoice
from schema.catalog import Product
from schema.contracts import Contract, Milestone, Obligation
from schema.documents import Document, DocumentTemplate
from schema.fulfillment import Fulfillment, FulfillmentTask, InventoryLocation, Stock
from schema.orders import ApiKey, Order, Settings
from schema.purchasing import Payment, PurchaseOrder
from schema.renewals import DailyRun
from schema.sales import Opportunity, Quote

# Where `mutation` looks for `<Name>Input` and `<Name>Payload`: one module per capability.
INPUT_MODULES: tuple[Any, ...] = (i, acc, adm, ci, di, ai, ri, bi, pi, fi)
PAYLOAD_MODULES: tuple[Any, ...] = (p, dp, ap, rp, bp, pp, fp)


def mutation(name: str, service: Any, verb: str, shape: Any) -> Any:
    """The field `name` (camel-cased), taking `<Name>Input` and returning `<Name>Payload` (API.md); its
    input becomes the command type the service verb declares for its `data` argument."""
    spec = MutationSpec(service, verb, typing.get_type_hints(getattr(service, verb))["data"])
    inputs = next(m for m in INPUT_MODULES if hasattr(m, f"{name}Input"))
    payloads = next(m for m in PAYLOAD_MODULES if hasattr(m, f"{name}Payload"))
    input_type, payload = getattr(inputs, f"{name}Input"), getattr(payloads, f"{name}Payload")

    async def resolve(info: Info, input: Any) -> Any:
        return await run_mutation(info, payload, input, spec, shape)

    resolve.__annotations__ = {"info": Info, "input": input_type, "return": payload}
    resolve.spec = spec  # type: ignore[attr-defined]
    return strawberry.mutation(resolver=resolve)  # described in schema/descriptions.py


def _settings(s: Any) -> dict:
    return {"settings": Settings.from_model(s)}


def _new_api_key(r: Any) -> dict:
    return {"api_key": ApiKey.from_model(r[0]), "secret": r[1]}


def _api_key(k: Any) -> dict:
    return {"api_key": ApiKey.from_model(k)}


def _account(m: Any) -> dict:
    return {"account": Account.from_model(m)}


def _product(m: Any) -> dict:
    return {"product": Product.from_model(m)}


def _opportunity(m: Any) -> dict:
    return {"opportunity": Opportunity.from_model(m)}


def _orders(orders: Any) -> dict:
    return {"orders": [Order.from_model(o) for o in orders]}


def _contracted(r: Any) -> dict:
    return {"order": Order.from_model(r[0]), "contract": Contract.from_model(r[1])}


def _contract(c: Any) -> dict:
    return {"contract": Contract.from_model(c)}


def _obligation(o: Any) -> dict:
    return {"obligation": Obligation.from_model(o)}


def _milestone(m: Any) -> dict:
    return {"milestone": Milestone.from_model(m)}


def _document(d: Any) -> dict:
    return {"document": Document.from_model(d)}


def _template(t: Any) -> dict:
    return {"template": DocumentTemplate.from_spec(t)}


def _quote(q: Any) -> dict:
    return {"quote": Quote.from_model(q)}


def _order(o: Any) -> dict:
    return {"order": Order.from_model(o)}


def _run(r: Any) -> dict:
    return {"run": DailyRun.from_result(r)}


def _purchase_order(po: Any) -> dict:
    return {"purchase_order": PurchaseOrder.from_model(po)}


def _payment(pay: Any) -> dict:
    return {"payment": Payment.from_model(pay)}


def _invoices(rows: Any) -> dict:
    return {"invoices": [Invoice.from_model(r) for r in rows]}


def _invoice(r: Any) -> dict:
    return {"invoice": Invoice.from_model(r)}


def _location(m: Any) -> dict:
    return {"location": InventoryLocation.from_model(m)}


def _stock(m: Any) -> dict:
    return {"stock": Stock.from_model(m)}


def _fulfillment(m: Any) -> dict:
    return {"fulfillment": Fulfillment.from_model(m)}


def _task(m: Any) -> dict:
    return {"task": FulfillmentTask.from_model(m)}


@strawberry.type
class Mutation:
    update_settings = mutation("UpdateSettings", settings, "update", _settings)
    create_api_key = mutation("CreateApiKey", api_keys, "create", _new_api_key)
    revoke_api_key = mutation("RevokeApiKey", api_keys, "revoke", _api_key)
    create_account = mutation("CreateAccount", accounts, "create", _account)
    create_product = mutation("CreateProduct", products, "create", _product)
    create_opportunity = mutation("CreateOpportunity", opportunities, "create", _opportunity)
    update_opportunity_stage = mutation("UpdateOpportunityStage", opportunity_stages, "update_stage", _opportunity)
    create_quote = mutation("CreateQuote", quotes, "create", _quote)
    update_quote = mutation("UpdateQuote", quotes, "update", _quote)
    submit_quote = mutation("SubmitQuote", quotes, "submit", _quote)
    approve_quote = mutation("ApproveQuote", quotes, "approve", _quote)
    deny_quote = mutation("DenyQuote", quotes, "deny", _quote)
    present_quote = mutation("PresentQuote", quotes, "present", _quote)
    accept_quote = mutation("AcceptQuote", quotes, "accept", _quote)
    reject_quote = mutation("RejectQuote", quotes, "reject", _quote)
    create_orders_from_quote = mutation("CreateOrdersFromQuote", create_orders, "create", _orders)
    create_order = mutation("CreateOrder", direct_orders, "create", _order)
    update_order = mutation("UpdateOrder", draft_orders, "update", _order)
    activate_order = mutation("ActivateOrder", move_orders, "activate", _order)
    deactivate_order = mutation("DeactivateOrder", move_orders, "deactivate", _order)
    contract_order = mutation("ContractOrder", contract_orders, "contract", _contracted)
    uncontract_order = mutation("UncontractOrder", contract_orders, "uncontract", _order)
    change_order = mutation("ChangeOrder", change_orders, "change", _order)
    cancel_order = mutation("CancelOrder", move_orders, "cancel", _order)
    ship_order_items = mutation("ShipOrderItems", move_orders, "ship", _order)
    complete_order = mutation("CompleteOrder", move_orders, "complete", _order)
    create_contract_from_quote = mutation("CreateContractFromQuote", contract_workflow, "create_from_quote", _contract)
    submit_contract = mutation("SubmitContract", contract_workflow, "submit", _contract)
    approve_contract = mutation("ApproveContract", contract_workflow, "approve", _contract)
    reject_contract = mutation("RejectContract", contract_workflow, "reject", _contract)
    send_contract_for_signature = mutation(
        "SendContractForSignature", contract_workflow, "send_for_signature", _contract
    )
    sign_contract = mutation("SignContract", contract_workflow, "sign", _contract)
    cancel_contract = mutation("CancelContract", contract_workflow, "cancel", _contract)
    add_obligation = mutation("AddObligation", obligations, "add_obligation", _obligation)
    update_obligation = mutation("UpdateObligation", obligations, "update_obligation", _obligation)
    add_milestone = mutation("AddMilestone", obligations, "add_milestone", _milestone)
    render_document = mutation("RenderDocument", documents, "render", _document)
    save_document_template = mutation("SaveDocumentTemplate", document_templates, "save", _template)
    amend_contract = mutation("AmendContract", amend_contracts, "amend", _quote)
    create_order_from_contract = mutation("CreateOrderFromContract", orders_from_contracts, "create", _order)
    terminate_contract = mutation("TerminateContract", terminate_contracts, "terminate", _contract)
    run_daily = mutation("RunDaily", daily_run, "run", _run)
    create_purchase_order = mutation("CreatePurchaseOrder", purchase_orders, "create", _purchase_order)
    attach_purchase_order = mutation("AttachPurchaseOrder", purchase_orders, "attach", _order)
    release_credit_hold = mutation("ReleaseCreditHold", credit, "release_hold", _order)
    record_payment = mutation("RecordPayment", payments, "record", _payment)
    run_invoices = mutation("RunInvoices", invoice_runs, "run", _invoices)
    post_invoice = mutation("PostInvoice", invoices, "post", _invoice)
    void_invoice = mutation("VoidInvoice", invoices, "void", _invoice)
    create_inventory_location = mutation("CreateInventoryLocation", inventory, "create_location", _location)
    receive_stock = mutation("ReceiveStock", inventory, "receive", _stock)
    create_fulfillment = mutation("CreateFulfillment", fulfil_orders, "create", _fulfillment)
    allocate_fulfillment = mutation("AllocateFulfillment", fulfil_orders, "allocate", _fulfillment)
    ship_fulfillment = mutation("ShipFulfillment", fulfil_orders, "ship", _fulfillment)
    deliver_fulfillment = mutation("DeliverFulfillment", fulfil_orders, "deliver", _fulfillment)
    cancel_fulfillment = mutation("CancelFulfillment", fulfil_orders, "cancel", _fulfillment)
    start_task = mutation("StartTask", run_tasks, "start", _task)
    complete_task = mutation("CompleteTask", run_tasks, "complete", _task)


# S2: the permission each mutation needs, read from its service verb (declared there once).
MUTATION_PERMISSIONS: dict[str, Permission] = {
    NameConverter().get_graphql_name(field): permission_of(getattr(field.base_resolver, "wrapped_func").spec.verb)  # noqa: B009
    for field in get_object_definition(Mutation, strict=True).fields
}
