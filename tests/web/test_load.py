"""The dashboard under a bounded load, on 10,000 corpus events: p95 latency under 200 ms.

The synthetic store of `benchmarks/web_load.py` (written through the store layer, no
spaCy) is served by uvicorn in a process of its own on 127.0.0.1, as `quipu serve` serves
it, and one client asks for 200 pages and API lists in turn: `/api/v1/events` with filters
and cursors, single events and documents, the map's GeoJSON, and every page. The
benchmark (`make bench`) runs the same with more requests and prints each endpoint's p95.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import web_load

EVENTS = 10_000
REQUESTS = 200
# Bounded in time too: a machine this slow fails the test rather than holding CI.
SECONDS = 120.0


@pytest.fixture(scope="module")
def loaded() -> Iterator[httpx.Client]:
    """A client of the dashboard over the 10,000-event store, its snapshot built."""
    with web_load.scratch_folder() as folder:
        url = f"sqlite:///{folder / 'load.db'}"
        assert web_load.build_store(url, EVENTS) == EVENTS // web_load.EVENTS_PER_REPORT
        with (
            web_load.serving(url) as base,
            httpx.Client(base_url=base, timeout=web_load.START_TIMEOUT) as client,
        ):
            first = client.get("/api/v1/events", params={"limit": 1})
            assert first.status_code == 200 and first.json()["total"] == EVENTS
            yield client


def test_load_p95_under_200_ms_with_no_error_on_10000_events(loaded):
    for _, path in web_load.targets(loaded):  # warm-up: one of each
        assert loaded.get(path).status_code == 200, path
    timings = web_load.measure(loaded, requests=REQUESTS, seconds=SECONDS)
    assert timings.errors == []
    assert len(timings.all) == REQUESTS, "the requests did not finish in time"
    worst = {
        endpoint: round(web_load.p95(taken) * 1000) for endpoint, taken in timings.seconds.items()
    }
    overall = web_load.p95(timings.all)
    assert overall < web_load.BAR_SECONDS, f"p95 {overall * 1000:.0f} ms; each endpoint's: {worst}"
