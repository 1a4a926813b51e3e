"""What the dashboard shows, read from a store: one snapshot of the corpus, kept until the
store changes.

A snapshot holds the stored documents with their stories, the merged corpus events (one
per real event, with every mention), the tally series and the alignment edges at each level
(every side; states folded into their countries), each built once by `quipu.corpus`. The
dashboard only reads: the corpus memory that `read_corpus` would keep is not written
(`remember=False`), so serving never changes the store.

Filtering and paging are done here, for the pages and the API alike: `EventFilter` holds
what a request asks for, `page` cuts a list at an opaque cursor.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from quipu.corpus.alignments import LEVELS, Edge, Level, alignment_edges
from quipu.corpus.tallies import Series, tally_series
from quipu.corpus.values import fold, parse_day
from quipu.corpus.view import Corpus, read_corpus
from quipu.errors import Errors, RequestError
from quipu.store.base import Store

Record = dict[str, Any]
Item = TypeVar("Item")

# How often (seconds) a request may look whether the store changed.
_RECHECK_SECONDS = 2.0
# The most items one page or one API call returns.
MAX_LIMIT = 500


@dataclass(slots=True)
class Snapshot:
    """The corpus as the dashboard shows it: documents, corpus events, tallies, alignments."""

    documents: list[Record]
    events: list[Record]
    series: list[Series]
    edges: dict[Level, list[Edge]]  # the alignment network at each level
    stories: dict[str, str]
    texts: dict[str, str]
    corpus: Corpus
    version: int = 0  # which build of the store's view this is (cursors name it)
    events_by_id: dict[str, Record] = field(default_factory=dict)
    documents_by_id: dict[str, Record] = field(default_factory=dict)
    _stories: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.events_by_id = {event["id"]: event for event in self.events}
        self.documents_by_id = {document["id"]: document for document in self.documents}
        for document_id, story in self.stories.items():
            self._stories.setdefault(story, []).append(document_id)

    @property
    def date_range(self) -> tuple[str, str] | None:
        """The first and last day any corpus event is dated, if any is."""
        days = sorted(day for event in self.events for day in _span(event) if day is not None)
        return (days[0], days[-1]) if days else None

    def story_of(self, document_id: str) -> list[str]:
        """The documents of one story (syndicated copies), this one included."""
        return self._stories.get(self.stories.get(document_id, document_id), [document_id])


def located_place(event: Record) -> Record | None:
    """The event's place when it has coordinates to be drawn at, else None."""
    place = event.get("place") or {}
    return place if place.get("lat") is not None and place.get("lon") is not None else None


def _span(event: Record) -> tuple[str | None, str | None]:
    date = event.get("date") or {}
    return date.get("start"), date.get("end")


def build_snapshot(corpus: Corpus, documents: list[Record], texts: dict[str, str]) -> Snapshot:
    """Turn a read corpus into what the pages show; corpus events in date order (undated
    last), each as `CorpusEvent.to_dict()` with its story-level `sources`."""
    events = [event.to_dict() for event in corpus.events]
    events.sort(key=lambda e: (_span(e)[0] or "9999", e["id"]))
    return Snapshot(
        documents=documents,
        events=events,
        series=tally_series(corpus.records, stories=corpus.stories),
        edges={
            level: alignment_edges(corpus.records, stories=corpus.stories, level=level)
            for level in LEVELS
        },
        stories=corpus.stories,
        texts=texts,
        corpus=corpus,
    )


class DashboardData:
    """A store's snapshot, rebuilt when documents are added or replaced.

    Thread-safe: the server may answer requests from several threads.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._version: tuple[int, str] | None = None
        self._checked = 0.0

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt if the store changed since it was made."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is not None and now - self._checked < _RECHECK_SECONDS:
                return self._snapshot
            self._checked = now
            documents = self.store.documents()
            version = (
                len(documents),
                max((d["ingested_at"] for d in documents), default=""),
            )
            if self._snapshot is None or version != self._version:
                corpus = read_corpus(self.store, remember=False)
                texts = {d["id"]: self.store.document_text(d["id"]) or "" for d in documents}
                built = build_snapshot(corpus, documents, texts)
                built.version = (self._snapshot.version + 1) if self._snapshot else 0
                self._snapshot = built
                self._version = version
            return self._snapshot


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which corpus events a request asks for; None matches everything.

    Args:
        type: PLOVER type (case-insensitive).
        actor: text in the actor's or recipient's name or words (folded).
        place: text in the place's name, region or country code (folded).
        certainty: a certainty label.
        since: events whose dates end on or after this day.
        until: events whose dates start on or before this day.
        text: text in any mention's sentence (folded).
    """

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    certainty: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None

    def matches(self, event: Record) -> bool:
        """Whether a corpus event passes every filter given."""
        if self.type and fold(event.get("type")) != fold(self.type):
            return False
        if self.certainty and fold(event.get("certainty")) != fold(self.certainty):
            return False
        if self.actor and not _contains(_actor_words(event), self.actor):
            return False
        if self.place and not _contains(_place_words(event.get("place")), self.place):
            return False
        if self.text and not _contains(
            [m.get("sentence") for m in event.get("mentions") or []], self.text
        ):
            return False
        start, end = (parse_day(day) for day in _span(event))
        if self.since and (end is None or end < self.since):
            return False
        return not (self.until and (start is None or start > self.until))

    def apply(self, events: Sequence[Record]) -> list[Record]:
        """The events that match, in their order."""
        return [event for event in events if self.matches(event)]


def _contains(texts: Sequence[Any], wanted: str) -> bool:
    needle = fold(wanted)
    return bool(needle) and any(needle in fold(text) for text in texts if text)


def _actor_words(event: Record) -> list[str]:
    words: list[Any] = []
    for side in ("actor", "recipient"):
        actor = event.get(side) or {}
        words += [actor.get("name"), actor.get("text")]
        words += [member.get("name") for member in actor.get("members") or []]
    return [str(word) for word in words if word]


def _place_words(place: Record | None) -> list[str]:
    place = place or {}
    keys = ("name", "admin1", "admin2", "country")
    return [str(place[key]) for key in keys if place.get(key)]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its items, where the next page starts, and how many in all."""

    items: list[Any]
    next_cursor: str | None
    total: int


def encode_cursor(offset: int, version: int = 0) -> str:
    """An opaque cursor for the item at `offset` of the snapshot numbered `version`."""
    return base64.urlsafe_b64encode(f"o:{offset}:{version}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, version: int = 0) -> int:
    """The offset a cursor stands for (0 for none).

    Raises:
        RequestError: E401 when the cursor is not one this server gave, or was given
            before the corpus changed (the list moved on: start again from the first page).
    """
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, offset_text, version_text = text.split(":")
        offset, given = int(offset_text), int(version_text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as err:
        raise RequestError(Errors.E401.format(reason="cursor is not one this server gave")) from err
    if kind != "o" or offset < 0:
        raise RequestError(Errors.E401.format(reason="cursor is not one this server gave"))
    if given != version:
        reason = "the corpus changed since this cursor was given; start from the first page"
        raise RequestError(Errors.E401.format(reason=reason))
    return offset


def page(items: Sequence[Item], *, limit: int, cursor: str | None, version: int = 0) -> Page:
    """Cut `items` at `cursor`, `limit` of them (`version`: the snapshot they come from)."""
    start = decode_cursor(cursor, version)
    chosen = list(items[start : start + limit])
    following = start + limit
    return Page(
        items=chosen,
        next_cursor=encode_cursor(following, version) if following < len(items) else None,
        total=len(items),
    )


def by_day(events: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """Events grouped by their day, in order ("undated" last); an event known only to a
    span is grouped under its span ("2023-01-01 to 2023-01-31"), not under its first day."""
    groups: dict[str, list[Record]] = {}
    for event in events:
        start, end = _span(event)
        key = "undated" if start is None else start if end in (None, start) else f"{start} to {end}"
        groups.setdefault(key, []).append(event)
    return list(groups.items())


def latest_points(series: Series) -> list[Any]:
    """Each source's latest point of a series, latest first; of one day's figures the
    largest (a report's smaller figures for a day are parts of its toll)."""
    latest: dict[str, Any] = {}
    for point in series.points:
        key = fold(point.source)
        if key not in latest or (_point_day(point), point.best) >= (
            _point_day(latest[key]),
            latest[key].best,
        ):
            latest[key] = point
    return sorted(latest.values(), key=_point_day, reverse=True)


def _point_day(point: Any) -> dt.date:
    return point.as_of or dt.date.min
