"""The one-statement form on PostgreSQL: each object of a plan is built as JSON by the database
(`json_build_object`, correlated `json_agg` subqueries per relation, S3 predicates in every
subquery). A plan with a field this form cannot render exactly like the executor (JSON scalars,
whose numbers and spacing PostgreSQL renders its own way; an enum whose names differ from its
stored values) uses the multi-statement form."""

import json
from enum import Enum
from typing import Any

from app.auth import Actor
from app.readpath import Fallback, fetch_json, scope_sql
from resolvers.compiled.catalog import Many, One, spec_of
from resolvers.compiled.plan import ObjectPlan

# A required relation whose row is missing or out of scope: the executor answers NOT_FOUND.
MISSING = "__ordergraph_missing_required_relation__"
MAX_PAIRS = 50  # json_build_object takes at most 100 arguments


class NotJson(Exception):  # noqa: N818 - a signal
    pass


def _decimal(expr: str) -> str:
    # The Decimal scalar's rendering (STACK_NOTES): at least two places, no trailing zeros beyond.
    return f"round({expr}, greatest(scale(trim_scale({expr})), 2))::text"


def _datetime(expr: str) -> str:
    """Python's isoformat() of a UTC datetime, as the executor renders it: microseconds only when
    there are any, and the +00:00 offset."""
    utc = f"({expr} AT TIME ZONE 'UTC')"
    micro = f"(extract(microseconds FROM {utc})::bigint % 1000000)"
    return (
        f"CASE WHEN {expr} IS NULL THEN NULL ELSE to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
        f"|| CASE WHEN {micro} = 0 THEN '' ELSE to_char({utc}, '.US') END || '+00:00' END"
    )


COMPUTED = {
    ("QuoteLine", "remainingQuantity"): lambda a: _decimal(f"({a}.quantity - {a}.ordered_quantity)"),
    ("Order", "activated"): lambda a: f"({a}.activated_at IS NOT NULL)",
    ("OrderEvent", "cursor"): lambda a: f"{a}.id::text",
    ("Document", "url"): lambda a: f"'/documents/' || {a}.id::text",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column(model: Any, attribute: str) -> str:
    return model._meta.fields_map[attribute].source_field or attribute


def _order(model: Any, alias: str, column: str) -> str:
    """A Tortoise ordering ("-created_at" is descending) as SQL."""
    name = column.removeprefix("-")
    return f'{alias}."{_column(model, name)}"' + (" DESC" if column.startswith("-") else "")


def _leaf(model: Any, column: str, leaf: str, serialize: Any, alias: str) -> str:
    field = model._meta.fields_map[column]
    expr = f'{alias}."{_column(model, column)}"'
    if leaf == "ID":
        return f"{expr}::text"
    if leaf in ("String", "Int", "Boolean", "Date"):
        return expr
    if leaf == "Decimal":
        return _decimal(expr)
    if leaf == "DateTime":
        return _datetime(expr)
    enum_type = getattr(field, "enum_type", None)
    if enum_type is not None and issubclass(enum_type, Enum) and all(m.name == m.value for m in enum_type):
        return expr  # stored values are the GraphQL names
    raise NotJson(leaf)


class JsonStatement:
    """Builds the SQL text for one plan and one actor (the scope predicates depend on the actor)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.aliases = 0

    def _alias(self) -> str:
        self.aliases += 1
        return f"t{self.aliases}"

    def object(self, plan: ObjectPlan, alias: str) -> str:
        model = plan.spec.model
        pairs = []
        for key, kind, data in plan.fields:
            if kind == "typename":
                value = _literal(data)
            elif kind == "col":
                value = _leaf(model, data[0], data[2], data[1], alias)
            elif kind == "calc":
                compute = COMPUTED.get((plan.type_name, data[2]))
                if compute is None:
                    raise NotJson(key)
                value = compute(alias)
            elif kind == "batch":
                raise NotJson(key)  # batched fields (catalog.py) are read in the multi-statement form
            elif kind == "one":
                value = self._one(data[0], data[1], alias, model)
            else:
                value = self._many(data[0], data[1], alias)
            pairs.append(f"{_literal(key)}, {value}")
        if len(pairs) > MAX_PAIRS:
            raise NotJson("too many fields")
        return "json_build_object(" + ", ".join(pairs) + ")"

    def _one(self, relation: One, child: ObjectPlan, alias: str, model: Any) -> str:
        target = spec_of(relation.target).model
        inner = self._alias()
        key = f'{alias}."{_column(model, relation.key)}"'
        sub = (
            f'(SELECT {self.object(child, inner)} FROM "{target._meta.db_table}" {inner} '
            f"WHERE {inner}.id = {key}{scope_sql(self.actor, target, inner)})"
        )
        if not relation.required:
            return sub
        return f"coalesce({sub}, CASE WHEN {key} IS NULL THEN NULL ELSE to_json({_literal(MISSING)}::text) END)"

    def _many(self, relation: Many, child: ObjectPlan, alias: str) -> str:
        target = spec_of(relation.target).model
        inner = self._alias()
        where = f'{inner}."{_column(target, relation.fk)}" = {alias}.id'
        for name, value in relation.filters.items():
            where += f' AND {inner}."{_column(target, name)}" = {"true" if value is True else _literal(str(value))}'
        where += scope_sql(self.actor, target, inner)
        order = ", ".join(_order(target, inner, c) for c in relation.ordering)
        table = f'"{target._meta.db_table}" {inner}'
        obj = self.object(child, inner)
        if relation.first_only:
            return f"(SELECT {obj} FROM {table} WHERE {where} ORDER BY {order} LIMIT 1)"
        return f"(SELECT coalesce(json_agg({obj} ORDER BY {order}), '[]'::json) FROM {table} WHERE {where})"


def statement(actor: Actor, plan: ObjectPlan) -> str | None:
    """SQL giving (id, object JSON) for the rows whose ids are $1, or None: multi-statement form."""
    if plan.json_ok is False:
        return None
    builder = JsonStatement(actor)
    try:
        obj = builder.object(plan, "t0")
    except NotJson:
        plan.json_ok = False
        return None
    table = plan.spec.model._meta.db_table
    return f'SELECT t0.id, {obj}::text FROM "{table}" t0 WHERE t0.id = ANY($1)'


async def materialize_json(sql: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = {key: text for key, text in await fetch_json(sql, [row["id"] for row in rows])}
    out = []
    for row in rows:
        text = found[row["id"]]
        if MISSING in text:
            raise Fallback("NOT_FOUND")
        out.append(json.loads(text))
    return out
