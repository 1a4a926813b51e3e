"""WARC archives, a web crawl's files: every HTML page captured in them, read as a report.

A news crawl (Common Crawl's CC-NEWS, a Heritrix or `wget --warc-file` run) stores each page
as a `response` record: the HTTP headers and body the server sent, under WARC headers that
say which URL was captured and when. Each record whose answer was 200 with an HTML content
type becomes a Document through the HTML reader (`read_html_document`): its source and URL
are the captured URL, and its publication date is the page's own (from its markup), else
the day of the capture (`WARC-Date`). `resource` records holding HTML (a page archived
without its HTTP exchange) are read the same way.

Everything else is skipped without a word, as a crawl is mostly requests, metadata, images,
scripts, redirects and error pages. What cannot be read is reported with the record's
number (counted from 1, in file order): a record the crawler or the end of the file cut
off is E017 and reading goes on; an archive broken at some record (not WARC, bad gzip,
garbled headers) is E016, and the records after the break are not read, since where the
next one starts can no longer be known.

The file is streamed record by record, decompressed on the fly when its name ends in ".gz"
(one gzip member per record, as WARC tools write, or the whole file compressed at once);
the size limit applies to each page, not to the archive.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stderr
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from quipu.errors import Errors, InputError
from quipu.ingest.base import (
    COMPRESSION_ERRORS,
    IngestOptions,
    compression_reason,
    one_line,
    open_binary,
    os_reason,
    parse_date,
    too_large,
)
from quipu.ingest.html import read_html_document
from quipu.records import Document

WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The record types of WARC 1.0 and 1.1; anything else means the file is not what it claims.
WARC_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)
# The records that hold a captured page; requests, metadata, revisits and the rest do not.
_PAGE_RECORDS = frozenset({"response", "resource"})


def iter_warc_documents(path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
    """Read a WARC file, yielding a Document per HTML page captured in it.

    Args:
        path: the file, compressed with gzip when its name ends in ".gz".
        options: the size limit for one page and a forced language.

    Yields:
        A Document per readable HTML page, or an InputError for a record that cannot be
        read: E005 a page over the size limit, E006 a page without article text, E017 a
        truncated record, E016 a broken archive (the last thing yielded for the file).

    Raises:
        InputError: E001 missing, E011 any other operating-system refusal to open it,
            E002 a file without a single record.
    """
    try:
        stream = open_binary(path)
    except FileNotFoundError as error:
        raise InputError(Errors.E001.format(path=path)) from error
    except OSError as error:
        raise InputError(Errors.E011.format(path=path, reason=os_reason(error))) from error
    with stream:
        records = iter(ArchiveIterator(_Guarded(stream)))
        number = 0
        while True:
            number += 1
            try:
                # warcio writes its own multi-line notices about bad record lengths to
                # stderr; the numbered error below is what the user is told instead
                with redirect_stderr(io.StringIO()):
                    record = next(records, None)
                    if record is None:
                        break
                    if record.format != "warc":
                        # warcio takes any line of five words for an old ARC record header
                        raise ValueError("not a WARC record")
                    if record.rec_type not in WARC_TYPES:
                        raise ValueError("a record without a known WARC-Type")
                    item = _read_record(record, path=path, number=number, options=options)
            # warcio and the decompressors raise assorted exception types on a broken or
            # hostile archive; any of them means the rest of this file cannot be trusted.
            except Exception as error:
                yield InputError(
                    Errors.E016.format(path=path, record=number, reason=_broken_reason(error))
                )
                return
            if item is not None:
                yield item
    if number == 1:
        raise InputError(Errors.E002.format(path=path))


def _read_record(
    record: Any, *, path: str, number: int, options: IngestOptions
) -> Document | InputError | None:
    """Read one record: a Document, an InputError, or None for a record that is no page."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    headers = record.rec_headers
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None  # DNS answers, redirects, error pages
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    if media_type(content_type) not in HTML_MEDIA_TYPES:
        return None
    url = headers.get_header("WARC-Target-URI") or ""
    location = f"{path}#{number}"
    truncated = headers.get_header("WARC-Truncated")
    if truncated:
        reason = f"the crawler cut it: {one_line(truncated)}"
        return InputError(Errors.E017.format(path=path, record=number, url=url, reason=reason))
    limit = options.max_bytes
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return InputError(too_large(location, max(record.length or 0, len(body)), options=options))
    if getattr(record.raw_stream, "limit", 0) > 0:
        # fewer bytes than the record's Content-Length: the file ends inside it
        reason = "the archive ends inside it"
        return InputError(Errors.E017.format(path=path, record=number, url=url, reason=reason))
    try:
        document = read_html_document(body, source=url or location, options=options)
    except InputError as error:
        return error
    document.url = document.url or url or None
    if document.published is None:
        # the day of the capture: a news crawl fetches an article within a day or so
        document.published = parse_date(headers.get_header("WARC-Date"))
    return document


def media_type(content_type: str | None) -> str:
    """Return the media type of a Content-Type value ("text/html; charset=utf-8" -> "text/html")."""
    return (content_type or "").split(";", 1)[0].strip().lower()


class _BrokenStream(Exception):
    """The archive's gzip stream cannot be read on (see `_Guarded`)."""


class _Guarded:
    """The archive's byte stream, its decompression errors raised as `_BrokenStream`.

    warcio reads an EOFError as the end of the archive, which would make a gzip file cut
    off part-way look complete; raised as another type, the break is reported.
    """

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            # one read of the underlying stream at a time: what was decompressed before a
            # break is handed over, and the break is raised by the next read
            return self._stream.read1(size)
        except COMPRESSION_ERRORS as error:
            raise _BrokenStream(compression_reason(error)) from error

    def tell(self) -> int:
        return self._stream.tell()


def _broken_reason(error: Exception) -> str:
    if isinstance(error, _BrokenStream):
        return str(error)
    if isinstance(error, COMPRESSION_ERRORS):
        return compression_reason(error)
    # warcio's messages run over several lines and quote what it found
    message = one_line(str(error)) or type(error).__name__
    return message if len(message) <= 120 else message[:119] + "…"
