"""S3 for SALES_REP keys: they see the accounts they own (created) or are assigned, nothing else."""

from tests.api import builders as b


async def test_s3_sales_rep_sees_owned_and_assigned_accounts_only(api):
    assigned = await b.account(api, name="Assigned")
    hidden = await b.account(api, name="Hidden")
    rep = (
        await api.ok("createApiKey", {"role": "SALES_REP", "name": "rep", "accountIds": [assigned["id"]]}, "secret")
    )["secret"]
    own = (await api.ok("createAccount", {"name": "Own"}, "account { id }", key=rep))["account"]
    names = await api("{ accounts { edges { node { name } } } }", key=rep)
    assert sorted(e["node"]["name"] for e in names["accounts"]["edges"]) == ["Assigned", "Own"]
    assert (await api("query($id: ID!) { account(id: $id) { id } }", {"id": hidden["id"]}, key=rep)) == {
        "account": None
    }
    denied = await api.mutate(
        "createOpportunity", {"accountId": hidden["id"], "name": "x"}, "opportunity { id }", key=rep
    )
    assert [e["code"] for e in denied["errors"]] == ["NOT_FOUND"]
    for account in (own, assigned):
        await api.ok("createOpportunity", {"accountId": account["id"], "name": "deal"}, "opportunity { id }", key=rep)
    assert (await api("{ opportunities { totalCount } }", key=rep))["opportunities"]["totalCount"] == 2


async def test_s3_sales_rep_edits_lock_rows_of_its_own_accounts(api):
    rep = (await api.ok("createApiKey", {"role": "SALES_REP", "name": "rep"}, "secret"))["secret"]
    sub = await b.product(api, "SUB")
    acc = (await api.ok("createAccount", {"name": "Own"}, "account { id }", key=rep))["account"]
    opp = (await api.ok("createOpportunity", {"accountId": acc["id"], "name": "d"}, "opportunity { id }", key=rep))[
        "opportunity"
    ]
    quote = (
        await api.ok(
            "createQuote",
            {"opportunityId": opp["id"], "lines": [{"productId": sub["id"], "quantity": "2"}]},
            "quote { id }",
            key=rep,
        )
    )["quote"]
    # row locks (select_for_update) on a scoped read must work on PostgreSQL too
    updated = await api.ok("updateQuote", {"quoteId": quote["id"], "subscriptionTerm": 24}, "quote { id }", key=rep)
    assert updated["quote"]["id"] == quote["id"]
    orders = await api.ok("createOrdersFromQuote", {"quoteId": quote["id"]}, "orders { id version }", key=rep)
    order = orders["orders"][0]
    await api.ok("updateOrder", {"orderId": order["id"], "version": 1, "poNumber": "PO"}, "order { id }", key=rep)
