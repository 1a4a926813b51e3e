"""The dashboard in a real browser: Playwright driving Debian's Chromium, headless.

Each page loads with no console error and no request leaving 127.0.0.1; the map draws its
markers on the country outlines; clicking an event shows its evidence highlighted; a filter
changes the list; the hostile report's markup is shown as text and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PAGES = ["/", "/timeline", "/map", "/tallies", "/alignments", "/documents"]


class Watched:
    """A page with everything that went wrong on it: console errors, page errors, dialogs
    (an alert would mean injected script ran) and requests to anywhere but 127.0.0.1."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def clean(self) -> bool:
        return not (self.errors or self.outside or self.dialogs)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_browser_each_page_loads_clean_and_offline(server, watched, path):
    watched.page.goto(server + path, wait_until="networkidle")
    assert watched.page.locator("header.top nav a").count() >= 6
    assert watched.clean(), (watched.errors, watched.outside, watched.dialogs)


def test_browser_map_shows_markers_and_a_click_opens_the_event(server, watched):
    page = watched.page
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready]")
    assert int(page.get_attribute("#map", "data-ready")) > 100
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 50  # outlines
    markers = page.locator(".quipu-marker[data-event]")
    clusters = page.locator(".marker-cluster")
    assert markers.count() + clusters.count() > 0
    markers.first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("blockquote.evidence mark").count() >= 1
    assert watched.clean(), (watched.errors, watched.outside, watched.dialogs)


def test_browser_clicking_an_event_shows_its_evidence_highlighted(server, watched):
    page = watched.page
    page.goto(server + "/timeline")
    first = page.locator("li.event a.open").first
    first.click()
    page.wait_for_url("**/events/*")
    sentence = page.locator("blockquote.evidence mark").first.inner_text()
    page.locator("a", has_text="in the document").first.click()
    page.wait_for_url("**/documents/*")
    highlighted = page.locator("div.text mark")
    assert highlighted.count() == 1 and highlighted.inner_text() == sentence
    assert watched.clean(), (watched.errors, watched.outside, watched.dialogs)


def test_browser_a_filter_changes_the_list(server, watched):
    page = watched.page
    page.goto(server + "/timeline")
    before = page.locator("#count").inner_text()
    page.select_option("select[name=type]", "PROTEST")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=PROTEST**")
    after = page.locator("#count").inner_text()
    assert after != before
    kinds = set(page.locator("li.event .badge").evaluate_all("els => els.map(e => e.dataset.type)"))
    assert kinds == {"PROTEST"}
    assert watched.clean(), (watched.errors, watched.outside, watched.dialogs)


def test_browser_the_hostile_report_is_escaped(server, watched, hostile_id):
    page = watched.page
    page.goto(server + f"/documents/{hostile_id}", wait_until="networkidle")
    text = page.locator("div.text").inner_text()
    assert "<script>alert('title')</script>" in text
    assert "<img src=x onerror=alert('img')>" in text
    assert page.locator("div.text img, div.text script, div.text b").count() == 0
    page.goto(server + "/documents", wait_until="networkidle")
    assert "<script>alert('outlet')</script> Daily" in page.locator("table.documents").inner_text()
    assert watched.dialogs == [] and watched.clean()
