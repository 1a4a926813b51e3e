"""The SQL store: atomic writes, opening errors, SQLite round trips and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quipu.errors import StoreError
from quipu.records import Extraction
from quipu.store import EventQuery, SqlStore
from quipu.store.base import CorpusMemory, MergeOverride, StoredStory
from quipu.store.corpus import BlockEntry, EventRow, IndexChanges, StoredMention
from quipu.store.schema import RECORD_TABLES, documents_table, metadata, stances_table

MakeExtraction = Callable[..., Extraction]


def _row_counts(url: str) -> dict[str, int]:
    """Return the number of rows of each Quipu table, read past the store."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar_one()
                for table in (documents_table, *RECORD_TABLES)
            }
    finally:
        engine.dispose()


def test_sql_add_again_leaves_row_counts_unchanged(
    sqlite_url: str, make_extraction: MakeExtraction
) -> None:
    extraction = make_extraction()
    with SqlStore(sqlite_url) as store:
        store.add(extraction, pipeline_version="0.1.0")
        before = _row_counts(sqlite_url)

        assert store.add(extraction, pipeline_version="0.1.0") is False

    assert before == {"documents": 1, "events": 1, "counts": 1, "stances": 1, "places": 1}
    assert _row_counts(sqlite_url) == before


def test_sql_add_rolls_back_a_document_when_a_write_fails(
    as_stored, sqlite_url: str, make_extraction: MakeExtraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = make_extraction("Kept: Castillo tried to dissolve Congress.")
    lost = make_extraction("Lost: the disk filled up while writing this one.")
    insert = SqlStore._insert

    def failing_insert(
        self: SqlStore, connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
    ) -> None:
        # Events and counts of the document are already written when the stances fail.
        if table is stances_table:
            raise sa.exc.OperationalError("INSERT INTO stances", {}, OSError("disk full"))
        insert(self, connection, table, rows)

    with SqlStore(sqlite_url) as store:
        store.add(kept, pipeline_version="0.1.0")
        monkeypatch.setattr(SqlStore, "_insert", failing_insert)

        with pytest.raises(StoreError, match=r"^E202 .*disk full$") as raised:
            store.add(lost, pipeline_version="0.1.0")

        assert isinstance(raised.value.__cause__, sa.exc.OperationalError)
        assert not store.has_document(lost.document.id)
        assert store.events(EventQuery(document_id=lost.document.id)) == []
        assert store.counts(document_id=lost.document.id) == []
        assert list(store.extractions()) == [as_stored(kept)]
        monkeypatch.undo()
        # The failed document can be added again once the cause is gone.
        assert store.add(lost, pipeline_version="0.1.0") is True
    assert _row_counts(sqlite_url)["events"] == 2


def _file_as_directory(tmp_path: Path) -> str:
    (tmp_path / "a-file").write_text("not a directory")
    return f"sqlite:///{tmp_path}/a-file/quipu.db"


@pytest.mark.parametrize(
    "make_url",
    [
        lambda tmp_path: "not a url",
        lambda tmp_path: "mysql://user@localhost/quipu",
        lambda tmp_path: f"sqlite:///{tmp_path}/missing/quipu.db",
        _file_as_directory,
        lambda tmp_path: "postgresql://quipu:s3cret@127.0.0.1:1/quipu",
        lambda tmp_path: "postgresql://quipu:s3cret@127.0.0.1:port/quipu",
    ],
    ids=["garbage", "mysql", "missing-directory", "file-as-directory", "refused", "bad-port"],
)
def test_sql_open_bad_url_raises_one_line_e201(
    tmp_path: Path, make_url: Callable[[Path], str]
) -> None:
    with pytest.raises(StoreError, match=r"^E201 cannot open database ") as raised:
        SqlStore(make_url(tmp_path))

    message = str(raised.value)
    assert "\n" not in message
    assert "s3cret" not in message


def test_sql_open_rewrites_plain_postgresql_url_to_psycopg(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[sa.URL] = []

    def refuse(url: sa.URL, **kwargs: Any) -> sa.Engine:
        seen.append(url)
        raise sa.exc.ArgumentError("stop here")

    monkeypatch.setattr(sa, "create_engine", refuse)

    for url in ("postgresql://u@db/quipu", "postgres://u@db/quipu"):
        with pytest.raises(StoreError, match=r"^E201 "):
            SqlStore(url)

    assert [url.drivername for url in seen] == ["postgresql+psycopg", "postgresql+psycopg"]


def test_sql_in_memory_sqlite_is_one_database_for_all_threads(
    make_extraction: MakeExtraction,
) -> None:
    found: list[list[dict[str, Any]]] = []
    with SqlStore("sqlite://") as store:
        store.add(make_extraction(), pipeline_version="0.1.0")
        reader = threading.Thread(target=lambda: found.append(store.documents()))
        reader.start()
        reader.join()

    assert len(found[0]) == 1


def test_sql_enforces_foreign_keys_from_records_to_documents(sqlite_url: str) -> None:
    with SqlStore(sqlite_url) as store, store._engine.connect() as connection:
        row = {"document_id": "missing", "ordinal": 0, "type": "AID", "polarity": "support"}
        row |= {"certainty": "asserted", "actor_name": "a", "recipient_name": "b", "record": "{}"}

        with pytest.raises(sa.exc.IntegrityError):
            connection.execute(sa.insert(stances_table), [row])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_sql_round_trips_random_extractions(
    as_stored,
    data: st.DataObject,
    any_extraction: st.SearchStrategy[Extraction],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    extraction = data.draw(any_extraction)
    url = f"sqlite:///{tmp_path_factory.mktemp('hypothesis')}/quipu.db"

    with SqlStore(url) as store:
        assert store.add(extraction, pipeline_version="0.1.0") is True
        assert list(store.extractions()) == [as_stored(extraction)]
        assert store.document_text(extraction.document.id) == extraction.document.text


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """Yield a URL whose tables land in a new schema, dropped with its tables afterwards."""
    schema = f"quipu_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.schema.CreateSchema(schema))
    url = sa.make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.schema.DropSchema(schema, cascade=True))
        engine.dispose()


@pytest.mark.postgres
def test_sql_postgres_stores_and_queries_like_sqlite(
    as_stored, postgres_schema_url: str, make_extraction: MakeExtraction
) -> None:
    first = make_extraction("Police arrested Castillo.", event_type="COERCE", actor="Police")
    second = make_extraction("Protesters blocked roads.", day=dt.date(2022, 12, 15))

    with SqlStore(postgres_schema_url) as store:
        assert store.add(first, pipeline_version="0.1.0") is True
        assert store.add(second, pipeline_version="0.1.0") is True
        assert store.add(first, pipeline_version="0.1.0") is False

        assert list(store.extractions()) == [as_stored(first), as_stored(second)]
        assert [event["document"] for event in store.events(EventQuery(type="coerce"))] == [
            first.document.id
        ]
        assert len(store.events(EventQuery(actor="PROTEST", since=dt.date(2022, 12, 13)))) == 1
        assert [document["event_count"] for document in store.documents()] == [1, 1]
        assert store.document_text(second.document.id) == second.document.text
        story = StoredStory("s1", 3, b"\x00" * 16)
        mention = StoredMention(first.document.id, "e1", "c1", (1, 0))
        changes = IndexChanges(
            stories={first.document.id: (1, story, [-(2**63), 2**63 - 1])},
            merged=[first.document.id],
            mentions=[mention],
            events={"c1": EventRow("c1", "force", {"count": 1})},
            blocks=[BlockEntry(("force", "PER", 2740), "", "c1", (1, 0))],
        )
        with store.corpus_tables(write=True) as tables:
            tables.write(changes)
        with store.corpus_tables(write=True) as tables:
            tables.write(changes)  # written again: the same, once
        assert store.corpus_memory() == CorpusMemory(
            {first.document.id: story}, {mention.key: "c1"}
        )
        with store.corpus_tables() as tables:
            assert [m.document_id for m in tables.story_matches([2**63 - 1], before=2)] == [
                first.document.id
            ]
            assert [p.seq for p in tables.pending()] == [2]
        store.remember_entries(["urn:a", "urn:b", "urn:a"], feed="https://c.example/rss")
        store.remember_entries(["urn:a"], feed="another feed")
        # a correction of the merge is kept, and moves its mention in the same transaction
        split = MergeOverride("split", "c1", "e1", ((first.document.id, "e1"), ("x", "e2")))
        store.add_merge_override(split, reassign={(first.document.id, "e1"): "c2"})
        (kept,) = store.merge_overrides()
        assert (kept.kind, kept.corpus_event, kept.subject, kept.mentions) == (
            "split",
            "c1",
            "e1",
            split.mentions,
        )
        assert kept.made_at is not None and kept.made_at.tzinfo is not None
        assert store.corpus_memory().mentions == {(first.document.id, "e1"): "c2"}
        with store.corpus_tables() as tables:
            assert sorted(tables.stale()) == ["c1", "c2"]

    # Reopening finds the schema in place and applies nothing.
    with SqlStore(postgres_schema_url) as store:
        assert store.has_document(second.document.id)
        assert store.seen_entries(["urn:a", "urn:b", "urn:c"]) == {"urn:a", "urn:b"}
    engine = sa.create_engine(postgres_schema_url)
    try:
        tables = set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert tables == set(metadata.tables)


def test_sql_feed_entries_outlive_the_process_that_kept_them(sqlite_url: str) -> None:
    keys = [f"urn:entry:{number}" for number in range(1200)]  # more than one page of keys
    with SqlStore(sqlite_url) as store:
        store.remember_entries(keys, feed="https://c.example/rss")

    with SqlStore(sqlite_url) as store:
        assert store.seen_entries([*keys, "urn:new"]) == set(keys)
