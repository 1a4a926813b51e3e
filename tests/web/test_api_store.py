"""The store as the dashboard and API show it: file names, never where files lie on the
server (issue 17)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from quipu.nlp import PIPELINE_VERSION, extract
from quipu.records import Document
from quipu.store import open_store
from quipu.web import create_app

SERVER_FOLDER = "/srv/private/quipu-reports"
# No outlet and no URL: the exports fall back on the source where they would name either.
REPORT = Document(
    text=(
        "LIMA, Dec 13 – Police killed two protesters in Juliaca on Monday during clashes, "
        "the ombudsman's office said.\n\n"
        "Protesters blocked the Panamericana highway near Lima on Monday."
    ),
    source=f"{SERVER_FOLDER}/2022/lima-clashes.md",
    published=dt.date(2022, 12, 13),
    language="en",
)
FORMATS = ("jsonl", "acled-csv", "ucdp-csv", "geojson", "plover-json")
# The formats that name a report without an outlet or URL by its source.
NAMING_SOURCE = ("jsonl", "acled-csv", "ucdp-csv")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("server") / "crisis.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add(extract(REPORT), pipeline_version=PIPELINE_VERSION)
        yield TestClient(create_app(store), base_url="http://127.0.0.1")


@pytest.mark.parametrize("format", FORMATS)
def test_api_store_exports_show_file_names_not_server_paths(client, format):
    response = client.get(f"/api/v1/exports/{format}")
    assert response.status_code == 200
    assert SERVER_FOLDER not in response.text
    if format in NAMING_SOURCE:
        assert "lima-clashes.md" in response.text


def test_api_store_jsonl_export_gives_the_document_s_file_name(client):
    lines = client.get("/api/v1/exports/jsonl").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and {r["document"]["source"] for r in records} == {"lima-clashes.md"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events",
        "/api/v1/documents",
        "/api/v1/tallies",
        "/api/v1/stances",
        "/api/v1/places",
        "/api/v1/map",
        "/api/v1/search?q=Juliaca",
        "/",
        "/timeline",
        "/documents",
        "/tallies",
        "/alignments",
        "/map",
    ],
)
def test_api_store_no_answer_shows_a_server_path(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SERVER_FOLDER not in response.text and "/quipu-reports" not in response.text


def test_api_store_every_page_names_the_store_by_its_file_name(client):
    for path in ("/", "/timeline", "/documents"):
        assert "· store crisis.db ·" in client.get(path).text


def test_api_store_an_empty_store_says_so_and_which_it_is(tmp_path: Path):
    path = tmp_path / "fresh.db"
    with open_store(f"sqlite:///{path}") as store:
        client = TestClient(create_app(store), base_url="http://127.0.0.1")
        page = client.get("/").text
    assert "The store <strong>fresh.db</strong> is empty" in page
    assert str(tmp_path) not in page
    with open_store("memory://") as store:
        page = TestClient(create_app(store), base_url="http://127.0.0.1").get("/").text
    assert "The store <strong>memory</strong> is empty" in page
