"""Quipu: news reports about a political crisis in, a sourced and structured record out.

The Python API in brief::

    from quipu import extract, iter_documents, open_store
    for document in iter_documents(["reports/"], on_error=print):
        record = extract(document)          # an Extraction: events, counts, stances, places
        print(record.to_dict())
"""

from .errors import InputError, PipelineError, QuipuError, StoreError, UsageError
from .evaluate import format_report, load_gold, score_corpus, score_document
from .exports import ACLED_COLUMNS, write_acled_csv, write_jsonl
from .ingest import IngestOptions, iter_documents, read_text_document
from .nlp import PIPELINE_VERSION, build_pipeline, extract
from .records import (
    Actor,
    Count,
    DateSpan,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Stance,
)
from .store import EventQuery, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "ACLED_COLUMNS",
    "PIPELINE_VERSION",
    "Actor",
    "Count",
    "DateSpan",
    "Document",
    "Event",
    "EventQuery",
    "Evidence",
    "Extraction",
    "Figure",
    "IngestOptions",
    "InputError",
    "PipelineError",
    "Place",
    "PlaceMention",
    "QuipuError",
    "Stance",
    "Store",
    "StoreError",
    "UsageError",
    "build_pipeline",
    "extract",
    "format_report",
    "iter_documents",
    "load_gold",
    "open_store",
    "read_text_document",
    "score_corpus",
    "score_document",
    "write_acled_csv",
    "write_jsonl",
]
