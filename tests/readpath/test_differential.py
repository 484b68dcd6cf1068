"""Issue 10: the compiled read path answers exactly like the executor.

The whole suite already runs with ORDERGRAPH_COMPILED_READS=check (tests/conftest.py): every query
it sends is answered by both paths and any difference fails. Here, on two customers' data with
planted cross-account references (tests/security/world.py), hypothesis walks the schema for random
selections (subsets of fields, depths, aliases, inline and named fragments, arguments, variables)
and runs each through both paths with every role's key (S2, S3)."""

import os
from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import Config
from app.main import create_app
from tests.api import builders as b
from tests.conftest import is_postgres
from tests.security.introspection import graphql_schema, is_required, unwrap
from tests.security.world import customer, owned_ids, plant_cross_references

EXAMPLES = int(os.environ.get("ORDERGRAPH_DIFFERENTIAL_EXAMPLES", "60"))
ROLES = ["SALES_OPS", "SALES_REP", "PARTNER", "FULFILLMENT", "BILLING", "READ_ONLY"]
KNOWN_IDS: list[str] = []
CONNECTION_ROOTS = ["orders", "quotes", "accounts", "products", "opportunities", "contracts"]
OBJECT_ROOTS = ["order", "quote", "account", "product", "opportunity", "contract"]
OTHER_ROOTS = ["orderEvents", "me"]  # not compiled: the executor answers the whole operation


def compiled_of(app: Any) -> Any:
    return next(r.endpoint for r in app.routes if getattr(r, "path", None) == "/graphql").compiled


# On PostgreSQL both forms of the compiled path: objects built as JSON by the database, and rows.
FORMS = ["json", "rows"] if is_postgres() else ["rows"]


@pytest.fixture(params=FORMS)
async def world(api, orm, request):
    sub = await b.product(api, "SUB", "RECURRING", "120.00")
    hw = await b.product(api, "HW", "ONE_TIME", "10.00")
    a = await customer(api, "Account A", sub, hw)
    other = await customer(api, "Account B", sub, hw)
    await plant_cross_references(a["account"], other["account"])
    keys = {"ADMIN": api.key}
    for role in ROLES:
        grant = {"accountIds": [a["account"]]} if role in ("SALES_REP", "PARTNER") else {}
        keys[role] = (await api.ok("createApiKey", {"role": role, "name": role, **grant}, "secret"))["secret"]
    owned = {**(await owned_ids(a["account"])), **{f"B{k}": v for k, v in (await owned_ids(other["account"])).items()}}
    KNOWN_IDS[:] = sorted({i for ids in owned.values() for i in ids} | {sub["id"], hw["id"]})
    config = Config(database_url=orm, compiled_reads="check", compiled_form=request.param)
    app = create_app(config, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield {"client": client, "keys": keys, "app": app, "a": a, "b": other}


async def post(world: dict, role: str, query: str, variables: dict | None = None) -> dict:
    response = await world["client"].post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {world['keys'][role]}"},
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


@st.composite
def selection(draw: Any, type_: GraphQLObjectType, depth: int, fragments: list[str]) -> str:
    fields = [(n, f) for n, f in type_.fields.items() if not any(is_required(a.type) for a in f.args.values())]
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=7, unique_by=lambda x: x[0]))
    parts = []
    for name, field in chosen:
        alias = draw(st.sampled_from(["", "", "", f"x{name}: "]))
        target = unwrap(field.type)
        if isinstance(target, GraphQLObjectType):
            if depth > 0:
                parts.append(f"{alias}{name} {{ {draw(selection(target, depth - 1, fragments))} }}")
        else:
            parts.append(f"{alias}{name}")
    if draw(st.booleans()):
        parts.append("__typename")
    body = " ".join(parts) or "__typename"
    style = draw(st.sampled_from(["plain", "plain", "inline", "fragment"]))
    if style == "inline":
        return f"... on {type_.name} {{ {body} }}"
    if style == "fragment":
        name = f"F{len(fragments)}"
        fragments.append(f"fragment {name} on {type_.name} {{ {body} }}")
        return f"...{name} id"
    return body


IDS = st.builds(lambda: None).flatmap(
    lambda _: st.sampled_from(KNOWN_IDS) if KNOWN_IDS else st.just("00000000-0000-0000-0000-000000000000")
)


@st.composite
def operations(draw: Any) -> tuple[str, dict]:
    query_type = graphql_schema().query_type
    fragments: list[str] = []
    roots = []
    variables: dict[str, Any] = {}
    decls: list[str] = []
    for index in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(CONNECTION_ROOTS + OBJECT_ROOTS + (OTHER_ROOTS if index else [])))
        field = query_type.fields[name]
        args: list[str] = []
        if name in OBJECT_ROOTS:
            value = draw(st.one_of(IDS, st.sampled_from(["nope", "00000000-0000-0000-0000-000000000000"])))
            if draw(st.booleans()):
                variables[f"id{index}"] = value
                decls.append(f"$id{index}: ID!")
                args.append(f"id: $id{index}")
            else:
                args.append(f'id: "{value}"')
        elif name in CONNECTION_ROOTS:
            first = draw(st.one_of(st.none(), st.integers(-1, 4)))
            if first is not None:
                args.append(f"first: {first}")
            if draw(st.integers(0, 5)) == 0:
                args.append(f'after: "{draw(st.sampled_from(["bad", "WyIyMDI2IiwgIngiXQ=="]))}"')
            sort_type = field.args["sort"].type
            if draw(st.booleans()):
                sort_field = draw(st.sampled_from(list(unwrap(unwrap(sort_type).fields["field"].type).values)))
                direction = draw(st.sampled_from(["ASC", "DESC"]))
                args.append(f"sort: {{field: {sort_field}, direction: {direction}}}")
            filter_fields = unwrap(field.args["filter"].type).fields
            if "accountId" in filter_fields and draw(st.booleans()):
                variables[f"f{index}"] = {"accountId": draw(IDS)}
                decls.append(f"$f{index}: {unwrap(field.args['filter'].type).name}")
                args.append(f"filter: $f{index}")
        target = unwrap(field.type)
        alias = f"r{index}: " if index else draw(st.sampled_from(["", "top: "]))
        call = f"{alias}{name}{'(' + ', '.join(args) + ')' if args else ''}"
        if name in CONNECTION_ROOTS:
            node = unwrap(unwrap(target.fields["edges"].type).fields["node"].type)
            parts = [f"edges {{ cursor node {{ {draw(selection(node, draw(st.integers(0, 3)), fragments))} }} }}"]
            if draw(st.booleans()):
                parts.append("totalCount")
            if draw(st.booleans()):
                parts.append("pageInfo { hasNextPage endCursor __typename }")
            roots.append(f"{call} {{ {' '.join(parts)} }}")
        elif isinstance(target, GraphQLObjectType):
            roots.append(f"{call} {{ {draw(selection(target, draw(st.integers(0, 3)), fragments))} }}")
        else:
            roots.append(call)
    head = f"query Q({', '.join(decls)})" if decls else "query Q"
    return f"{head} {{ {' '.join(roots)} }} {' '.join(fragments)}", variables


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=operations())
async def test_compiled_reads_answer_like_the_executor_for_every_role(world, case):
    query, variables = case
    for role in world["keys"]:
        # check mode: the view raises CompiledReadMismatch on any difference.
        await post(world, role, query, variables)


# The hot shapes: the nested order read, a small one, and quote -> orders -> contract.
NESTED_ORDERS = """query($n: Int) { orders(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor
  node { id number status startDate totalAmount account { id name } quote { number lines { id remainingQuantity
  product { name } } } items { id quantity totalPrice unproratedNetPrice product { name sku } quoteLine { id }
  requiredBy { id } } } } } }"""
QUOTE_ORDERS_CONTRACT = """query($q: ID!) { quote(id: $q) { number total opportunity { name primaryQuote { id } }
  orders { number status contract { number status order { id } subscriptions { quantity netPrice product { sku }
  orderItem { id } contract { id } } account { id } } items { subscription { id } asset { status } } versions {
  version snapshot } events { cursor type at changes order { id } } } } }"""


NESTED_DATED = NESTED_ORDERS.replace("id number status", "id number status createdAt updatedAt activatedAt")


async def test_compiled_path_answers_the_hot_shapes_for_every_role(world):
    """Not vacuous: the compiled path (not the executor) answers these reads, for every key."""
    compiled = compiled_of(world["app"])
    for role in world["keys"]:
        before = compiled.answered
        for query in (NESTED_ORDERS, NESTED_DATED):
            body = await post(world, role, query, {"n": 50})
            assert "errors" not in body, body
        body = await post(world, role, QUOTE_ORDERS_CONTRACT, {"q": world["a"]["quote"]})
        assert "errors" not in body, body
        assert body["data"]["quote"]["orders"], body
        assert compiled.answered == before + 3, role
    # S3: a partner granted A reads B's quote as missing, on the compiled path too.
    body = await post(world, "PARTNER", QUOTE_ORDERS_CONTRACT, {"q": world["b"]["quote"]})
    assert body == {"data": {"quote": None}}
