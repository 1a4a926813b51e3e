"""The corpus as a whole, read from a store: stories, merged events, and export records.

`read_corpus` groups the stored documents into stories (syndicated copies are one) and
merges their events into corpus events, reading each document once in ingest order and
keeping in the store what it worked out, so that the next read compares only what is new,
and obeying the user's corrections of the merge (`corpus.overrides`).
Its records feed `tallies` and `alignments`; `merged_records` turns corpus events into
records that the exporters of `quipu.exports` write like any document's: one record per
corpus event, whose document is its first report with the outlets of every report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from quipu.corpus.merge import CorpusEvent, EventMerger, MergeOptions
from quipu.corpus.overrides import overrides_of
from quipu.corpus.syndication import Signature, StoryIndex
from quipu.store.base import Store, StoredStory
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

    What earlier runs worked out is kept in the store (`Store.corpus_memory`): a document's
    story is restored from its MinHash values, an event merged before rejoins its corpus
    event. Only documents and events new since then are compared, and what they find is
    kept in turn, so reading the corpus again changes nothing and corpus event ids last.

    Args:
        store: an open store.
        merge: also merge events across documents (tallies and alignments need only stories).
        options: merging thresholds.
        remember: keep what was worked out in the store (False: read only, as the
            dashboard does; the next read works it out again).

    Returns:
        The corpus, documents in ingest order.
    """
    memory = store.corpus_memory()
    index = StoryIndex()
    stories: dict[str, str] = {}
    stored_at: dict[str, dt.datetime] = {}
    new_stories: dict[str, StoredStory] = {}
    for document in store.documents():
        document_id = document["id"]
        kept = memory.stories.get(document_id)
        if kept is not None:
            stories[document_id] = index.restore(
                document_id, Signature(kept.story_id, kept.words, kept.minhash)
            )
        else:
            stories[document_id] = index.add(document_id, store.document_text(document_id) or "")
            signature = index.signature(document_id)
            new_stories[document_id] = StoredStory(
                signature.story, signature.words, signature.minhash
            )
        stored_at[document_id] = dt.datetime.fromisoformat(document["ingested_at"])
    records = list(store.extractions())
    events: list[CorpusEvent] = []
    new_mentions: dict[tuple[str, str], str] = {}
    if merge:
        merger = EventMerger(
            options,
            taken=memory.mentions.values(),
            overrides=overrides_of(store.merge_overrides()),
        )
        merged: dict[str, dict[str, str]] = {}
        for (kept_document, event_id), corpus_id in memory.mentions.items():
            merged.setdefault(kept_document, {})[event_id] = corpus_id
        for record in records:
            document_id = record["document"]["id"]
            touched = merger.add(
                record, story_id=stories[document_id], merged=merged.get(document_id, {})
            )
            for corpus_event in touched:
                for mention in corpus_event.mentions:
                    key = (mention.document_id, mention.event_id)
                    if mention.document_id == document_id and key not in memory.mentions:
                        new_mentions[key] = corpus_event.id
        events = merger.events
    if remember and (new_stories or new_mentions):
        store.remember_corpus(stories=new_stories, mentions=new_mentions)
    return Corpus(records=records, stories=stories, stored_at=stored_at, events=events)


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
