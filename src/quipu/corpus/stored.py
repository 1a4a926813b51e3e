"""The corpus index kept in a store, brought up to date by what changed.

`update_corpus` merges the documents stored since it last ran (`Store.add` leaves each
pending), and works out again the corpus events a new extraction or a user's correction
changed (stale). It reads only what those may join: each new document's reprints by the
keys of its MinHash bands, each mention's candidates by its blocks (type family, country,
week), a story's earlier tellings, and the profiles of the corpus events found there
(`store/corpus.py`). So adding ten reports costs about the same with a hundred thousand
stored as with none. What a pass worked out is written in the transaction it read in,
which holds the index's lock: one writer at a time, a batch of documents each.

A reader that must not write (the dashboard, `quipu export`) calls it with `write=False`:
documents still pending are then merged in memory against the stored index, and what that
would write comes back (`CorpusUpdate`) for the reader's view, the store untouched.

`StoreIndex` is the merger's index (`corpus.index`) on a store's tables: a stored corpus
event is loaded with its profile and none of its mentions (`corpus.events.CorpusEvent`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from quipu.corpus.events import Block, CorpusEvent, Link, Mention, MentionKey, Profile
from quipu.corpus.features import Sentences
from quipu.corpus.index import MergeIndex, Telling, last_number, numbered
from quipu.corpus.merge import EventMerger, MergeOptions
from quipu.corpus.overrides import Overrides, overrides_of
from quipu.corpus.syndication import (
    THRESHOLD,
    band_keys,
    closest_story,
    minhash_values,
    values_bytes,
    values_of,
)
from quipu.corpus.values import fold
from quipu.store.base import Store, StoredStory
from quipu.store.corpus import (
    BlockEntry,
    CorpusTables,
    EventRow,
    IndexChanges,
    PendingDocument,
    StoredMention,
)

# Documents merged per transaction: the index stays locked that long.
BATCH = 100
# Sentence vectors kept between batches at most (about 1.5 kB each).
_SENTENCES_KEPT = 20_000
# Corpus events kept loaded between batches at most (a few kB each, with their places).
_EVENTS_KEPT = 100_000


@dataclass(slots=True)
class CorpusUpdate:
    """What bringing the corpus index up to date did, or (not written) would do.

    Args:
        documents: documents merged.
        repaired: stale corpus events worked out again.
        stories: document id → story id of the documents merged (when not written).
        mentions: where their mentions went (when not written), the last word on each.
    """

    documents: int = 0
    repaired: int = 0
    stories: dict[str, str] = field(default_factory=dict)
    mentions: list[StoredMention] = field(default_factory=list)


def update_corpus(
    store: Store,
    *,
    options: MergeOptions | None = None,
    write: bool = True,
    merge: bool = True,
) -> CorpusUpdate:
    """Merge the documents pending in the store's corpus index and work out again its stale
    corpus events, reading only what they may join.

    Args:
        store: an open store.
        options: merging thresholds.
        write: keep what was worked out in the store, a batch of documents per transaction;
            False reads only and returns it (`CorpusUpdate.stories` and `.mentions`).
        merge: also merge events (False: stories only, and only when not writing).

    Returns:
        What was done.

    Raises:
        StoreError: E202 if a write fails (the batches written before it stay written),
            E204 if a read does.
    """
    options = options or MergeOptions()
    overrides = overrides_of(store.merge_overrides())
    sentences = Sentences() if options.sentences and merge else None
    update = CorpusUpdate()
    if not write:
        with store.corpus_tables() as tables:
            merger = _merger(tables, options, overrides, sentences)
            if merge:
                update.repaired = _repair(tables, merger)
            _merge_pending(tables.pending(), merger, merge=merge)
            changes = merger.index.finish() if isinstance(merger.index, StoreIndex) else None
        if changes is not None:
            update.documents = len(changes.merged)
            update.stories = {key: kept[1].story_id for key, kept in changes.stories.items()}
            update.mentions = list({m.key: m for m in changes.mentions}.values())
        return update
    with store.corpus_tables() as tables:
        stale = bool(tables.stale())
        pending = bool(tables.pending(limit=1))
    if stale:
        with store.corpus_tables(write=True) as tables:
            merger = _merger(tables, options, overrides, sentences)
            update.repaired = _repair(tables, merger)
            tables.write(_finish(merger))
    index: StoreIndex | None = None
    seen = -1
    while pending:
        with store.corpus_tables(write=True) as tables:
            batch = tables.pending(limit=BATCH)
            if batch:
                if sentences is not None and len(sentences) > _SENTENCES_KEPT:
                    sentences = Sentences()
                # What the last batch loaded and wrote is the index as it stands, unless
                # another writer wrote in between: then it is read again.
                generation = tables.generation()
                if index is None or generation != seen + 1 or index.loaded > _EVENTS_KEPT:
                    index = StoreIndex(tables, overrides=overrides)
                else:
                    index.rebind(tables)
                seen = generation
                merger = EventMerger(options, overrides=overrides, index=index, sentences=sentences)
                _merge_pending(batch, merger, merge=True)
                tables.write(index.finish())
        update.documents += len(batch)
        pending = len(batch) == BATCH
    return update


def _merger(
    tables: CorpusTables,
    options: MergeOptions,
    overrides: Overrides,
    sentences: Sentences | None,
) -> EventMerger:
    index = StoreIndex(tables, overrides=overrides)
    return EventMerger(options, overrides=overrides, index=index, sentences=sentences)


def _finish(merger: EventMerger) -> IndexChanges:
    index = merger.index
    if not isinstance(index, StoreIndex):  # pragma: no cover - `_merger` makes one
        raise TypeError("not a store's index")
    return index.finish()


def _repair(tables: CorpusTables, merger: EventMerger) -> int:
    """Work out the stale corpus events again from the mentions they hold now, in order;
    those left without any go. Returns how many were stale."""
    index = merger.index
    if not isinstance(index, StoreIndex):  # pragma: no cover - `_merger` makes one
        raise TypeError("not a store's index")
    stale = tables.stale()
    for event_id in stale:
        rows = tables.event_mentions(event_id)
        if not rows:
            index.remove(event_id)
            continue
        event = CorpusEvent(id=event_id, family=merger.family(rows[0].event))
        index.reblock(event)
        merger.replay(
            event,
            [
                (
                    merger.mention(
                        row.event,
                        row.record,
                        story_id=row.story_id,
                        position=row.mention.position,
                    ),
                    Link.from_dict(row.mention.link),
                )
                for row in rows
            ],
        )
    index.changes.repaired.update(stale)
    return len(stale)


def _merge_pending(
    documents: Sequence[PendingDocument], merger: EventMerger, *, merge: bool
) -> None:
    """Find the stories of pending documents and (if `merge`) merge their events, in order."""
    index = merger.index
    if not isinstance(index, StoreIndex):  # pragma: no cover - `_merger` makes one
        raise TypeError("not a store's index")
    for document in documents:
        story = index.story_of(document)
        if merge:
            merger.add(
                document.record,
                story_id=story.story_id,
                merged=document.known,
                seq=document.seq,
            )
        index.changes.merged.append(str(document.record["document"]["id"]))


def _named(overrides: Overrides) -> set[MentionKey]:
    """The mentions the user's corrections name."""
    named = {*overrides.groups, *overrides.apart}
    named.update(key for keys in overrides.apart.values() for key in keys)
    return named


class StoreIndex(MergeIndex):
    """The merger's index on a store's corpus tables, read as merging asks and keeping
    what this pass adds until it is written (`finish`).

    Args:
        tables: the corpus index, open in a transaction.
        overrides: the user's corrections: where the mentions they name are stored is
            read once, so that an event loaded is known to hold them.
    """

    def __init__(self, tables: CorpusTables, *, overrides: Overrides) -> None:
        super().__init__()
        self._tables = tables
        self._overrides = overrides
        self._loaded: dict[str, CorpusEvent | None] = {}
        # (block, region or None for all) → the stored places there, in position order
        self._stored_blocks: dict[tuple[Block, str | None], list[BlockEntry]] = {}
        # places made by this pass, after the stored ones of each block
        self._new_blocks: dict[Block, list[tuple[str, CorpusEvent]]] = {}
        self._buckets: dict[tuple[Block, str | None], dict[str, list[CorpusEvent]]] = {}
        self._built: dict[Block, list[str | None]] = {}  # the regions of each block built
        self._tellings: dict[str, list[tuple[Telling, CorpusEvent]]] = {}
        self._grouped: dict[str, CorpusEvent] = {}
        self._reblocked: set[str] = set()
        self._changed: dict[str, CorpusEvent] = {}
        self._last_number = tables.last_number()
        named = _named(overrides)
        self._placed = tables.placed(named) if named else {}
        self._held: dict[str, set[MentionKey]] = {}
        for key, mention in self._placed.items():
            self._held.setdefault(mention.corpus_event, set()).add(key)
        # documents' story signatures of this pass: band key → (seq, document id, story)
        self._bands: dict[int, list[tuple[int, str, StoredStory]]] = {}
        self.changes = IndexChanges()

    # -- stories ------------------------------------------------------------------------

    def story_of(self, document: PendingDocument) -> StoredStory:
        """A pending document's story: the one kept before, else that of the most similar
        earlier document sharing a band key (stored, or of this pass), else its own.
        Kept with its band keys in `changes`."""
        document_id = str(document.record["document"]["id"])
        if document.story is not None:
            story = document.story
            values = values_of(story.minhash) if story.minhash is not None else None
            keys = band_keys(values) if values is not None else []
        else:
            words, values = minhash_values(document.text)
            keys = band_keys(values) if values is not None else []
            story_id = document_id
            if values is not None:
                found = {
                    match.seq: (match.story, match.seq)
                    for match in self._tables.story_matches(keys, before=document.seq)
                }
                for key in keys:
                    for seq, _, earlier in self._bands.get(key, ()):
                        if seq < document.seq:
                            found.setdefault(seq, (earlier, seq))
                candidates = (
                    (seq, earlier.story_id, earlier.words, values_of(earlier.minhash))
                    for earlier, seq in found.values()
                    if earlier.minhash is not None
                )
                story_id = closest_story(values, words, candidates, threshold=THRESHOLD) or (
                    document_id
                )
            minhash = values_bytes(values) if values is not None else None
            story = StoredStory(story_id, words, minhash)
            if story_id == document_id:
                # a story it starts: no stored document tells it yet
                self._tellings.setdefault(story_id, [])
        for key in keys:
            self._bands.setdefault(key, []).append((document.seq, document_id, story))
        self.changes.stories[document_id] = (document.seq, story, keys)
        return story

    # -- the merger's index -------------------------------------------------------------

    def prefetch(self, wanted: Iterable[tuple[Block, str | None]]) -> None:
        missing = [
            (block, region)
            for block, region in dict.fromkeys(wanted)
            if (block, None) not in self._stored_blocks
            and (block, region) not in self._stored_blocks
        ]
        if not missing:
            return
        regions: dict[Block, list[str | None]] = {}
        for block, region in missing:
            self._stored_blocks[(block, region)] = []
            regions.setdefault(block, []).append(region)
        entries = self._tables.blocks(missing)
        for entry in entries:
            for region in regions.get(entry.block, ()):
                # a country-level place is in every region's answer
                if region is None or entry.region in (region, ""):
                    self._stored_blocks[(entry.block, region)].append(entry)
        self._load(entry.corpus_event for entry in entries)

    def near(
        self, block: Block, *, region: str | None = None
    ) -> Mapping[str, Sequence[CorpusEvent]]:
        key = (block, None) if (block, None) in self._stored_blocks else (block, region)
        bucket = self._buckets.get(key)
        if bucket is None:
            self.prefetch([key])
            bucket = {}
            for entry in self._stored_blocks[key]:
                event = self._loaded.get(entry.corpus_event)
                if event is not None and entry.corpus_event not in self._reblocked:
                    bucket.setdefault(entry.region, []).append(event)
            for placed, event in self._new_blocks.get(block, []):
                if key[1] is None or placed in (key[1], ""):
                    bucket.setdefault(placed, []).append(event)
            self._buckets[key] = bucket
            self._built.setdefault(block, []).append(key[1])
        return bucket

    def place(self, block: Block, region: str, event: CorpusEvent, *, mention: Mention) -> None:
        self._new_blocks.setdefault(block, []).append((region, event))
        for wanted in self._built.get(block, ()):
            if wanted is None or region in (wanted, ""):
                self._buckets[(block, wanted)].setdefault(region, []).append(event)
        self.changes.blocks.append(BlockEntry(block, region, event.id, mention.position))
        self._changed[event.id] = event

    def tellings(self, story: str) -> Sequence[tuple[Telling, CorpusEvent]]:
        return self._story_tellings(story)

    def keep(self, mention: Mention, telling: Telling, event: CorpusEvent) -> None:
        self._story_tellings(telling[0]).append((telling, event))
        link = event.links.get(mention.key)
        self.changes.mentions.append(
            StoredMention(
                mention.document_id,
                mention.event_id,
                event.id,
                mention.position,
                link.to_dict() if link is not None else None,
            )
        )
        self._changed[event.id] = event

    def event(self, event_id: str) -> CorpusEvent | None:
        self._load([event_id])
        return self._loaded[event_id]

    def new_event(self, event_id: str | None, *, family: str) -> CorpusEvent:
        event_id, self._last_number = numbered(event_id, self._last_number)
        event = CorpusEvent(id=event_id, family=family, held=set(self._held.get(event_id, ())))
        self._loaded[event_id] = event
        self.events.append(event)
        self._changed[event_id] = event
        return event

    def grouped(self, group: str) -> CorpusEvent | None:
        if group not in self._grouped:
            # the event of the group's first mention merged before, if any is
            stored = [
                mention
                for key, mention in self._placed.items()
                if self._overrides.groups.get(key) == group
            ]
            if stored:
                first = min(stored, key=lambda mention: mention.position)
                event = self.event(first.corpus_event)
                if event is not None:
                    self._grouped[group] = event
        return self._grouped.get(group)

    def group(self, group: str, event: CorpusEvent) -> None:
        if self.grouped(group) is None:
            self._grouped[group] = event

    # -- stale events ---------------------------------------------------------------------

    def reblock(self, event: CorpusEvent) -> None:
        """Take `event` as what a stored corpus event is now, to be placed again from its
        first mention on (its stored places go)."""
        event.held = set(self._held.get(event.id, ()))
        self._loaded[event.id] = event
        self.events.append(event)
        self._reblocked.add(event.id)
        self.changes.reblocked.add(event.id)
        self._changed[event.id] = event
        self._last_number = max(self._last_number, last_number([event.id]))

    def remove(self, event_id: str) -> None:
        """A stored corpus event has no mention left: it goes."""
        self._loaded[event_id] = None
        self.changes.removed.add(event_id)
        self._changed.pop(event_id, None)

    @property
    def loaded(self) -> int:
        """How many corpus events are loaded (or made) and kept."""
        return len(self._loaded)

    def rebind(self, tables: CorpusTables) -> None:
        """Go on in a new transaction, keeping what is loaded: for a writer whose last
        transaction wrote `finish()`, when no one else wrote since (`generation`). The
        events keep their profiles and forget the mentions of this run; places not yet
        read into a block's list are read again, with what was written."""
        self._tables = tables
        self.changes = IndexChanges()
        self._changed = {}
        self._bands = {}  # written: the stored ones are found by their keys now
        self._stored_blocks = {
            key: entries for key, entries in self._stored_blocks.items() if key in self._buckets
        }
        self._new_blocks = {}  # written, and in every list built
        named = _named(self._overrides)
        self._placed = tables.placed(named) if named else {}
        self._held = {}
        for key, mention in self._placed.items():
            self._held.setdefault(mention.corpus_event, set()).add(key)
        self.events = []
        for event in self._loaded.values():
            if event is not None:
                event.mentions.clear()
                event.links.clear()
                event.clear_documents()
                event.held = set(self._held.get(event.id, ()))

    def finish(self) -> IndexChanges:
        """What this pass worked out, to be written (`CorpusTables.write`)."""
        for event_id, event in self._changed.items():
            self.changes.events[event_id] = EventRow(
                event_id, event.family, event.profile.to_json()
            )
        return self.changes

    # -- loading ----------------------------------------------------------------------------

    def _load(self, ids: Iterable[str]) -> None:
        """Load the stored corpus events of these ids not loaded yet, with their profiles."""
        missing = [event_id for event_id in dict.fromkeys(ids) if event_id not in self._loaded]
        if not missing:
            return
        rows = self._tables.events(missing)
        for event_id in missing:
            row = rows.get(event_id)
            if row is None:
                self._loaded[event_id] = None
                continue
            event = CorpusEvent(
                id=row.id,
                family=row.family,
                profile=Profile.from_json(row.profile),
                held=set(self._held.get(row.id, ())),
            )
            self._loaded[event_id] = event
            self.events.append(event)

    def _story_tellings(self, story: str) -> list[tuple[Telling, CorpusEvent]]:
        found = self._tellings.get(story)
        if found is None:
            rows = self._tables.story_mentions(story)
            self._load(mention.corpus_event for mention, _ in rows)
            found = []
            for mention, event in rows:
                corpus_event = self._loaded.get(mention.corpus_event)
                if corpus_event is None:
                    continue
                telling = (
                    story,
                    fold((event.get("evidence") or {}).get("sentence")),
                    str(event.get("type")),
                    str(event.get("mode")),
                )
                found.append((telling, corpus_event))
            self._tellings[story] = found
        return found
