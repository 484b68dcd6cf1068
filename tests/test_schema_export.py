"""schema.graphql at the repository root is the exported contract; it must match the code."""

from pathlib import Path

from app.cli import export_schema_sdl

ROOT = Path(__file__).resolve().parent.parent


def test_schema_graphql_is_current():
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == export_schema_sdl(), "schema.graphql is stale: run `python -m app export-schema`"


def test_api_contract_names_exist():
    sdl = export_schema_sdl()
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
