"""Cost that grows with what changed: adding reports to a store of 100,000 synthetic ones.

A synthetic archive of `--documents` reports (default 100,000) on crises in twelve
countries over two years: each report retells one to five of a pool of real events (a
coarser place, a day off or none, another figure), in a text of its own words, with a
death toll and a stance; one in twenty is a reprint of an earlier report under another
byline. The reports are hand-built `Extraction`s written through the store API
(`Store.add`, no spaCy), on SQLite and on PostgreSQL.

1. End to end, in a fresh process for each backend: storing the reports, merging them
   (stories and corpus events: `update_corpus`), and the death-toll series over them
   (`tally_series`): time of each step and the process's peak resident memory.
2. Adding 10 reports, to an empty store and to that archive, each timed three times with
   ten other reports (median): (a) 10 bundled sample reports extracted by the pipeline,
   stored and merged, as `quipu ingest` does, with the models loaded beforehand; (b) 10
   synthetic reports telling the archive's events, stored and merged (what the corpus
   index costs, the extraction left out). Issue 16's bar: adding 10 reports to the archive
   takes less than twice as long as adding them to an empty store.

PostgreSQL is the server at $QUIPU_BENCH_POSTGRES_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test); the benchmark works in a schema of its
own and drops it after. SQLite files go to a scratch folder in RAM where there is one.

    python benchmarks/corpus_scale.py [--documents 100000] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from quipu.corpus.stored import update_corpus
from quipu.corpus.tallies import tally_series
from quipu.corpus.view import read_corpus, read_stories
from quipu.ingest import iter_documents
from quipu.nlp import extract, extract_many
from quipu.nlp.detector import embed
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
from quipu.runners import store_new
from quipu.store import Store, open_store

POSTGRES_URL = os.environ.get(
    "QUIPU_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SCRATCH = Path("/dev/shm")
START = dt.date(2022, 1, 1)
DAYS = 730
COUNTRIES = ("PER", "BOL", "ECU", "COL", "CHL", "ARG", "BRA", "VEN", "MEX", "GTM", "HND", "NIC")
REGIONS = 10
TOWNS = 12
TYPES = (
    ("PROTEST", "demonstrate", "marched against"),
    ("ASSAULT", "firearms", "opened fire on"),
    ("COERCE", "arrest", "detained"),
    ("MOBILIZE", None, "deployed troops against"),
    ("SANCTION", None, "suspended"),
    ("ACCUSE", None, "accused"),
)
SECTORS = ("PRO", "COP", "MIL", "GOV", "CVL", "PTY")
ADDED = 10
REPEAT = 3
BAR = 2.0


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnoprstuvwyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(6000)]


class Archive:
    """The synthetic archive: a pool of real events and the reports that tell them.

    Args:
        documents: how many reports the archive holds.
        seed: the random seed; the same seed gives the same reports.
    """

    def __init__(self, documents: int, *, seed: int = 16) -> None:
        self.documents = documents
        self._rng = random.Random(seed)
        self._words = _vocabulary(self._rng)
        self._real = [self._real_event(number) for number in range(max(documents // 3, 50))]

    def _real_event(self, number: int) -> dict[str, Any]:
        rng = self._rng
        country = rng.choice(COUNTRIES)
        region = rng.randrange(REGIONS)
        town = rng.randrange(TOWNS)
        kind, mode, verb = rng.choice(TYPES)
        return {
            "kind": kind,
            "mode": mode,
            "verb": verb,
            "country": country,
            "region": f"Region {region} of {country}",
            "town": f"Town {town} of Region {region} of {country}",
            "lat": -30.0 + COUNTRIES.index(country) * 3 + region * 0.2 + town * 0.01,
            "lon": -80.0 + region * 0.2 + town * 0.01,
            "actor": (rng.choice(SECTORS), f"group {rng.randrange(40)} of {country}"),
            "recipient": (rng.choice(SECTORS), f"group {rng.randrange(40)} of {country}"),
            "day": START + dt.timedelta(days=rng.randrange(DAYS)),
            "killed": rng.choice((0, 0, 0, 1, 2, 3, 5, 12)),
        }

    def reports(self, start: int, count: int) -> Iterator[Extraction]:
        """Reports `start` to `start + count - 1` (reports past the archive's number tell
        its events too: what is added to it)."""
        earlier: list[Extraction] = []
        for number in range(start, start + count):
            if earlier and self._rng.random() < 0.05:
                yield _reprint(self._rng.choice(earlier), number)
                continue
            extraction = self._report(number)
            earlier = [*earlier[-50:], extraction]
            yield extraction

    def _report(self, number: int) -> Extraction:
        rng = self._rng
        told = rng.sample(self._real, rng.randint(1, 5))
        parts: list[str] = [" ".join(rng.choice(self._words) for _ in range(40)) + "."]
        at = len(parts[0]) + 1
        events, places = [], []
        for ordinal, real in enumerate(told, start=1):
            sentence, event, mention = self._telling(real, number, ordinal, at)
            events.append(event)
            places.extend(mention)
            parts.append(sentence)
            at += len(sentence) + 1
        filler = " ".join(rng.choice(self._words) for _ in range(60)) + "."
        parts.append(filler)
        at += len(filler) + 1
        main = told[0]
        last = max(real["day"] for real in told)
        toll = (
            f"Officials in {main['country']} said {number % 97} people had died in the "
            f"crisis by {last.isoformat()}."
        )
        count = Count(
            kind="killed",
            best=number % 97,
            low=number % 97,
            high=number % 97,
            evidence=Evidence(toll, at, at + len(toll)),
            as_of=DateSpan(last, last, 1),
            place=Place(name=main["country"], country=main["country"], precision=6),
            source=Actor(text="the ombudsman", name=f"ombudsman of {main['country']}"),
            official=number % 3 == 0,
        )
        parts.append(toll)
        at += len(toll) + 1
        side, other = main["actor"][1], main["recipient"][1]
        said = f"The {side} said it rejected the {other}."
        stance = Stance(
            actor=Actor(text=side, name=side, country=main["country"]),
            recipient=Actor(text=other, name=other, country=main["country"]),
            polarity="oppose",
            type="REJECT",
            evidence=Evidence(said, at, at + len(said)),
            date=DateSpan(last, last, 1),
        )
        parts.append(said)
        document = Document(
            text=" ".join(parts),
            source=f"report-{number}.md",
            url=f"https://news.example/{number}",
            outlet=f"Outlet {number % 300}",
            title=f"Report {number}",
            published=last + dt.timedelta(days=rng.randint(0, 3)),
            language="en",
        )
        return Extraction(
            document=document, events=events, counts=[count], stances=[stance], places=places
        )

    def _telling(
        self, real: dict[str, Any], number: int, ordinal: int, at: int
    ) -> tuple[str, Event, list[PlaceMention]]:
        rng = self._rng
        roll = rng.random()
        if roll < 0.6:
            place = Place(
                name=real["town"],
                country=real["country"],
                admin1=real["region"],
                lat=real["lat"],
                lon=real["lon"],
                precision=1,
            )
        elif roll < 0.85:
            place = Place(
                name=real["region"], country=real["country"], admin1=real["region"], precision=4
            )
        else:
            place = Place(name=real["country"], country=real["country"], precision=6)
        day: dt.date | None = real["day"]
        if rng.random() < 0.1:
            day = None
        elif rng.random() < 0.1 and day is not None:
            day += dt.timedelta(days=1)
        killed = real["killed"] + (1 if rng.random() < 0.1 else 0)
        (sector, name), (other_sector, other) = real["actor"], real["recipient"]
        sentence = (
            f"In {place.name}, the {name} {real['verb']} the {other}"
            + (f" on {day.isoformat()}" if day else "")
            + (f", and {killed} people were killed" if killed else "")
            + f", report {number} said."
        )
        start = at + sentence.index(place.name)
        event = Event(
            id=f"e{ordinal}",
            type=real["kind"],
            mode=real["mode"],
            evidence=Evidence(sentence, at, at + len(sentence)),
            actor=Actor(text=name, name=name, country=real["country"], sector=sector),
            recipient=Actor(text=other, name=other, country=real["country"], sector=other_sector),
            place=place,
            date=DateSpan(day, day, 1) if day else None,
            fatalities=Figure(killed, killed, killed, str(killed)) if killed else None,
        )
        return sentence, event, [PlaceMention(place.name, start, start + len(place.name), place)]


def _reprint(original: Extraction, number: int) -> Extraction:
    """A copy of a report under another outlet's byline: one story, not a second source."""
    byline = f"(Reporting by desk {number}.) "
    shift = len(byline)
    document = Document(
        text=byline + original.document.text,
        source=f"report-{number}.md",
        url=f"https://copy.example/{number}",
        outlet=f"Outlet {number % 300}",
        title=original.document.title,
        published=original.document.published,
        language="en",
    )

    def moved(evidence: Evidence) -> Evidence:
        return Evidence(evidence.sentence, evidence.start + shift, evidence.end + shift)

    return Extraction(
        document=document,
        events=[
            Event(**{**vars_of(event), "evidence": moved(event.evidence)})
            for event in original.events
        ],
        counts=[
            Count(**{**vars_of(count), "evidence": moved(count.evidence)})
            for count in original.counts
        ],
        stances=[
            Stance(**{**vars_of(stance), "evidence": moved(stance.evidence)})
            for stance in original.stances
        ],
        places=[
            PlaceMention(mention.text, mention.start + shift, mention.end + shift, mention.place)
            for mention in original.places
        ],
    )


def vars_of(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


# -- measuring ----------------------------------------------------------------------------


def _peak_mb() -> float:
    """The process's peak resident memory so far, in MB: Linux's high-water mark of this
    program (`getrusage` would count the parent's, kept across fork and exec)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def build(url: str, documents: int) -> dict[str, float]:
    """Write the archive into the store at `url`, merge it and draw its death tolls;
    return the time of each step and the peak resident memory after each."""
    archive = Archive(documents)
    found: dict[str, float] = {}
    with open_store(url) as store:
        started = time.perf_counter()
        for extraction in archive.reports(0, documents):
            store.add(extraction, pipeline_version="synthetic")
        found["store_s"], found["store_mb"] = time.perf_counter() - started, _peak_mb()
        started = time.perf_counter()
        update = update_corpus(store)
        found["merge_s"], found["merge_mb"] = time.perf_counter() - started, _peak_mb()
        found["merged"] = update.documents
        started = time.perf_counter()
        # as `quipu tally` draws them: the records a page at a time
        stories = read_stories(store, remember=False)
        series = tally_series(store.extractions(), kind="killed", stories=stories)
        found["tally_s"], found["tally_mb"] = time.perf_counter() - started, _peak_mb()
        found["series"] = len(series)
        started = time.perf_counter()
        events = read_corpus(store, remember=False).events
        found["view_s"], found["view_mb"] = time.perf_counter() - started, _peak_mb()
        found["events"] = len(events)
    return found


def _built(url: str, documents: int) -> dict[str, float]:
    """`build` in a fresh process, so that its peak memory is the archive's alone."""
    output = subprocess.run(
        [sys.executable, __file__, "--build", url, "--documents", str(documents)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return found


@contextmanager
def _backend(name: str, folder: Path) -> Iterator[Callable[[str], str]]:
    """Give a function from a store's name to a new, empty store's URL on the backend;
    what it made is removed after."""
    if name == "sqlite":
        yield lambda label: f"sqlite:///{folder / label}.db"
        return
    schemas: list[str] = []
    engine = sa.create_engine(POSTGRES_URL)

    def new_schema(label: str) -> str:
        schema = f"quipu_bench_{label}_{uuid.uuid4().hex[:8]}"
        with engine.begin() as connection:
            connection.execute(sa.schema.CreateSchema(schema))
        schemas.append(schema)
        url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    try:
        yield new_schema
    finally:
        with engine.begin() as connection:
            for schema in schemas:
                connection.execute(sa.schema.DropSchema(schema, cascade=True))
        engine.dispose()


def _sample_documents(count: int) -> list[Document]:
    """The first `count` bundled sample and world reports, to be extracted."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    world = Path(__file__).resolve().parent.parent / "data" / "reports" / "world-tuning"
    with resources.as_file(folder) as sample:
        found = list(iter_documents([str(sample), str(world)], on_error=print))
    return found[:count]


def _add(url: str, add: Callable[[Store], None]) -> float:
    """Seconds `add` takes on the store at `url`, the store opened beforehand."""
    with open_store(url) as store:
        started = time.perf_counter()
        add(store)
        return time.perf_counter() - started


def _ingest(documents: list[Document]) -> Callable[[Store], None]:
    """What `quipu ingest` does with reports (`runners.store_new`): extract those not
    stored, store them, merge what is new."""

    def add(store: Store) -> None:
        store_new(store, documents, extract=extract_many)

    return add


def _store(reports: list[Extraction]) -> Callable[[Store], None]:
    """Store and merge reports already extracted."""

    def add(store: Store) -> None:
        for extraction in reports:
            store.add(extraction, pipeline_version="synthetic")
        update_corpus(store)

    return add


def added(archive_url: str, new_store: Callable[[str], str], documents: int) -> dict[str, Any]:
    """Adding 10 reports to empty stores and to the archive at `archive_url`, each kind
    `REPEAT` times with other reports; the median seconds of each."""
    reports = _sample_documents(ADDED * REPEAT)
    extract(reports[0])  # the models load once, before anything is timed
    embed(["The sentence encoder loads once, before anything is timed."])
    synthetic = list(Archive(documents).reports(documents + 1_000_000, ADDED * REPEAT))
    times: dict[str, list[float]] = {name: [] for name in ("ingest", "store")}
    into: dict[str, list[float]] = {name: [] for name in ("ingest", "store")}
    for turn in range(REPEAT):
        part = slice(turn * ADDED, (turn + 1) * ADDED)
        for name, add in (("ingest", _ingest(reports[part])), ("store", _store(synthetic[part]))):
            times[name].append(_add(new_store(f"empty{turn}{name}"), add))
            into[name].append(_add(archive_url, add))
    return {
        f"{name}_{where}": statistics.median(found)
        for name in times
        for where, found in (("empty", times[name]), ("archive", into[name]))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--build", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        print(json.dumps(build(args.build, args.documents)))
        return 0
    failed = False
    scratch = SCRATCH if SCRATCH.is_dir() else None
    for backend in args.backends.split(","):
        with (
            tempfile.TemporaryDirectory(prefix="quipu-scale-", dir=scratch) as folder,
            _backend(backend, Path(folder)) as new_store,
        ):
            url = new_store("archive")
            built = _built(url, args.documents)
            print(
                f"{backend}: {args.documents:,} synthetic reports stored in "
                f"{built['store_s']:.0f} s, merged in {built['merge_s']:.0f} s "
                f"({built['merged'] / built['merge_s']:.0f} a second), death tolls drawn in "
                f"{built['tally_s']:.1f} s ({built['series']:.0f} series); all "
                f"{built['events']:,.0f} corpus events read in {built['view_s']:.1f} s; peak "
                f"resident memory {built['store_mb']:.0f} MB storing, {built['merge_mb']:.0f} "
                f"MB merging, {built['tally_mb']:.0f} MB with the tallies, "
                f"{built['view_mb']:.0f} MB with every corpus event"
            )
            found = added(url, new_store, args.documents)
            for name, told in (
                ("ingest", "10 sample reports extracted, stored and merged"),
                ("store", "10 synthetic reports stored and merged"),
            ):
                ratio = found[f"{name}_archive"] / found[f"{name}_empty"]
                failed |= name == "ingest" and ratio >= BAR
                print(
                    f"{backend}: {told}: {found[f'{name}_empty']:.3f} s into an empty store, "
                    f"{found[f'{name}_archive']:.3f} s into the {args.documents:,} "
                    f"({ratio:.2f}x; bar < {BAR:g}x for reports added)"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
