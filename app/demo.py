"""`ordergraph seed-demo`: a realistic data set (catalog, accounts, quotes in every status, orders in
every status, contracts) made through the public GraphQL API, so every business rule holds.

It runs the GraphQL schema in-process as an ADMIN actor, or, with `--url`, against a running server
(then a dashboard open on that server watches the orders appear and move live). Running it again adds
nothing: it stops when the demo's first account already exists.
"""

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Run = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]

MARKER_ACCOUNT = "Northwind Traders"

PRODUCTS = [
    # sku, name, type, family, list price, default subscription term (months)
    ("CRM-SEAT", "CRM seat", "RECURRING", "Software", "120.00", 12),
    ("ANALYTICS", "Analytics add-on", "RECURRING", "Software", "600.00", 12),
    ("SUPPORT-PREMIUM", "Premium support", "RECURRING", "Support", "2400.00", 12),
    ("ONBOARD", "Onboarding package", "ONE_TIME", "Services", "500.00", None),
    ("EDGE-ROUTER", "Edge router", "ONE_TIME", "Hardware", "899.00", None),
]

ACCOUNTS = [
    (MARKER_ACCOUNT, "Net 30"),
    ("Contoso Ltd", "Net 45"),
    ("Globex Corporation", "Net 30"),
    ("Initech", "Net 15"),
    ("Umbrella Health", "Net 60"),
    ("Stark Logistics", "Net 30"),
    ("Wayne Analytics", "Net 30"),
    ("Acme Corp", "Net 30"),
]

# Quote statuses reached without an order (Q1): the moves that lead there.
QUOTE_PATHS = {
    "DRAFT": [],
    "IN_REVIEW": ["submitQuote"],
    "APPROVED": ["submitQuote", "approveQuote"],
    "DENIED": ["submitQuote", "denyQuote"],
    "PRESENTED": ["submitQuote", "approveQuote", "presentQuote"],
    "REJECTED": ["submitQuote", "approveQuote", "presentQuote", "rejectQuote"],
}
ACCEPTED = ["submitQuote", "approveQuote", "presentQuote", "acceptQuote"]

# Orders, each from an accepted primary quote, brought to their status through the lifecycle (A1-A4).
ORDER_TARGETS = [
    "DRAFT",
    "DRAFT",
    "DRAFT",
    "ACTIVATED",
    "ACTIVATED",
    "ACTIVATED",
    "IN_FULFILLMENT",
    "IN_FULFILLMENT",
    "FULFILLED",
    "FULFILLED",
    "COMPLETED",
    "COMPLETED",
    "CANCELLED",
    "CANCELLED",
]
CONTRACTED = {4, 5, 9}  # indexes in ORDER_TARGETS whose order is turned into a contract (C1/C2)

ORDER_FIELDS = """id number status version
  items { id quantity product { fulfillmentType } } fulfillmentPlan { tasks { id kind } }"""
ORDER_SELECTION = f"order {{ {ORDER_FIELDS} }}"
# F2: onboarding is work to do (a SERVICE task); the other products keep their type's default.
FULFILLMENT_TYPES = {"ONBOARD": "SERVICE"}


class DemoError(Exception):
    pass


@dataclass
class Seeder:
    run: Run
    today: date

    async def mutate(self, name: str, input: dict[str, Any], selection: str = "") -> dict[str, Any]:
        input_type = name[0].upper() + name[1:] + "Input"
        document = (
            f"mutation Demo($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ code message }} "
            f"{selection} }} }}"
        )
        payload = (await self.run(document, {"input": input}))[name]
        if payload["errors"]:
            raise DemoError(f"{name} refused: {payload['errors']}")
        return payload

    async def already_seeded(self) -> bool:
        data = await self.run(
            "query DemoCheck($name: String!) { accounts(first: 1, filter: {nameContains: $name}) { totalCount } }",
            {"name": MARKER_ACCOUNT},
        )
        return bool(data["accounts"]["totalCount"])

    async def seed(self) -> dict[str, int]:
        products, accounts = await self._catalog()
        deals = iter(range(10_000))
        for status, moves in QUOTE_PATHS.items():
            stage = f"Expansion ({status.lower().replace('_', ' ')} quote)"
            quote_id = await self._new_quote(products, accounts, next(deals), stage)
            for move in moves:
                await self.mutate(move, {"quoteId": quote_id})
        contracts = 0
        for index, target in enumerate(ORDER_TARGETS):
            quote_id = await self._new_quote(products, accounts, next(deals), "Rollout")
            for move in ACCEPTED:
                await self.mutate(move, {"quoteId": quote_id})
            created = await self.mutate("createOrdersFromQuote", {"quoteId": quote_id}, "orders { id }")
            order = await self.advance(created["orders"][0]["id"], target)
            if index in CONTRACTED:
                await self.mutate("contractOrder", {"orderId": order["id"]}, "contract { id }")
                contracts += 1
        return {
            "products": len(PRODUCTS),
            "accounts": len(ACCOUNTS),
            "quotes": len(QUOTE_PATHS) + len(ORDER_TARGETS),
            "orders": len(ORDER_TARGETS),
            "contracts": contracts,
        }

    async def _catalog(self) -> tuple[dict[str, str], list[str]]:
        products = {}
        for sku, name, type_, family, price, term in PRODUCTS:
            fields: dict[str, Any] = {"sku": sku, "name": name, "type": type_, "family": family, "listPrice": price}
            if term:
                fields["defaultSubscriptionTerm"] = term
            if sku in FULFILLMENT_TYPES:
                fields["fulfillmentType"] = FULFILLMENT_TYPES[sku]
            products[sku] = (await self.mutate("createProduct", fields, "product { id }"))["product"]["id"]
        accounts = []
        for name, terms in ACCOUNTS:
            created = await self.mutate("createAccount", {"name": name, "paymentTerms": terms}, "account { id }")
            accounts.append(created["account"]["id"])
        return products, accounts

    async def _new_quote(self, products: dict[str, str], accounts: list[str], deal: int, stage_name: str) -> str:
        """A primary quote of a varied shape (seats, add-ons, hardware) on a new opportunity."""
        seats = 10 + 5 * (deal % 7)
        lines = [
            {"productId": products["CRM-SEAT"], "quantity": str(seats), "discountPercent": str(5 * (deal % 3))},
            {"productId": products["ONBOARD"], "quantity": "1"},
        ]
        if deal % 2:
            lines.append({"productId": products["ANALYTICS"], "quantity": str(1 + deal % 4)})
        if deal % 3 == 0:
            lines.append({"productId": products["SUPPORT-PREMIUM"], "quantity": "1"})
        if deal % 4 == 1:
            lines.append({"productId": products["EDGE-ROUTER"], "quantity": str(2 + deal % 5)})
        opportunity = await self.mutate(
            "createOpportunity",
            {"accountId": accounts[deal % len(accounts)], "name": f"{stage_name} {self.today.year + 1} #{deal + 1}"},
            "opportunity { id }",
        )
        quote = await self.mutate(
            "createQuote",
            {
                "opportunityId": opportunity["opportunity"]["id"],
                "startDate": str(self.today + timedelta(days=7 * (deal % 6))),
                "subscriptionTerm": 12 * (1 + deal % 3),
                "billingFrequency": "ANNUAL",
                "lines": lines,
            },
            "quote { id }",
        )
        return str(quote["quote"]["id"])

    async def advance(self, order_id: str, target: str) -> dict[str, Any]:
        """Moves a DRAFT order to `target` through the allowed transitions (README: the order lifecycle)."""
        order: dict[str, Any] = {"id": order_id}
        if target == "DRAFT":
            return order
        if target == "CANCELLED":
            cancel = {"orderId": order_id, "reason": "Customer chose another vendor"}
            return (await self.mutate("cancelOrder", cancel, ORDER_SELECTION))["order"]
        order = (await self.mutate("activateOrder", {"orderId": order_id}, ORDER_SELECTION))["order"]
        if target == "ACTIVATED":
            return order
        order = await self._fulfil(order, target == "IN_FULFILLMENT")
        if target == "COMPLETED":
            order = (await self.mutate("completeOrder", {"orderId": order_id}, ORDER_SELECTION))["order"]
        return order

    async def _fulfil(self, order: dict[str, Any], start_only: bool) -> dict[str, Any]:
        """F4: starting a SERVICE task begins fulfilment; completing the tasks and shipping the
        SHIPPABLE items (the shipOrderItems shortcut) fulfils the order."""
        services = [t for t in order["fulfillmentPlan"]["tasks"] if t["kind"] == "SERVICE"]
        for task in services[: 1 if start_only else None]:
            await self.mutate("startTask", {"taskId": task["id"]}, "task { id }")
            if not start_only:
                await self.mutate("completeTask", {"taskId": task["id"]}, "task { id }")
        shipped = [
            {"orderItemId": item["id"], "quantity": item["quantity"]}
            for item in order["items"]
            if item["product"]["fulfillmentType"] == "SHIPPABLE" and not start_only
        ]
        if shipped:
            await self.mutate("shipOrderItems", {"orderId": order["id"], "items": shipped}, "order { id }")
        data = await self.run(f"query Demo($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}", {"id": order["id"]})
        return dict(data["order"])


def in_process_runner() -> Run:
    """Executes documents against the schema in this process as an ADMIN actor (the ORM must be open)."""
    from app.auth import Actor
    from models.enums import Role
    from resolvers.context import Context
    from schema.root import schema

    actor = Actor(key_id=None, name="seed-demo", role=Role.ADMIN)

    async def run(document: str, variables: dict[str, Any]) -> dict[str, Any]:
        context = Context(request=None, response=None, actor=actor)
        result = await schema.execute(document, variable_values=variables, context_value=context)
        if result.errors:
            raise DemoError("; ".join(error.message for error in result.errors))
        return result.data  # type: ignore[return-value]

    return run


def http_runner(url: str, key: str) -> Run:
    """Sends documents to a running server, as any client would."""

    def post(document: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": document, "variables": variables}).encode()
        request = urllib.request.Request(
            url, body, {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the operator's URL
                answer = json.loads(response.read())
        except urllib.error.URLError as error:
            raise DemoError(f"cannot reach {url}: {error}") from error
        if answer.get("errors"):
            raise DemoError("; ".join(error["message"] for error in answer["errors"]))
        return answer["data"]

    async def run(document: str, variables: dict[str, Any]) -> dict[str, Any]:
        return await asyncio.to_thread(post, document, variables)

    return run


async def seed_demo(run: Run, today: date | None = None) -> dict[str, int] | None:
    """The counts of what was made, or None when the demo data is already there."""
    seeder = Seeder(run, today or date.today())
    if await seeder.already_seeded():
        return None
    return await seeder.seed()
