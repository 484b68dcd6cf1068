"""Idempotent mutations: a repeat with the same key and input returns the first result and writes
nothing; the same key with another input is refused (IDEMPOTENCY_KEY_REUSED).

Crash safety: the claim row, the mutation's writes and the claim's result (references to the rows the
mutation returned) commit in ONE transaction. The claim is its first write, the result its last
statement before COMMIT, the mutation's own unit of work a savepoint in between. A process killed at
any point leaves either nothing (rolled back: the key is free again) or the claim with its result;
a claim without a result cannot exist, so no repeat ever has to wait or guess.

The claim's unique constraint (key owner, idempotency key) decides between two concurrent repeats:
the loser blocks on it until the winner commits, fails, rolls back whole, then answers with the
winner's result.
"""

import dataclasses
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from app.errors import DomainError, ErrorCode
from app.jsonable import to_json
from app.services.unit_of_work import outer_transaction
from models import IdempotencyRecord

R = TypeVar("R")


@dataclass
class Claim:
    api_key_id: UUID
    key: str
    mutation: str
    request_hash: str


class AlreadyClaimed(Exception):
    """A concurrent repeat committed first; its result is the answer."""


def _fields(command: Any) -> Any:
    if dataclasses.is_dataclass(command) and not isinstance(command, type):
        return {f.name: _fields(getattr(command, f.name)) for f in dataclasses.fields(command)}
    if isinstance(command, list):
        return [_fields(c) for c in command]
    return command


def request_hash(mutation: str, command: Any) -> str:
    """What a repeat must match: the mutation and its command, less the idempotency key."""
    body = {k: v for k, v in _fields(command).items() if k != "idempotency_key"}
    raw = json.dumps([mutation, to_json(body)], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def result_refs(result: Any) -> Any:
    """What a mutation returned, as references to rows: replays re-read them."""
    if isinstance(result, Model):
        return {"model": type(result).__name__, "id": str(result.pk)}
    if isinstance(result, list | tuple):
        return [result_refs(r) for r in result]
    return None  # e.g. an API key's secret: shown once, never stored


async def load_refs(refs: Any) -> Any:
    import models

    if isinstance(refs, dict):
        model = getattr(models, refs["model"])
        return await model.get(pk=refs["id"])
    if isinstance(refs, list):
        loaded = [await load_refs(r) for r in refs]
        return tuple(loaded) if len(loaded) == 2 and isinstance(refs[0], dict) and refs[1] is None else loaded
    return None


async def run_once(claim: Claim, call: Callable[[], Awaitable[R]]) -> R:
    """Run `call` once per (key owner, idempotency key): claim, writes and result in one transaction."""
    found, earlier = await earlier_result(claim)
    if found:
        return earlier
    try:
        async with outer_transaction() as tx:
            try:
                record = await IdempotencyRecord.create(
                    api_key_id=claim.api_key_id,
                    key=claim.key,
                    mutation=claim.mutation,
                    request_hash=claim.request_hash,
                    using_db=tx,
                )
            except IntegrityError:
                raise AlreadyClaimed() from None
            result = await call()
            await IdempotencyRecord.filter(id=record.id).using_db(tx).update(result={"refs": result_refs(result)})
    except AlreadyClaimed:
        # The winner committed its claim together with its result: read it.
        found, earlier = await earlier_result(claim)
        if not found:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "A concurrent request with this idempotency key was rolled back; retry.",
                "idempotencyKey",
            ) from None
        return earlier
    return result


async def earlier_result(claim: Claim) -> tuple[bool, Any]:
    """(found, result) for a key used before by the same key owner."""
    record = await IdempotencyRecord.get_or_none(api_key_id=claim.api_key_id, key=claim.key)
    if record is None:
        return False, None
    if record.request_hash != claim.request_hash or record.mutation != claim.mutation:
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This idempotency key was used with a different request; use a new key.",
            "idempotencyKey",
        )
    if record.result is None:
        # Only a claim written by a version before claims and results committed together.
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "The first request with this idempotency key has no recorded result (written by an older "
            "server version); use a new key.",
            "idempotencyKey",
        )
    return True, await load_refs(record.result["refs"])
