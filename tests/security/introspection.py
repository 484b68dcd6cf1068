"""Build GraphQL documents and dummy inputs from the schema itself (introspection), so tests cover
fields and mutations added later without being edited."""

from typing import Any

from graphql import GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLScalarType

from app.cli import export_schema_sdl  # noqa: F401  (keeps the schema importable)
from schema.root import schema as _schema

SCALAR_SAMPLES = {
    "ID": "00000000-0000-0000-0000-000000000000",
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Decimal": "1",
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00+00:00",
    "JSON": {},
}


def graphql_schema() -> Any:
    return _schema._schema


def unwrap(type_: Any) -> Any:
    while hasattr(type_, "of_type"):
        type_ = type_.of_type
    return type_


def is_required(type_: Any) -> bool:
    return isinstance(type_, GraphQLNonNull)


def is_list(type_: Any) -> bool:
    inner = type_.of_type if is_required(type_) else type_
    return isinstance(inner, GraphQLList)


def sample_value(type_: Any, ids: dict[str, str] | None = None, depth: int = 0) -> Any:
    """A value of the given input type with every required field filled."""
    named = unwrap(type_)
    if isinstance(named, GraphQLScalarType):
        value: Any = SCALAR_SAMPLES.get(named.name, "x")
    elif isinstance(named, GraphQLEnumType):
        value = next(iter(named.values))
    else:
        value = {
            name: sample_value(field.type, ids, depth + 1)
            for name, field in named.fields.items()
            if is_required(field.type) and depth < 5
        }
    return [value] if is_list(type_) else value


def selection(type_: Any, depth: int, seen: tuple[str, ...] = (), references: bool = False) -> str:
    """Every field without required arguments, following object fields until `depth`, never
    entering a type already on the path. With `references`, every to-one relation between objects
    with ids asks for `{ id __typename }` only (issue 10: the executor answers those without loading
    the row), while lists, connections, edges and payloads are still followed."""
    named = unwrap(type_)
    if not hasattr(named, "fields"):
        return ""
    parts = []
    for name, field in named.fields.items():
        if any(is_required(arg.type) for arg in field.args.values()):
            continue
        target = unwrap(field.type)
        if not hasattr(target, "fields"):
            parts.append(name)
        elif references and "id" in target.fields and "id" in named.fields and not is_list(field.type):
            parts.append(f"{name} {{ id __typename }}")
        elif depth > 0 and target.name not in seen:
            inner = selection(target, depth - 1, (*seen, named.name), references)
            if inner:
                parts.append(f"{name} {{ {inner} }}")
    return " ".join(parts)


def reference_selection(type_: Any, depth: int) -> str:
    return selection(type_, depth, references=True)
