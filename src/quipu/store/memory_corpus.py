"""The corpus index in memory (`store/corpus.py`): the in-memory store's twin of
`sql_corpus.py`, answering the same lookups in the same order, each by key as the SQL
store's indexes answer them.

A transaction's writes are kept aside and applied when it ends without an error, as the SQL
store commits them; the in-memory store runs one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from quipu.errors import Errors, StoreError
from quipu.store.base import MentionKey, StoredStory
from quipu.store.corpus import (
    Block,
    BlockEntry,
    CorpusTables,
    EventRow,
    IndexChanges,
    MentionRecord,
    PendingDocument,
    Record,
    StoredMention,
    StoryMatch,
)


@dataclass(frozen=True, slots=True)
class Documents:
    """How the corpus index reads the in-memory store's documents.

    Args:
        seq: a document's place in the ingest order (None if not stored).
        record: its records (record format v1).
        text: its cleaned text.
        by_seq: the id of the document stored at a place in the ingest order.
    """

    seq: Callable[[str], int | None]
    record: Callable[[str], Record]
    text: Callable[[str], str]
    by_seq: Callable[[int], str]


@dataclass(slots=True)
class Placed:
    """Where a mention is: its corpus event, its ordinal in its document, how it came in."""

    corpus_event: str
    ordinal: int | None
    link: Record | None


@dataclass(slots=True)
class MemoryCorpus:
    """The corpus index's tables, as dicts (see `store/corpus.py` for each), with the
    reverse maps that stand for the SQL tables' indexes."""

    stories: dict[str, StoredStory] = field(default_factory=dict)
    story_documents: dict[str, list[str]] = field(default_factory=dict)
    bands: dict[int, set[int]] = field(default_factory=dict)  # band key → seqs
    mentions: dict[MentionKey, Placed] = field(default_factory=dict)
    by_document: dict[str, set[str]] = field(default_factory=dict)  # → event ids
    by_event: dict[str, set[MentionKey]] = field(default_factory=dict)
    events: dict[str, EventRow] = field(default_factory=dict)
    blocks: dict[Block, list[BlockEntry]] = field(default_factory=dict)
    pending: dict[str, None] = field(default_factory=dict)  # in the order they became so
    stale: set[str] = field(default_factory=set)
    generation: int = 0  # write transactions opened (as the SQL store's lock counts them)

    def mark_stale(self, events: Iterable[str]) -> None:
        self.stale.update(events)

    def last_number(self) -> int:
        """The largest number of a kept or stale corpus event's id (as the SQL store)."""
        keys = (*self.events, *self.stale)
        return max((int(key[1:]) for key in keys if key[1:].isdigit()), default=0)

    def put(self, key: MentionKey, placed: Placed) -> None:
        """Keep where a mention is (moving it if it was elsewhere)."""
        self.drop(key)
        self.mentions[key] = placed
        self.by_document.setdefault(key[0], set()).add(key[1])
        self.by_event.setdefault(placed.corpus_event, set()).add(key)

    def drop(self, key: MentionKey) -> None:
        """Forget where a mention is."""
        placed = self.mentions.pop(key, None)
        if placed is not None:
            self.by_document.get(key[0], set()).discard(key[1])
            self.by_event.get(placed.corpus_event, set()).discard(key)

    def of_document(self, document_id: str) -> list[MentionKey]:
        return [(document_id, event_id) for event_id in self.by_document.get(document_id, ())]


class MemoryCorpusTables(CorpusTables):
    """The corpus index of an in-memory store, in one transaction.

    Args:
        corpus: the index's tables.
        documents: how to read the store's documents.
        writable: whether `write` may write.
    """

    def __init__(self, corpus: MemoryCorpus, documents: Documents, *, writable: bool) -> None:
        self._corpus = corpus
        self._documents = documents
        self._writable = writable
        self.changes: list[IndexChanges] = []

    def generation(self) -> int:
        return self._corpus.generation

    def stale(self) -> list[str]:
        return sorted(self._corpus.stale)

    def pending(self, *, limit: int | None = None) -> list[PendingDocument]:
        seq = self._documents.seq
        stored = [(seq(key), key) for key in self._corpus.pending if seq(key) is not None]
        found = []
        for number, document_id in sorted(stored)[:limit]:
            known = {
                key[1]: self._corpus.mentions[key].corpus_event
                for key in self._corpus.of_document(document_id)
            }
            found.append(
                PendingDocument(
                    seq=int(number or 0),
                    record=self._documents.record(document_id),
                    text=self._documents.text(document_id),
                    story=self._corpus.stories.get(document_id),
                    known=known,
                )
            )
        return found

    def story_matches(self, keys: Sequence[int], *, before: int) -> list[StoryMatch]:
        seqs = {seq for key in keys for seq in self._corpus.bands.get(key, ()) if seq < before}
        found = []
        for seq in sorted(seqs):
            document_id = self._documents.by_seq(seq)
            story = self._corpus.stories.get(document_id)
            if story is not None:
                found.append(StoryMatch(document_id, seq, story))
        return found

    def blocks(self, wanted: Iterable[tuple[Block, str | None]]) -> list[BlockEntry]:
        found: dict[int, BlockEntry] = {}
        for block, region in dict.fromkeys(wanted):
            for entry in self._corpus.blocks.get(block, []):
                if region is None or entry.region in (region, ""):
                    found[id(entry)] = entry
        return sorted(found.values(), key=lambda entry: entry.position)

    def events(self, ids: Iterable[str]) -> dict[str, EventRow]:
        return {key: self._corpus.events[key] for key in ids if key in self._corpus.events}

    def last_number(self) -> int:
        return self._corpus.last_number()

    def story_mentions(self, story_id: str) -> list[tuple[StoredMention, Record]]:
        keys = [
            key
            for document_id in self._corpus.story_documents.get(story_id, ())
            for key in self._corpus.of_document(document_id)
        ]
        found = []
        for mention in self._merged(keys):
            events = self._documents.record(mention.document_id)["events"]
            if 0 <= mention.position[1] < len(events):
                found.append((mention, events[mention.position[1]]))
        return found

    def placed(self, keys: Iterable[MentionKey]) -> dict[MentionKey, StoredMention]:
        known = [key for key in dict.fromkeys(keys) if key in self._corpus.mentions]
        return {mention.key: mention for mention in self._merged(known)}

    def event_mentions(self, event_id: str) -> list[MentionRecord]:
        found = []
        for mention in self._merged(self._corpus.by_event.get(event_id, ())):
            story = self._corpus.stories.get(mention.document_id)
            record = self._documents.record(mention.document_id)
            events = record["events"]
            if story is not None and 0 <= mention.position[1] < len(events):
                found.append(
                    MentionRecord(mention, events[mention.position[1]], record, story.story_id)
                )
        return found

    def all_stories(self) -> dict[str, str]:
        seq = self._documents.seq
        merged = sorted(
            (number, document_id)
            for document_id in self._corpus.stories
            if (number := seq(document_id)) is not None and document_id not in self._corpus.pending
        )
        return {key: self._corpus.stories[key].story_id for _, key in merged}

    def all_mentions(self) -> list[StoredMention]:
        return self._merged(self._corpus.mentions)

    def write(self, changes: IndexChanges) -> None:
        if not self._writable:
            raise StoreError(
                Errors.E202.format(document_id="(corpus)", reason="the index was opened to read")
            )
        self.changes.append(changes)

    def _merged(self, keys: Iterable[MentionKey]) -> list[StoredMention]:
        """These mentions, of merged documents only, in position order."""
        found = []
        for key in keys:
            placed = self._corpus.mentions[key]
            seq = self._documents.seq(key[0])
            if seq is None or key[0] in self._corpus.pending or placed.ordinal is None:
                continue
            position = (seq, placed.ordinal)
            found.append(StoredMention(key[0], key[1], placed.corpus_event, position, placed.link))
        return sorted(found, key=lambda mention: mention.position)


def apply(corpus: MemoryCorpus, changes: IndexChanges) -> None:
    """Apply what a pass wrote to the tables (as `SqlCorpusTables.write` does)."""
    for document_id, (seq, story, keys) in changes.stories.items():
        if document_id not in corpus.stories:
            corpus.stories[document_id] = story
            corpus.story_documents.setdefault(story.story_id, []).append(document_id)
        for key in keys:
            corpus.bands.setdefault(key, set()).add(seq)
    for document_id in changes.merged:
        corpus.pending.pop(document_id, None)
    for mention in changes.mentions:
        corpus.put(mention.key, Placed(mention.corpus_event, mention.position[1], mention.link))
    corpus.events.update(changes.events)
    gone = changes.removed | changes.reblocked
    if gone:
        for block, entries in corpus.blocks.items():
            corpus.blocks[block] = [entry for entry in entries if entry.corpus_event not in gone]
    for event_id in changes.removed:
        corpus.events.pop(event_id, None)
    for entry in changes.blocks:
        if entry.corpus_event not in changes.removed:
            corpus.blocks.setdefault(entry.block, []).append(entry)
    corpus.stale -= changes.repaired
