"""S3 for mutations and previews: an id of another account answers exactly like an id that does
not exist, and writes nothing. Generated from the schema: every ID slot of every mutation input."""

import copy
import uuid
from typing import Any

from graphql import GraphQLInputObjectType

from tests.security.fingerprint import database_fingerprint
from tests.security.introspection import graphql_schema, is_list, sample_value, unwrap
from tests.security.test_scope import world  # noqa: F401  (fixture)
from tests.security.world import owned_ids


def id_slots(type_: Any, path: tuple = ()) -> list[tuple]:
    """Paths to every ID field of an input type (into the first element of lists)."""
    named = unwrap(type_)
    slots = []
    for name, field in named.fields.items():
        inner = unwrap(field.type)
        here = (*path, name, 0) if is_list(field.type) else (*path, name)
        if inner.name == "ID":
            slots.append(here)
        elif isinstance(inner, GraphQLInputObjectType) and len(path) < 4:
            slots += id_slots(inner, here)
    return slots


def full_sample(type_: Any, depth: int = 0) -> Any:
    """Required fields filled, and one element in every list of input objects (so ID slots inside
    lists exist)."""
    named = unwrap(type_)
    if not isinstance(named, GraphQLInputObjectType):
        return sample_value(type_)
    value = sample_value(named)
    for name, field in named.fields.items():
        inner = unwrap(field.type)
        if isinstance(inner, GraphQLInputObjectType) and depth < 3:
            element = full_sample(inner, depth + 1)
            value[name] = [element] if is_list(field.type) else element
    return value


def put(value: dict, path: tuple, leaf: Any) -> dict:
    value = copy.deepcopy(value)
    node: Any = value
    for i, key in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(key, int):
            while len(node) <= key:
                node.append({})
            node = node[key]
            continue
        if key not in node or node[key] is None:
            node[key] = [] if isinstance(nxt, int) else {}
        node = node[key]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = leaf
    return value


def documents() -> list[tuple[str, str, Any]]:
    docs = []
    for name, field in graphql_schema().mutation_type.fields.items():
        arg = field.args["input"]
        docs.append(
            (
                name,
                f"mutation($input: {arg.type}) {{ {name}(input: $input) {{ errors {{ code message field }} }} }}",
                arg.type,
            )
        )
    query = graphql_schema().query_type.fields["previewOrdersFromQuote"]
    docs.append(
        (
            "previewOrdersFromQuote",
            "query($input: CreateOrdersFromQuoteInput!) { previewOrdersFromQuote("
            "input: $input) { errors { code message field } orders { totalAmount } } }",
            query.args["input"].type,
        )
    )
    return docs


async def test_s3_foreign_ids_in_mutations_answer_like_missing_ones_and_write_nothing(api, world):  # noqa: F811
    partner = world["partner"]
    b_owned = await owned_ids(world["b"]["account"])
    probes = [next(iter(ids)) for name, ids in b_owned.items() if ids and name != "ApiKeyAccount"]
    before = await database_fingerprint()
    checked = 0
    for name, doc, input_type in documents():
        base = full_sample(input_type)
        for slot in id_slots(input_type):
            missing = await api(doc, {"input": put(base, slot, str(uuid.uuid4()))}, key=partner)
            for probe in probes:
                foreign = await api(doc, {"input": put(base, slot, probe)}, key=partner)
                assert foreign == missing, (name, slot, foreign, missing)
                checked += 1
    assert checked > 100
    assert await database_fingerprint() == before
