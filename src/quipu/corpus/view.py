"""The corpus as a whole, read from a store: stories, merged events, and export records.

`read_corpus` groups the stored documents into stories (syndicated copies are one) and
merges their events into corpus events, reading each document once in ingest order. Its
records feed `tallies` and `alignments`; `merged_records` turns corpus events into records
that the exporters of `quipu.exports` write like any document's: one record per corpus
event, whose document is its first report with the outlets of every report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from quipu.corpus.merge import CorpusEvent, MergeOptions, merge_records
from quipu.corpus.syndication import StoryIndex
from quipu.store.base import Store
from quipu.store.rows import as_utc

Record = dict[str, Any]


@dataclass(slots=True)
class Corpus:
    """Stored documents with their stories and corpus events."""

    records: list[Record]
    stories: dict[str, str]
    stored_at: dict[str, dt.datetime]
    events: list[CorpusEvent]


def read_corpus(store: Store, *, merge: bool = True, options: MergeOptions | None = None) -> Corpus:
    """Read every stored document, group them into stories and (if `merge`) merge events.

    Args:
        store: an open store.
        merge: also merge events across documents (tallies and alignments need only stories).
        options: merging thresholds.

    Returns:
        The corpus, documents in ingest order.
    """
    index = StoryIndex()
    stories: dict[str, str] = {}
    stored_at: dict[str, dt.datetime] = {}
    for document in store.documents():
        stories[document["id"]] = index.add(
            document["id"], store.document_text(document["id"]) or ""
        )
        stored_at[document["id"]] = dt.datetime.fromisoformat(document["ingested_at"])
    records = list(store.extractions())
    events = merge_records(records, stories=stories, options=options) if merge else []
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
