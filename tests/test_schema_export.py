"""schema.graphql at the repository root is the exported contract; it must match the code."""

from pathlib import Path

from graphql import build_schema, print_schema

from app.cli import export_schema_sdl
from schema.descriptions import coordinates

ROOT = Path(__file__).resolve().parent.parent


def test_schema_graphql_is_current():
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_schema_sdl(), "schema.graphql is stale: run `python -m app export-schema`"


def sdl_without_descriptions() -> str:
    """The exported SDL with every description removed: a described argument prints on a line of its own."""
    parsed = build_schema(export_schema_sdl())
    for element in coordinates(parsed).values():
        element.description = None
    return print_schema(parsed)


def test_api_contract_names_exist():
    sdl = sdl_without_descriptions()
    for name in (
        "createOrdersFromQuote(input: CreateOrdersFromQuoteInput!): CreateOrdersFromQuotePayload!",
        "previewOrdersFromQuote(input: CreateOrdersFromQuoteInput!): OrdersPreview!",
        "updateOrder(input: UpdateOrderInput!): UpdateOrderPayload!",
        "createOrder(input: CreateOrderInput!): CreateOrderPayload!",
        "orders(first: Int = 50, after: String = null, filter: OrderFilter = null, sort: OrderSort = null): "
        "OrderConnection!",
        "me: Viewer!",
        "settings: Settings!",
    ):
        assert name in sdl, name
