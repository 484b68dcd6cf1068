"""The one way a mutation runs: refuse a key without the verb's declared permission, build the
command once from the input, call the one service verb, shape the payload; with an idempotency key,
a repeat returns the first result."""

import dataclasses
import typing
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry import UNSET
from strawberry.types import Info
from tortoise.exceptions import IntegrityError, ValidationError

from app.auth import Actor, permission_of
from app.errors import DomainError, ErrorCode, error_list, invalid
from app.services import idempotency
from app.services.commands import Command
from resolvers.context import Context
from schema.common import UserError

P = TypeVar("P")
R = TypeVar("R")
C = TypeVar("C", bound=Command)


def _text(value: Any, path: str) -> Any:
    # Text with NUL characters is refused here: no database stores it.
    if isinstance(value, str) and "\x00" in value:
        raise invalid("Text may not contain NUL characters.", path.removeprefix("input."))
    return value


def _command_type(hint: Any) -> type[Command] | None:
    """The command class inside a hint such as `list[QuoteLineSpec] | None`."""
    if isinstance(hint, type) and issubclass(hint, Command):
        return hint
    for arg in typing.get_args(hint):
        found = _command_type(arg)
        if found is not None:
            return found
    return None


def _convert(hint: Any, value: Any, path: str) -> Any:
    if isinstance(value, list):
        return [_convert(hint, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        target = _command_type(hint)
        if target is None:
            raise TypeError(f"{path}: no command type for {type(value).__name__}")
        return build_command(target, value, path)
    return _text(value, path)


def build_command(command_type: type[C], value: Any, path: str = "input") -> C:
    """A Strawberry input as its typed command, built once per request; fields the client left out
    keep their defaults and are absent from `given`."""
    hints = typing.get_type_hints(command_type)
    names = {f.name for f in dataclasses.fields(command_type)} - {"given"}
    values: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        raw = getattr(value, f.name)
        if raw is UNSET:
            continue
        if f.name not in names:
            raise TypeError(f"{command_type.__name__} has no field {f.name}")
        values[f.name] = _convert(hints[f.name], raw, f"{path}.{f.name}")
    return command_type(**values, given=frozenset(values))


def filter_values(value: Any) -> dict[str, Any]:
    """A filter input as the fields the client set (text with NUL characters refused, as for mutations)."""
    if value is None:
        return {}
    return {
        f.name: _text(getattr(value, f.name), f"filter.{f.name}")
        for f in dataclasses.fields(value)
        if getattr(value, f.name) is not UNSET
    }


def context_of(info: Info) -> Context:
    context: Context = info.context
    return context


def actor_of(info: Info) -> Actor:
    return context_of(info).require_actor()


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


@dataclasses.dataclass(frozen=True)
class MutationSpec:
    """A mutation: the service verb it calls (which declares its permission) and its command type.
    The verb is looked up on its service at call time."""

    service: Any
    verb_name: str
    command: type[Command]

    @property
    def verb(self) -> Callable[[Actor, Any], Awaitable[Any]]:
        verb: Callable[[Actor, Any], Awaitable[Any]] = getattr(self.service, self.verb_name)
        return verb


async def run_mutation(
    info: Info,
    payload: Callable[..., P],
    input: Any,
    spec: MutationSpec,
    shape: Callable[[Any], dict[str, Any]],
) -> P:
    """A broken rule becomes `errors` in the payload; anything else is an internal error (masked)."""
    actor = actor_of(info)
    permission = permission_of(spec.verb)
    if not actor.can(permission):
        return _errors(
            payload,
            DomainError(
                ErrorCode.FORBIDDEN,
                f"This API key ({actor.role}) lacks the {permission} permission needed by {info.field_name}.",
            ),
        )
    try:
        command = build_command(spec.command, input)
    except DomainError as error:
        return _errors(payload, error)
    key = command.idempotency_key
    if key is not None and not (0 < len(key.strip()) <= MAX_IDEMPOTENCY_KEY):
        return _errors(
            payload, invalid(f"An idempotency key has 1 to {MAX_IDEMPOTENCY_KEY} characters.", "idempotencyKey")
        )
    call = _translating_storage_errors(lambda a: spec.verb(a, command))
    if not key or actor.key_id is None:
        try:
            return payload(errors=[], **shape(await call(actor)))
        except DomainError as error:
            return _errors(payload, error)
    claim = idempotency.Claim(actor.key_id, key, info.field_name, idempotency.request_hash(info.field_name, command))
    try:
        result = await idempotency.run_once(claim, lambda: call(actor))
    except DomainError as error:
        return _errors(payload, error)
    return payload(errors=[], **shape(result))
