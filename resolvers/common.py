"""The one way a mutation runs: parse input, call one service method, shape the payload."""

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry import UNSET
from strawberry.types import Info

from app.auth import Actor
from app.errors import DomainError, error_list
from schema.common import UserError

P = TypeVar("P")
R = TypeVar("R")


def input_to_dict(value: Any) -> Any:
    """A Strawberry input as plain data; fields the client left out are absent (not None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: input_to_dict(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not UNSET
        }
    if isinstance(value, list):
        return [input_to_dict(v) for v in value]
    return value


def actor_of(info: Info) -> Actor:
    return info.context.require_actor()  # type: ignore[no-any-return]


async def run_mutation(
    info: Info,
    payload: Callable[..., P],
    call: Callable[[Actor], Awaitable[R]],
    shape: Callable[[R], dict[str, Any]],
) -> P:
    """A broken rule becomes `errors` in the payload; anything else is an internal error (masked)."""
    actor = actor_of(info)
    try:
        result = await call(actor)
    except DomainError as error:
        return payload(errors=[UserError.from_domain(e) for e in error_list(error)])
    return payload(errors=[], **shape(result))
