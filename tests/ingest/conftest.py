"""Fixtures for the ingest tests: article pages written by hand and a web server on 127.0.0.1.

The server is this machine's only network: the fetching tests reach it with
`allow_private=True` (it listens on the loopback address, which Quipu otherwise refuses).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PARAGRAPHS = (
    "Regional authorities declared a night curfew in Juliaca on Monday after a day of "
    "clashes between demonstrators and police near the airport, officials said.",
    "The health ministry said that seventeen people had died and dozens were treated in "
    "hospital, the deadliest day since the protests began in early December.",
    "Residents described columns of smoke over the city as crowds tried to reach the "
    "runway, and several shops along the main avenue stayed shut on Tuesday.",
)

MakeArticle = Callable[..., str]


def article_html(
    title: str = "Curfew in Juliaca",
    *,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    published: str | None = None,
) -> str:
    """Return a news page: navigation, an article of `paragraphs`, a footer."""
    date = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>{date}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        "<footer><p>Copyright 2023 The Altiplano Courier.</p></footer></body></html>"
    )


@pytest.fixture
def paragraphs() -> tuple[str, ...]:
    """Return the paragraphs of the article `make_article` writes by default."""
    return PARAGRAPHS


@pytest.fixture
def make_article() -> MakeArticle:
    """Return `article_html(title, *, paragraphs, published)`, a page trafilatura reads."""
    return article_html


@dataclass
class Route:
    """What the test server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # set: the answer waits until the test ends (a server that never answers in time)
    hang: bool = False
    # unset: no Content-Length, the body's end told by closing the connection
    declare_length: bool = True


@dataclass
class TestServer:
    """A web server on 127.0.0.1 in a thread; `routes` maps a path to its answer."""

    base: str
    routes: dict[str, Route]
    hits: list[str]

    __test__ = False  # not a test class, for pytest

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str, **headers: str) -> str:
        """Serve `html` at `path`; return its URL."""
        self.routes[path] = Route(
            body=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8", **headers},
        )
        return self.url(path)

    def serve(self, path: str, body: bytes | str, **route: object) -> str:
        """Serve `body` at `path` with `Route` fields (status, headers, hang …); return
        its URL. A text body is sent as text/plain unless the headers say otherwise."""
        if isinstance(body, str):
            body = body.encode("utf-8")
            headers = {"Content-Type": "text/plain; charset=utf-8"}
            headers.update(route.pop("headers", None) or {})  # type: ignore[call-overload]
            route["headers"] = headers
        self.routes[path] = Route(body=body, **route)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        """Redirect `path` to `location`; return its URL."""
        self.routes[path] = Route(status=status, headers={"Location": location})
        return self.url(path)


@pytest.fixture
def web_server() -> Iterator[TestServer]:
    """Start a web server on 127.0.0.1 for one test; every request is logged in `hits`."""
    routes: dict[str, Route] = {}
    hits: list[str] = []
    released = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path, Route(status=404, body=b"not found"))
            if route.hang:
                released.wait(timeout=60)
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.declare_length:
                self.send_header("Content-Length", str(len(route.body)))
            else:
                self.close_connection = True
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the tests read `hits`

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield TestServer(base=f"http://127.0.0.1:{server.server_port}", routes=routes, hits=hits)
    finally:
        released.set()
        server.shutdown()
        server.server_close()
        thread.join()
