"""The corpus read from a store (quipu.corpus.view): stories and merges kept between runs."""

from __future__ import annotations

import datetime as dt

from quipu.corpus.view import merged_records, read_corpus
from quipu.records import Actor, DateSpan, Document, Event, Evidence, Extraction, Place
from quipu.store import MemoryStore

JULIACA = Place("Juliaca", "PER", "Puno", None, -15.5, -70.13, 1)
WIRE = (
    "JULIACA – Police fired on protesters near the airport in Juliaca on Monday, killing "
    "seventeen people, the ombudsman's office said. Relatives gathered at the hospital as "
    "the regional government declared three days of mourning and called for calm."
)


def report(text: str, *, outlet: str, day: int = 10) -> Extraction:
    document = Document(
        text=text, source=f"{outlet}.txt", outlet=outlet, published=dt.date(2023, 1, day)
    )
    sentence = text.split(". ")[0]
    event = Event(
        id=f"{document.id}-e1",
        type="ASSAULT",
        evidence=Evidence(sentence, 0, len(sentence)),
        actor=Actor(text="Police", name="police", sector="COP"),
        recipient=Actor(text="protesters", name="protesters", sector="PRO"),
        place=JULIACA,
        date=DateSpan(dt.date(2023, 1, 9), dt.date(2023, 1, 9), 1),
    )
    return Extraction(document=document, events=[event])


def test_view_reading_again_changes_nothing_and_new_reports_join_kept_events() -> None:
    store = MemoryStore()
    store.add(report(WIRE, outlet="wire"), pipeline_version="0.1.0")
    store.add(report(WIRE + " (Reporting by A. B.)", outlet="reprint"), pipeline_version="0.1.0")
    first = read_corpus(store)
    assert [(e.id, len(e.mentions), e.sources) for e in first.events] == [("c1", 2, 1)]
    kept = store.corpus_memory()
    assert len(kept.stories) == 2 and set(kept.mentions.values()) == {"c1"}

    again = read_corpus(store)
    assert store.corpus_memory() == kept
    assert [(e.id, len(e.mentions)) for e in again.events] == [("c1", 2)]

    other = "Seventeen people died in Juliaca when police opened fire on Monday, officials said."
    store.add(report(other, outlet="local", day=11), pipeline_version="0.1.0")
    later = read_corpus(store)
    assert [(e.id, len(e.mentions), e.sources) for e in later.events] == [("c1", 3, 2)]
    assert len(store.corpus_memory().mentions) == 3
    assert [r["events"][0]["sources"] for r in merged_records(later)] == [2]
