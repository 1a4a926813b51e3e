"""The dashboard: server-rendered pages over one store, read only.

`create_app(store)` returns the FastAPI application: the pages below, the JSON API under
`/api/v1/` (`quipu.web.api`), our own CSS and script under `/static/`, and the front-end
libraries and country outlines that `make setup` installs from npm under `/vendor/`. Nothing
is fetched from anywhere else: no CDN, no map tiles, and a Content-Security-Policy that
lets the browser load nothing but this server's own files.

Pages are Jinja2 templates with autoescaping on, so article text (which may hold
`<script>` or `<img onerror=…>`) is always shown as text. Charts are SVG drawn on the
server (`quipu.web.svg`); only the map needs a script, and every page works without one.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from quipu import __version__
from quipu.errors import Errors, RequestError
from quipu.store.base import Store
from quipu.store.urls import store_name
from quipu.web import api
from quipu.web.data import (
    DashboardData,
    Snapshot,
    by_day,
    latest_points,
    located_place,
    news_first,
    page,
)
from quipu.web.svg import (
    POLARITY_COLORS,
    TYPE_COLORS,
    certainty_words,
    network_svg,
    tally_svg,
    timeline_svg,
    type_color,
)

# Only this server's own files; no inline script or style; nothing framed or framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# What `/vendor/` serves from the npm install, and where in it.
VENDOR = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
    "topojson": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
PAGE_SIZE = 100
# The names this machine answers to (see `create_app`'s `hosts`).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
HERE = Path(__file__).resolve().parent
CERTAINTIES = ("asserted", "attributed", "hedged", "unverified", "disputed")


def find_assets(explicit: str | Path | None = None) -> Path | None:
    """The folder of the npm front-end packages (`frontend/node_modules`), if installed.

    Looked for: `explicit` alone when given; else `$QUIPU_ASSETS`, `./frontend/node_modules`
    and the source checkout this package runs from, in that order.
    """
    if explicit is not None:
        candidates: list[str | Path | None] = [explicit]  # asked for: that folder or none
    else:
        candidates = [os.environ.get("QUIPU_ASSETS"), Path.cwd() / "frontend" / "node_modules"]
        candidates += [Path(__file__).resolve().parents[3] / "frontend" / "node_modules"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "leaflet" / "dist" / "leaflet.js").is_file():
            return Path(candidate)
    return None


def create_app(
    store: Store,
    *,
    assets: str | Path | None = None,
    data: DashboardData | None = None,
    hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """The dashboard and API over `store`, which it reads and never writes.

    Args:
        store: an open store; the caller closes it after the server stops.
        assets: the npm front-end packages folder (`find_assets` looks when None).
        data: what to show, if not read from `store` (benchmarks give a prepared one).
        hosts: the host names requests may be addressed to (the Host header): this
            machine's by default, so that a web page elsewhere cannot read the store through
            a name that resolves here (DNS rebinding).
    """
    data = data or DashboardData(store)
    app = FastAPI(
        title="Quipu",
        version=__version__,
        description="Events, tallies and alignments read from news reports, with their sources.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive docs load their scripts from a CDN
        redoc_url=None,
    )
    app.state.data = data
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        type_color=type_color,
        certainty_words=certainty_words,
        type_colors=TYPE_COLORS,
        polarity_colors=POLARITY_COLORS,
        version=__version__,
        # its file name only, as documents show theirs: not where it lies on the server
        store_name=store_name(store.url),
    )
    templates.env.filters["highlight"] = highlight
    templates.env.filters["web_url"] = web_url
    templates.env.filters["basename"] = api.file_name
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    vendor = find_assets(assets)
    if vendor is not None:
        for name, inside in VENDOR.items():
            app.mount(f"/vendor/{name}", StaticFiles(directory=str(vendor / inside)), name=name)
    app.state.has_map = vendor is not None

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestError)
    async def request_error(request: Request, error: RequestError) -> Response:
        return _error(request, templates, str(error), error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
            for problem in error.errors()
        )
        return _error(request, templates, Errors.E401.format(reason=problems), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404:
            message = Errors.E403.format(path=request.url.path)
        elif error.status_code == 405:
            message = Errors.E404.format(method=request.method)
        else:
            message = Errors.E401.format(reason=str(error.detail))
        return _error(request, templates, message, error.status_code)

    @app.exception_handler(Exception)
    async def failed(request: Request, error: Exception) -> Response:
        message = Errors.E405.format(reason=type(error).__name__)
        return _error(request, templates, message, 500)

    app.include_router(api.router(data))
    _pages(app, data, templates)
    return app


def _error(request: Request, templates: Jinja2Templates, message: str, status: int) -> Response:
    """An error as JSON under /api/, as a page elsewhere; with the security headers, which
    an error raised past the middleware would otherwise lose."""
    if request.url.path.startswith("/api/"):
        response: Response = JSONResponse({"error": message, "status": status}, status_code=status)
    else:
        response = templates.TemplateResponse(
            request, "error.html", {"message": message, "status": status}, status_code=status
        )
    response.headers.update(SECURITY_HEADERS)
    return response


def web_url(url: Any) -> str | None:
    """A source URL fit for a link: http(s) only, so that a stored `javascript:` or
    `data:` URL is never one."""
    text = str(url or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """The document's text, escaped, with each (start, end) span in a <mark>; paragraphs
    (blank-line separated) become <p>. Offsets are the record's character offsets."""
    marks = sorted((max(0, a), min(len(text), b)) for a, b in spans if 0 <= a < b)
    pieces: list[str] = []
    at = 0
    for start, end in marks:
        if start < at:
            continue
        pieces.append(str(escape(text[at:start])))
        pieces.append(f'<mark id="m{start}">{escape(text[start:end])}</mark>')
        at = end
    pieces.append(str(escape(text[at:])))
    joined = "".join(pieces)
    paragraphs = [p for p in joined.split("\n\n") if p.strip()]
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs))


def _pages(app: FastAPI, data: DashboardData, templates: Jinja2Templates) -> None:
    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        context.setdefault("active", name.removesuffix(".html"))
        return templates.TemplateResponse(request, name, context)

    def once(
        request: Request, name: str, context: Callable[[Snapshot], dict[str, Any]]
    ) -> HTMLResponse:
        """A page that depends on the snapshot alone (none of the request's parameters),
        rendered on its first request after the store changes and kept with the snapshot:
        on 10,000 events the overview, map and tallies each take hundreds of ms to make."""
        snapshot = data.snapshot()
        key = f"page:{name}:{request.app.state.has_map}"
        body = snapshot.derived(key, lambda: render(request, name, **context(snapshot)).body)
        return HTMLResponse(body)

    @app.get("/types.css", include_in_schema=False)
    def type_styles() -> Response:
        rules = [
            f".swatch-{kind.lower()} {{ background: {color}; }}"
            for kind, color in TYPE_COLORS.items()
        ]
        return Response("\n".join(rules) + "\n", media_type="text/css")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        def context(snapshot: Snapshot) -> dict[str, Any]:
            kinds: dict[str, int] = {}
            for event in snapshot.events:
                kinds[event["type"]] = kinds.get(event["type"], 0) + 1
            latest = [(series, latest_points(series)[:4]) for series in snapshot.series]
            return {
                "snapshot": snapshot,
                "sources": len(set(snapshot.stories.values())),
                "kinds": sorted(kinds.items(), key=lambda kv: -kv[1]),
                "chart": timeline_svg(snapshot.events),
                "latest": latest,
            }

        return once(request, "overview.html", context)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(
        request: Request,
        wanted: api.Filters,
        cursor: api.Cursor = None,
        limit: api.Limit = PAGE_SIZE,
    ) -> HTMLResponse:
        snapshot = data.snapshot()
        found = page(
            news_first(
                wanted.apply(snapshot.events, snapshot.words),
                recalled=snapshot.recalled,
            ),
            limit=limit,
            cursor=cursor,
            version=snapshot.version,
        )
        query = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
        return render(
            request,
            "timeline.html",
            days=by_day(found.items, recalled=snapshot.recalled),
            found=found,
            query=query,
            types=sorted({e["type"] for e in snapshot.events}),
            certainties=CERTAINTIES,
            wanted=wanted,
        )

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        def context(snapshot: Snapshot) -> dict[str, Any]:
            located = [e for e in snapshot.events if located_place(e) is not None]
            return {
                "has_map": request.app.state.has_map,
                "located": located,
                "types": sorted({e["type"] for e in located}),
            }

        return once(request, "map.html", context)

    @app.get("/tallies", response_class=HTMLResponse, include_in_schema=False)
    def tallies(request: Request, kind: api.Text = None) -> HTMLResponse:
        def context(snapshot: Snapshot) -> dict[str, Any]:
            return {"charts": [(series, tally_svg(series)) for series in snapshot.tally(kind)]}

        if kind:
            return render(request, "tallies.html", **context(data.snapshot()))
        return once(request, "tallies.html", context)

    @app.get("/alignments", response_class=HTMLResponse, include_in_schema=False)
    def alignments(
        request: Request,
        since: api.Day = None,
        until: api.Day = None,
        level: api.LevelQuery = None,
    ) -> HTMLResponse:
        snapshot = data.snapshot()
        nodes = api.alignment_level(level)
        edges = api.edges_between(
            snapshot, since=api.day(since, "since"), until=api.day(until, "until"), level=nodes
        )
        return render(
            request,
            "alignments.html",
            edges=edges,
            chart=network_svg(edges),
            since=since,
            until=until,
            level=nodes,
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        snapshot = data.snapshot()
        event = snapshot.events_by_id.get(event_id)
        if event is None:
            raise RequestError(Errors.E402.format(kind="event", id=event_id), status=404)
        mentions = [
            {
                **mention,
                "document_record": snapshot.documents_by_id.get(mention["document"], {}),
                "text": snapshot.texts.get(mention["document"], ""),
            }
            for mention in event.get("mentions") or []
        ]
        explanation = snapshot.explanation(event_id)
        return render(
            request,
            "event.html",
            event=event,
            mentions=mentions,
            merge=explanation.to_dict() if explanation else None,
            active="timeline",
        )

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request) -> HTMLResponse:
        return once(request, "documents.html", lambda snapshot: {"snapshot": snapshot})

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request,
        document_id: str,
        start: Annotated[int | None, Query(ge=0)] = None,
        end: Annotated[int | None, Query(ge=0)] = None,
    ) -> HTMLResponse:
        snapshot = data.snapshot()
        document = snapshot.documents_by_id.get(document_id)
        if document is None:
            raise RequestError(Errors.E402.format(kind="document", id=document_id), status=404)
        spans = [(start, end)] if start is not None and end is not None else []
        events = [
            event
            for event in snapshot.events
            if any(m["document"] == document_id for m in event.get("mentions") or [])
        ]
        return render(
            request,
            "document.html",
            document=document,
            text=snapshot.texts.get(document_id, ""),
            spans=spans,
            copies=[d for d in snapshot.story_of(document_id) if d != document_id],
            events=events,
            active="documents",
        )
