"""Build sales data through the public API, the way a client would."""

from typing import Any

QUOTE_FIELDS = """quote { id number status isPrimary total currency startDate
  lines { id key quantity orderedQuantity remainingQuantity listPrice unitPrice totalPrice startDate endDate
          effectiveTerm billingFrequency optional segmentKey segmentIndex product { id sku } requiredBy { id }
          group { id key } }
  groups { id key name } }"""

ORDER_FIELDS = """id number status type version startDate endDate totalAmount currency billingFrequency paymentTerms
  renewalUpliftPercent renewalTerm splitKey poNumber
  account { id } quote { id } opportunity { id }
  items { id quantity listPrice unitPrice totalPrice unproratedNetPrice startDate endDate billingFrequency
          subscriptionTerm activated contracted segmentKey segmentIndex discountSchedule
          product { id sku family } quoteLine { id } requiredBy { id } }"""


async def account(api: Any, **fields: Any) -> dict:
    data = {"name": "Acme Corp", **fields}
    return (await api.ok("createAccount", data, "account { id name currency }"))["account"]


async def product(
    api: Any, sku: str, type: str = "RECURRING", list_price: str | None = "100.00", **fields: Any
) -> dict:
    data: dict[str, Any] = {"sku": sku, "name": fields.pop("name", sku), "type": type, **fields}
    if list_price is not None:
        data["listPrice"] = list_price
    return (await api.ok("createProduct", data, "product { id sku type defaultSubscriptionTerm family }"))["product"]


async def opportunity(api: Any, account_id: str, name: str = "Deal") -> dict:
    return (await api.ok("createOpportunity", {"accountId": account_id, "name": name}, "opportunity { id stage }"))[
        "opportunity"
    ]


async def quote(api: Any, opportunity_id: str, lines: list[dict], **fields: Any) -> dict:
    data = {"opportunityId": opportunity_id, "lines": lines, **fields}
    return (await api.ok("createQuote", data, QUOTE_FIELDS))["quote"]


async def set_settings(api: Any, **fields: Any) -> None:
    await api.ok("updateSettings", fields, "settings { allowMultipleOrders }")


async def sales_setup(
    api: Any, lines: list[dict] | None = None, products: dict[str, dict] | None = None, **quote_fields: Any
) -> dict:
    """An account, an opportunity and a primary quote over the given products."""
    acc = await account(api)
    opp = await opportunity(api, acc["id"])
    q = await quote(api, opp["id"], lines or [], **quote_fields)
    return {"account": acc, "opportunity": opp, "quote": q, "products": products or {}}


async def create_orders(api: Any, input: dict) -> dict:
    return await api.mutate("createOrdersFromQuote", input, f"orders {{ {ORDER_FIELDS} }}")


async def activated_contract(
    api: Any, lines: list[tuple[str, str, str]], start: str = "2026-01-01", term: int = 12, **quote_fields: Any
) -> dict:
    """An ACTIVATED contract (C1) over RECURRING products given as (sku, list price, quantity): a quote
    for `term` months from `start` (with any other quote fields), ordered, activated and contracted."""
    products = {
        sku: await product(api, sku, "RECURRING", price, defaultSubscriptionTerm=term) for sku, price, _ in lines
    }
    setup = await sales_setup(
        api,
        [{"productId": products[sku]["id"], "quantity": qty} for sku, _, qty in lines],
        products=products,
        startDate=start,
        subscriptionTerm=term,
        **quote_fields,
    )
    order = (await create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    await api.ok("activateOrder", {"orderId": order["id"]}, "order { id }")
    contracted = await api.ok("contractOrder", {"orderId": order["id"]}, "contract { id number version status }")
    return {**setup, "contract": contracted["contract"], "order": order}
