"""B7: `GET /exports/journal.csv?from=DATE&to=DATE` for a BILLING or ADMIN key (`Authorization: Bearer`);
401 without a valid key, 403 without MANAGE_BILLING, 400 on a bad period, each as JSON."""

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from app.auth import Permission, authenticate, parse_authorization
from app.errors import DomainError
from app.services.journal_export import journal_csv, period


def _refusal(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def journal(request: Request) -> Response:
    actor = await authenticate(parse_authorization(request.headers.get("authorization")))
    if actor is None:
        return _refusal(401, "UNAUTHENTICATED", "Send a valid API key: Authorization: Bearer <key>.")
    if not actor.can(Permission.MANAGE_BILLING):
        return _refusal(403, "FORBIDDEN", f"This API key ({actor.role}) lacks the MANAGE_BILLING permission.")
    try:
        first, last = period(request.query_params.get("from"), request.query_params.get("to"))
    except DomainError as error:
        return _refusal(400, str(error.code), error.message)
    filename = f"journal-{first}-{last}.csv"
    return StreamingResponse(
        journal_csv(actor, first, last),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
