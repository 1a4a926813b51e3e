"""JSON Lines files: one report per line, as exported by scrapers and news APIs.

Each line is a JSON object with a `text` string and optionally `id`, `date`, `url`, `title`,
`language` and `outlet` (or `source`, meaning the same). `Document.source` is the line's `id`
when it has one, else `path#LINE` (lines counted from 1). A line of `quipu export --format
jsonl` carries its metadata in a `document` object instead, and is read back as it was.

A file of this kind is a collection, often a large crawl, so it is streamed line by line and
the size limit applies to each line, not to the file. A bad line is reported and skipped;
the lines after it are still read. A file whose name ends in ".gz" is decompressed as it is
read; one cut off or broken part-way is reported (E011) after the lines before the break.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Any

from quipu.errors import Errors, InputError, Warnings
from quipu.ingest.base import (
    COMPRESSION_ERRORS,
    SNIFF_BYTES,
    IngestOptions,
    Metadata,
    compression_reason,
    make_document,
    normalize_language,
    open_binary,
    os_reason,
    parse_date,
    reject_binary,
    shown,
    text_value,
    too_large,
    warn,
)
from quipu.records import Document

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"})
# Bytes read at a time while skipping the rest of an over-long line.
_SKIP_CHUNK = 1 << 20


def iter_jsonl_documents(path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
    """Read a JSON Lines file, yielding a Document per good line and an error per bad one.

    Blank lines are skipped. Errors of single lines are yielded, not raised, so that the
    caller can report them and go on with the next line.

    Args:
        path: the file.
        options: the size limit for one line and a forced language.

    Yields:
        A Document, or an InputError (E005 line too long, E007 not a JSON object with a
        text, E002 empty text) for a line that cannot be read.

    Raises:
        InputError: for the whole file: E001 missing, E003 binary, E002 no lines, E011 a
            broken gzip file or any other operating-system refusal.
    """
    try:
        with open_binary(path) as stream:
            reject_binary(stream.read(SNIFF_BYTES), path=path)
            stream.seek(0)
            read_any = False
            for line in _lines(stream, limit=options.max_bytes):
                if line.raw is None:
                    size = _skip_line(stream) + options.max_bytes + 1
                    yield InputError(too_large(f"{path}#{line.number}", size, options=options))
                elif line.raw.strip():
                    read_any = True
                    try:
                        yield _document(line.raw, path=path, number=line.number, options=options)
                    except InputError as error:
                        yield error
    except FileNotFoundError as error:
        raise InputError(Errors.E001.format(path=path)) from error
    except COMPRESSION_ERRORS as error:
        reason = compression_reason(error)
        raise InputError(Errors.E011.format(path=path, reason=reason)) from error
    except OSError as error:
        raise InputError(Errors.E011.format(path=path, reason=os_reason(error))) from error
    if not read_any:
        raise InputError(Errors.E002.format(path=path))


@dataclass(frozen=True, slots=True)
class _Line:
    """One numbered line of the file; `raw` is None when the line is over the size limit."""

    number: int
    raw: bytes | None


def _lines(stream: io.BufferedIOBase, *, limit: int) -> Iterator[_Line]:
    for number in count(1):
        # One byte past the limit tells an over-long line without holding all of it.
        raw = stream.readline(limit + 1)
        if not raw:
            return
        too_long = len(raw) > limit and not raw.endswith(b"\n")
        yield _Line(number=number, raw=None if too_long else raw)


def _skip_line(stream: io.BufferedIOBase) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _document(raw: bytes, *, path: str, number: int, options: IngestOptions) -> Document:
    location = f"{path}#{number}"
    record = _record(raw, path=path, number=number)
    exported = record.get("document")
    if isinstance(exported, dict):
        # Quipu's own export: the metadata sits in the record's `document` object
        record = {
            "id": exported.get("source"),
            "date": exported.get("published"),
            **{key: exported.get(key) for key in ("title", "url", "outlet", "language")},
            "text": record["text"],
        }
    published = None
    if record.get("date") is not None:
        published = parse_date(record["date"])
        if published is None:
            warn(Warnings.W003.format(path=location, value=shown(record["date"])))
    metadata = Metadata(
        title=text_value(record.get("title")),
        outlet=text_value(record.get("outlet")) or text_value(record.get("source")),
        url=text_value(record.get("url")),
        published=published,
        language=normalize_language(record.get("language")),
    )
    source = text_value(record.get("id")) or location
    return make_document(
        record["text"], source=source, metadata=metadata, options=options, location=location
    )


def _record(raw: bytes, *, path: str, number: int) -> dict[str, Any]:
    def bad_line(reason: str) -> InputError:
        return InputError(Errors.E007.format(path=path, line=number, reason=reason))

    try:
        # A byte-order mark may open the file, so it is allowed on the first line only.
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as error:
        raise bad_line(
            f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}"
        ) from error
    except json.JSONDecodeError as error:
        message = error.msg.removesuffix(" at")
        raise bad_line(f"invalid JSON at column {error.colno}: {message}") from error
    except RecursionError as error:
        raise bad_line("invalid JSON: nested too deeply") from error
    if not isinstance(record, dict):
        raise bad_line(f"a JSON {_json_kind(record)}, not an object")
    if not isinstance(record.get("text"), str):
        raise bad_line("no 'text' string")
    return record


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "boolean" if isinstance(value, bool) else "number"
