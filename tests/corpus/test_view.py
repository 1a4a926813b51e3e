"""The corpus read from a store (quipu.corpus.view): stories and merges kept between runs."""

from __future__ import annotations

from quipu.corpus.view import merged_records, read_corpus
from quipu.store import MemoryStore

from records import WIRE, police_report


def test_view_reading_again_changes_nothing_and_new_reports_join_kept_events() -> None:
    store = MemoryStore()
    store.add(police_report(WIRE, outlet="wire"), pipeline_version="0.1.0")
    store.add(
        police_report(WIRE + " (Reporting by A. B.)", outlet="reprint"), pipeline_version="0.1.0"
    )
    first = read_corpus(store)
    assert [(e.id, len(e.mentions), e.sources) for e in first.events] == [("c1", 2, 1)]
    kept = store.corpus_memory()
    assert len(kept.stories) == 2 and set(kept.mentions.values()) == {"c1"}

    again = read_corpus(store)
    assert store.corpus_memory() == kept
    assert [(e.id, len(e.mentions)) for e in again.events] == [("c1", 2)]

    other = "Seventeen people died in Juliaca when police opened fire on Monday, officials said."
    store.add(police_report(other, outlet="local", day=11), pipeline_version="0.1.0")
    later = read_corpus(store)
    assert [(e.id, len(e.mentions), e.sources) for e in later.events] == [("c1", 3, 2)]
    assert len(store.corpus_memory().mentions) == 3
    assert [r["events"][0]["sources"] for r in merged_records(later)] == [2]
