"""Types every part of the schema shares: UserError, connections, the viewer."""

from typing import Generic, TypeVar

import strawberry

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
