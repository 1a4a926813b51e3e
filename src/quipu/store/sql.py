"""The SQL store: SQLite by default, PostgreSQL by URL, one schema through SQLAlchemy Core.

Opening a store brings the database to the current schema (see `migrations/`). Each
document is written in one transaction; reads return the records' stored JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from quipu.errors import Errors, StoreError
from quipu.records import Extraction
from quipu.store import migrations
from quipu.store.base import (
    CorpusMemory,
    EventQuery,
    MentionKey,
    MergeOverride,
    Store,
    StoredStory,
    error_reason,
    stored_rows,
)
from quipu.store.corpus import CorpusTables
from quipu.store.rows import (
    DocumentRows,
    as_utc,
    certainty_key,
    decode_record,
    document_metadata,
    text_key,
    type_key,
    utc_isoformat,
)
from quipu.store.schema import (
    DOCUMENT_COLUMNS,
    RECORD_TABLES,
    corpus_mentions_table,
    corpus_pending_table,
    corpus_stale_table,
    corpus_state_table,
    counts_table,
    documents_table,
    events_table,
    feed_entries_table,
    merge_overrides_table,
    places_table,
    stances_table,
    stories_table,
)
from quipu.store.sql_corpus import SqlCorpusTables

# `scheme://user:password@` in a URL SQLAlchemy could not parse.
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")

# Documents read per round trip by `extractions()`: bounded memory, few queries.
_PAGE = 500
# The largest integer SQLite and PostgreSQL take (a signed 64-bit one).
_MAX_SQL_INTEGER = 2**63 - 1


class SqlStore(Store):
    """A store in a SQLite file or a PostgreSQL database.

    Args:
        url: `sqlite:///PATH` (relative) or `sqlite:////PATH` (absolute), `sqlite://` for
            a private in-memory database, or `postgresql://USER@HOST/DB` (run with psycopg 3;
            `postgresql+psycopg://` is accepted as is).

    Raises:
        StoreError: E201 if the URL is not a supported database or the database cannot be
            opened, E203 if its schema is newer than this Quipu, E207 if an upgrade fails.
    """

    def __init__(self, url: str) -> None:
        parsed = _parse_url(url)
        self.url = parsed.render_as_string(hide_password=True)
        engine = None
        try:
            engine = _create_engine(parsed)
            with engine.begin() as connection:
                migrations.migrate(connection, url=self.url, migrations=migrations.discover())
        except (sa.exc.SQLAlchemyError, ImportError) as error:
            if engine is not None:
                engine.dispose()
            raise StoreError(
                Errors.E201.format(url=self.url, reason=error_reason(error))
            ) from error
        except StoreError:
            if engine is not None:
                engine.dispose()
            raise
        self._engine = engine

    def add(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Store a document and its records in one transaction; see `Store.add`."""
        rows = stored_rows(extraction, pipeline_version=pipeline_version)
        with self._writing(extraction.document.id) as connection:
            # Insert-or-ignore rather than look-then-insert: of two writers adding the
            # same document at once, exactly one stores it and the other gets False.
            inserted = connection.execute(self._insert_new_document(rows.document))
            if inserted.first() is None:
                return False
            self._insert_records(connection, rows)
            # its events are merged the next time the corpus index is brought up to date
            connection.execute(
                sa.insert(corpus_pending_table).values(document_id=extraction.document.id)
            )
        return True

    def replace(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Replace a document's records in one transaction; see `Store.replace`."""
        document_id = extraction.document.id
        rows = stored_rows(extraction, pipeline_version=pipeline_version)
        with self._writing(document_id) as connection:
            updated = connection.execute(
                documents_table.update()
                .where(documents_table.c.id == document_id)
                .values(**rows.document)
            )
            if updated.rowcount == 0:
                return False
            # its events are new: they are merged again the next time the corpus index is
            # brought up to date, and the corpus events its old ones were in are worked out
            # again without them
            mentions = corpus_mentions_table.c
            self._mark_stale(
                connection,
                connection.execute(
                    sa.select(mentions.corpus_event).where(mentions.document_id == document_id)
                ).scalars(),
            )
            for table in (*RECORD_TABLES, corpus_mentions_table):
                connection.execute(table.delete().where(table.c.document_id == document_id))
            self._insert_records(connection, rows)
            dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
            connection.execute(
                dialect.insert(corpus_pending_table)
                .values(document_id=document_id)
                .on_conflict_do_nothing()
            )
        return True

    def _mark_stale(self, connection: sa.Connection, corpus_events: Iterable[str]) -> None:
        """Mark corpus events to be worked out again (`store/corpus.py`)."""
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        events = list(corpus_events)
        if events:
            connection.execute(
                dialect.insert(corpus_stale_table).on_conflict_do_nothing(),
                [{"corpus_event": event} for event in dict.fromkeys(events)],
            )

    @contextmanager
    def _writing(self, document_id: str) -> Iterator[sa.Connection]:
        """One transaction writing a document: all of it or nothing, a failure as E202."""
        try:
            with self._engine.begin() as connection:
                yield connection
        except (sa.exc.SQLAlchemyError, ValueError, TypeError) as error:
            raise StoreError(
                Errors.E202.format(document_id=document_id, reason=error_reason(error))
            ) from error

    def _insert_records(self, connection: sa.Connection, rows: DocumentRows) -> None:
        self._insert(connection, events_table, rows.events)
        self._insert(connection, counts_table, rows.counts)
        self._insert(connection, stances_table, rows.stances)
        self._insert(connection, places_table, rows.places)

    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""
        statement = sa.select(documents_table.c.seq).where(documents_table.c.id == document_id)
        with self._reading() as connection:
            return connection.execute(statement).first() is not None

    def documents(self) -> list[dict[str, Any]]:
        """Return every stored document's metadata, in ingest order; see `Store.documents`."""
        event_count = (
            sa.select(sa.func.count())
            .where(events_table.c.document_id == documents_table.c.id)
            .scalar_subquery()
        )
        statement = sa.select(
            *DOCUMENT_COLUMNS,
            documents_table.c.ingested_at,
            event_count.label("event_count"),
        ).order_by(documents_table.c.seq)
        with self._reading() as connection:
            rows = connection.execute(statement).mappings().all()
        return [
            {
                **document_metadata(row),
                "ingested_at": utc_isoformat(row["ingested_at"]),
                "pipeline_version": row["pipeline_version"],
                "event_count": row["event_count"],
            }
            for row in rows
        ]

    def document_text(self, document_id: str) -> str | None:
        """Return the cleaned text of a document, or None if it is not stored."""
        statement = sa.select(documents_table.c.text).where(documents_table.c.id == document_id)
        with self._reading() as connection:
            text: str | None = connection.execute(statement).scalar_one_or_none()
        return text

    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Return the events matching `query`; see `Store.events`."""
        query = query or EventQuery()
        events = events_table.c
        statement = (
            sa.select(events.document_id, events.record)
            .join(documents_table, documents_table.c.id == events.document_id)
            .where(*_event_filters(query))
            .order_by(
                # Undated events last, the same on SQLite and PostgreSQL.
                events.date_start.is_(None),
                events.date_start,
                events.date_end,
                documents_table.c.seq,
                events.ordinal,
            )
        )
        if query.limit is not None:
            # past SQL's largest integer a limit is no limit; the driver would refuse it
            statement = statement.limit(min(query.limit, _MAX_SQL_INTEGER))
        with self._reading() as connection:
            rows = connection.execute(statement).all()
        return [{**decode_record(record), "document": document} for document, record in rows]

    def counts(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the counts with their `document` id; see `Store.counts`."""
        return self._records(counts_table, document_id)

    def stances(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the stances with their `document` id; see `Store.stances`."""
        return self._records(stances_table, document_id)

    def extractions(self, *, since: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
        """Yield stored documents as record format v1 dicts; see `Store.extractions`.

        Documents are read a page at a time, each page on its own short connection, so a
        slow consumer holds no transaction open.
        """
        filters = []
        if since is not None:
            # In UTC: SQLite keeps timestamps as zoneless UTC text and compares them as text.
            filters.append(documents_table.c.ingested_at >= as_utc(since))
        after = 0
        while True:
            statement = (
                sa.select(*DOCUMENT_COLUMNS)
                .where(documents_table.c.seq > after, *filters)
                .order_by(documents_table.c.seq)
                .limit(_PAGE)
            )
            with self._reading() as connection:
                documents = connection.execute(statement).mappings().all()
                ids = [row["id"] for row in documents]
                records = {
                    table.name: _records_by_document(connection, table, ids)
                    for table in RECORD_TABLES
                }
            if not documents:
                return
            for row in documents:
                yield {
                    "document": document_metadata(row),
                    **{name: found.get(row["id"], []) for name, found in records.items()},
                }
            after = documents[-1]["seq"]

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def corpus_memory(self) -> CorpusMemory:
        """Return the stories and merge assignments kept so far; see `Store.corpus_memory`."""
        with self._reading() as connection:
            stories = {
                row.document_id: StoredStory(row.story_id, row.words, row.minhash)
                for row in connection.execute(sa.select(stories_table))
            }
            mentions = {
                (row.document_id, row.event_id): row.corpus_event
                for row in connection.execute(sa.select(corpus_mentions_table))
            }
        return CorpusMemory(stories, mentions)

    @contextmanager
    def corpus_tables(self, *, write: bool = False) -> Iterator[CorpusTables]:
        """Open the corpus index in one transaction; see `Store.corpus_tables`."""
        if not write:
            with self._reading() as connection:
                yield SqlCorpusTables(connection, writable=False)
            return
        with self._writing("(corpus)") as connection:
            self._lock_index(connection)
            yield SqlCorpusTables(connection, writable=True)

    def version(self) -> tuple[Any, ...]:
        """What changes when readers may see something new; see `Store.version`."""
        statement = sa.select(
            sa.select(sa.func.max(documents_table.c.seq)).scalar_subquery(),
            sa.select(sa.func.max(documents_table.c.ingested_at)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(merge_overrides_table).scalar_subquery(),
            sa.select(corpus_state_table.c.generation).scalar_subquery(),
        )
        with self._reading() as connection:
            row = connection.execute(statement).one()
        return tuple(row)

    def seen_entries(self, keys: Iterable[str]) -> set[str]:
        """Return which of these feed entry keys are kept; see `Store.seen_entries`."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self._reading() as connection:
            # in pages: SQLite allows a bounded number of parameters per statement
            for start in range(0, len(wanted), _PAGE):
                page = wanted[start : start + _PAGE]
                statement = sa.select(feed_entries_table.c.entry_key).where(
                    feed_entries_table.c.entry_key.in_(page)
                )
                found.update(connection.execute(statement).scalars())
        return found

    def remember_entries(self, keys: Iterable[str], *, feed: str) -> None:
        """Keep feed entry keys as read; see `Store.remember_entries`."""
        now = dt.datetime.now(dt.UTC)
        rows = [{"entry_key": key, "feed": feed, "seen_at": now} for key in dict.fromkeys(keys)]
        if not rows:
            return
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        with self._writing("(feed entries)") as connection:
            connection.execute(dialect.insert(feed_entries_table).on_conflict_do_nothing(), rows)

    def merge_overrides(self) -> list[MergeOverride]:
        """Return the user's corrections of the merge; see `Store.merge_overrides`."""
        statement = sa.select(merge_overrides_table).order_by(merge_overrides_table.c.seq)
        with self._reading() as connection:
            rows = connection.execute(statement).all()
        return [
            MergeOverride(
                kind=row.kind,
                corpus_event=row.corpus_event,
                subject=row.subject,
                mentions=tuple((str(d), str(e)) for d, e in json.loads(row.mentions)),
                made_at=as_utc(row.made_at),
            )
            for row in rows
        ]

    def add_merge_override(
        self, override: MergeOverride, *, reassign: Mapping[MentionKey, str | None]
    ) -> dict[MentionKey, str]:
        """Keep a correction and move mentions in one transaction; see
        `Store.add_merge_override`."""
        row = {
            "kind": override.kind,
            "corpus_event": override.corpus_event,
            "subject": override.subject,
            "mentions": json.dumps([list(key) for key in override.mentions]),
            "made_at": dt.datetime.now(dt.UTC),
        }
        mentions = corpus_mentions_table.c
        assigned: dict[MentionKey, str] = {}
        with self._writing("(merge override)") as connection:
            # under the index's lock: a new corpus event's number is no one else's
            self._lock_index(connection)
            number = SqlCorpusTables(connection, writable=False).last_number()
            connection.execute(sa.insert(merge_overrides_table), [row])
            for (document_id, event_id), wanted in reassign.items():
                if wanted is None:
                    number += 1
                corpus_event = wanted or f"c{number}"
                assigned[(document_id, event_id)] = corpus_event
                where = (mentions.document_id == document_id, mentions.event_id == event_id)
                # both events are worked out again: one lost the mention, one gained it
                was = connection.execute(sa.select(mentions.corpus_event).where(*where)).scalars()
                self._mark_stale(connection, [*was, corpus_event])
                # how it came in is the user's doing now (`kept`: see corpus.corrections)
                connection.execute(
                    corpus_mentions_table.update()
                    .where(*where)
                    .values(corpus_event=corpus_event, link=None)
                )
        return assigned

    def _lock_index(self, connection: sa.Connection) -> None:
        """Lock the corpus index until the transaction ends: a second writer waits here
        until this one commits, then reads what it wrote (on SQLite this takes the
        database's write lock first)."""
        state = corpus_state_table.c
        connection.execute(
            corpus_state_table.update().where(state.id == 1).values(generation=state.generation + 1)
        )

    def _insert_new_document(self, row: dict[str, Any]) -> sa.Insert:
        """Return an INSERT of a document row that does nothing if its id is stored.

        It returns the new row's `seq`, so no row back means the document was there; the
        cursor's rowcount cannot tell, as PostgreSQL reports -1 for it with RETURNING.
        """
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(documents_table).values(row).on_conflict_do_nothing()
        return statement.returning(documents_table.c.seq)

    def _insert(
        self, connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
    ) -> None:
        """Insert the rows of one record table (an executemany), if there are any."""
        if rows:
            connection.execute(sa.insert(table), rows)

    def _records(self, table: sa.Table, document_id: str | None) -> list[dict[str, Any]]:
        """Return the records of a table with their `document` id, in ingest order."""
        statement = (
            sa.select(table.c.document_id, table.c.record)
            .join(documents_table, documents_table.c.id == table.c.document_id)
            .order_by(documents_table.c.seq, table.c.ordinal)
        )
        if document_id is not None:
            statement = statement.where(table.c.document_id == document_id)
        with self._reading() as connection:
            rows = connection.execute(statement).all()
        return [{**decode_record(record), "document": document} for document, record in rows]

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """Give a connection for reads, turning database failures into StoreError E204."""
        try:
            with self._engine.connect() as connection:
                yield connection
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(
                Errors.E204.format(url=self.url, reason=error_reason(error))
            ) from error


def _event_filters(query: EventQuery) -> list[sa.ColumnElement[bool]]:
    """Return the WHERE conditions of an event query (as `memory._matches` decides)."""
    events = events_table.c
    filters = []
    if query.type is not None:
        filters.append(events.type == type_key(query.type))
    if query.certainty is not None:
        filters.append(events.certainty == certainty_key(query.certainty))
    if query.document_id is not None:
        filters.append(events.document_id == query.document_id)
    if query.actor is not None:
        needle = text_key(query.actor)
        columns = (
            events.actor_name,
            events.actor_text,
            events.recipient_name,
            events.recipient_text,
        )
        # autoescape: a % or _ typed by the user is a literal character, not a wildcard.
        filters.append(sa.or_(*(column.contains(needle, autoescape=True) for column in columns)))
    if query.since is not None:
        filters.append(events.date_end >= query.since)
    if query.until is not None:
        filters.append(events.date_start <= query.until)
    return filters


def _records_by_document(
    connection: sa.Connection, table: sa.Table, document_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Return the records of a table for some documents, grouped by document id in order."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    if not document_ids:
        return grouped
    statement = (
        sa.select(table.c.document_id, table.c.record)
        .where(table.c.document_id.in_(document_ids))
        .order_by(table.c.document_id, table.c.ordinal)
    )
    for document_id, record in connection.execute(statement):
        grouped.setdefault(document_id, []).append(decode_record(record))
    return grouped


def _parse_url(url: str) -> sa.URL:
    """Return a URL SQLAlchemy can open with the drivers Quipu installs.

    Raises:
        StoreError: E201 if the URL cannot be parsed or names another database.
    """
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as error:
        # Unparsed, the password cannot be hidden by SQLAlchemy; hide what looks like one.
        shown = _PASSWORD.sub(r"\1***@", url)
        reason = "not a database URL (use sqlite:///PATH or postgresql://USER@HOST/DB)"
        raise StoreError(Errors.E201.format(url=shown, reason=reason)) from error
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the driver Quipu installs; plain `postgresql://` would mean psycopg2.
        driver = parsed.get_driver_name() if "+" in parsed.drivername else "psycopg"
        parsed = parsed.set(drivername=f"postgresql+{driver}")
    elif backend != "sqlite":
        shown = parsed.render_as_string(hide_password=True)
        reason = f"unsupported database '{backend}' (use sqlite:///PATH or postgresql://...)"
        raise StoreError(Errors.E201.format(url=shown, reason=reason))
    return parsed


def _create_engine(url: sa.URL) -> sa.Engine:
    """Return an engine for `url`, with SQLite set up for real transactions."""
    if url.get_backend_name() == "postgresql":
        # Without a timeout an unreachable host blocks the open for minutes.
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 10}
        return sa.create_engine(url, connect_args=connect_args)
    if url.database in (None, "", ":memory:"):
        # An in-memory database lives in one connection; share it across threads, or each
        # thread would see its own empty, unmigrated database.
        engine = sa.create_engine(
            url, poolclass=sa.StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _configure_sqlite_connection)
    sa.event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    """Make SQLite enforce foreign keys and leave transactions to SQLAlchemy.

    Python's sqlite3 opens transactions only before INSERT/UPDATE/DELETE, so DDL in a
    migration would commit piece by piece; with its own handling off, `_begin_sqlite_transaction`
    starts every transaction explicitly (SQLAlchemy's documented recipe).
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: sa.Connection) -> None:
    """Start a transaction when SQLAlchemy begins one (see `_configure_sqlite_connection`)."""
    connection.exec_driver_sql("BEGIN")
