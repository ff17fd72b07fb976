"""The FastAPI application: JSON API under /api, dashboard at /, API docs at /docs.

Everything is served from this process and the installed package: the dashboard is plain
HTML, CSS and JavaScript modules under static/, and the docs page uses the Swagger UI files
shipped by the swagger-ui-py package, so nothing is loaded from the internet.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from polybius import __version__
from polybius.api.deps import ApiContext
from polybius.api.guard import (
    DASHBOARD_CSP,
    DEFAULT_ALLOWED_HOSTS,
    RequestGuard,
    SecurityHeaders,
    normalise_hosts,
)
from polybius.api.limits import ServerLimits
from polybius.api.messages import plain_message
from polybius.api.models import ErrorResponse
from polybius.api.queue import SubmissionQueue
from polybius.api.routes import aggregates, codes, documents, downloads, events, sources
from polybius.api.state import ApiStore

log = logging.getLogger(__name__)
DOCS_ASSETS = frozenset({"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"})
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)

STATIC = Path(__file__).parent / "static"


def create_app(
    db_path: str | Path,
    tokens: Iterable[str] = (),
    writable: bool | None = None,
    *,
    allowed_hosts: Iterable[str] = DEFAULT_ALLOWED_HOSTS,
    limits: ServerLimits | None = None,
) -> FastAPI:
    """The API over the store at `db_path`.

    With tokens, POST /api/documents codes and stores articles and the store is opened for
    writing; without, the store is opened read-only (unless `writable` says otherwise) and the
    endpoint answers 403. The store stays open for the life of the app (not only between
    ASGI lifespan events, which test clients send per request); `close_app` closes it.
    Requests whose Host header is not in `allowed_hosts` ("*" for any) are refused.
    """
    from polybius.api.submit import DocumentCoder

    tokens = tuple(tokens)
    limits = limits or ServerLimits()
    writable = bool(tokens) if writable is None else writable
    store = ApiStore(db_path, writable=writable)
    accepts = writable and bool(tokens)
    context = ApiContext(
        store=store,
        tokens=tokens if writable else (),
        coder=DocumentCoder(store) if accepts else None,
        limits=limits,
        queue=SubmissionQueue(limits.queue_size) if accepts else None,
    )

    app = FastAPI(
        title="Polybius",
        version=__version__,
        summary="Political event data coded from news (CAMEO and PLOVER), with its evidence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.api = context
    for router in (events.router, documents.router, aggregates.router, sources.router):
        app.include_router(router)
    app.include_router(downloads.router)
    app.include_router(codes.router)
    _add_error_handlers(app)
    _add_pages(app)
    app.openapi = _openapi_with_error_model(app)
    app.add_middleware(
        RequestGuard,
        tokens=context.tokens,
        accepts_documents=accepts,
        limits=limits,
        allowed_hosts=normalise_hosts(allowed_hosts),
    )
    app.add_middleware(SecurityHeaders)  # added last: outermost, so refusals carry it too
    return app


def close_app(app: FastAPI) -> None:
    """Finish the submission in progress and close the app's store (after the server stopped)."""
    if app.state.api.queue is not None:
        app.state.api.queue.close()
    close_coder = getattr(app.state.api.coder, "close", None)  # tests put stand-ins there
    if close_coder is not None:
        close_coder()  # stops the coding process (engine/isolated.py)
    app.state.api.store.close()


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path {request.url.path}; the API is described at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return JSONResponse(
            {"error": str(message)}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()))
            details.append({"location": where, "message": plain_message(err)})
        summary = "; ".join(f"{d['location']}: {d['message']}" for d in details)
        return JSONResponse(
            {"error": f"invalid request: {summary}", "details": details}, status_code=422
        )

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s %s", request.method, request.url.path)
        return JSONResponse(
            {"error": f"internal error ({type(exc).__name__}); the server log has the details"},
            status_code=500,
        )


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    swagger = _swagger_ui_dir()
    if swagger is not None:
        _add_docs_assets(app, swagger)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        # the CSP and the other security headers come from SecurityHeaders, as for every page
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:
            return HTMLResponse(
                "<p>Swagger UI is not installed (pip install swagger-ui-py); the API schema "
                'is at <a href="/openapi.json">/openapi.json</a>.</p>'
            )
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="Polybius API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = docs_csp(page.body.decode())
        return page


def docs_csp(html: str) -> str:
    """The dashboard's policy, plus the page's own inline start-up script (by its hash) and the
    inline styles Swagger UI sets."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in INLINE_SCRIPT.findall(html)
    )
    return DASHBOARD_CSP.replace("script-src 'self'", f"script-src 'self' {hashes}").replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )


def _add_docs_assets(app: FastAPI, swagger: Path) -> None:
    """Only the three files /docs loads: the package also ships HTML pages with inline scripts
    (index.html, oauth2-redirect.html, the editor) that nothing here needs to serve."""

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        if name not in DOCS_ASSETS:
            raise StarletteHTTPException(404, f"no such path /docs-assets/{name}")
        return FileResponse(swagger / name)


def _swagger_ui_dir() -> Path | None:
    """The Swagger UI files of the swagger-ui-py package (found without importing it)."""
    spec = find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _openapi_with_error_model(app: FastAPI):
    """The OpenAPI schema with our error body ({"error": ...}) for every 4xx answer."""
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorResponse"] = ErrorResponse.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        error = {"content": {"application/json": {"schema": _ref("ErrorResponse")}}}
        for path, methods in schema.get("paths", {}).items():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Invalid parameters", **error}
                if "{" in path:
                    responses.setdefault("404", {"description": "Not found", **error})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
        return schema

    return openapi


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}
