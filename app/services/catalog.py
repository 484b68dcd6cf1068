"""Accounts, products, price books and opportunities: the objects quotes and orders stand on."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode, invalid
from app.services import commands as cmd
from app.services.billing_periods import check_billing_day
from app.services.decompose_orders import default_fulfillment_type
from app.services.pricing import check_term
from app.services.scoping import get_scoped, parse_id
from app.services.unit_of_work import unit_of_work
from models import Account, Opportunity, PriceBook, PriceBookEntry, Product, ProductComponent
from models.enums import BillingTiming, OpportunityStage, ProductType, Role


def _currency(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise invalid("A currency is a three-letter ISO 4217 code such as USD.", field)
    return code


class AccountService:
    @requires(Permission.MANAGE_ACCOUNTS)
    async def create(self, actor: Actor, data: cmd.CreateAccount) -> Account:
        name = (data.name or "").strip()
        if not name:
            raise invalid("An account needs a name.", "name")
        credit_limit = data.credit_limit
        if credit_limit is not None and credit_limit < 0:
            raise invalid("The credit limit cannot be negative.", "creditLimit")
        if not check_billing_day(data.billing_day_of_month):
            raise invalid("billingDayOfMonth is a day from 1 to 28 (every month has it).", "billingDayOfMonth")
        async with unit_of_work(actor) as uow:
            account = await Account.create(
                name=name,
                currency=_currency(data.currency, "currency") or "USD",
                credit_limit=credit_limit,
                payment_terms=data.payment_terms,
                billing_frequency=data.billing_frequency,
                billing_day_of_month=data.billing_day_of_month,
                # S3: a sales rep owns the accounts it creates.
                owner_key_id=actor.key_id if actor.role == Role.SALES_REP else None,
                using_db=uow.tx,
            )
            if actor.role == Role.PARTNER and actor.key_id:
                from models import ApiKeyAccount

                await ApiKeyAccount.create(api_key_id=actor.key_id, account_id=account.id, using_db=uow.tx)
        return account


class ProductService:
    @requires(Permission.MANAGE_CATALOG)
    async def create(self, actor: Actor, data: cmd.CreateProduct) -> Product:
        sku = (data.sku or "").strip()
        name = (data.name or "").strip()
        if not sku:
            raise invalid("A product needs a SKU.", "sku")
        if not name:
            raise invalid("A product needs a name.", "name")
        product_type = ProductType(data.type)
        term = data.default_subscription_term
        check_term(term, "defaultSubscriptionTerm")
        if product_type == ProductType.RECURRING and term is None:
            term = 12
        prices: list[tuple[str, Decimal]] = []
        if data.list_price is not None:
            prices.append((_currency(data.currency, "currency") or "USD", data.list_price))
        for i, entry in enumerate(data.prices or []):
            prices.append((_currency(entry.currency, f"prices[{i}].currency") or "USD", entry.list_price))
        for _, amount in prices:
            if amount < 0:
                raise invalid("A list price cannot be negative.", "listPrice")
        if len({c for c, _ in prices}) != len(prices):
            raise invalid("One list price per currency.", "prices")
        component_ids = [parse_id(c, "Component product", "componentIds") for c in data.component_ids or []]
        if len(set(component_ids)) != len(component_ids):
            raise invalid("A component is listed twice.", "componentIds")
        components = await Product.filter(id__in=component_ids)
        if len(components) != len(component_ids):
            raise DomainError(ErrorCode.NOT_FOUND, "Component product not found.", "componentIds")
        if await Product.filter(sku=sku).exists():
            raise invalid(f"A product with SKU {sku} exists already.", "sku")
        async with unit_of_work(actor) as uow:
            product = await Product.create(
                sku=sku,
                name=name,
                family=data.family,
                type=product_type,
                default_subscription_term=term,
                billing_frequency=data.billing_frequency,
                fulfillment_type=data.fulfillment_type or default_fulfillment_type(product_type),  # F2
                billing_timing=data.billing_timing or BillingTiming.ADVANCE,  # B1
                using_db=uow.tx,
            )
            book = await PriceBook.filter(is_standard=True).using_db(uow.tx).get()
            await PriceBookEntry.bulk_create(
                [
                    PriceBookEntry(price_book_id=book.id, product_id=product.id, currency=c, list_price=p)
                    for c, p in prices
                ],
                using_db=uow.tx,
            )
            await ProductComponent.bulk_create(
                [
                    ProductComponent(bundle_id=product.id, component_id=cid, quantity=Decimal(1), position=i)
                    for i, cid in enumerate(component_ids)
                ],
                using_db=uow.tx,
            )
        return product


class OpportunityService:
    @requires(Permission.EDIT_OPPORTUNITIES)
    async def create(self, actor: Actor, data: cmd.CreateOpportunity) -> Opportunity:
        account = await get_scoped(actor, Account.all(), data.account_id, "Account", "accountId")
        name = (data.name or "").strip()
        if not name:
            raise invalid("An opportunity needs a name.", "name")
        async with unit_of_work(actor) as uow:
            return await Opportunity.create(
                account_id=account.id,
                name=name,
                stage=data.stage or OpportunityStage.PROSPECTING,
                close_date=data.close_date,
                using_db=uow.tx,
            )


async def list_prices(product_ids: list[Any], currency: str) -> dict[Any, Decimal]:
    """The standard price book's list price per product in one currency."""
    entries = await PriceBookEntry.filter(
        product_id__in=product_ids, currency=currency, price_book__is_standard=True
    ).values("product_id", "list_price")
    return {e["product_id"]: e["list_price"] for e in entries}


async def products_by_id(product_ids: Iterable[Any]) -> dict[Any, Product]:
    """Products by id, in one query (a missing id is simply absent)."""
    return {p.id: p for p in await Product.filter(id__in=list(set(product_ids)))}


accounts = AccountService()
products = ProductService()
opportunities = OpportunityService()
