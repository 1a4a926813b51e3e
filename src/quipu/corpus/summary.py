"""A store's corpus in brief: what `quipu demo` prints after ingesting the sample.

`summarize(store)` counts the documents and events, finds the span of the news (a past the
reports recall, `historical` or ended over a year before the first report, is counted apart),
the events by type, the stories and corpus events (and how many more than one report told),
the death-toll series and the alignment edges. It reads only (`read_corpus` with
`remember=False`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from quipu.corpus.alignments import Edge, alignment_edges
from quipu.corpus.tallies import Series, tally_series
from quipu.corpus.view import read_corpus
from quipu.store.base import EventQuery, Store


@dataclass(frozen=True, slots=True)
class Summary:
    """A corpus in brief.

    Args:
        documents, events: how many are stored.
        news: the first and last day of the events the reports tell as news, if any.
        recalled: events the reports recall from an earlier past.
        by_type: events of each PLOVER type, most first.
        stories: independent stories (syndicated copies are one).
        corpus_events: real events, each reports' mentions merged; `told_twice` of them
            by more than one report.
        tolls: the death-toll series (`quipu tally --kind killed`).
        edges: the alignment network, most sourced first (`quipu stances`).
    """

    documents: int
    events: int
    news: tuple[str, str] | None
    recalled: int
    by_type: list[tuple[str, int]]
    stories: int
    corpus_events: int
    told_twice: int
    tolls: list[Series]
    edges: list[Edge]


def summarize(store: Store) -> Summary:
    """Sum up what a store holds (see the module docstring)."""
    documents = store.documents()
    events = store.events(EventQuery())
    first = min((str(d["published"])[:10] for d in documents if d.get("published")), default="")
    cutoff = str(dt.date.fromisoformat(first) - dt.timedelta(days=365)) if first else ""
    news, recalled = [], 0
    for event in events:
        if not event.get("date"):
            continue
        if event.get("aux") == "historical" or str(event["date"]["end"]) < cutoff:
            recalled += 1
        else:
            news.append(str(event["date"]["start"]))
    days = sorted(news)
    corpus = read_corpus(store, remember=False)
    return Summary(
        documents=len(documents),
        events=len(events),
        news=(days[0], days[-1]) if days else None,
        recalled=recalled,
        by_type=Counter(event["type"] for event in events).most_common(),
        stories=len(set(corpus.stories.values())),
        corpus_events=len(corpus.events),
        told_twice=sum(1 for event in corpus.events if len(event.mentions) > 1),
        tolls=tally_series(corpus.records, kind="killed", stories=corpus.stories),
        edges=alignment_edges(corpus.records, stories=corpus.stories),
    )
