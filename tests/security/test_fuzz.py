"""A fuzz run over every mutation (hypothesis), inputs shaped by the schema: no 5xx, no stack trace,
no internal error, and an unchanged database after every rejected mutation."""

import json
import os
from typing import Any

import httpx
import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLScalarType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api import builders as b
from tests.security.fingerprint import database_fingerprint
from tests.security.introspection import graphql_schema, is_list, is_required, unwrap

EXAMPLES = int(os.environ.get("ORDERGRAPH_FUZZ_EXAMPLES", "150"))
KNOWN_IDS: list[str] = []

WEIRD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "null", '\'; DROP TABLE "order"; --', "\u0000", "𝔘𝔫𝔦", "x" * 600, "-1", "1e309"]),
)
DECIMALS = st.one_of(
    st.sampled_from(["0", "-1", "1", "0.000001", "1e11", "1e13", "NaN", "Infinity", "-0", "abc", "", "12.345678901"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6).map(str),
)
DATES = st.one_of(st.dates().map(str), st.sampled_from(["2026-02-30", "not a date", "", "0001-01-01"]))
IDS = st.one_of(
    st.uuids().map(str),
    st.sampled_from(["", "x", "0" * 36]),
    st.builds(lambda: None).flatmap(lambda _: st.sampled_from(KNOWN_IDS) if KNOWN_IDS else st.uuids().map(str)),
)


def scalar(named: Any) -> st.SearchStrategy:
    return {
        "ID": IDS,
        "String": WEIRD_TEXT,
        "Int": st.one_of(st.integers(-5, 50), st.integers(-(2**31), 2**31 - 1)),
        "Boolean": st.booleans(),
        "Decimal": DECIMALS,
        "Date": DATES,
        "JSON": st.one_of(st.none(), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3)),
    }.get(named.name, WEIRD_TEXT)


def value_of(type_: Any, depth: int = 0) -> st.SearchStrategy:
    named = unwrap(type_)
    if isinstance(named, GraphQLScalarType):
        inner = scalar(named)
    elif isinstance(named, GraphQLEnumType):
        inner = st.sampled_from(list(named.values))
    elif isinstance(named, GraphQLInputObjectType) and depth < 4:
        required = {n: value_of(f.type, depth + 1) for n, f in named.fields.items() if is_required(f.type)}
        optional = {n: value_of(f.type, depth + 1) for n, f in named.fields.items() if not is_required(f.type)}
        inner = st.fixed_dictionaries(required, optional=optional)
    else:
        inner = st.just({})
    if is_list(type_):
        inner = st.lists(inner, max_size=3)
    return inner if is_required(type_) else st.one_of(st.none(), inner)


MUTATIONS = graphql_schema().mutation_type.fields


def mutation_inputs() -> st.SearchStrategy:
    return st.sampled_from(sorted(MUTATIONS)).flatmap(
        lambda name: st.tuples(st.just(name), value_of(MUTATIONS[name].args["input"].type))
    )


@pytest.fixture
async def seeded(api):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    setup = await b.sales_setup(
        api,
        [
            {"productId": sub["id"], "quantity": "5", "key": "s"},
            {"productId": hw["id"], "quantity": "1", "requiredByKey": "s"},
        ],
        startDate="2026-01-01",
    )
    order = (await b.create_orders(api, {"quoteId": setup["quote"]["id"]}))["orders"][0]
    KNOWN_IDS[:] = [
        sub["id"],
        hw["id"],
        setup["account"]["id"],
        setup["opportunity"]["id"],
        setup["quote"]["id"],
        order["id"],
        *(line["id"] for line in setup["quote"]["lines"]),
        *(i["id"] for i in order["items"]),
    ]
    return api


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutation_inputs())
async def test_fuzz_every_mutation_never_fails_internally_nor_half_writes(seeded, case):
    name, value = case
    arg_type = MUTATIONS[name].args["input"].type
    doc = f"mutation($input: {arg_type}) {{ {name}(input: $input) {{ errors {{ code message field }} }} }}"
    before = await database_fingerprint()
    response = await seeded.raw(doc, {"input": value})
    assert response.status_code < 500, response.text
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    body = response.json()
    for error in body.get("errors") or []:
        assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR", (name, json.dumps(value), error)
    payload = (body.get("data") or {}).get(name)
    if body.get("errors") or (payload and payload["errors"]):
        assert await database_fingerprint() == before, (name, value, payload)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON_VALUES, path=st.sampled_from(["/graphql", "/health", "/metrics", "/dashboard"]))
async def test_fuzz_any_json_body_on_any_route_answers_without_a_5xx(app, value, path):
    """Issue 11: bodies that are JSON but not an object (5, "x", null, true) answered 500."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post(path, content=json.dumps(value), headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text
    if not isinstance(value, dict | list):
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
