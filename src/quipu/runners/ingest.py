"""Ingest and reprocess: reports extracted by a runner, stored, and merged into the corpus.

`ingest(paths, store, ...)` reads reports (files, folders, globs, feeds and article URLs),
extracts those not stored yet with the runner `RunOptions` names (this process, local worker
processes or a Dask cluster: `runners.extractor`), stores each as it comes, and then merges
what is new into the store's corpus index (`corpus.stored.update_corpus`), reading only what
the new reports may join. A document's id is its content hash, so a stored one needs no
extraction at all, and a run killed at any point and started again redoes nothing and loses
nothing. `reprocess(store, ...)` extracts stored documents again with this pipeline and
replaces their records. The CLI parses arguments and prints; this module orchestrates.

    >>> with open_store("sqlite:///quipu.db") as store:
    ...     tally = ingest(["reports/"], store, on_error=print)
    >>> tally.added, tally.kept
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from quipu.corpus.stored import update_corpus
from quipu.errors import InputError
from quipu.ingest import IngestOptions, iter_documents
from quipu.ingest.follow import FeedFollower
from quipu.nlp import PIPELINE_VERSION
from quipu.records import Document
from quipu.runners.local import Extractor, extractor
from quipu.store.base import Store


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How documents are extracted.

    Args:
        workers: processes to extract in (1: this one).
        scheduler: a Dask scheduler's address, or "local" for a LocalCluster of `workers`
            processes started for the run; None for no Dask.
        actors: the user's actor directories (YAML).
        places: the user's place files (YAML or CSV).
    """

    workers: int = 1
    scheduler: str | None = None
    actors: Sequence[str] = ()
    places: Sequence[str] = ()

    def extractor(self) -> Extractor:
        """The runner's function from documents to their extractions, in order."""
        return extractor(
            workers=self.workers,
            actors=self.actors,
            places=self.places,
            scheduler=self.scheduler,
        )


@dataclass(slots=True)
class IngestTally:
    """What an ingest did, counted as it goes (so that an interrupted run still knows):
    documents added, already stored, and skipped (in a language with no pipeline)."""

    added: int = 0
    kept: int = 0
    skipped: int = 0

    def add(self, other: IngestTally) -> None:
        """Count another run's documents too."""
        self.added += other.added
        self.kept += other.kept
        self.skipped += other.skipped


@dataclass(slots=True)
class ReprocessTally:
    """What a reprocess did: documents extracted again, and those left as they were
    (already made by this pipeline)."""

    done: int = 0
    kept: int = 0


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    on_error: Callable[[InputError], None],
    options: IngestOptions | None = None,
    run: RunOptions | None = None,
    on_stored: Callable[[str], None] | None = None,
    tally: IngestTally | None = None,
) -> IngestTally:
    """Extract and store the reports at `paths` not stored yet, and merge them.

    Args:
        paths: files, folders, globs, feed and article URLs (`ingest.iter_documents`).
        store: an open store.
        on_error: hears each input that cannot be read (the rest are read).
        options: how inputs are read (size limit, language, fetching).
        run: how documents are extracted; in this process if None.
        on_stored: hears the id of each document extracted (stored, or found stored).
        tally: counts what is done as it is done (a new one if None).

    Returns:
        The tally.

    Raises:
        StoreError: E202 if a write fails (what was stored before stays stored).
        PipelineError: if the runner cannot run (E105: a scheduler out of reach).
    """
    documents = iter_documents(paths, on_error=on_error, options=options or IngestOptions())
    return store_new(
        store,
        documents,
        extract=(run or RunOptions()).extractor(),
        on_stored=on_stored,
        tally=tally,
    )


def store_new(
    store: Store,
    documents: Iterable[Document],
    *,
    extract: Extractor,
    on_stored: Callable[[str], None] | None = None,
    tally: IngestTally | None = None,
) -> IngestTally:
    """Extract and store the documents not stored yet, then merge what was added into the
    corpus index (`ingest` reads them from paths; `quipu follow` from feeds).

    Args:
        store: an open store.
        documents: the documents read.
        extract: the runner's extractor.
        on_stored: hears each document's id once it is extracted.
        tally: counts what is done as it is done (a new one if None).

    Returns:
        The tally.
    """
    tally = tally if tally is not None else IngestTally()
    read = 0

    def new_documents() -> Iterator[Document]:
        nonlocal read
        for document in documents:
            # The id is the content hash: a stored document needs no extraction at all.
            if store.has_document(document.id):
                tally.kept += 1
                continue
            read += 1
            yield document

    extracted = 0
    for extraction in extract(new_documents()):
        extracted += 1
        if store.add(extraction, pipeline_version=PIPELINE_VERSION):
            tally.added += 1
        else:
            tally.kept += 1
        if on_stored is not None:
            on_stored(extraction.document.id)
    if tally.added:
        # the new reports join their stories and corpus events now, in the store's index;
        # nothing else is read again
        update_corpus(store)
    # documents in a language with no pipeline are skipped (a warning names each)
    tally.skipped = read - extracted
    return tally


def poll(
    follower: FeedFollower,
    *,
    extract: Extractor,
    on_error: Callable[[InputError], None],
    tally: IngestTally | None = None,
) -> IngestTally:
    """One pass over followed feeds (`quipu follow`): what is new in them is extracted,
    stored and merged, and its entries kept as read once stored (`ingest.follow`).

    Args:
        follower: the feeds and the store they feed.
        extract: the runner's extractor.
        on_error: hears each entry or feed that cannot be read.
        tally: counts what is done as it is done (a new one if None).
    """
    tally = store_new(
        follower.store,
        follower.new_documents(on_error=on_error),
        extract=extract,
        on_stored=follower.stored,
        tally=tally,
    )
    follower.finish()
    return tally


def reprocess(
    store: Store,
    *,
    every: bool = False,
    run: RunOptions | None = None,
    on_done: Callable[[str], None] | None = None,
) -> ReprocessTally:
    """Extract stored documents again with this pipeline, replace their records, and merge
    their new events (the corpus events their old ones were in are worked out again).

    Args:
        store: an open store.
        every: also the documents this pipeline version made already.
        run: how documents are extracted; in this process if None.
        on_done: hears each document's id once its records are replaced.

    Returns:
        How many documents were extracted again, and how many were left as they were.

    Raises:
        StoreError: E202 if a write fails (the documents replaced before stay replaced).
    """
    tally = ReprocessTally()

    def stale_documents() -> Iterator[Document]:
        for row in store.documents():
            if row["pipeline_version"] == PIPELINE_VERSION and not every:
                tally.kept += 1
                continue
            published = row.get("published")
            yield Document(
                text=store.document_text(row["id"]) or "",
                source=row["source"],
                url=row.get("url"),
                outlet=row.get("outlet"),
                title=row.get("title"),
                published=dt.date.fromisoformat(published) if published else None,
                language=row.get("language"),
                id=row["id"],
            )

    for extraction in (run or RunOptions()).extractor()(stale_documents()):
        store.replace(extraction, pipeline_version=PIPELINE_VERSION)
        tally.done += 1
        if on_done is not None:
            on_done(extraction.document.id)
    if tally.done:
        update_corpus(store)  # the new events are merged again
    return tally
