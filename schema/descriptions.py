"""Descriptions of every schema element, for GraphiQL's documentation explorer (issue 11 part 7).

`DESCRIPTIONS` is keyed by GraphQL schema coordinates: `Type`, `Type.field`, `Type.field(arg:)`,
`InputType.field` and `Enum.VALUE`. `apply_descriptions` writes them onto the built schema, in one
place, leaving every description set in code (`strawberry.field(description=...)`) as it is.
tests/ops/test_schema_descriptions.py fails on an element with no description and on a key that names
no element, so a new type, field, argument or enum value needs an entry here.

Each description is one line, cites its rule id (docs/rules.md, DOMAIN.md) and says what the code does.
The texts live in schema/docs/ by area; the repetitive parts (mutation inputs and payloads,
connections, sorts) come from the helpers in schema/docs/common.py.
"""

from typing import Any

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from schema.docs.amendments import AMENDMENTS
from schema.docs.billing import BILLING
from schema.docs.contract_texts import CONTRACTS
from schema.docs.documents import DOCUMENTS
from schema.docs.enum_texts import ENUMS
from schema.docs.fulfillment import FULFILLMENT
from schema.docs.input_texts import INPUTS
from schema.docs.mutation_texts import CONNECTIONS, MUTATIONS
from schema.docs.purchasing import PURCHASING
from schema.docs.renewals import RENEWALS
from schema.docs.type_texts import TYPES

DESCRIPTIONS: dict[str, str] = {
    **MUTATIONS,
    **CONNECTIONS,
    **TYPES,
    **INPUTS,
    **ENUMS,
    **CONTRACTS,
    **DOCUMENTS,
    **RENEWALS,
    **AMENDMENTS,
    **BILLING,
    **PURCHASING,
    **FULFILLMENT,
}


def coordinates(schema: Any) -> dict[str, Any]:
    """Every describable element of a graphql-core schema by its coordinate, except the built-in
    scalars and the introspection types."""
    found: dict[str, Any] = {}
    for name, named in schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        found[name] = named
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in named.fields.items():
                found[f"{name}.{field_name}"] = field
                for arg_name, arg in getattr(field, "args", {}).items():
                    found[f"{name}.{field_name}({arg_name}:)"] = arg
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                found[f"{name}.{value_name}"] = value
    return found


def apply_descriptions(schema: Any) -> None:
    """Fill in every description the code left empty, from DESCRIPTIONS (a strawberry.Schema)."""
    elements = coordinates(schema._schema)
    for coordinate, text in DESCRIPTIONS.items():
        element = elements.get(coordinate)
        if element is not None and not element.description:
            element.description = text
