"""The root Schema: Query, Mutation and the extensions every operation passes through."""

from decimal import Decimal

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from app.executor import ExecutionContext
from app.extensions import Authentication, ErrorMasking
from app.faults import OutageErrors
from resolvers.mutations import Mutation
from resolvers.queries import Query
from resolvers.subscriptions import Subscription
from schema.descriptions import apply_descriptions
from schema.observability import Observability
from schema.scalars import DecimalScalar

MAX_QUERY_DEPTH = 10
MAX_TOKENS = 5000
MAX_ALIASES = 30
CACHE_SIZE = 512


def build_schema(max_depth: int = MAX_QUERY_DEPTH, max_tokens: int = MAX_TOKENS) -> strawberry.Schema:
    # The limits' validation rules are made once per schema (each limiter instance makes a new rule
    # class), so the validation cache recognises a document it has validated before.
    limits = [
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    built = strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        scalar_overrides={Decimal: DecimalScalar},
        config=StrawberryConfig(),
        execution_context_class=ExecutionContext,
        extensions=[
            Observability,  # first, so it sees the result after every other extension (masking) is done
            lambda: AddValidationRules(limits),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
            # Issue 10: a document is parsed and validated once (bounded LRU caches), not per request.
            lambda: ParserCache(maxsize=CACHE_SIZE),
            lambda: ValidationCache(maxsize=CACHE_SIZE),
            Authentication,
            ErrorMasking,
            OutageErrors,
        ],
    )
    apply_descriptions(built)  # every type, field, argument and enum value documented (schema/descriptions.py)
    return built


schema = build_schema()
