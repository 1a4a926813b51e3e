"""An Extraction flattened into the rows every backend stores.

Each record is kept whole as JSON (so reading it back is lossless) beside the few columns
queries filter on. Both backends build their rows here and filter on the same keys, which
is what makes the in-memory store behave exactly like the SQL one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quipu.records import Actor, DateSpan, Extraction


def column_value(value: str) -> str:
    """Return a string as a filter column holds it: without NUL characters.

    PostgreSQL text cannot hold NUL and SQLite's LIKE stops at one; filter columns are
    derived from the record (kept whole as JSON), so dropping NUL there loses nothing.
    """
    return value.replace("\x00", "")


def type_key(value: str) -> str:
    """Return the form of a PLOVER type that filters compare (upper case)."""
    return column_value(value).upper()


def certainty_key(value: str) -> str:
    """Return the form of a certainty label that filters compare (lower case)."""
    return column_value(value).lower()


def text_key(value: str) -> str:
    """Return the form of an actor name or text that substring filters compare."""
    return column_value(value).casefold()


def encode_record(record: dict[str, Any]) -> str:
    """Return one record as JSON text, refusing what JSON or UTF-8 cannot carry.

    Raises:
        ValueError: for NaN or infinite numbers and for unpaired surrogates.
        TypeError: for values JSON has no form for.
    """
    text = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # Every backend must refuse the same records: SQLite and PostgreSQL reject text that is
    # not valid UTF-8, so the in-memory store has to as well.
    text.encode("utf-8")
    return text


def decode_record(text: str) -> dict[str, Any]:
    """Return a record stored by `encode_record`."""
    record: dict[str, Any] = json.loads(text)
    return record


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One document's rows, table by table, ready to insert."""

    document: dict[str, Any]
    events: list[dict[str, Any]]
    counts: list[dict[str, Any]]
    stances: list[dict[str, Any]]
    places: list[dict[str, Any]]


def flatten(
    extraction: Extraction, *, pipeline_version: str, ingested_at: dt.datetime
) -> DocumentRows:
    """Return the rows that store `extraction`.

    Args:
        extraction: the document and its records.
        pipeline_version: the version of the pipeline that produced the records.
        ingested_at: when the document is stored (timezone-aware).

    Returns:
        The document row (with its text) and one row per record, each carrying its
        position in the document (`ordinal`) and its whole record as JSON (`record`).

    Raises:
        ValueError, TypeError: if a record cannot be encoded (see `encode_record`).
    """
    document = extraction.document
    record = extraction.to_dict()
    document_id = document.id
    document_row = {
        **record["document"],
        "published": document.published,
        "text": document.text,
        "pipeline_version": pipeline_version,
        "ingested_at": ingested_at,
    }
    _check_document_strings(document_row)
    events = [
        {
            "document_id": document_id,
            "ordinal": ordinal,
            "event_id": column_value(event.id),
            "type": type_key(event.type),
            "certainty": certainty_key(event.certainty),
            **_span("date", event.date),
            **_actor_keys("actor", event.actor),
            **_actor_keys("recipient", event.recipient),
            "record": encode_record(event_record),
        }
        for ordinal, (event, event_record) in enumerate(
            zip(extraction.events, record["events"], strict=True)
        )
    ]
    counts = [
        {
            "document_id": document_id,
            "ordinal": ordinal,
            "kind": column_value(count.kind),
            "certainty": certainty_key(count.certainty),
            **_span("as_of", count.as_of),
            "record": encode_record(count_record),
        }
        for ordinal, (count, count_record) in enumerate(
            zip(extraction.counts, record["counts"], strict=True)
        )
    ]
    stances = [
        {
            "document_id": document_id,
            "ordinal": ordinal,
            "type": type_key(stance.type),
            "polarity": column_value(stance.polarity),
            "certainty": certainty_key(stance.certainty),
            **_span("date", stance.date),
            "actor_name": text_key(stance.actor.name),
            "recipient_name": text_key(stance.recipient.name),
            "record": encode_record(stance_record),
        }
        for ordinal, (stance, stance_record) in enumerate(
            zip(extraction.stances, record["stances"], strict=True)
        )
    ]
    places = [
        {
            "document_id": document_id,
            "ordinal": ordinal,
            "name": column_value(mention.place.name),
            "country": column_value(mention.place.country),
            "record": encode_record(mention_record),
        }
        for ordinal, (mention, mention_record) in enumerate(
            zip(extraction.places, record["places"], strict=True)
        )
    ]
    return DocumentRows(document_row, events, counts, stances, places)


def document_metadata(row: Mapping[Any, Any]) -> dict[str, Any]:
    """Return the `document` object of record format v1 from a stored document row."""
    published = row["published"]
    return {
        "id": row["id"],
        "source": row["source"],
        "url": row["url"],
        "outlet": row["outlet"],
        "title": row["title"],
        "published": published.isoformat() if published else None,
        "language": row["language"],
        # which pipeline made the document's records (`quipu reprocess` upgrades them)
        "pipeline_version": row["pipeline_version"],
    }


def as_utc(value: dt.datetime) -> dt.datetime:
    """Return a timestamp in UTC, taking one without a zone to be in UTC already.

    SQLite hands timestamps back without a zone; they were written in UTC. A moment whose
    UTC time falls outside years 1-9999 (`0001-01-01T00:00+14:00`) becomes the first or last
    moment there is, which compares with every stored time as it would.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        edge = dt.datetime.min if value.year == dt.MINYEAR else dt.datetime.max
        return edge.replace(tzinfo=dt.UTC)


def utc_isoformat(value: dt.datetime) -> str:
    """Return a stored timestamp as ISO 8601 in UTC."""
    return as_utc(value).isoformat()


def _check_document_strings(row: dict[str, Any]) -> None:
    """Refuse document text and metadata that not every backend can store unchanged.

    Unlike filter columns these are given back as stored, so they cannot be cleaned here
    (the text is also what the document id hashes); ingest removes such characters.

    Raises:
        ValueError: for a NUL character or an unpaired surrogate.
    """
    for name, value in row.items():
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError(f"document {name} contains a NUL character")
            value.encode("utf-8")


def _span(prefix: str, span: DateSpan | None) -> dict[str, dt.date | None]:
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }


def _actor_keys(prefix: str, actor: Actor | None) -> dict[str, str | None]:
    return {
        f"{prefix}_name": text_key(actor.name) if actor else None,
        f"{prefix}_text": text_key(actor.text) if actor else None,
    }
