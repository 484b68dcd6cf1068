"""The one way a mutation runs: check its declared permission, parse input, call one service
method, shape the payload; with an idempotency key, a repeat returns the first result."""

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry import UNSET
from strawberry.types import Info
from tortoise.exceptions import IntegrityError, ValidationError

from app.auth import MUTATION_PERMISSIONS, Actor
from app.errors import DomainError, ErrorCode, error_list, invalid
from app.services import idempotency
from schema.common import UserError

P = TypeVar("P")
R = TypeVar("R")


def input_to_dict(value: Any, path: str = "input") -> Any:
    """A Strawberry input as plain data; fields the client left out are absent (not None).
    Text with NUL characters is refused here: no database stores it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: input_to_dict(getattr(value, f.name), f"{path}.{f.name}")
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not UNSET
        }
    if isinstance(value, list):
        return [input_to_dict(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str) and "\x00" in value:
        raise invalid("Text may not contain NUL characters.", path.removeprefix("input."))
    return value


def actor_of(info: Info) -> Actor:
    return info.context.require_actor()  # type: ignore[no-any-return]


MAX_IDEMPOTENCY_KEY = 255


def _translating_storage_errors(call: Callable[[Actor], Awaitable[R]]) -> Callable[[Actor], Awaitable[R]]:
    """Values the database refuses (a text over its column length, a unique value taken meanwhile)
    are bad input, not internal faults; the transaction has rolled back."""

    async def wrapped(actor: Actor) -> R:
        try:
            return await call(actor)
        except ValidationError as error:
            raise invalid(f"Invalid value: {error}") from None
        except IntegrityError:
            raise invalid("The change conflicts with existing data (a value that must be unique is taken).") from None
        except OverflowError:
            raise invalid("A date or number is out of range.") from None

    return wrapped


def _errors(payload: Callable[..., P], error: DomainError) -> P:
    return payload(errors=[UserError.from_domain(e) for e in error_list(error)])


async def run_mutation(
    info: Info,
    payload: Callable[..., P],
    input: Any,
    call: Callable[[Actor], Awaitable[R]],
    shape: Callable[[R], dict[str, Any]],
) -> P:
    """A broken rule becomes `errors` in the payload; anything else is an internal error (masked)."""
    actor = actor_of(info)
    permission = MUTATION_PERMISSIONS[info.field_name]
    if not actor.can(permission):
        return _errors(
            payload,
            DomainError(
                ErrorCode.FORBIDDEN,
                f"This API key ({actor.role}) lacks the {permission} permission needed by {info.field_name}.",
            ),
        )
    try:
        data = input_to_dict(input)
    except DomainError as error:
        return _errors(payload, error)
    key = data.get("idempotency_key") if isinstance(data, dict) else None
    if key is not None and not (0 < len(key.strip()) <= MAX_IDEMPOTENCY_KEY):
        return _errors(
            payload, invalid(f"An idempotency key has 1 to {MAX_IDEMPOTENCY_KEY} characters.", "idempotencyKey")
        )
    call = _translating_storage_errors(call)
    if not key or actor.key_id is None:
        try:
            return payload(errors=[], **shape(await call(actor)))
        except DomainError as error:
            return _errors(payload, error)
    claim = idempotency.Claim(actor.key_id, key, info.field_name, idempotency.request_hash(info.field_name, data))
    try:
        result = await idempotency.run_once(claim, lambda: call(actor))
    except DomainError as error:
        return _errors(payload, error)
    return payload(errors=[], **shape(result))
