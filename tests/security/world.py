"""Two customers' worth of data (accounts A and B) built through the API, plus planted
cross-account references for every foreign key between account-owned models, so a relation that
forgets its scoping filter leaks something a scoped key can reach."""

import uuid
from typing import Any

import models
from tests.api import builders as b


async def customer(api: Any, name: str, sub: dict, hw: dict) -> dict:
    acc = await b.account(api, name=name)
    opp = await b.opportunity(api, acc["id"], name=f"{name} deal")
    quote = await b.quote(
        api,
        opp["id"],
        [
            {
                "key": "s",
                "productId": sub["id"],
                "quantity": "4",
                "groupKey": "g",
                "segmentKey": "m",
                "segmentIndex": 1,
            },
            {"key": "h", "productId": hw["id"], "quantity": "1", "requiredByKey": "s", "groupKey": "g"},
        ],
        startDate="2026-01-01",
        groups=[{"key": "g", "name": "Group"}],
    )
    order = (await b.create_orders(api, {"quoteId": quote["id"]}))["orders"][0]
    activated = await api.ok("activateOrder", {"orderId": order["id"]}, "order { version items { id } }")
    contracted = await api.ok("contractOrder", {"orderId": order["id"]}, "order { id } contract { id }")
    # C8: a rendered document of each, so every path to documents is walked too.
    for field, object_id in (("contractId", contracted["contract"]["id"]), ("quoteId", quote["id"])):
        await api.ok("renderDocument", {field: object_id}, "document { id }")
    item = activated["order"]["items"][0]["id"]
    version = activated["order"]["version"] + 1
    await api.ok(
        "changeOrder",
        {"orderId": order["id"], "version": version, "quantities": [{"orderItemId": item, "quantity": "3"}]},
        "order { id }",
    )
    # B4: a purchase order the order draws on.
    po = {"accountId": acc["id"], "number": f"PO {name}", "amount": "1000000", "currency": "USD"}
    po_id = (
        await api.ok(
            "createPurchaseOrder", {**po, "validFrom": "2000-01-01", "validTo": "2999-12-31"}, "purchaseOrder { id }"
        )
    )["purchaseOrder"]["id"]
    await api.ok("attachPurchaseOrder", {"orderId": order["id"], "purchaseOrderId": po_id}, "order { id }")
    return {"account": acc["id"], "order": order["id"], "quote": quote["id"], "opportunity": opp["id"]}


def ownership_paths() -> dict[str, str]:
    """How each model reaches its owning Account, found by walking required foreign keys in the
    models' metadata: independent of the scoping code under test (app.services.scoping)."""
    from tortoise import Tortoise

    paths: dict[str, str] = {"Account": "id"}
    all_models = {m.__name__: m for m in Tortoise.apps.get_models_iterable()}
    changed = True
    while changed:
        changed = False
        for name, model in all_models.items():
            if name in paths:
                continue
            for fk in sorted(model._meta.fk_fields | model._meta.o2o_fields):
                field = model._meta.fields_map[fk]
                target = field.related_model.__name__
                if field.null or target not in paths:
                    continue
                paths[name] = f"{fk}_id" if target == "Account" else f"{fk}__{paths[target]}"
                changed = True
                break
    for name, model in all_models.items():  # e.g. an event whose account is optional
        if name not in paths and "account" in model._meta.fk_fields:
            paths[name] = "account_id"
    return paths


OWNERSHIP = ownership_paths


def _owner_filter(model: type, account_id: str) -> dict[str, Any]:
    return {OWNERSHIP()[model.__name__]: account_id}


async def _clone(row: Any, **overrides: Any) -> None:
    model = type(row)
    data = {name: getattr(row, name) for name in model._meta.fields_db_projection if name != model._meta.pk_attr}
    if "number" in data:
        data["number"] = f"X-{uuid.uuid4().hex[:8]}"
    data.update(overrides)
    await model.create(**data)


async def plant_cross_references(a: str, b_account: str) -> int:
    """For every FK from an account-owned model to another account-owned model, one row of A
    pointing into B and one row of B pointing into A (the owning hop itself excepted)."""
    planted = 0
    paths = OWNERSHIP()
    for name in paths:
        if name == "Account":
            continue
        model = getattr(models, name)
        owning_hop = paths[name].split("__")[0].removesuffix("_id")
        relations = model._meta.fk_fields | model._meta.o2o_fields
        for fk in sorted(relations):
            target = model._meta.fields_map[fk].related_model
            if fk == owning_hop or target.__name__ not in paths:
                continue
            for owner, other in ((a, b_account), (b_account, a)):
                row = await model.filter(**_owner_filter(model, owner)).first()
                targets = target.filter(**_owner_filter(target, other))
                if fk in model._meta.o2o_fields:
                    taken = await model.all().values_list(f"{fk}_id", flat=True)
                    targets = targets.exclude(id__in=list(taken))
                pointee = await targets.first()
                if row is None or pointee is None:
                    continue
                overrides = {f"{fk}_id": pointee.id}
                for o2o in model._meta.o2o_fields - {fk}:  # a one-to-one slot must be free
                    o2o_target = model._meta.fields_map[o2o].related_model
                    taken = await model.all().values_list(f"{o2o}_id", flat=True)
                    free = (
                        await o2o_target.filter(**_owner_filter(o2o_target, owner)).exclude(id__in=list(taken)).first()
                    )
                    if free is None:
                        break
                    overrides[f"{o2o}_id"] = free.id
                else:
                    await _clone(row, **overrides)
                    planted += 1
    return planted


async def owned_ids(account_id: str) -> dict[str, set[str]]:
    """Every id of every account-owned row of one account, by model."""
    found = {}
    for name in OWNERSHIP():
        model = getattr(models, name)
        ids = await model.filter(**_owner_filter(model, account_id)).values_list("id", flat=True)
        found[name] = {str(i) for i in ids}
    return found
