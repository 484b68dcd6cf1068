"""Scalars: Decimal travels as a JSON string ("120.00"); Date and DateTime are Strawberry's ISO ones."""

from decimal import Decimal, InvalidOperation

import strawberry

MAX_DECIMAL = Decimal("1e9")


def serialize_decimal(value: Decimal) -> str:
    """At least two places, no trailing zeros beyond them: 60.000000 -> "60.00", 108.333333 stays."""
    value = Decimal(value)
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError('A Decimal is a string such as "120.00".')
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number.") from None
    if not result.is_finite():
        raise ValueError("A Decimal must be finite.")
    if abs(result) >= MAX_DECIMAL:
        raise ValueError("A Decimal must be below 10^9 in size.")
    if result.as_tuple().exponent < -6:  # type: ignore[operator]
        raise ValueError("A Decimal has at most six decimal places.")
    return result


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='A decimal number as a JSON string, e.g. "120.00". Never a float.',
    serialize=serialize_decimal,
    parse_value=parse_decimal,
)
