"""Shared field helpers: every table uses the same id, money and timestamp conventions."""

from typing import Any

from tortoise import fields


def uuid_pk() -> fields.UUIDField:
    return fields.UUIDField(primary_key=True)


def money(null: bool = False) -> Any:
    """A stored total: rounded half-up to the minor unit (DOMAIN.md: Money)."""
    return fields.DecimalField(max_digits=18, decimal_places=2, null=null)  # type: ignore[call-overload]


def price(null: bool = False) -> Any:
    """A unit price or quantity: kept at six places so prorated prices are not rounded early."""
    return fields.DecimalField(max_digits=20, decimal_places=6, null=null)  # type: ignore[call-overload]


def created_at() -> fields.DatetimeField:
    return fields.DatetimeField(auto_now_add=True, db_index=True)


def updated_at() -> fields.DatetimeField:
    return fields.DatetimeField(auto_now=True)
