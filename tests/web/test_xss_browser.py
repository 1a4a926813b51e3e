"""Hostile words on every page, rendered by Chromium: nothing runs, nothing is fetched.

A store is written through the store API with reports whose every word a page shows
carries markup or script: text, title, source, outlet, URL, actors, places, sentences,
figures' sources, stances, even type, mode and certainty. The dashboard serves it under
uvicorn on 127.0.0.1 (`web_load.serving`), and headless Chromium visits every page (each
event and document, the error pages that echo a path or a parameter, the API's JSON):

- no dialog opens (an `alert` would mean injected script ran);
- no request goes to any host but 127.0.0.1 (`http://example.invalid/x.png` is in the
  words, as text, an image and a link, and must never be fetched);
- no console error or page error (under the Content-Security-Policy, injected inline script
  would be refused with a console error);
- the page holds no element the words could have made: no `on…` attribute, no
  `javascript:`/`data:` link, no script but this server's files, no frame, base or refresh.

Each page is visited twice: as served, and with the Content-Security-Policy bypassed, so
that the escaping is tested on its own and not only the policy behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
import web_load
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from quipu.records import (
    Actor,
    Count,
    DateSpan,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Stance,
)
from quipu.store import open_store

pytestmark = pytest.mark.browser

OUTSIDE = "http://example.invalid/x.png"
# Markup and script, each as a page could be tricked into running or fetching it.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'><svg/onload=alert(4)>",
    "` ' \" = < > &",
    "</script><script>alert(5)</script>",
    "</title><script>alert(6)</script>",
    "</textarea><img src=x onerror=alert(7)>",
    "<iframe src=javascript:alert(8)></iframe>",
    "<a href=javascript:alert(9)>click</a>",
    f"<img src={OUTSIDE}>",
    f"<link rel=stylesheet href={OUTSIDE}>",
    f"<meta http-equiv=refresh content='0;url={OUTSIDE}'>",
    f"<base href={OUTSIDE}>",
    f"<style>@import url({OUTSIDE})</style>",
    '{{ 7*7 }} {% raw %} <!-- <script>alert("comment")</script> -->',
    f"plain text naming {OUTSIDE}",
]
# What a URL or a source may be in a stored record, and must never become a live link.
URLS = [
    "javascript:alert(10)",
    " JaVaScRiPt:alert(11)",
    "java\tscript:alert(12)",
    "data:text/html,<script>alert(13)</script>",
    "vbscript:msgbox(14)",
    OUTSIDE,  # a real http URL: a link the reader may follow, never fetched by the page
]
DAY = dt.date(2023, 1, 9)
Found = dict[str, list[str]]
# Injected script would show one of these; the legitimate pages have none.
BAD_ELEMENTS = r"""() => {
  const bad = [];
  const active = /^(javascript|data|vbscript):/;
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.toLowerCase().replace(/[\s\u0000-\u001f]/g, "");
      if (name.startsWith("on")) bad.push(`${tag}[${name}]`);
      if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(name)
          && active.test(value)) bad.push(`${tag}[${name}=${value}]`);
    }
    if (tag === "a" && !/^(\/|#|\?|https?:\/\/)/.test(el.getAttribute("href") || "/")) {
      bad.push(`a ${el.getAttribute("href")}`);
    }
    if (["iframe", "frame", "object", "embed", "base", "style"].includes(tag)) bad.push(tag);
    if (tag === "script" && !/^\/(static|vendor)\//.test(el.getAttribute("src") || "")) {
      bad.push("inline script");
    }
    if (tag === "meta" && el.getAttribute("http-equiv")) bad.push("meta http-equiv");
    if (tag === "img" || tag === "link") {
      const where = el.getAttribute("src") || el.getAttribute("href") || "";
      if (!where.startsWith("/")) bad.push(`${tag} ${where}`);
    }
  }
  // an error message echoes what was asked for: as text, never as elements
  for (const el of document.querySelectorAll("p.error *")) bad.push(`error ${el.tagName}`);
  return bad;
}"""


def _hostile_report(number: int) -> Extraction:
    """A report whose words are all hostile strings, with events, a count and a stance."""
    words = [HOSTILE[(number + k) % len(HOSTILE)] for k in range(4)]
    sentences = [
        f"In {words[0]}, {words[1]} attacked {words[2]} on Monday, killing 3.",
        f"Officials of {words[3]} said 7 people had died so far.",
        f"{words[1]} backed {words[2]}, the text said, see {OUTSIDE}.",
    ]
    text = "\n\n".join(sentences)
    spans = []
    at = 0
    for sentence in sentences:
        spans.append(Evidence(sentence, at, at + len(sentence)))
        at += len(sentence) + 2
    place = Place(
        name=words[0],
        country="PER",
        admin1=words[3],
        admin2=words[1],
        lat=-12.0 - number * 0.5,
        lon=-77.0 + number * 0.5,
        precision=1,
    )
    side = Actor(text=words[1], name=words[1], country="PER", sector=words[3])
    other = Actor(text=words[2], name=words[2], country="PER", members=[side])
    events = [
        Event(
            id="e1",
            type="ASSAULT" if number % 2 else words[0],
            mode=words[3],
            evidence=spans[0],
            actor=side,
            recipient=other,
            place=place,
            date=DateSpan(DAY, DAY + dt.timedelta(days=number), 1),
            fatalities=Figure(3, 3, 3, words[2]),
            certainty="asserted" if number % 3 else words[2],
            aux=words[0],
            cameo=words[1],
            acled={"event_type": words[2], "sub_event_type": words[3]},
        ),
    ]
    count = Count(
        kind="killed" if number % 2 else words[3],
        best=7 + number,
        low=7,
        high=9 + number,
        evidence=spans[1],
        as_of=DateSpan(DAY, DAY, 1),
        place=place,
        source=Actor(text=words[3], name=words[3]),
        official=True,
    )
    stance = Stance(side, other, "support" if number % 2 else words[0], words[1], spans[2])
    document = Document(
        text=text,
        source=URLS[number % len(URLS)] if number % 2 else f"../../{words[0]}.md",
        url=URLS[number % len(URLS)],
        outlet=words[2],
        title=words[3],
        published=DAY + dt.timedelta(days=number + 1),
        language=words[0] if number == 3 else "en",
    )
    mention = PlaceMention(words[0], spans[0].start, spans[0].start + 3, place)
    return Extraction(document, events=events, counts=[count], stances=[stance], places=[mention])


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over a store of hostile reports, on 127.0.0.1; yields its address."""
    path = Path(tmp_path_factory.mktemp("hostile")) / "hostile.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        for number in range(len(HOSTILE)):
            assert store.add(_hostile_report(number), pipeline_version="hostile")
    with web_load.serving(url) as base:
        yield base


@pytest.fixture(scope="module")
def paths(hostile_server: str) -> list[str]:
    """Every page and API answer of the hostile store worth a look, echoes included."""
    with httpx.Client(base_url=hostile_server) as client:
        events = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
        documents = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    assert len(events) >= len(HOSTILE) and len(documents) == len(HOSTILE)
    echoed = quote(HOSTILE[1])
    return [
        "/",
        "/timeline",
        f"/timeline?q={quote('script')}&actor={quote(HOSTILE[2])}",
        f"/timeline?type={quote(HOSTILE[0])}&place={echoed}",
        "/map",
        "/tallies",
        "/alignments",
        "/alignments?level=country",
        "/documents",
        *(f"/events/{event['id']}" for event in events),
        *(f"/documents/{document['id']}?start=0&end=20" for document in documents),
        "/api/v1/events?limit=500",
        f"/api/v1/events/{events[0]['id']}",
        f"/api/v1/documents/{documents[0]['id']}",
        "/api/v1/map",
        "/api/v1/tallies",
        "/api/v1/stances",
        "/api/v1/search?q=script",
    ]


# Pages that answer with an error, echoing what was asked for in their message.
ERROR_PATHS = [
    f"/events/{quote(HOSTILE[1])}",
    f"/documents/{quote(HOSTILE[0])}",
    f"/nowhere/{quote(HOSTILE[2])}",
    f"/alignments?level={quote(HOSTILE[5])}",
    f"/timeline?since={quote(HOSTILE[1][:10])}",
    f"/api/v1/events/{quote(HOSTILE[0])}",
]


class Watch:
    """What a page did that it must not: dialogs, requests off this machine (aborted),
    console and page errors."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if urlsplit(request.url).hostname != "127.0.0.1":
            self.outside.append(request.url)

    def _route(self, route) -> None:
        # nothing leaves the machine, even if the test is about to fail
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()


@pytest.fixture(params=["csp", "no-csp"])
def visit(request, browser: Browser, hostile_server: str) -> Iterator[Callable[..., Found]]:
    """Open paths one after another in a page (with the Content-Security-Policy, or
    bypassing it); each visit returns what it did wrong and the elements it should not have."""
    context = browser.new_context(bypass_csp=request.param == "no-csp")
    page = context.new_page()
    watch = Watch(page)

    def opened(path: str, *, status: int = 200) -> Found:
        watch.dialogs, watch.outside, watch.errors = [], [], []
        # the map draws with a script, after the page has loaded; the others have none
        waited = "networkidle" if path == "/map" else "load"
        response = page.goto(hostile_server + path, wait_until=waited)
        assert response is not None and response.status == status, path
        if path.startswith("/api/"):
            assert response.headers["content-type"].startswith("application/json"), path
            bad: list[str] = []
        else:
            try:
                bad = page.evaluate(BAD_ELEMENTS)
            except PlaywrightError as error:  # a refresh or a script took the page away
                bad = [f"navigated away: {error.message}"]
        errors = [
            error
            for error in watch.errors
            # the browser's own note on an error status, which this page was meant to have
            if not (status != 200 and error.startswith("Failed to load resource"))
        ]
        return {
            "dialogs": watch.dialogs,
            "outside": watch.outside,
            "errors": errors,
            "elements": bad,
        }

    yield opened
    context.close()


CLEAN = {"dialogs": [], "outside": [], "errors": [], "elements": []}


def test_xss_browser_every_page_runs_and_fetches_nothing(visit, paths):
    found = {path: visit(path) for path in paths}
    assert {path: did for path, did in found.items() if did != CLEAN} == {}


def test_xss_browser_error_pages_echo_as_text(visit):
    found = {path: visit(path, status=400 if "=" in path else 404) for path in ERROR_PATHS}
    assert {path: did for path, did in found.items() if did != CLEAN} == {}


def test_xss_browser_hostile_words_are_shown_as_text(browser, hostile_server):
    page = browser.new_page()
    for number in range(len(HOSTILE)):
        report = _hostile_report(number)
        page.goto(f"{hostile_server}/documents/{report.document.id}")
        shown = page.locator("div.text").inner_text()
        assert all(evidence.sentence in shown for evidence in _sentences(report)), number
        assert report.document.title in page.locator("main").inner_text()
    # the map's script reads the hostile places and names from the API, and draws them all
    page.goto(f"{hostile_server}/map")
    page.wait_for_selector("#map[data-ready]")
    assert page.get_attribute("#map", "data-ready") == str(len(HOSTILE))
    page.close()


def _sentences(report: Extraction) -> list[Evidence]:
    return [report.events[0].evidence, report.counts[0].evidence, report.stances[0].evidence]
