"""Load on the dashboard: latency of `/api/v1/events` and the pages on 10,000 corpus events.

A synthetic crisis of `--events` events (four to a report; every tenth report retells one
more, told fifty reports before) is written through the store layer into a SQLite file:
hand-built `Extraction`s given to `Store.add`, no spaCy. The dashboard's app serves that store under uvicorn in a
process of its own on 127.0.0.1, and one client (keeping its connection open) asks in turn
for the API's event lists (filters, pages, cursors), single events and documents, and every
page, for `--requests` requests or `--seconds` seconds, whichever ends first. Nothing
leaves this machine.

Bar (issue 17): over all requests, p95 latency under 200 ms and no error. Printed: the
time to write the store, the first request (which builds the dashboard's snapshot), then
p50, p95 and the slowest request of each endpoint.

    python benchmarks/web_load.py [--events 10000] [--requests 1000] [--seconds 120]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

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
    Stance,
)
from quipu.store import open_store

BAR_SECONDS = 0.2
EVENTS_PER_REPORT = 4
START = dt.date(2022, 12, 1)
REGIONS = 25
TYPES = (
    ("PROTEST", "marched against the government"),
    ("ASSAULT", "attacked a convoy"),
    ("COERCE", "detained demonstrators"),
    ("MOBILIZE", "deployed troops"),
    ("SANCTION", "suspended a mayor"),
)
SECTORS = ("PRO", "COP", "MIL", "GOV", "CVL")
# RAM-backed scratch space where there is one: the store's writes are not what is measured.
SCRATCH = Path("/dev/shm")
# The first request builds the snapshot (every corpus event merged): minutes at most.
START_TIMEOUT = 300.0


def _event(number: int) -> Event:
    """Real event `number` of the crisis, told in a sentence of its own (offsets 0 to its
    length: the report moves them to where the sentence lies in its text)."""
    kind, verb = TYPES[number % len(TYPES)]
    region = number % REGIONS
    town = number // REGIONS
    day = START + dt.timedelta(days=(number * 7) % 730)
    sector = SECTORS[number % len(SECTORS)]
    name = f"group {number % 60}"
    actor = Actor(text=name, name=name, country="PER", sector=sector)
    place = Place(
        name=f"Town {town} of Region {region}",
        country="PER",
        admin1=f"Region {region}",
        lat=-18.0 + region * 0.7 + (town % 20) * 0.03,
        lon=-81.0 + (town // 20) * 0.03,
        precision=1,
    )
    killed = (0, 0, 1, 2, 5)[number % 5]
    sentence = (
        f"In Town {town} of Region {region}, group {number % 60} {verb} on "
        f"{day.isoformat()}, event {number}" + (f", and {killed} people died." if killed else ".")
    )
    return Event(
        id="",
        type=kind,
        evidence=Evidence(sentence, 0, len(sentence)),
        actor=actor,
        place=place,
        date=DateSpan(day, day, 1),
        fatalities=Figure(killed, killed, killed, str(killed)) if killed else None,
    )


def _report(number: int, told: list[int]) -> Extraction:
    """Report `number`, telling the real events `told`, with one running count and one stance."""
    sentences: list[str] = []
    events: list[Event] = []
    at = 0
    for ordinal, which in enumerate(told, start=1):
        event = _event(which)
        sentence = event.evidence.sentence
        event.id = f"e{ordinal}"
        event.evidence = Evidence(sentence, at, at + len(sentence))
        events.append(event)
        sentences.append(sentence)
        at += len(sentence) + 1
    last = max(event.date.start for event in events if event.date)
    toll = f"Officials said {number // 3} people had died in the crisis by then (report {number})."
    toll_at = at
    sentences.append(toll)
    at += len(toll) + 1
    side = f"group {number % 60}"
    other = f"group {(number * 7 + 1) % 60}"
    stance = f"The {side} said it backed the {other} (report {number})."
    sentences.append(stance)
    text = " ".join(sentences)
    document = Document(
        text=text,
        source=f"report-{number}.md",
        url=f"https://news.example/{number}",
        outlet=f"Outlet {number % 30}",
        title=f"Report {number}",
        published=last + dt.timedelta(days=1),
        language="en",
    )
    source = Actor(text=f"ministry {number % 7}", name=f"ministry {number % 7}", country="PER")
    count = Count(
        kind="killed",
        best=number // 3,
        low=number // 3,
        high=number // 3,
        evidence=Evidence(toll, toll_at, toll_at + len(toll)),
        as_of=DateSpan(last, last, 1),
        place=Place(name="Peru", country="PER"),
        source=source,
        official=number % 7 == 0,
    )
    edge = Stance(
        actor=Actor(text=side, name=side, country="PER"),
        recipient=Actor(text=other, name=other, country="PER"),
        polarity="support" if number % 3 else "oppose",
        type="SUPPORT",
        evidence=Evidence(stance, at, at + len(stance)),
        date=DateSpan(last, last, 1),
    )
    return Extraction(document=document, events=events, counts=[count], stances=[edge])


def synthetic_extractions(events: int) -> Iterator[Extraction]:
    """Reports telling `events` real events, four to a report; after the first hundred
    reports, every tenth report also retells the first event of the report fifty before."""
    numbers = range(events)
    for number, start in enumerate(range(0, events, EVENTS_PER_REPORT)):
        told = list(numbers[start : start + EVENTS_PER_REPORT])
        if number >= 100 and number % 10 == 0:
            told.append((number - 50) * EVENTS_PER_REPORT)
        yield _report(number, told)


def build_store(url: str, events: int) -> int:
    """Write the synthetic reports of `events` events into the store at `url`; returns
    how many reports were written."""
    written = 0
    with open_store(url) as store:
        for extraction in synthetic_extractions(events):
            written += store.add(extraction, pipeline_version="synthetic")
    return written


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A temporary folder for the store, in RAM where the machine has /dev/shm; removed
    after."""
    scratch = SCRATCH if SCRATCH.is_dir() else None
    with tempfile.TemporaryDirectory(prefix="quipu-load-", dir=scratch) as folder:
        yield Path(folder)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SERVE = """
import sys, uvicorn
from quipu.store import open_store
from quipu.web import create_app
uvicorn.run(create_app(open_store(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning")
"""


@contextmanager
def serving(url: str) -> Iterator[str]:
    """The dashboard over the store at `url`, under uvicorn in a child process on
    127.0.0.1; yields its base address once it answers."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVE, url, str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the dashboard server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def targets(client: httpx.Client) -> list[tuple[str, str]]:
    """(endpoint, path) pairs to ask in turn: the API's event lists with filters and a
    second page, one event and one document as JSON and as pages, and every page."""
    listing = client.get("/api/v1/events", params={"limit": 50}).json()
    items = listing["items"]
    event = items[len(items) // 2]
    document = event["mentions"][0]["document"]
    cursor = listing["next_cursor"]
    return [
        ("/api/v1/events", "/api/v1/events"),
        ("/api/v1/events", "/api/v1/events?limit=500"),
        ("/api/v1/events", f"/api/v1/events?cursor={cursor}"),
        ("/api/v1/events", "/api/v1/events?type=PROTEST&place=region%207"),
        ("/api/v1/events", "/api/v1/events?since=2023-06-01&until=2023-06-30"),
        ("/api/v1/events", "/api/v1/events?actor=group%2012&certainty=asserted"),
        ("/api/v1/events", "/api/v1/events?q=convoy&limit=100"),
        ("/api/v1/events/{id}", f"/api/v1/events/{event['id']}"),
        ("/api/v1/documents/{id}", f"/api/v1/documents/{document}"),
        ("/api/v1/map", "/api/v1/map"),
        ("/", "/"),
        ("/timeline", "/timeline"),
        ("/timeline", "/timeline?type=ASSAULT&since=2023-01-01"),
        ("/map", "/map"),
        ("/tallies", "/tallies"),
        ("/alignments", "/alignments"),
        ("/documents", "/documents"),
        ("/events/{id}", f"/events/{event['id']}"),
        ("/documents/{id}", f"/documents/{document}"),
    ]


@dataclass
class Timings:
    """Seconds taken per endpoint, and every request that did not answer 200."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[float]:
        return [s for taken in self.seconds.values() for s in taken]


def p95(seconds: list[float]) -> float:
    """The 95th percentile (nearest rank) of some timings."""
    ordered = sorted(seconds)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(client: httpx.Client, *, requests: int, seconds: float) -> Timings:
    """Ask for each target in turn, `requests` times in all or until `seconds` pass."""
    timings = Timings()
    ends = time.monotonic() + seconds
    for endpoint, path in itertools.islice(itertools.cycle(targets(client)), requests):
        if time.monotonic() > ends:
            break
        started = time.perf_counter()
        try:
            response = client.get(path)
            response.read()
            failed = None if response.status_code == 200 else f"{path}: {response.status_code}"
        except httpx.HTTPError as error:
            failed = f"{path}: {type(error).__name__}"
        timings.seconds.setdefault(endpoint, []).append(time.perf_counter() - started)
        if failed:
            timings.errors.append(failed)
    return timings


def run(events: int, *, requests: int, seconds: float, folder: Path) -> Timings:
    """Write the store, serve it, warm it up and measure; prints what it finds."""
    url = f"sqlite:///{folder / 'load.db'}"
    started = time.perf_counter()
    reports = build_store(url, events)
    print(
        f"load: {reports} reports, {events} events written in {time.perf_counter() - started:.1f} s"
    )
    with serving(url) as base, httpx.Client(base_url=base, timeout=START_TIMEOUT) as client:
        started = time.perf_counter()
        first = client.get("/api/v1/events", params={"limit": 1}).json()
        print(
            f"load: {first['total']} corpus events; the first request (snapshot built) took "
            f"{time.perf_counter() - started:.1f} s"
        )
        for _, path in targets(client):  # warm-up: one of each
            client.get(path)
        return measure(client, requests=requests, seconds=seconds)


def report(timings: Timings) -> bool:
    """Print p50, p95 and the slowest request per endpoint; whether the bar holds."""
    for endpoint, taken in timings.seconds.items():
        print(
            f"  {endpoint:<24} {len(taken):4d} requests  p50 {statistics.median(taken) * 1000:6.1f} ms"
            f"  p95 {p95(taken) * 1000:6.1f} ms  max {max(taken) * 1000:6.1f} ms"
        )
    overall = p95(timings.all)
    held = overall < BAR_SECONDS and not timings.errors
    print(
        f"load: {len(timings.all)} requests, p95 {overall * 1000:.0f} ms "
        f"(bar < {BAR_SECONDS * 1000:.0f} ms), {len(timings.errors)} errors: "
        f"{'holds' if held else 'MISSED'}"
    )
    for error in timings.errors[:10]:
        print(f"  error {error}")
    return held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events")
    parser.add_argument("--requests", type=int, default=1000, help="requests in all")
    parser.add_argument("--seconds", type=float, default=120.0, help="at most this long")
    args = parser.parse_args(argv)
    with scratch_folder() as folder:
        timings = run(args.events, requests=args.requests, seconds=args.seconds, folder=folder)
    return 0 if report(timings) else 1


if __name__ == "__main__":
    sys.exit(main())
