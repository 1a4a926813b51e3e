"""Bad requests to the JSON API and the pages: numbers out of range, impossible dates,
path traversal in ids, markup and control characters in parameters.

Each answer is a status the API documents (400, 404, 405) with a numbered message, or a
plain 200, never a 500; and the store the server reads is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hostile import fingerprint
from quipu.store import open_store
from quipu.web import create_app

NUMBERED = re.compile(r"^E\d{3} ")

BAD_REQUESTS = [
    ("get", "/api/v1/events?limit=0"),
    ("get", "/api/v1/events?limit=-1"),
    ("get", "/api/v1/events?limit=" + "9" * 400),
    ("get", "/api/v1/events?limit=1e400"),
    ("get", "/api/v1/events?limit=abc"),
    ("get", "/api/v1/events?since=99999-01-01"),
    ("get", "/api/v1/events?since=-0001-01-01"),
    ("get", "/api/v1/events?until=2023-02-30"),
    ("get", "/api/v1/events?since=0000-00-00"),
    ("get", "/api/v1/events?cursor=../../../../etc/passwd"),
    ("get", "/api/v1/events?cursor=" + "A" * 65),
    ("get", "/api/v1/events?actor=" + "x" * 201),
    ("get", "/api/v1/stances?level=%3Cscript%3E"),
    ("get", "/api/v1/search?q="),
    ("get", "/api/v1/events/..%2F..%2F..%2Fetc%2Fpasswd"),
    ("get", "/api/v1/documents/%00"),
    ("get", "/api/v1/documents/..%2Fquipu.db"),
    ("get", "/api/v1/exports/..%2F..%2Fetc%2Fpasswd"),
    ("get", "/api/v1/exports/exe"),
    ("get", "/api/v1/../../etc/passwd"),
    ("post", "/api/v1/events"),
    ("delete", "/api/v1/documents/x"),
]
FINE_REQUESTS = [
    "/api/v1/events?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/api/v1/events?actor=%25_%27%3B%20drop%20table%20events%3B--",
    "/api/v1/events?actor=%ED%A0%80",
    "/api/v1/events?place=%FF%FE",
    "/api/v1/events?type=%E2%80%AEtsetorp",
    "/api/v1/tallies?kind=%00&source=%1B%5B31m",
    "/api/v1/documents?language=%00&outlet=javascript:alert(1)",
    "/api/v1/events?since=&until=",
    "/api/v1/search?q=javascript%3Aalert(1)",
    "/api/v1/search?q=%00%00",
    "/timeline?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
]


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with open_store(f"sqlite:///{db_path}") as store:
        yield TestClient(create_app(store), base_url="http://127.0.0.1")


@pytest.mark.parametrize(("method", "url"), BAD_REQUESTS, ids=[url for _, url in BAD_REQUESTS])
def test_hostile_api_request_is_a_numbered_4xx(method, url, client, db_path):
    before = fingerprint(db_path)
    response = client.request(method.upper(), url)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert NUMBERED.match(body["error"]), body
        assert body["status"] == response.status_code
        assert "\n" not in body["error"]
    else:  # a page: what the client made of `/../` left the API
        assert re.search(r"\bE\d{3}\b", response.text), response.text[:300]
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("url", FINE_REQUESTS)
def test_hostile_api_parameters_are_only_text(url, client, db_path):
    before = fingerprint(db_path)
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert "<script>alert(1)" not in response.text
    assert fingerprint(db_path) == before


def test_hostile_api_host_header_of_another_site_is_refused(client):
    response = client.get("/api/v1/events", headers={"host": "evil.example"})
    assert response.status_code == 400
