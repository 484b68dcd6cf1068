"""Products, bundles and price books."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, price, uuid_pk
from models.enums import BillingFrequency, BillingTiming, FulfillmentType, ProductType


class Product(Model):
    id = uuid_pk()
    sku = fields.CharField(max_length=100, unique=True)
    name = fields.CharField(max_length=255, db_index=True)
    family = fields.CharField(max_length=100, null=True, db_index=True)
    type = fields.CharEnumField(ProductType, max_length=20, db_index=True)
    default_subscription_term = fields.IntField(null=True)
    billing_frequency = fields.CharEnumField(BillingFrequency, max_length=20, null=True)
    active = fields.BooleanField(default=True, db_index=True)
    # F2: how its order items are fulfilled; existing products keep the API default by type.
    fulfillment_type = fields.CharEnumField(FulfillmentType, max_length=20, null=True)
    # B1: billed in advance or in arrears; products made before it have none stored: ADVANCE.
    billing_timing = fields.CharEnumField(BillingTiming, max_length=20, null=True, default=BillingTiming.ADVANCE)
    created_at = created_at()

    class Meta:
        table = "product"


class ProductComponent(Model):
    # A bundle's component: quoting or ordering the bundle adds the component as a child line.
    bundle_id: UUID
    component_id: UUID

    id = uuid_pk()
    bundle: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="components", on_delete=fields.CASCADE, db_index=True
    )
    component: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="bundles", on_delete=fields.RESTRICT, db_index=True
    )
    quantity = price()
    position = fields.IntField(default=0)

    class Meta:
        table = "product_component"
        unique_together = (("bundle", "component"),)


class PriceBook(Model):
    id = uuid_pk()
    name = fields.CharField(max_length=255)
    is_standard = fields.BooleanField(default=False, db_index=True)
    created_at = created_at()

    class Meta:
        table = "price_book"


class PriceBookEntry(Model):
    price_book_id: UUID
    product_id: UUID
    id = uuid_pk()
    price_book: fields.ForeignKeyRelation[PriceBook] = fields.ForeignKeyField(
        "models.PriceBook", related_name="entries", on_delete=fields.CASCADE, db_index=True
    )
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="price_entries", on_delete=fields.CASCADE, db_index=True
    )
    currency = fields.CharField(max_length=3, db_index=True)
    list_price = money()

    class Meta:
        table = "price_book_entry"
        unique_together = (("price_book", "product", "currency"),)
