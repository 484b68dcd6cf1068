"""Root query fields of the metrics (N1)."""

from datetime import date

import strawberry
from strawberry.types import Info

from app.services.registry import metrics_report
from resolvers.common import actor_of
from schema.renewals import Metrics


@strawberry.type
class RenewalQuery:
    @strawberry.field
    async def metrics(self, info: Info, as_of: date, account_id: strawberry.ID | None = None) -> Metrics:
        """N1: S3 applies: a scoped key counts only its accounts; a foreign accountId is NOT_FOUND."""
        scope = await metrics_report.scope(actor_of(info), as_of, account_id)
        return Metrics(scope=scope)
