"""Runners: how a command's documents get extracted (one process, or several).

`extractor(workers=..., actors=..., places=...)` returns a function from documents to their
extractions, in the order of the documents, whatever the runner: `quipu extract`, `ingest`
and `reprocess` call it and store or print what comes back. With one worker the pipeline
runs in the calling process (`quipu.nlp.extract_many`); with more, in that many worker
processes (`local.extract_in_processes`).
"""

from __future__ import annotations

from quipu.runners.local import Extractor, extractor

__all__ = ["Extractor", "extractor"]
