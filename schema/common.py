"""Types every part of the schema shares: UserError, connections, the viewer."""

from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

import strawberry
from strawberry.scalars import JSON

from app.errors import DomainError
from schema.enums import ErrorCode, Permission, Role

T = TypeVar("T")


@strawberry.type
class UserError:
    code: ErrorCode
    message: str
    field: str | None = None

    @classmethod
    def from_domain(cls, error: DomainError) -> "UserError":
        return cls(code=error.code, message=error.message, field=error.field)


@strawberry.type
class StreamEvent:
    """What an entry of every event stream carries (D4; orders and contracts, C6). Subclasses add the
    typed `type`, `previousStatus` and `status`, and name the column holding their subject's id."""

    subject_field: ClassVar[str]
    id: strawberry.ID
    cursor: str
    at: datetime
    actor: str | None
    version: int | None
    changes: JSON | None
    shared_row: strawberry.Private[Any] = None

    @classmethod
    def from_model(cls, m: Any) -> Any:
        return cls(
            id=strawberry.ID(str(m.id)),
            cursor=str(m.id),
            type=m.type,  # type: ignore[call-arg]
            at=m.at,
            actor=m.actor,
            previous_status=m.previous_status,
            status=m.status,
            version=m.version,
            changes=m.changes,
            **{cls.subject_field: getattr(m, cls.subject_field)},
        )


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
    has_previous_page: bool = False
    start_cursor: str | None = None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


@strawberry.type
class Viewer:
    api_key_id: strawberry.ID | None
    name: str
    role: Role
    permissions: list[Permission]
    account_ids: list[strawberry.ID]
