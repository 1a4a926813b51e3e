"""How fast the dashboard's pages render: on the sample corpus and on 10,000 corpus events.

Bars (issue 6): every page under 1 s on the sample corpus, under 2 s with 10,000 events.
Each page is requested through FastAPI's TestClient (the server's whole stack, without the
network) after one warm-up request; the time printed is the median of `--repeat` requests.
The snapshot the pages read (merged events, tallies, alignments) is built once per store
change, and its build time is printed apart.

The synthetic corpus is corpus_merge.py's noisy retellings, merged, with one running count
and one stance per document so that the tallies and alignments pages have work too.

    python benchmarks/dashboard.py [--events 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from importlib import resources
from typing import Any

from corpus_merge import synthetic_documents
from fastapi.testclient import TestClient

from quipu.corpus.merge import merge_records
from quipu.corpus.view import Corpus
from quipu.ingest import iter_documents
from quipu.nlp import PIPELINE_VERSION, Gazetteer, extract
from quipu.store import open_store
from quipu.web import create_app
from quipu.web.data import DashboardData, Snapshot, build_snapshot

Record = dict[str, Any]
PAGES = ("/", "/timeline", "/map", "/tallies", "/alignments", "/documents")


class Prepared(DashboardData):
    """A snapshot made beforehand, never reloaded."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(open_store("memory://"))
        self.prepared = snapshot

    def snapshot(self) -> Snapshot:
        return self.prepared


def _timed(client: TestClient, path: str, repeat: int) -> float:
    assert client.get(path).status_code == 200, path  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, path
    return statistics.median(times)


def _report(name: str, client: TestClient, paths: list[str], *, bar: float, repeat: int) -> bool:
    worst = 0.0
    for path in paths:
        seconds = _timed(client, path, repeat)
        worst = max(worst, seconds)
        print(f"  {name} {path:<28} {seconds * 1000:8.1f} ms")
    verdict = "holds" if worst < bar else "MISSED"
    print(f"{name}: slowest page {worst * 1000:.0f} ms (bar < {bar * 1000:.0f} ms): {verdict}")
    return worst < bar


def sample(repeat: int) -> bool:
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    places = resources.files("quipu.resources").joinpath("sample/peru-2022.places.yaml")
    store = open_store("memory://")
    with resources.as_file(folder) as path, resources.as_file(places) as places_file:
        gazetteer = Gazetteer.load(extra=[places_file])
        for document in iter_documents([path], on_error=print):
            store.add(extract(document, gazetteer=gazetteer), pipeline_version=PIPELINE_VERSION)
    data = DashboardData(store)
    started = time.perf_counter()
    snapshot = data.snapshot()
    print(
        f"sample: {len(snapshot.documents)} documents, {len(snapshot.events)} corpus events; "
        f"snapshot built in {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    client = TestClient(create_app(store, data=data), base_url="http://127.0.0.1")
    event = snapshot.events[len(snapshot.events) // 2]["id"]
    return _report(
        "sample", client, [*PAGES, f"/events/{event}", "/api/v1/map"], bar=1.0, repeat=repeat
    )


def _synthetic_records(events: int) -> list[Record]:
    # more real events than mentions: most corpus events are told once, a few several times
    documents, _ = synthetic_documents(int(events * 1.5), events * 3, seed=11)
    records = []
    for number, record in enumerate(documents):
        published = record["document"]["published"]
        place = {"name": "Peru", "country": "PER", "admin1": None, "precision": 6}
        sentence = f"Officials said {number} people had died so far."
        record["document"].update(title=f"Report {number}", language="en", source=f"d{number}.md")
        record["counts"] = [
            {
                "kind": "killed",
                "best": number // 10,
                "low": number // 10,
                "high": number // 10,
                "as_of": {"start": published, "end": published, "precision": 1},
                "place": place,
                "source": {"name": f"source {number % 7}", "text": f"source {number % 7}"},
                "official": number % 7 == 0,
                "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
            }
        ]
        record["stances"] = [
            {
                "actor": {"name": f"actor {number % 40}"},
                "recipient": {"name": f"actor {(number * 7) % 40}"},
                "polarity": "support" if number % 3 else "oppose",
                "type": "SUPPORT",
                "date": {"start": published, "end": published, "precision": 1},
                "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
            }
        ]
        records.append(record)
    return records


def synthetic(events: int, repeat: int) -> bool:
    records = _synthetic_records(events)
    started = time.perf_counter()
    merged = merge_records(records)
    corpus = Corpus(
        records=records,
        stories={r["document"]["id"]: r["document"]["id"] for r in records},
        stored_at={r["document"]["id"]: dt.datetime.now(dt.UTC) for r in records},
        events=merged,
    )
    texts = {r["document"]["id"]: r["events"][0]["evidence"]["sentence"] for r in records}
    documents = [{**r["document"], "event_count": len(r["events"])} for r in records]
    snapshot = build_snapshot(corpus, documents, texts)
    print(
        f"synthetic: {len(records)} documents, {len(snapshot.events)} corpus events; "
        f"merged and snapshot built in {time.perf_counter() - started:.1f} s"
    )
    client = TestClient(
        create_app(open_store("memory://"), data=Prepared(snapshot)), base_url="http://127.0.0.1"
    )
    event = snapshot.events[len(snapshot.events) // 2]["id"]
    return _report(
        "10k", client, [*PAGES, f"/events/{event}", "/api/v1/map"], bar=2.0, repeat=repeat
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="synthetic corpus events")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    args = parser.parse_args(argv)
    held = sample(args.repeat)
    held = synthetic(args.events, args.repeat) and held
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
