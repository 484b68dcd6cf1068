"""Issue 11 part 7: every type, field, argument, input field and enum value of the schema has a one-line
description (schema/descriptions.py), as GraphiQL's documentation explorer shows it."""

from typing import Any

from schema.descriptions import DESCRIPTIONS, coordinates
from schema.root import build_schema

BUILT_IN = {"String", "Int", "Float", "Boolean", "ID"}

INTROSPECTION = """{ __schema { types { name description
  fields(includeDeprecated: true) { name description args { name description } }
  inputFields { name description }
  enumValues(includeDeprecated: true) { name description } } } }"""


def described(types: list[dict[str, Any]]) -> dict[str, str | None]:
    """Coordinate -> description of every element an introspection answer lists."""
    found: dict[str, str | None] = {}
    for t in types:
        name = t["name"]
        if name.startswith("__") or name in BUILT_IN:
            continue
        found[name] = t["description"]
        for field in (t["fields"] or []) + (t["inputFields"] or []):
            found[f"{name}.{field['name']}"] = field["description"]
            for arg in field.get("args") or []:
                found[f"{name}.{field['name']}({arg['name']}:)"] = arg["description"]
        for value in t["enumValues"] or []:
            found[f"{name}.{value['name']}"] = value["description"]
    return found


async def test_every_schema_element_has_a_description_over_introspection(api):
    elements = described((await api(INTROSPECTION))["__schema"]["types"])
    missing = sorted(c for c, text in elements.items() if not (text or "").strip())
    assert not missing, "no description (add them to schema/descriptions.py):\n" + "\n".join(missing)
    # The root types and a sample of each kind, with the texts the mapping gives them.
    for coordinate in ("Query", "Mutation", "QuoteLine.remainingQuantity", "Query.orders(first:)", "Role.PARTNER"):
        assert elements[coordinate] == DESCRIPTIONS[coordinate]


def test_every_description_key_names_an_element_of_the_schema():
    elements = coordinates(build_schema()._schema)
    stale = sorted(set(DESCRIPTIONS) - set(elements))
    assert not stale, "DESCRIPTIONS keys naming nothing in the schema:\n" + "\n".join(stale)


def test_descriptions_are_one_line():
    elements = coordinates(build_schema()._schema)
    texts = {c: e.description for c, e in elements.items() if e.description} | DESCRIPTIONS
    multi = sorted(c for c, text in texts.items() if "\n" in text or text != text.strip())
    assert not multi, "descriptions longer than one line:\n" + "\n".join(multi)


def test_descriptions_set_in_code_stay():
    """apply_descriptions fills only what the code left empty (a code description wins)."""
    elements = coordinates(build_schema()._schema)
    assert elements["Mutation.activateOrder"].description.startswith("A1: DRAFT -> ACTIVATED")
    assert elements["ContractSubscription"].description.startswith("C2: a RECURRING order item")
