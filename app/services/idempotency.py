"""Idempotent mutations: a repeat with the same key and input returns the first result and writes
nothing; the same key with another input is refused (IDEMPOTENCY_KEY_REUSED).

The claim row is inserted as the first write of the mutation's own transaction, so its unique
constraint (key owner, idempotency key) decides between two concurrent repeats: the loser's
transaction fails and rolls back whole, then it answers with the winner's result.
"""

import asyncio
import dataclasses
import hashlib
import json
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from app.errors import DomainError, ErrorCode
from app.jsonable import to_json
from models import IdempotencyRecord

RESULT_WAIT_SECONDS = 10


@dataclass
class Claim:
    api_key_id: UUID
    key: str
    mutation: str
    request_hash: str
    record_id: UUID | None = None


current_claim: ContextVar[Claim | None] = ContextVar("ordergraph_idempotency_claim", default=None)


class AlreadyClaimed(Exception):
    """A concurrent repeat committed first; its result is the answer."""


def request_hash(mutation: str, command: Any) -> str:
    """What a repeat must match: the mutation and its command, less the idempotency key."""
    body = {k: v for k, v in _fields(command).items() if k != "idempotency_key"}
    raw = json.dumps([mutation, to_json(body)], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _fields(command: Any) -> Any:
    if dataclasses.is_dataclass(command) and not isinstance(command, type):
        return {f.name: _fields(getattr(command, f.name)) for f in dataclasses.fields(command)}
    if isinstance(command, list):
        return [_fields(c) for c in command]
    return command


async def claim_in(tx: BaseDBAsyncClient) -> None:
    """Called by unit_of_work as the transaction's first write."""
    claim = current_claim.get()
    if claim is None or claim.record_id is not None:
        return
    try:
        # The first write: if it fails the whole transaction is abandoned, nothing else to undo.
        record = await IdempotencyRecord.create(
            api_key_id=claim.api_key_id,
            key=claim.key,
            mutation=claim.mutation,
            request_hash=claim.request_hash,
            using_db=tx,
        )
    except IntegrityError:
        raise AlreadyClaimed() from None
    claim.record_id = record.id


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


async def store_result(claim: Claim, result: Any) -> None:
    if claim.record_id is not None:
        await IdempotencyRecord.filter(id=claim.record_id).update(result={"refs": result_refs(result)})


async def earlier_result(claim: Claim) -> tuple[bool, Any]:
    """(found, result) for a key used before by the same key owner; waits briefly for a result
    that a concurrent first request is still committing."""
    deadline = asyncio.get_running_loop().time() + RESULT_WAIT_SECONDS
    while True:
        record = await IdempotencyRecord.get_or_none(api_key_id=claim.api_key_id, key=claim.key)
        if record is None:
            return False, None
        if record.request_hash != claim.request_hash or record.mutation != claim.mutation:
            raise DomainError(
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This idempotency key was used with a different request; use a new key.",
                "idempotencyKey",
            )
        if record.result is not None:
            return True, await load_refs(record.result["refs"])
        if asyncio.get_running_loop().time() > deadline:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "The first request with this idempotency key is still running; retry shortly.",
                "idempotencyKey",
            )
        await asyncio.sleep(0.05)
