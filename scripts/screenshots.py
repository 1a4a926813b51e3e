"""Take the README's screenshots of the dashboard, one per page, into docs/screenshots/.

Ingests the bundled sample corpus into a fresh in-memory store, serves it on a free port of
127.0.0.1 and photographs each page with Debian's Chromium (headless, through Playwright).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from importlib import resources
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from quipu.ingest import iter_documents
from quipu.nlp import PIPELINE_VERSION, Gazetteer, extract
from quipu.store import open_store
from quipu.web import create_app

# Headless Chromium with nothing that reaches out (the browser tests launch it the same way).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = {
    "overview": "/",
    "timeline": "/timeline?since=2023-01-09&until=2023-01-10",
    "map": "/map",
    "tallies": "/tallies",
    "alignments": "/alignments",
    "documents": "/documents",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = open_store("memory://")
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    places = resources.files("quipu.resources").joinpath("sample/peru-2022.places.yaml")
    with resources.as_file(folder) as path, resources.as_file(places) as places_file:
        gazetteer = Gazetteer.load(extra=[places_file])
        for document in iter_documents([path], on_error=print):
            store.add(extract(document, gazetteer=gazetteer), pipeline_version=PIPELINE_VERSION)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, path in SHOTS.items():
            page.goto(base + path, wait_until="networkidle")
            if name == "map":
                page.wait_for_selector("#map[data-ready]")
                page.wait_for_timeout(500)
            page.screenshot(path=str(out / f"{name}.png"))
            print(out / f"{name}.png")
        page.goto(base + "/timeline?type=ASSAULT")
        page.locator("li.event a.open").first.click()
        page.wait_for_url("**/events/*")
        page.screenshot(path=str(out / "event.png"))
        print(out / "event.png")
        browser.close()
    server.should_exit = True
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
