"""An in-memory store with exactly the behaviour of the SQL store, for tests and demos.

It keeps the same rows the SQL store writes (see `rows.py`) and filters and orders them
the same way, so code tested against it behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from quipu.records import Extraction
from quipu.store.base import (
    CorpusMemory,
    EventQuery,
    MentionKey,
    MergeOverride,
    Store,
    stored_rows,
)
from quipu.store.corpus import CorpusTables
from quipu.store.memory_corpus import Documents, MemoryCorpus, MemoryCorpusTables, Placed, apply
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

_ACTOR_COLUMNS = ("actor_name", "actor_text", "recipient_name", "recipient_text")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One stored document: its ingest position and its rows."""

    seq: int
    rows: DocumentRows


class MemoryStore(Store):
    """A store that lives in a dict and is gone when the process ends."""

    url = "memory://"

    def __init__(self) -> None:
        # Dicts keep insertion order, which is the ingest order.
        self._entries: dict[str, _Entry] = {}
        self._ids: list[str] = []  # by seq - 1
        self._corpus = MemoryCorpus()
        self._entries_seen: dict[str, str] = {}  # feed entry key -> its feed
        self._overrides: list[MergeOverride] = []

    def add(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Store a document and its records; see `Store.add`."""
        document_id = extraction.document.id
        rows = stored_rows(extraction, pipeline_version=pipeline_version)
        if document_id in self._entries:
            return False
        # One assignment: a document is visible with all its records or not at all.
        self._entries[document_id] = _Entry(seq=len(self._entries) + 1, rows=rows)
        self._ids.append(document_id)
        self._corpus.pending[document_id] = None
        return True

    def replace(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Replace a document's records; see `Store.replace`."""
        document_id = extraction.document.id
        if document_id not in self._entries:
            return False
        rows = stored_rows(extraction, pipeline_version=pipeline_version)
        self._entries[document_id] = _Entry(seq=self._entries[document_id].seq, rows=rows)
        # its events are new: they are merged again, and the corpus events its old ones were
        # in are worked out again without them (as `SqlStore.replace`)
        corpus = self._corpus
        for key in corpus.of_document(document_id):
            corpus.mark_stale([corpus.mentions[key].corpus_event])
            corpus.drop(key)
        corpus.pending.setdefault(document_id, None)
        return True

    def corpus_memory(self) -> CorpusMemory:
        """Return the stories and merge assignments kept so far; see `Store.corpus_memory`."""
        return CorpusMemory(
            dict(self._corpus.stories),
            {key: placed.corpus_event for key, placed in self._corpus.mentions.items()},
        )

    @contextmanager
    def corpus_tables(self, *, write: bool = False) -> Iterator[CorpusTables]:
        """Open the corpus index; see `Store.corpus_tables`. What is written is applied when
        the block ends without an error."""
        documents = Documents(
            seq=lambda key: entry.seq if (entry := self._entries.get(key)) else None,
            record=lambda key: _record(self._entries[key]),
            text=lambda key: str(self._entries[key].rows.document["text"]),
            by_seq=lambda seq: self._ids[seq - 1],
        )
        if write:
            self._corpus.generation += 1  # as the SQL store's lock counts it
        tables = MemoryCorpusTables(self._corpus, documents, writable=write)
        yield tables
        for changes in tables.changes:
            apply(self._corpus, changes)

    def version(self) -> tuple[Any, ...]:
        """What changes when readers may see something new; see `Store.version`."""
        times = (entry.rows.document["ingested_at"] for entry in self._entries.values())
        return (
            len(self._entries),
            max(times, default=None),
            len(self._overrides),
            self._corpus.generation,
        )

    def seen_entries(self, keys: Iterable[str]) -> set[str]:
        """Return which of these feed entry keys are kept; see `Store.seen_entries`."""
        return {key for key in keys if key in self._entries_seen}

    def remember_entries(self, keys: Iterable[str], *, feed: str) -> None:
        """Keep feed entry keys as read; see `Store.remember_entries`."""
        for key in keys:
            self._entries_seen.setdefault(key, feed)

    def merge_overrides(self) -> list[MergeOverride]:
        """Return the user's corrections of the merge; see `Store.merge_overrides`."""
        return list(self._overrides)

    def add_merge_override(
        self, override: MergeOverride, *, reassign: Mapping[MentionKey, str | None]
    ) -> dict[MentionKey, str]:
        """Keep a correction and move mentions; see `Store.add_merge_override`."""
        made_at = dt.datetime.now(dt.UTC)
        self._overrides.append(replace(override, made_at=made_at))
        corpus = self._corpus
        corpus.generation += 1  # under the index's lock, in the SQL store
        number = corpus.last_number()
        assigned: dict[MentionKey, str] = {}
        for key, wanted in reassign.items():
            if wanted is None:
                number += 1
            event = assigned[key] = wanted or f"c{number}"
            placed = corpus.mentions.get(key)
            # both events are worked out again; how it came in is the user's doing now
            corpus.mark_stale([event, *([placed.corpus_event] if placed else [])])
            if placed is not None:
                corpus.put(key, Placed(event, placed.ordinal, None))
        return assigned

    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""
        return document_id in self._entries

    def documents(self) -> list[dict[str, Any]]:
        """Return every stored document's metadata, in ingest order; see `Store.documents`."""
        return [
            {
                **document_metadata(entry.rows.document),
                "ingested_at": utc_isoformat(entry.rows.document["ingested_at"]),
                "pipeline_version": entry.rows.document["pipeline_version"],
                "event_count": len(entry.rows.events),
            }
            for entry in self._entries.values()
        ]

    def document_text(self, document_id: str) -> str | None:
        """Return the cleaned text of a document, or None if it is not stored."""
        entry = self._entries.get(document_id)
        return entry.rows.document["text"] if entry else None

    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Return the events matching `query`; see `Store.events`."""
        query = query or EventQuery()
        found = [
            (entry.seq, row)
            for entry in self._entries.values()
            for row in entry.rows.events
            if _matches(query, row)
        ]
        found.sort(
            key=lambda item: (
                item[1]["date_start"] is None,
                item[1]["date_start"] or dt.date.min,
                item[1]["date_end"] or dt.date.min,
                item[0],
                item[1]["ordinal"],
            )
        )
        if query.limit is not None:
            found = found[: query.limit]
        return [_with_document(row) for _, row in found]

    def counts(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the counts with their `document` id; see `Store.counts`."""
        return [_with_document(row) for row in self._rows("counts", document_id)]

    def stances(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the stances with their `document` id; see `Store.stances`."""
        return [_with_document(row) for row in self._rows("stances", document_id)]

    def extractions(self, *, since: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
        """Yield stored documents as record format v1 dicts; see `Store.extractions`."""
        after = as_utc(since) if since is not None else None
        for entry in list(self._entries.values()):
            if after is not None and as_utc(entry.rows.document["ingested_at"]) < after:
                continue
            yield _record(entry)

    def close(self) -> None:
        """Nothing to release; the data stays until the object is dropped."""

    def _rows(self, table: str, document_id: str | None) -> list[dict[str, Any]]:
        return [
            row
            for entry in self._entries.values()
            if document_id is None or entry.rows.document["id"] == document_id
            for row in getattr(entry.rows, table)
        ]


def _record(entry: _Entry) -> dict[str, Any]:
    """A stored document as record format v1 (`Store.extractions`)."""
    rows = entry.rows
    return {
        "document": document_metadata(rows.document),
        "events": [decode_record(row["record"]) for row in rows.events],
        "counts": [decode_record(row["record"]) for row in rows.counts],
        "stances": [decode_record(row["record"]) for row in rows.stances],
        "places": [decode_record(row["record"]) for row in rows.places],
    }


def _matches(query: EventQuery, row: dict[str, Any]) -> bool:
    """Return whether an event row passes every filter of `query` (as `sql.py` filters)."""
    if query.type is not None and row["type"] != type_key(query.type):
        return False
    if query.certainty is not None and row["certainty"] != certainty_key(query.certainty):
        return False
    if query.document_id is not None and row["document_id"] != query.document_id:
        return False
    if query.actor is not None:
        needle = text_key(query.actor)
        values = (row[column] for column in _ACTOR_COLUMNS)
        if not any(value is not None and needle in value for value in values):
            return False
    if query.since is not None and (row["date_end"] is None or row["date_end"] < query.since):
        return False
    return query.until is None or (
        row["date_start"] is not None and row["date_start"] <= query.until
    )


def _with_document(row: dict[str, Any]) -> dict[str, Any]:
    return {**decode_record(row["record"]), "document": row["document_id"]}
