"""Pages served by the app itself, with no build step and no CDN: GraphiQL at `GET /graphql`
(assets vendored under app/static/vendor by scripts/vendor-graphiql), the live dashboard at
`GET /dashboard`, and rendered documents at `GET /documents/{id}` (C8)."""

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app.auth import authenticate, parse_authorization
from app.services.documents import documents

STATIC = Path(__file__).resolve().parent / "static"


def graphiql_page() -> HTMLResponse:
    return HTMLResponse((STATIC / "graphiql" / "index.html").read_text())


async def dashboard(_: Request) -> FileResponse:
    return FileResponse(STATIC / "dashboard" / "index.html", media_type="text/html")


async def document(request: Request) -> Response:
    """C8: the PDF, to a key that can read its object (S3: another account's document is 404, like a
    missing one); 401 without a valid key."""
    actor = await authenticate(parse_authorization(request.headers.get("authorization")))
    if actor is None:
        return JSONResponse(
            {"error": "UNAUTHENTICATED", "message": "Send a valid API key as 'Authorization: Bearer <key>'."},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    found = await documents.download(actor, request.path_params["id"])
    if found is None:
        return JSONResponse({"error": "NOT_FOUND", "message": "Document not found."}, status_code=404)
    return Response(
        bytes(found.content),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{found.title.replace(" ", "-")}.pdf"',
            "ETag": f'"{found.sha256}"',
            "Cache-Control": "private, no-store",
        },
    )


def web_routes() -> list[Route | Mount]:
    return [
        Route("/dashboard", dashboard),
        Route("/documents/{id}", document, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
