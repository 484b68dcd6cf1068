"""Pages served by the app itself, with no build step and no CDN: GraphiQL at `GET /graphql`
(assets vendored under app/static/vendor by scripts/vendor-graphiql) and the live dashboard at
`GET /dashboard`."""

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"


def graphiql_page() -> HTMLResponse:
    return HTMLResponse((STATIC / "graphiql" / "index.html").read_text())


async def dashboard(_: Request) -> FileResponse:
    return FileResponse(STATIC / "dashboard" / "index.html", media_type="text/html")


def web_routes() -> list[Route | Mount]:
    return [
        Route("/dashboard", dashboard),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
