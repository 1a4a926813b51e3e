"""The corpus index as a store keeps it: what merging a new report needs, found in place.

`quipu.corpus` groups documents into stories and merges their events into corpus events;
a store keeps what it worked out (schema version 5), so that adding a report reads only
what the report may join, not the whole corpus:

- `stories` (each document's story and MinHash values) and `story_bands`, the keys of the
  LSH bands of those values: a new document's reprints share one with it;
- `corpus_mentions`: the corpus event each stored event is in, and how it came in (`link`);
- `corpus_events`: each corpus event's profile, what its mentions agree on
  (`quipu.corpus.events.Profile`), which is all a new mention is held against;
- `corpus_blocks`: where each corpus event is found (type family, country, week, region),
  each place with the position of the mention that put the event there;
- `corpus_pending`: the documents stored and not merged yet (added, or extracted again);
- `corpus_stale`: corpus events that lost or gained mentions other than by merging (a
  document extracted again, a user's correction), whose profile and blocks are to be worked
  out again;
- `corpus_state`: one row, which the one writer of the index at a time holds locked and
  whose `generation` counts the index's writes.

`Store.corpus_tables()` opens one transaction on these tables as a `CorpusTables`; what a
pass of the corpus layer worked out is written in it at once (`CorpusTables.write`). The
tables hold plain values: profiles and links are JSON the corpus layer reads.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quipu.store.base import MentionKey, StoredStory

Record = dict[str, Any]
Block = tuple[str, str, int]  # (type family, country, week)
Position = tuple[int, int]  # (document's seq, event's ordinal in the document)


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """A stored document whose events are not merged yet.

    Args:
        seq: its place in the ingest order.
        record: its records (record format v1, as `Store.extractions` gives them).
        text: its cleaned text.
        story: its story, if one was kept before (a document extracted again keeps its
            text, so its story).
        known: event id → corpus event, for events merged before the store kept the index
            (schema version 4): they rejoin that event.
    """

    seq: int
    record: Record
    text: str
    story: StoredStory | None
    known: dict[str, str]


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """A stored document that shares a band key with a new one: a possible reprint."""

    document_id: str
    seq: int
    story: StoredStory


@dataclass(frozen=True, slots=True)
class BlockEntry:
    """A corpus event's place in a block, under a region ("" for the country level)."""

    block: Block
    region: str
    corpus_event: str
    position: Position


@dataclass(frozen=True, slots=True)
class StoredMention:
    """Where a stored event is merged: its corpus event and how it came in (`link`, the
    JSON of `quipu.corpus.events.Link`; None when not known)."""

    document_id: str
    event_id: str
    corpus_event: str
    position: Position
    link: Record | None = None

    @property
    def key(self) -> MentionKey:
        return (self.document_id, self.event_id)


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A stored mention with what it is read from: its event, its document's record and
    story."""

    mention: StoredMention
    event: Record
    record: Record
    story_id: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """A corpus event as the index keeps it."""

    id: str
    family: str
    profile: Record


@dataclass(slots=True)
class IndexChanges:
    """What one pass of the corpus layer writes, in one transaction.

    Args:
        stories: document id → (seq, story, band keys), for documents merged now.
        merged: the documents merged now (no longer pending).
        mentions: where mentions are now (a mention already kept is moved).
        events: corpus events made or changed.
        removed: corpus events left without mentions: they go, with their blocks.
        reblocked: corpus events whose earlier blocks go (their places are in `blocks`).
        blocks: new places of corpus events.
        repaired: stale corpus events worked out again.
    """

    stories: dict[str, tuple[int, StoredStory, list[int]]] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    mentions: list[StoredMention] = field(default_factory=list)
    events: dict[str, EventRow] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    reblocked: set[str] = field(default_factory=set)
    blocks: list[BlockEntry] = field(default_factory=list)
    repaired: set[str] = field(default_factory=set)


class CorpusTables(abc.ABC):
    """The corpus index in one transaction of a store (`Store.corpus_tables`)."""

    @abc.abstractmethod
    def generation(self) -> int:
        """How many times the index was opened to write: a writer that sees one more than
        in its last transaction knows no one else wrote in between."""

    @abc.abstractmethod
    def stale(self) -> list[str]:
        """The corpus events to work out again, in no particular order."""

    @abc.abstractmethod
    def pending(self, *, limit: int | None = None) -> list[PendingDocument]:
        """The documents not merged yet, in ingest order, at most `limit` of them."""

    @abc.abstractmethod
    def story_matches(self, keys: Sequence[int], *, before: int) -> list[StoryMatch]:
        """The merged documents stored before `seq` `before` that share a band key."""

    @abc.abstractmethod
    def blocks(self, wanted: Iterable[tuple[Block, str | None]]) -> list[BlockEntry]:
        """The places of corpus events in these blocks, in position order: under a given
        region and the country level, or (None) under any region."""

    @abc.abstractmethod
    def events(self, ids: Iterable[str]) -> dict[str, EventRow]:
        """The corpus events with these ids that the index keeps."""

    @abc.abstractmethod
    def last_number(self) -> int:
        """The largest number of a kept corpus event's id ("c17" is 17), 0 for none."""

    @abc.abstractmethod
    def story_mentions(self, story_id: str) -> list[tuple[StoredMention, Record]]:
        """The merged mentions of a story's documents with their events, in position
        order."""

    @abc.abstractmethod
    def placed(self, keys: Iterable[MentionKey]) -> dict[MentionKey, StoredMention]:
        """Where these mentions are merged, for those that are."""

    @abc.abstractmethod
    def event_mentions(self, event_id: str) -> list[MentionRecord]:
        """A corpus event's mentions, of merged documents, in position order."""

    @abc.abstractmethod
    def all_stories(self) -> dict[str, str]:
        """Each merged document's story id, in ingest order."""

    @abc.abstractmethod
    def all_mentions(self) -> list[StoredMention]:
        """Every mention of a merged document, in position order."""

    @abc.abstractmethod
    def write(self, changes: IndexChanges) -> None:
        """Write what a pass worked out (see `IndexChanges`).

        Raises:
            StoreError: E202 if the write fails (nothing of the transaction is kept), or
                if the tables were opened to read only.
        """
