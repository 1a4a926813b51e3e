"""The corpus index kept in a store (quipu.corpus.stored): merged as documents come, read
in place, the same however the documents are batched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from corpus_scale import Archive

from quipu.corpus import stored
from quipu.corpus.merge import merge_records
from quipu.corpus.stored import update_corpus
from quipu.corpus.syndication import group_stories
from quipu.corpus.view import read_corpus
from quipu.records import Extraction
from quipu.store import MemoryStore, SqlStore, Store, migrations
from quipu.store.corpus import CorpusTables
from quipu.store.rows import flatten
from quipu.store.schema import (
    RECORD_TABLES,
    corpus_mentions_table,
    documents_table,
    stories_table,
)

from records import WIRE, police_report


@pytest.fixture(params=["memory", "sqlite"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store = (
        MemoryStore() if request.param == "memory" else SqlStore(f"sqlite:///{tmp_path}/q.db")
    )
    with opened:
        yield opened


def _shown(events: list[Any]) -> list[dict[str, Any]]:
    return [event.to_dict() for event in events]


def test_stored_merging_at_once_one_by_one_or_in_batches_is_one_corpus(
    new_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = list(Archive(240, seed=3).reports(0, 240))
    records = [extraction.to_dict() for extraction in reports]
    stories = group_stories((e.document.id, e.document.text) for e in reports)
    at_once = merge_records(records, stories=stories)
    assert any(len(event.mentions) > 2 for event in at_once)
    assert len(set(stories.values())) < len(stories)  # reprints make stories

    # one by one, then in batches of seven, into one store
    monkeypatch.setattr(stored, "BATCH", 7)
    for extraction in reports[:50]:
        new_store.add(extraction, pipeline_version="0.1.0")
        update_corpus(new_store)
    for extraction in reports[50:]:
        new_store.add(extraction, pipeline_version="0.1.0")
    assert update_corpus(new_store).documents == 190
    corpus = read_corpus(new_store, remember=False)

    assert corpus.stories == stories
    assert _shown(corpus.events) == _shown(at_once)
    # reading again changes nothing, and neither does an update with nothing pending
    assert update_corpus(new_store).documents == 0
    assert _shown(read_corpus(new_store).events) == _shown(at_once)


def test_stored_a_reader_merges_pending_documents_for_itself_and_writes_nothing(
    new_store: Store,
) -> None:
    reports = list(Archive(60, seed=5).reports(0, 60))
    for extraction in reports[:30]:
        new_store.add(extraction, pipeline_version="0.1.0")
    update_corpus(new_store)
    for extraction in reports[30:]:
        new_store.add(extraction, pipeline_version="0.1.0")
    before = new_store.corpus_memory()
    version = new_store.version()

    read = read_corpus(new_store, remember=False)

    assert new_store.corpus_memory() == before and new_store.version() == version
    assert len(read.stories) == 60
    merged = read_corpus(new_store)
    assert new_store.corpus_memory() != before
    assert _shown(read.events) == _shown(merged.events)
    assert read.stories == merged.stories


def test_stored_adding_a_report_reads_only_what_it_may_join(
    new_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(300, seed=7)
    for extraction in archive.reports(0, 300):
        new_store.add(extraction, pipeline_version="0.1.0")
    update_corpus(new_store)
    total = len(read_corpus(new_store, remember=False).events)
    (added,) = archive.reports(300, 1)
    new_store.add(added, pipeline_version="0.1.0")
    loaded: list[str] = []
    opened = new_store.corpus_tables

    @contextmanager
    def counting(*, write: bool = False) -> Iterator[CorpusTables]:
        with opened(write=write) as tables:
            events = tables.events

            def counted(ids: Any) -> Any:
                found = events(ids)
                loaded.extend(found)
                return found

            monkeypatch.setattr(tables, "events", counted)
            for whole in ("all_mentions", "all_stories"):
                monkeypatch.setattr(tables, whole, _forbidden)
            yield tables

    monkeypatch.setattr(new_store, "corpus_tables", counting)
    for whole in ("extractions", "documents", "events", "counts", "stances"):
        monkeypatch.setattr(new_store, whole, _forbidden)

    assert update_corpus(new_store).documents == 1

    # the corpus events of the report's blocks and story, a small part of the corpus
    assert 0 < len(set(loaded)) < total / 10


def _forbidden(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("read the whole corpus")


def test_stored_a_store_of_schema_4_keeps_its_stories_and_corpus_event_ids(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/v4.db"
    wire = police_report(WIRE, outlet="wire")
    reprint = police_report(WIRE + " (Reporting by A. B.)", outlet="reprint")
    other = police_report(
        "Seventeen people died in Juliaca when police opened fire on Monday, officials said.",
        outlet="local",
        day=11,
    )
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        migrations.migrate(connection, url=url, migrations=migrations.discover()[:4])
        for extraction in (wire, reprint, other):
            rows = flatten(
                extraction, pipeline_version="0.1.0", ingested_at=dt.datetime.now(dt.UTC)
            )
            connection.execute(sa.insert(documents_table), [rows.document])
            for table in RECORD_TABLES:
                if getattr(rows, table.name):
                    connection.execute(sa.insert(table), getattr(rows, table.name))
        # what version 4 kept: the wire and its reprint, one story, one corpus event "c7"
        for extraction in (wire, reprint):
            connection.execute(
                sa.insert(stories_table),
                [{"document_id": extraction.document.id, "story_id": "s-wire", "words": 40}],
            )
            connection.execute(
                sa.insert(corpus_mentions_table).values(
                    document_id=extraction.document.id,
                    event_id=extraction.events[0].id,
                    corpus_event="c7",
                )
            )
    engine.dispose()

    with SqlStore(url) as store:
        corpus = read_corpus(store)
        assert [(e.id, len(e.mentions), e.sources) for e in corpus.events] == [("c7", 3, 2)]
        assert corpus.stories[wire.document.id] == corpus.stories[reprint.document.id]
        assert corpus.stories[reprint.document.id] == "s-wire"
        assert [e.id for e in read_corpus(store).events] == ["c7"]


def test_stored_an_event_a_new_extraction_empties_goes_and_one_it_shrinks_is_worked_out(
    new_store: Store,
) -> None:
    wire = police_report(WIRE, outlet="wire")
    other = police_report(
        "Seventeen people died in Juliaca when police opened fire on Monday, officials said.",
        outlet="local",
        day=11,
    )
    for extraction in (wire, other):
        new_store.add(extraction, pipeline_version="0.1.0")
    (clash,) = read_corpus(new_store).events
    assert len(clash.mentions) == 2

    # the wire extracted again finds nothing: its mention leaves the clash, which the other
    # report alone tells now
    new_store.replace(Extraction(document=wire.document, events=[]), pipeline_version="0.2.0")
    update_corpus(new_store)
    (alone,) = read_corpus(new_store).events
    assert (alone.id, [m.document_id for m in alone.mentions]) == (
        clash.id,
        [other.document.id],
    )
    with new_store.corpus_tables() as tables:
        assert tables.stale() == []
        assert tables.events([clash.id])[clash.id].profile["count"] == 1
    # ... and, extracted again with nothing, the other one: the clash is gone
    new_store.replace(Extraction(document=other.document, events=[]), pipeline_version="0.2.0")
    update_corpus(new_store)
    with new_store.corpus_tables() as tables:
        assert tables.events([clash.id]) == {} and tables.stale() == []
    assert read_corpus(new_store).events == []
