"""The store interface: what every backend (in-memory, SQLite, PostgreSQL) promises.

A store keeps documents (metadata and cleaned text) and the records extracted from them.
Records come back as record format v1 dicts, so a store is lossless: `extractions()` gives
back exactly what `Extraction.to_dict()` gave when the document was added.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from quipu.errors import Errors, StoreError
from quipu.records import Extraction
from quipu.store.rows import DocumentRows, flatten

if TYPE_CHECKING:
    from quipu.store.corpus import CorpusTables


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to return; every field left as None matches everything.

    Args:
        type: PLOVER event type, compared case-insensitively.
        actor: text that must occur (case-insensitively) in the name or the text of the
            event's actor or recipient.
        since: keep events whose date span ends on or after this day.
        until: keep events whose date span starts on or before this day. Events without a
            date are left out as soon as `since` or `until` is given.
        certainty: certainty label (asserted, attributed, hedged, unverified, disputed).
        document_id: keep only the events of this document.
        limit: at most this many events (after ordering).
    """

    type: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    certainty: str | None = None
    document_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise StoreError(
                Errors.E205.format(reason=f"limit must be 0 or more, not {self.limit}")
            )
        # A datetime is a date, but comparing one with a date raises; keep the day only.
        for name in ("since", "until"):
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                object.__setattr__(self, name, value.date())


def error_reason(error: BaseException) -> str:
    """Return the first line of what went wrong, for a one-line error message.

    SQLAlchemy's messages run to several lines (statement, parameters, a link); the
    driver's own message, kept as `orig`, says what matters in its first line.
    """
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A document's story as the store keeps it (see `quipu.corpus.syndication`)."""

    story_id: str
    words: int
    minhash: bytes | None


@dataclass(slots=True)
class CorpusMemory:
    """What the corpus layer keeps between runs: each document's story, and the corpus
    event each stored event was merged into, keyed (document id, event id)."""

    stories: dict[str, StoredStory]
    mentions: dict[tuple[str, str], str]


MentionKey = tuple[str, str]  # (document id, event id)


@dataclass(frozen=True, slots=True)
class MergeOverride:
    """A user's correction of the merge, as the store keeps it (`quipu merge split|join`).

    Args:
        kind: "split" (a mention taken out of a corpus event) or "join" (two corpus events
            made one).
        corpus_event: the corpus event the user named first.
        subject: the mention (split) or the second corpus event (join) the user named.
        mentions: for a split, the mention taken out, then those it is kept apart from; for
            a join, every mention of both events.
        made_at: when it was made (UTC); set by the store.
    """

    kind: str
    corpus_event: str
    subject: str
    mentions: tuple[MentionKey, ...]
    made_at: dt.datetime | None = None


def stored_rows(extraction: Extraction, *, pipeline_version: str) -> DocumentRows:
    """Return the rows that store `extraction` now (`rows.flatten`).

    Raises:
        StoreError: E202 if a record cannot be encoded; nothing is written.
    """
    try:
        return flatten(
            extraction, pipeline_version=pipeline_version, ingested_at=dt.datetime.now(dt.UTC)
        )
    except (ValueError, TypeError) as error:
        raise StoreError(
            Errors.E202.format(document_id=extraction.document.id, reason=error_reason(error))
        ) from error


class Store(abc.ABC):
    """A place to keep documents and their records, usable as a context manager.

    Writes are per document and atomic: a document is stored with all its records or not
    at all, and adding a document that is already stored changes nothing.
    """

    url: str  # where it is, as `open_store` takes it (any password hidden)

    @abc.abstractmethod
    def add(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Store a document, its text and all its records in one transaction.

        Args:
            extraction: the document and everything extracted from it.
            pipeline_version: the version of the pipeline that produced the records.

        Returns:
            True if the document was stored, False if it was already there (nothing changes).
            A document stored is pending in the corpus index (`store/corpus.py`) until the
            corpus layer merges its events.

        Raises:
            StoreError: E202 if the write fails; nothing of the document is kept.
        """

    @abc.abstractmethod
    def replace(self, extraction: Extraction, *, pipeline_version: str) -> bool:
        """Replace a stored document's records with a new extraction of it, atomically.

        What a newer pipeline extracts from the same text replaces what an older one did;
        the document keeps its place in the ingest order, and its stored time becomes now,
        so that `extractions(since=...)` sees it as changed. Its new events are merged
        when the corpus index is next brought up to date; the corpus events its old ones
        were in are then worked out again without them (`store/corpus.py`).

        Returns:
            True if the document was stored and is now replaced, False if it is not stored.

        Raises:
            StoreError: E202 if the write fails; the old records are then kept.
        """

    @abc.abstractmethod
    def corpus_memory(self) -> CorpusMemory:
        """Return the stories and merge assignments kept so far (of every document, merged
        or pending)."""

    @abc.abstractmethod
    def corpus_tables(self, *, write: bool = False) -> AbstractContextManager[CorpusTables]:
        """Open the corpus index (`store/corpus.py`) in one transaction.

        Args:
            write: lock the index for writing: one writer at a time (another waits until
                this one commits); the transaction commits when the block ends without an
                error, and keeps nothing otherwise. Without it, reads only.

        Raises:
            StoreError: E202 if a write fails, E204 if a read does.
        """

    @abc.abstractmethod
    def version(self) -> tuple[Any, ...]:
        """Return a value that changes whenever readers may see something new: documents
        added or extracted again, a correction of the merge, the corpus index written."""

    @abc.abstractmethod
    def seen_entries(self, keys: Iterable[str]) -> set[str]:
        """Return which of these feed entry keys are kept as read (see `remember_entries`)."""

    @abc.abstractmethod
    def remember_entries(self, keys: Iterable[str], *, feed: str) -> None:
        """Keep feed entry keys as read, in one transaction; a key already kept stays as it
        is. `quipu follow` keeps an entry once its report is stored (or cannot be, for good).

        Raises:
            StoreError: E202 if the write fails; none of the keys is kept.
        """

    @abc.abstractmethod
    def merge_overrides(self) -> list[MergeOverride]:
        """Return the user's corrections of the merge, oldest first."""

    @abc.abstractmethod
    def add_merge_override(
        self, override: MergeOverride, *, reassign: Mapping[MentionKey, str | None]
    ) -> dict[MentionKey, str]:
        """Keep a correction of the merge and move mentions to the corpus events it puts
        them in, in one transaction: both events are marked to be worked out again (see
        `store/corpus.py`), and a mention not merged yet is left to be merged.

        Args:
            override: the correction.
            reassign: each mention moved → its corpus event; None for a new one, numbered
                under the index's lock after every corpus event there is (so that no
                concurrent ingest gives the number to another).

        Returns:
            Each mention moved → the corpus event it is in now.

        Raises:
            StoreError: E202 if the write fails; nothing of it is kept.
        """

    @abc.abstractmethod
    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""

    @abc.abstractmethod
    def documents(self) -> list[dict[str, Any]]:
        """Return every stored document's metadata, in ingest order.

        Returns:
            Dicts as `Document.to_dict()` plus `ingested_at` (ISO 8601, UTC),
            `pipeline_version` and `event_count`.
        """

    @abc.abstractmethod
    def document_text(self, document_id: str) -> str | None:
        """Return the cleaned text of a document, or None if it is not stored."""

    @abc.abstractmethod
    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Return the events matching `query`.

        Args:
            query: the filters; None returns every event.

        Returns:
            Record format v1 event dicts, each with a `document` key holding its document's
            id, ordered by date (undated last), then document (ingest order), then position
            in the document.
        """

    @abc.abstractmethod
    def counts(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the counts (of one document, or all) with their `document` id.

        Returns:
            Record format v1 count dicts in ingest order, then position in the document.
        """

    @abc.abstractmethod
    def stances(self, *, document_id: str | None = None) -> list[dict[str, Any]]:
        """Return the stances (of one document, or all) with their `document` id.

        Returns:
            Record format v1 stance dicts in ingest order, then position in the document.
        """

    @abc.abstractmethod
    def extractions(self, *, since: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
        """Yield stored documents as record format v1 dicts, in ingest order.

        Args:
            since: keep only documents stored (`ingested_at`) at or after this moment; a
                datetime without a zone is taken as UTC, as stored times are. None keeps all.
        """

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connections the store holds."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
