"""The root Schema: Query, Mutation and the extensions every operation passes through."""

from decimal import Decimal

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from app.executor import ExecutionContext
from app.extensions import Authentication, ErrorMasking
from app.faults import OutageErrors
from resolvers.mutations import Mutation
from resolvers.queries import Query
from resolvers.subscriptions import Subscription
from schema.observability import Observability
from schema.scalars import DecimalScalar

MAX_QUERY_DEPTH = 10
MAX_TOKENS = 5000
MAX_ALIASES = 30


def build_schema(max_depth: int = MAX_QUERY_DEPTH, max_tokens: int = MAX_TOKENS) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        scalar_overrides={Decimal: DecimalScalar},
        config=StrawberryConfig(),
        execution_context_class=ExecutionContext,
        extensions=[
            Observability,  # first, so it sees the result after every other extension (masking) is done
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            Authentication,
            ErrorMasking,
            OutageErrors,
        ],
    )


schema = build_schema()
