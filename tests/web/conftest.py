"""Fixtures for the dashboard tests: the sample corpus in an in-memory store, with one
hostile report added, served by the app (TestClient) or by a real server (browser tests).

The browser tests drive Debian's Chromium (`/usr/bin/chromium`) through Playwright; they are
skipped with a reason where it is not installed, and fail instead in CI (`CI` set), where
`.ci/run` installs it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright
from screenshots import CHROMIUM_ARGS

from quipu.ingest import iter_documents
from quipu.nlp import PIPELINE_VERSION, Gazetteer, extract
from quipu.records import Document
from quipu.store import Store, open_store
from quipu.web import create_app, find_assets

CHROMIUM = "/usr/bin/chromium"
# A report that tries to run script wherever its words are shown.
HOSTILE = Document(
    text=(
        "LIMA, Jan 30 – Police arrested 12 protesters <script>alert('title')</script> in Lima "
        "on Monday, the <img src=x onerror=alert('img')> ministry said.\n\n"
        "Protesters marched in Lima on Monday against the <b>government</b>."
    ),
    source="hostile.md",
    url="javascript:alert('url')",
    outlet="<script>alert('outlet')</script> Daily",
    title="<img src=x onerror=alert('title')> Arrests in Lima",
    published=dt.date(2023, 1, 31),
    language="en",
)


@pytest.fixture(scope="session")
def sample_store() -> Iterator[Store]:
    """The bundled sample corpus (read with its own places) and the hostile report."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    places = resources.files("quipu.resources").joinpath("sample/peru-2022.places.yaml")
    store = open_store("memory://")
    with resources.as_file(folder) as path, resources.as_file(places) as places_file:
        gazetteer = Gazetteer.load(extra=[places_file])
        for document in iter_documents([path], on_error=lambda error: pytest.fail(str(error))):
            store.add(extract(document, gazetteer=gazetteer), pipeline_version=PIPELINE_VERSION)
    store.add(extract(HOSTILE), pipeline_version=PIPELINE_VERSION)
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(sample_store: Store) -> FastAPI:
    return create_app(sample_store)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    # addressed to this machine: the app refuses other host names
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture(scope="session")
def hostile_id() -> str:
    return HOSTILE.id


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium binary; skip (fail in CI) without it or without the map's libraries."""
    missing = []
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        missing.append(f"{CHROMIUM} is not installed (apt-get install chromium)")
    if find_assets() is None:
        missing.append("frontend/node_modules is not installed (make setup)")
    if missing:
        reason = "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this may not be skipped)")
        pytest.skip(reason)
    return CHROMIUM if Path(CHROMIUM).is_file() else str(shutil.which("chromium"))


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    """Headless Chromium for the browser tests of a module."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    """The app served on 127.0.0.1 by uvicorn in a thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
