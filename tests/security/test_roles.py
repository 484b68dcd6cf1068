"""S2: every mutation declares its permission; each role is refused exactly the mutations its
permissions do not cover. Generated from the schema and the permission table."""

import pytest

from app.auth import ROLE_PERMISSIONS
from models.enums import Role
from resolvers.mutations import MUTATION_PERMISSIONS
from tests.security.introspection import graphql_schema, sample_value


def mutations() -> dict:
    return graphql_schema().mutation_type.fields


def document(name: str, field) -> tuple[str, dict]:
    arg = field.args["input"]
    return (
        f"mutation($input: {arg.type}) {{ {name}(input: $input) {{ errors {{ code message }} }} }}",
        {"input": sample_value(arg.type)},
    )


def test_s2_every_mutation_declares_its_permission():
    assert set(mutations()) == set(MUTATION_PERMISSIONS)


def test_s2_roles_table_names_every_role():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert ROLE_PERMISSIONS[Role.ADMIN] >= set(MUTATION_PERMISSIONS.values())


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
async def test_s2_role_is_refused_exactly_what_it_lacks(api, role):
    key = (await api.ok("createApiKey", {"role": role.value, "name": role.value}, "secret"))["secret"]
    granted = ROLE_PERMISSIONS[role]
    for name, field in mutations().items():
        query, variables = document(name, field)
        data = await api(query, variables, key=key)
        codes = [e["code"] for e in data[name]["errors"]]
        if MUTATION_PERMISSIONS[name] in granted:
            assert "FORBIDDEN" not in codes, (role, name, data)
        else:
            assert codes == ["FORBIDDEN"], (role, name, data)


async def test_s2_sales_rep_cannot_activate_what_sales_ops_approves(api):
    from tests.api import builders as b

    rep = (await api.ok("createApiKey", {"role": "SALES_REP"}, "secret"))["secret"]
    ops = (await api.ok("createApiKey", {"role": "SALES_OPS"}, "secret"))["secret"]
    sub = await b.product(api, "SUB")
    acc = (await api.ok("createAccount", {"name": "Rep's"}, "account { id }", key=rep))["account"]
    opp = (await api.ok("createOpportunity", {"accountId": acc["id"], "name": "d"}, "opportunity { id }", key=rep))[
        "opportunity"
    ]
    quote = (
        await api.ok(
            "createQuote",
            {"opportunityId": opp["id"], "lines": [{"productId": sub["id"], "quantity": "1"}]},
            "quote { id }",
            key=rep,
        )
    )["quote"]
    await api.ok("submitQuote", {"quoteId": quote["id"]}, "quote { status }", key=rep)
    denied = await api.mutate("approveQuote", {"quoteId": quote["id"]}, "quote { status }", key=rep)
    assert [e["code"] for e in denied["errors"]] == ["FORBIDDEN"]
    await api.ok("approveQuote", {"quoteId": quote["id"]}, "quote { status }", key=ops)
    orders = await api.ok("createOrdersFromQuote", {"quoteId": quote["id"]}, "orders { id }", key=rep)
    order_id = orders["orders"][0]["id"]
    denied = await api.mutate("activateOrder", {"orderId": order_id}, "order { status }", key=rep)
    assert [e["code"] for e in denied["errors"]] == ["FORBIDDEN"]
    ok = await api.ok("activateOrder", {"orderId": order_id}, "order { status }", key=ops)
    assert ok["order"]["status"] == "ACTIVATED"
