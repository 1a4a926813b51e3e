"""What the dashboard shows, read from a store: one snapshot of the corpus, kept until the
store changes.

A snapshot holds the stored documents with their stories, the merged corpus events (one
per real event, with every mention), the tally series and the alignment edges at each level
(every side; states folded into their countries), each built once by `quipu.corpus`. The
dashboard only reads: stories and corpus events are the store's corpus index's
(`corpus.stored`), and documents it has not merged yet are merged in memory for the
snapshot (`remember=False`), so serving never changes the store.

Filtering and paging are done here, for the pages and the API alike: `EventFilter` holds
what a request asks for, `page` cuts a list at an opaque cursor.

On 10,000 corpus events a request must still answer in well under 200 ms (issue 17), so
what does not depend on the request is worked out once per snapshot: each event's words
folded for the filters (`EventWords`), and whatever a page or route keeps with
`Snapshot.derived` (the pages without parameters, the map's GeoJSON). A snapshot is also
kept out of the cyclic garbage collector's sight (`gc.freeze`): a full collection walking
its hundreds of thousands of objects stalled a request for half a second.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gc
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from quipu.corpus.alignments import LEVELS, Edge, Level, alignment_edges
from quipu.corpus.corrections import Explanation, explain
from quipu.corpus.features import Sentences
from quipu.corpus.tallies import CROWD_KINDS, Series, tally_series
from quipu.corpus.values import fold, parse_day
from quipu.corpus.view import Corpus, read_corpus
from quipu.errors import Errors, RequestError
from quipu.store.base import MergeOverride, Store

Record = dict[str, Any]
Item = TypeVar("Item")

# How often (seconds) a request may look whether the store changed.
_RECHECK_SECONDS = 2.0
# The most items one page or one API call returns.
MAX_LIMIT = 500
# The sentence vectors the event pages' explanations compare, kept for the process.
_SENTENCES = Sentences()


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
    # the user's corrections of the merge (`quipu merge split|join`), oldest first
    overrides: list[MergeOverride] = field(default_factory=list)
    version: int = 0  # which build of the store's view this is (cursors name it)
    events_by_id: dict[str, Record] = field(default_factory=dict)
    documents_by_id: dict[str, Record] = field(default_factory=dict)
    words: dict[str, EventWords] = field(default_factory=dict)  # by event id, for filters
    _stories: dict[str, list[str]] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.events_by_id = {event["id"]: event for event in self.events}
        self.documents_by_id = {document["id"]: document for document in self.documents}
        self.words = {event["id"]: EventWords.of(event) for event in self.events}
        for document_id, story in self.stories.items():
            self._stories.setdefault(story, []).append(document_id)

    def derived(self, key: str, build: Callable[[], Item]) -> Item:
        """What `build` makes of this snapshot, made on first use and kept with it.

        For what depends on the snapshot alone (a page without parameters, the map's
        GeoJSON): it is made again only when the store changes and a new snapshot is built.
        Two threads asking at once may both build it; either result is the same.
        """
        if key not in self._derived:
            self._derived[key] = build()
        found: Item = self._derived[key]
        return found

    @property
    def date_range(self) -> tuple[str, str] | None:
        """The first and last day of the corpus's news, if any event is dated.

        The span of the events the reports tell as news: a past they recall (Fujimori's
        coup of April 1992 in a 2022 report, `historical`) would stretch it over decades.
        When every dated event is such a memory, the span of them all.
        """
        recalled = self.recalled
        days = sorted(
            day
            for event in self.events
            if event["id"] not in recalled
            for day in _span(event)
            if day is not None
        ) or sorted(day for event in self.events for day in _span(event) if day is not None)
        return (days[0], days[-1]) if days else None

    @property
    def recalled(self) -> frozenset[str]:
        """The ids of the corpus events that are a past the reports recall (`is_background`,
        counted from a year before the corpus's first report)."""

        def build() -> frozenset[str]:
            published = [day for d in self.documents if (day := parse_day(d.get("published")))]
            cutoff = min(published) - dt.timedelta(days=365) if published else None
            return frozenset(e["id"] for e in self.events if is_background(e, cutoff=cutoff))

        return self.derived("recalled", build)

    def tally(self, kind: str | None = None) -> list[Series]:
        """The tally series, only those of `kind` when it names one. Crowd sizes, which
        `series` leaves out (`tally_series`), are drawn up when asked for by name."""
        if not kind:
            return self.series
        wanted = fold(kind)
        if wanted in CROWD_KINDS:
            return self.derived(
                f"tally:{wanted}",
                lambda: tally_series(self.corpus.records, kind=wanted, stories=self.stories),
            )
        return [series for series in self.series if fold(series.kind) == wanted]

    @property
    def background(self) -> int:
        """How many corpus events are a past the reports recall (`is_background`)."""
        return len(self.recalled)

    def explanation(self, event_id: str) -> Explanation | None:
        """Why the corpus event's mentions were merged (`corpus.corrections.explain`)."""

        def build() -> Explanation | None:
            event = next((e for e in self.corpus.events if e.id == event_id), None)
            if event is None:
                return None
            return explain(event, corrections=self.overrides, sentences=_SENTENCES)

        return self.derived(f"explanation:{event_id}", build)

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


def build_snapshot(
    corpus: Corpus,
    documents: list[Record],
    texts: dict[str, str],
    overrides: list[MergeOverride] | None = None,
) -> Snapshot:
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
        overrides=overrides or [],
    )


class DashboardData:
    """A store's snapshot, rebuilt when documents are added or replaced.

    Thread-safe: the server may answer requests from several threads.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._version: tuple[Any, ...] | None = None
        self._checked = 0.0

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt if the store changed since it was made."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is not None and now - self._checked < _RECHECK_SECONDS:
                return self._snapshot
            self._checked = now
            # a few indexed reads, whatever the store holds
            version = self.store.version()
            if self._snapshot is None or version != self._version:
                documents = self.store.documents()
                overrides = self.store.merge_overrides()
                # the old snapshot's objects go back to the collector, to be freed
                gc.unfreeze()
                corpus = read_corpus(self.store, remember=False)
                texts = {d["id"]: self.store.document_text(d["id"]) or "" for d in documents}
                built = build_snapshot(corpus, documents, texts, overrides)
                built.version = (self._snapshot.version + 1) if self._snapshot else 0
                self._snapshot = built
                self._version = version
                # Long-lived until the store changes: full collections need not walk it.
                gc.freeze()
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

    def matches(self, event: Record, words: EventWords | None = None) -> bool:
        """Whether a corpus event passes every filter given.

        Args:
            event: a corpus event as the snapshot holds it.
            words: its words folded beforehand (`Snapshot.words`), if at hand.
        """
        words = words or EventWords.of(event)
        if self.type and words.type != fold(self.type):
            return False
        if self.certainty and words.certainty != fold(self.certainty):
            return False
        if self.actor and not _contains(words.actor, self.actor):
            return False
        if self.place and not _contains(words.place, self.place):
            return False
        if self.text and not _contains(words.text, self.text):
            return False
        if self.since and (words.end is None or words.end < self.since):
            return False
        return not (self.until and (words.start is None or words.start > self.until))

    def apply(
        self, events: Sequence[Record], words: Mapping[str, EventWords] | None = None
    ) -> list[Record]:
        """The events that match, in their order (`words`: `Snapshot.words`, if at hand)."""
        if self == EventFilter():
            return list(events)
        words = words or {}
        return [event for event in events if self.matches(event, words.get(event["id"]))]


@dataclass(frozen=True, slots=True)
class EventWords:
    """What `EventFilter` reads of a corpus event, folded: its type and certainty, the
    words of its actor and recipient, of its place and of its sentences, and its days."""

    type: str
    certainty: str
    actor: tuple[str, ...]
    place: tuple[str, ...]
    text: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None

    @classmethod
    def of(cls, event: Record) -> EventWords:
        start, end = (parse_day(day) for day in _span(event))
        sentences = [m.get("sentence") for m in event.get("mentions") or []]
        return cls(
            type=fold(event.get("type")),
            certainty=fold(event.get("certainty")),
            actor=_folded(_actor_words(event)),
            place=_folded(_place_words(event.get("place"))),
            text=_folded(sentences),
            start=start,
            end=end,
        )


def _folded(texts: Sequence[Any]) -> tuple[str, ...]:
    return tuple(fold(text) for text in texts if text)


def _contains(folded: Sequence[str], wanted: str) -> bool:
    needle = fold(wanted)
    return bool(needle) and any(needle in text for text in folded)


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


def is_background(event: Record, *, cutoff: dt.date | None = None) -> bool:
    """Whether a corpus event is a past its report recalls ("the crisis revived memories of
    April 1992"): dated over a year before its report (auxiliary `historical`), or ending
    before `cutoff` (a year before the corpus's first report) whatever its auxiliary."""
    if event.get("aux") == "historical":
        return True
    end = parse_day(_span(event)[1])
    return cutoff is not None and end is not None and end < cutoff


def news_first(events: Sequence[Record], *, recalled: frozenset[str]) -> list[Record]:
    """The events in their order, those the reports only recall (`Snapshot.recalled`)
    moved to the end: a timeline opens on the crisis, not on a coup of 1992."""
    return sorted(events, key=lambda event: event["id"] in recalled)


def by_day(
    events: Sequence[Record], *, recalled: frozenset[str] = frozenset()
) -> list[tuple[str, list[Record]]]:
    """Events grouped by their day, in order ("undated" last); an event known only to a
    span is grouped under its span ("2023-01-01 to 2023-01-31"), not under its first day,
    and a recalled past is marked so ("1992-04-01 to 1992-04-30, recalled")."""
    groups: dict[str, list[Record]] = {}
    for event in events:
        start, end = _span(event)
        key = "undated" if start is None else start if end in (None, start) else f"{start} to {end}"
        if start is not None and event["id"] in recalled:
            key += ", recalled"
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
