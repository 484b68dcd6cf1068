"""R2: renewal quantities and prices, pure functions."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from app.services.renewals import renewal_lines, renewal_unit_price


def sub(product: str, quantity: str, start: str, end: str, price: str = "1200.00", revises: Any = None) -> Any:
    return SimpleNamespace(
        product_id=product,
        quantity=Decimal(quantity),
        start_date=date.fromisoformat(start),
        end_date=date.fromisoformat(end),
        net_price=Decimal(price),
        revises_id=revises,
        status="ACTIVE",
    )


def test_r2_unit_price_is_net_price_plus_uplift_half_up_to_cents():
    assert renewal_unit_price(Decimal("1200.00"), Decimal("5")) == Decimal("1260.00")
    assert renewal_unit_price(Decimal("99.99"), Decimal("2.5")) == Decimal("102.49")  # 102.48975
    assert renewal_unit_price(Decimal("100.00"), None) == Decimal("100.00")


def test_r2_net_quantity_at_the_end_includes_amendment_deltas_and_drops_zero():
    contract: Any = SimpleNamespace(end_date=date(2026, 12, 31), renewal_uplift_percent=Decimal("0"))
    subs = [
        sub("seat", "10", "2026-01-01", "2026-12-31"),
        sub("seat", "5", "2026-07-01", "2026-12-31", price="1200.00", revises="s1"),
        sub("addon", "3", "2026-01-01", "2026-12-31", price="100.00"),
        sub("addon", "-3", "2026-09-01", "2026-12-31", price="100.00", revises="s2"),
        sub("old", "4", "2026-01-01", "2026-06-30"),  # ended before the contract's end
    ]
    lines = renewal_lines(contract, subs)
    assert [(x.product_id, x.quantity, x.unit_price) for x in lines] == [("seat", Decimal(15), Decimal("1200.00"))]
