"""The root Schema: Query, Mutation and the extensions every operation passes through."""

from decimal import Decimal

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from app.extensions import Authentication, ErrorMasking
from resolvers.mutations import Mutation
from resolvers.queries import Query
from resolvers.subscriptions import Subscription
from schema.descriptions import apply_descriptions
from schema.observability import Observability
from schema.scalars import DecimalScalar

MAX_QUERY_DEPTH = 10
MAX_TOKENS = 5000
MAX_ALIASES = 30


def build_schema(max_depth: int = MAX_QUERY_DEPTH, max_tokens: int = MAX_TOKENS) -> strawberry.Schema:
    built = strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        scalar_overrides={Decimal: DecimalScalar},
        config=StrawberryConfig(),
        extensions=[
            Observability,  # first, so it sees the result after every other extension (masking) is done
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            Authentication,
            ErrorMasking,
        ],
    )
    apply_descriptions(built)  # every type, field, argument and enum value documented (schema/descriptions.py)
    return built


schema = build_schema()
