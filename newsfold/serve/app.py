"""`create_app(db)`: the FastAPI app serving the JSON API under /api and the web UI over one store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newsfold.errors import NewsfoldError
from newsfold.serve import api, pages
from newsfold.serve.backend import Backend
from newsfold.serve.middleware import BodyLimit, SecurityHeaders

log = logging.getLogger(__name__)

HERE = Path(__file__).parent


@dataclass(slots=True, frozen=True)
class ServeConfig:
    """Limits of the HTTP server; each bounds what one request can cost the others."""

    # The seeds are 3-7 KB each and a long feature rarely passes 100 KB: 8 MB holds a batch of ~100
    # long articles or a small WARC, while a runaway upload is refused before it is parsed.
    max_body_bytes: int = 8 * 1024 * 1024
    # Upload requests carry a handful of files; more is a bulk load, which `newsfold run` does better.
    max_upload_files: int = 50
    # A page of 20 stories renders in milliseconds; 100 bounds the worst page an API client can ask for.
    page_size: int = 20
    max_page_size: int = 100
    # Full-text queries longer than this are not searches people type; FTS cost grows with terms.
    max_query_chars: int = 200
    # Idle keep-alive connections are closed after this long. uvicorn's 5 s default races with clients
    # reusing a connection when an ingest holds the interpreter for seconds (measured: dropped requests
    # under bench/serve_load.py); 30 s is what browsers and proxies expect to keep a connection.
    keep_alive_s: int = 30


def create_app(db: str | Path, config: ServeConfig = ServeConfig()) -> FastAPI:
    """The app over the store at `db` (created and migrated if missing); one store per app."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.backend = Backend(db)
        log.info("serving %s", db)
        try:
            yield
        finally:
            app.state.backend.close()

    app = FastAPI(
        title="newsfold",
        summary="Stories, copy families and cited briefs over a newsfold store.",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN and inline, which the CSP forbids
        redoc_url=None,
    )
    app.state.config = config
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _version() -> str:
    from newsfold import __version__

    return __version__


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _add_error_handlers(app: FastAPI) -> None:
    """JSON errors for the API and for clients that do not ask for HTML; a page for browsers."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_html(request):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [_plain_error(e) for e in exc.errors()]
        if _wants_html(request):
            return pages.error_page(request, 422, "; ".join(f"{e['loc']}: {e['msg']}" for e in errors))
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(NewsfoldError)
    async def newsfold_error(request: Request, exc: NewsfoldError) -> Response:
        log.exception("request failed: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=503)


def _plain_error(error: dict) -> dict:
    """A validation error without the offending input echoed back (it may be large or hostile)."""
    loc = ".".join(str(part) for part in error.get("loc", ()))
    return {"loc": loc, "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
