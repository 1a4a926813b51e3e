"""The corpus as a whole, read from a store: stories, merged events, and export records.

`read_corpus` reads the stored documents with the story of each and the corpus events their
events are merged into, as the store's corpus index keeps them (`corpus.stored`): grouping
and merging are done when documents are stored, so reading only reads. It first brings the
index up to date (`remember`), or, for a reader that must not write, merges the documents
still pending in memory for this read alone. Its records feed `tallies` and `alignments`;
`merged_records` turns corpus events into records that the exporters of `quipu.exports`
write like any document's: one record per corpus event, whose document is its first report
with the outlets of every report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from quipu.corpus.events import CorpusEvent, Link
from quipu.corpus.merge import EventMerger, MergeOptions
from quipu.corpus.stored import update_corpus
from quipu.store.base import Store
from quipu.store.corpus import StoredMention
from quipu.store.rows import as_utc

Record = dict[str, Any]


@dataclass(slots=True)
class Corpus:
    """Stored documents with their stories and corpus events."""

    records: list[Record]
    stories: dict[str, str]
    stored_at: dict[str, dt.datetime]
    events: list[CorpusEvent]


def read_corpus(
    store: Store,
    *,
    merge: bool = True,
    options: MergeOptions | None = None,
    remember: bool = True,
) -> Corpus:
    """Read every stored document with its story and (if `merge`) its corpus events.

    Stories and corpus events are the store's (`corpus.stored`): a corpus event keeps its
    id, and reading again changes nothing.

    Args:
        store: an open store.
        merge: also read the corpus events (tallies and alignments need only stories).
        options: merging thresholds, for documents not merged yet.
        remember: first merge the documents stored since the index was last brought up
            to date, and keep what that finds (`update_corpus`); False reads only (as the
            dashboard does), merging such documents in memory for this read.

    Returns:
        The corpus, documents in ingest order.
    """
    options = options or MergeOptions()
    update = update_corpus(store, options=options, write=remember, merge=merge or remember)
    with store.corpus_tables() as tables:
        kept = tables.all_stories()
        mentions = tables.all_mentions() if merge else []
    stored_at = {
        document["id"]: dt.datetime.fromisoformat(document["ingested_at"])
        for document in store.documents()
    }
    records = [record for record in store.extractions() if record["document"]["id"] in stored_at]
    stories = _stories([record["document"]["id"] for record in records], kept, update.stories)
    events: list[CorpusEvent] = []
    if merge:
        events = corpus_events(records, stories, [*mentions, *update.mentions], options=options)
    return Corpus(records=records, stories=stories, stored_at=stored_at, events=events)


def read_stories(store: Store, *, remember: bool = True) -> dict[str, str]:
    """Each stored document's story id, in ingest order: what tallies and alignments need
    besides the records, which the caller can then read a page at a time
    (`Store.extractions`) rather than all at once.

    Args:
        store: an open store.
        remember: as for `read_corpus`.
    """
    update = update_corpus(store, write=remember, merge=remember)
    with store.corpus_tables() as tables:
        kept = tables.all_stories()
    return _stories([document["id"] for document in store.documents()], kept, update.stories)


def _stories(ids: list[str], kept: dict[str, str], pending: dict[str, str]) -> dict[str, str]:
    """Each document's story: kept in the index, or found for this read; a document stored
    after the index was read is a story of its own, for this read."""
    return {key: pending.get(key) or kept.get(key, key) for key in ids}


def corpus_events(
    records: Iterable[Record],
    stories: Mapping[str, str],
    mentions: Iterable[StoredMention],
    *,
    options: MergeOptions | None = None,
) -> list[CorpusEvent]:
    """Build the corpus events that stored mentions are in, from their documents' records.

    Args:
        records: record-format lines of the stored documents.
        stories: document id → story id.
        mentions: where each mention is merged (the last word on a mention wins).
        options: how mentions are read (their dates' margins, the type families).

    Returns:
        The corpus events in the order of their first mention (document, then position in
        it), each with its mentions in that order and how each came in.
    """
    # the merger only reads mentions here: it compares nothing, so needs no sentences
    reader = EventMerger(dataclasses.replace(options or MergeOptions(), sentences=False))
    by_id = {str(record["document"]["id"]): record for record in records}
    latest = {mention.key: mention for mention in mentions}
    events: dict[str, CorpusEvent] = {}
    for stored in sorted(latest.values(), key=lambda mention: mention.position):
        record = by_id.get(stored.document_id)
        told = (record or {}).get("events") or []
        ordinal = stored.position[1]
        if record is None or not 0 <= ordinal < len(told):
            continue
        mention = reader.mention(
            told[ordinal],
            record,
            story_id=stories.get(stored.document_id, stored.document_id),
            position=stored.position,
        )
        event = events.get(stored.corpus_event)
        if event is None:
            event = CorpusEvent(id=stored.corpus_event, family=reader.family(mention.event))
            events[event.id] = event
        event.absorb(mention, Link.from_dict(stored.link) if event.profile.count else None)
    return list(events.values())


def merged_records(corpus: Corpus, *, since: dt.datetime | None = None) -> Iterator[Record]:
    """Yield one export record per corpus event: {"document": …, "events": [event]}.

    The event is `CorpusEvent.to_dict()` (record format plus `mentions`, `sources`,
    `first_reported` and reconciled `figures`); the document is its first report's, with
    `outlet` listing every report's outlet.

    Args:
        corpus: as from `read_corpus`.
        since: keep only corpus events that a document stored at or after this moment
            touched (what changed); None keeps all.
    """
    documents = {record["document"]["id"]: record["document"] for record in corpus.records}
    after = as_utc(since) if since is not None else None
    for event in corpus.events:
        if after is not None and all(
            corpus.stored_at[m.document_id] < after for m in event.mentions
        ):
            continue
        first = documents[event.first.document_id]
        outlets = dict.fromkeys(
            documents[m.document_id].get("outlet") or "" for m in event.mentions
        )
        document = {**first, "outlet": "; ".join(outlet for outlet in outlets if outlet) or None}
        yield {"document": document, "events": [event.to_dict()]}
