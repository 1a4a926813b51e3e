"""Cross-document merging at scale: mentions per second and peak memory on a synthetic corpus.

A synthetic crisis of `--events` real events (types, perpetrators, towns across regions,
days over a year, death tolls) is reported by documents of five mentions each, every
mention a noisy retelling of one real event: a coarser place (region or country), a day
off or no date at all, a different figure. The merger must finish in minutes, not hours,
for 100,000 mentions, with memory that grows with the corpus events, not with the square of
the mentions. Prints mentions/s, peak traced memory, and how well the merge recovered the
real events (pairwise precision and recall of "same event").

    python benchmarks/corpus_merge.py [--mentions 100000] [--events 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from typing import Any

from quipu.corpus.merge import EventMerger

Record = dict[str, Any]
MENTIONS_PER_DOCUMENT = 5
TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "SANCTION")
SECTORS = ("COP", "MIL", "PRO", "GOV", "REB")
START = dt.date(2022, 12, 1)


def _real_events(count: int, rng: random.Random) -> list[Record]:
    regions = [(f"Region {r}", -5.0 - r * 0.4, -80.0 + r * 0.3) for r in range(25)]
    events = []
    for number in range(count):
        region, lat, lon = rng.choice(regions)
        town = rng.randrange(40)
        sector = rng.choice(SECTORS)
        events.append(
            {
                "type": rng.choice(TYPES),
                "actor": {
                    "name": f"{sector.lower()} unit {number % 50}",
                    "country": "PER",
                    "sector": sector,
                },
                "region": region,
                "place": {
                    "name": f"Town {region} {town}",
                    "country": "PER",
                    "admin1": region,
                    "lat": lat + town * 0.05,
                    "lon": lon + town * 0.05,
                    "precision": 1,
                },
                "day": START + dt.timedelta(days=rng.randrange(365)),
                "killed": rng.choice((0, 0, 0, 1, 2, 5, 17)),
            }
        )
    return events


def _retold(real: Record, number: int, rng: random.Random) -> Record:
    place = dict(real["place"])
    roll = rng.random()
    if roll < 0.2:
        place.update(name=real["region"], lat=None, lon=None, precision=4)
    elif roll < 0.3:
        place.update(name="Peru", admin1=None, lat=None, lon=None, precision=6)
    day: dt.date | None = real["day"]
    if rng.random() < 0.1:
        day = None
    date = {"start": day.isoformat(), "end": day.isoformat(), "precision": 1} if day else None
    killed = real["killed"] + (1 if rng.random() < 0.1 else 0)
    figure = {"best": killed, "low": killed, "high": killed} if killed else None
    sentence = f"Event {number} as one outlet told it."
    return {
        "id": "",
        "type": real["type"],
        "actor": {**real["actor"], "text": real["actor"]["name"], "members": []}
        if rng.random() < 0.8
        else None,
        "recipient": None,
        "place": place,
        "date": date,
        "fatalities": figure,
        "aux": None,
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
    }


def synthetic_documents(
    mentions: int, events: int, *, seed: int
) -> tuple[Iterator[Record], dict[tuple[str, str], int]]:
    """Yield document records and fill a map (document, event id) → real event number."""
    rng = random.Random(seed)
    real = _real_events(events, rng)
    truth: dict[tuple[str, str], int] = {}

    def documents() -> Iterator[Record]:
        for first in range(0, mentions, MENTIONS_PER_DOCUMENT):
            name = f"d{first // MENTIONS_PER_DOCUMENT}"
            chosen = rng.sample(range(len(real)), MENTIONS_PER_DOCUMENT)
            told = []
            for offset, which in enumerate(chosen):
                event = _retold(real[which], first + offset, rng)
                event["id"] = f"{name}-e{offset + 1}"
                truth[name, event["id"]] = which
                told.append(event)
            published = max(real[w]["day"] for w in chosen) + dt.timedelta(days=1)
            yield {
                "document": {"id": name, "published": published.isoformat(), "outlet": name},
                "events": told,
            }

    return documents(), truth


def _pairs(groups: list[list[tuple[str, str]]]) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset((a, b)) for group in groups for i, a in enumerate(group) for b in group[i + 1 :]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    documents, truth = synthetic_documents(args.mentions, args.events, seed=args.seed)
    merger = EventMerger()
    tracemalloc.start()
    started = time.perf_counter()
    for record in documents:
        merger.add(record)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = [[(m.document_id, m.event_id) for m in event.mentions] for event in merger.events]
    expected: dict[int, list[tuple[str, str]]] = {}
    for key, which in truth.items():
        expected.setdefault(which, []).append(key)
    got, want = _pairs(found), _pairs(list(expected.values()))
    right = len(got & want)
    sizes = Counter(len(group) for group in found)
    print(
        f"merge: {args.mentions:,} mentions of {args.events:,} events in {seconds:.1f} s "
        f"({args.mentions / seconds:,.0f} mentions/s), peak traced memory "
        f"{peak / 2**20:.0f} MB; {len(merger.events):,} corpus events "
        f"(largest {max(sizes)} mentions); pairwise precision "
        f"{right / max(1, len(got)):.3f}, recall {right / max(1, len(want)):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
