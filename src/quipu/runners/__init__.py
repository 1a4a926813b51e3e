"""Runners: how a command's documents get extracted (one process, or several), stored and
merged.

`extractor(workers=..., actors=..., places=...)` returns a function from documents to their
extractions, in the order of the documents, whatever the runner: with one worker the
pipeline runs in the calling process (`quipu.nlp.extract_many`); with more, in that many
worker processes (`local.extract_in_processes`); with a scheduler, on a Dask cluster
(`dask.extract_on_dask`). `ingest(paths, store, ...)` and `reprocess(store, ...)`
(`runners.ingest`) run a whole ingest or reprocess with one of them: what `quipu ingest`,
`follow`, `reprocess` and `demo` do, the CLI only parsing arguments and printing.
"""

from __future__ import annotations

from quipu.runners.ingest import (
    IngestTally,
    ReprocessTally,
    RunOptions,
    ingest,
    poll,
    reprocess,
    store_new,
)
from quipu.runners.local import Extractor, extractor

__all__ = [
    "Extractor",
    "IngestTally",
    "ReprocessTally",
    "RunOptions",
    "extractor",
    "ingest",
    "poll",
    "reprocess",
    "store_new",
]
