"""The web application: the JSON API (/api/v1/...), its OpenAPI document, and the explorer pages
with every asset served from this package (no CDN: the machines that run it may be offline).

    app = create_app("events.duckdb")           # then any ASGI server, e.g. uvicorn
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..settings import Settings
from . import api, extract
from .database import Database
from .errors import error_response, install_handlers

STATIC = Path(__file__).parent / "static"
# The Natural Earth outline, installed from npm (world-atlas) into static/vendor at install time.
WORLD_ATLAS = STATIC / "vendor" / "node_modules" / "world-atlas" / "countries-110m.json"

# Article text is untrusted: the pages insert it as text, and this policy forbids every script,
# style or frame that is not one of our own files, should an escaping bug ever let markup in.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def create_app(db: str | Path, *, settings: Settings | None = None, extract_text: bool = True,
               max_chars: int = extract.DEFAULT_MAX_CHARS,
               allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS) -> FastAPI:
    """The app over database `db`. With `extract_text`, one Extractor is loaded at startup for
    POST /api/v1/extract (a few seconds); texts over `max_chars` characters are refused.
    Requests must name one of `allowed_hosts` in their Host header (None: any), so a web page
    elsewhere cannot reach a loopback server through a rebound DNS name."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if extract_text:
            from ..pipeline import Extractor

            app.state.extraction = extract.Extraction(Extractor(settings))
        yield
        app.state.extraction = None

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="Political event data from news: who did what to whom, where, when, "
                              "and according to whom. Errors: {\"error\": {status, code, message}}.",
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None)
    app.state.db = Database(db, settings)
    app.state.extraction = None
    app.state.max_chars = max_chars
    install_handlers(app)
    app.include_router(api.router)
    app.include_router(extract.router)
    _pages(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(extract.BodyLimit, max_bytes=max_chars * 4 + 4096)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


class HostCheck:
    """Refuses a request whose Host header is not an allowed name, with the API's error shape."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host", "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                response = error_response(400, "invalid_host",
                                          f"Host {host!r} is not served here; open the server by "
                                          "the name it was started with (e.g. 127.0.0.1)")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _pages(app: FastAPI) -> None:
    """The explorer, the article reader and the extraction page: static HTML, data from the API."""

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/articles/{article_id}", include_in_schema=False)
    def reader(article_id: str) -> FileResponse:
        return FileResponse(STATIC / "article.html")

    @app.get("/try", include_in_schema=False)
    def try_it() -> FileResponse:
        return FileResponse(STATIC / "try.html")
