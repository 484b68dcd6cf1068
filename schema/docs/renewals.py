"""Schema descriptions: renewals, the daily run and the metrics (R1-R4, N1)."""

from schema.docs.common import _mutation

RENEWALS: dict[str, str] = {
    **_mutation(
        "runDaily",
        "R3: the daily run for `asOf` (default today): renewals (R2), contract activation and expiry (C6, R4), "
        "overdue obligations (C7). Idempotent: a second run, or one in another process at once, makes nothing "
        "twice (RUN_DAILY: ADMIN). Errors: FORBIDDEN.",
        run="What this run made or changed; null when `errors` is not empty.",
    ),
    "RunDailyInput.asOf": "R3: the as-of date the run judges by; default today (UTC).",
    "DailyRun": "R3: what one daily run made or changed, per part; a repeated run lists nothing again.",
    "DailyRun.asOf": "R3: the as-of date of the run.",
    "DailyRun.renewalOpportunities": "R2: the RENEWAL opportunities this run made (one per due contract, ever).",
    "DailyRun.activatedContracts": "C6: SIGNED contracts whose start date had come, now ACTIVATED.",
    "DailyRun.expiredContracts": "C6/R4: ACTIVATED contracts past their end, now EXPIRED (or RENEWED if renewed).",
    "DailyRun.overdueObligations": "C7: obligations found open past due, each given one OBLIGATION_OVERDUE event.",
    "DailyRun.invoices": "B2: the DRAFT invoices and credit notes this run created for the lines due on asOf.",
    "ContractEventType.OBLIGATION_OVERDUE": "C7/R3: the daily run found an obligation open past its due date (once).",
    "ContractEventType.RENEWAL_CREATED": "R2: the daily run made this contract's RENEWAL opportunity.",
    "Permission.RUN_DAILY": "R3: run the daily run (`runDaily`); ADMIN only.",
    "Query.metrics": "N1: MRR, ARR, TCV/ACV, bookings and renewal rate as of a date, in total or for one account, "
    "from SQL aggregates over the live records; a scoped key counts only its accounts (S3).",
    "Query.metrics(asOf:)": "N1: the date the numbers are taken on.",
    "Query.metrics(accountId:)": "N1: one account only (NOT_FOUND outside the key's scope); default all visible.",
    "Metrics": "N1: numbers the business runs on; each is one SQL aggregate, computed when selected.",
    "Metrics.asOf": "N1: the as-of date.",
    "Metrics.accountId": "N1: the account counted, or null for every account the key sees.",
    "Metrics.mrr": "N1: sum over subscriptions active on asOf of quantity x monthly net price (net price / its "
    "term), half-up to cents.",
    "Metrics.arr": "N1: 12 x MRR.",
    "Metrics.tcv": "N1: total contract value: contracted order totals of the contracts in force on asOf, summed.",
    "Metrics.acv": "N1: annual contract value: per contract TCV x 12 / term (TCV for terms up to 12 months), summed.",
    "Metrics.bookings": "N1: activated order totals per calendar month of activation, up to asOf's month.",
    "Metrics.bookings(months:)": "N1: how many months, oldest first (default 12, at most 120).",
    "Metrics.renewalRate": "N1: renewed / due contracts among those that ended in the window before asOf "
    "(0 to 1, rounded half-up to four places); null when none came due.",
    "Metrics.renewalRate(months:)": "N1: the window in months before asOf (default 12, at most 120).",
    "BookingMonth": "N1: the bookings of one calendar month.",
    "BookingMonth.month": "N1: the month, YYYY-MM.",
    "BookingMonth.amount": "N1: activated order totals of that month (a Decimal string).",
}
