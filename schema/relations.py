"""How schema types follow their relations: the request's DataLoaders (`loaders`) and to-one
relations through a key the row holds (`to_one`, `required`; issue 10, S3). Shared by every type module."""

from typing import TYPE_CHECKING, Any

import strawberry
from graphql import FieldNode
from strawberry.types import Info

from app.errors import not_found

if TYPE_CHECKING:
    from resolvers.context import Context
    from resolvers.loaders import ByIdLoader, Loaders


def loaders(info: Info) -> "Loaders":
    """The request's typed DataLoaders (resolvers/loaders.py)."""
    context: Context = info.context
    return context.loaders


def required(row: Any, what: str) -> Any:
    """A non-null relation whose row is gone or outside the caller's scope is NOT_FOUND (S3),
    never an internal error."""
    if row is None:
        raise not_found(what)
    return row


def to_one(info: Info, cls: Any, loader: "ByIdLoader[Any]", key: Any, *, nullable: bool = False) -> Any:
    """A to-one relation through a key the row holds (issue 10). Returns the object itself when it
    is known without I/O (no Task per item: an id-only selection, or a row an earlier load of this
    request already holds), else an awaitable. Asked only for `id`/`__typename`, no row is loaded:
    the scope (S3) is still checked, without I/O when nothing filters the model. Out of scope:
    null when `nullable`, else NOT_FOUND, exactly as when the row is loaded."""
    if key is None:
        return None
    # A NOT_FOUND is raised inside an awaitable, as before: raised synchronously, graphql-core
    # drops the pending awaitables of sibling fields unawaited.
    if _id_only(info):
        seen = loader.visible(key)
        if seen is True or (seen is False and nullable):
            return _reference(cls, key) if seen else None
        return _seen_reference(seen, cls, key, nullable)
    finished = loader.finished(key)
    if finished is not None and (nullable or finished.result() is not None):
        return _from_row(finished.result(), cls, nullable)
    return _loaded(loader.load(key), cls, nullable)


def _id_only(info: Info) -> bool:
    for node in info._raw_info.field_nodes:
        selections = node.selection_set.selections if node.selection_set else ()
        if not all(isinstance(s, FieldNode) and s.name.value in ("id", "__typename") for s in selections):
            return False
    return True


def _reference(cls: Any, key: Any) -> Any:
    """The object of a relation asked only for id/__typename: no other field is ever read."""
    reference = cls.__new__(cls)
    reference.id = strawberry.ID(str(key))
    return reference


async def _seen_reference(seen: Any, cls: Any, key: Any, nullable: bool) -> Any:
    if seen if isinstance(seen, bool) else await seen:
        return _reference(cls, key)
    return _from_row(None, cls, nullable)


async def _loaded(row: Any, cls: Any, nullable: bool) -> Any:
    return _from_row(await row, cls, nullable)


def _from_row(row: Any, cls: Any, nullable: bool) -> Any:
    if row is None and nullable:
        return None
    return cls.from_model(required(row, cls.__name__))
