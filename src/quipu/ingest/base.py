"""What every input format shares: options, bounded reading, decoding and metadata.

Each format module turns bytes into prose plus `Metadata`; `make_document` then cleans the
prose, settles the language and builds the `Document`, so that every format applies the same
clean-up and the same rules for what counts as empty.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import os
import re
import unicodedata
import warnings
import zlib
from dataclasses import dataclass

from quipu.errors import Errors, InputError, UsageError
from quipu.ingest.clean import clean_text
from quipu.ingest.language import detect_language
from quipu.records import Document

MEGABYTE = 1024 * 1024
# Enough bytes to judge whether a file is text without reading all of it.
SNIFF_BYTES = 8192
# Share of control bytes above which a file without NUL bytes still counts as binary.
MAX_CONTROL_BYTE_SHARE = 0.3
# Legacy single-byte text is mostly ASCII in every language Quipu reads; a cp1252 decoding
# that is not is almost certainly some other encoding or binary data.
MIN_ASCII_SHARE = 0.6
MAX_CONTROL_CHAR_SHARE = 0.01
# What no store keeps as text: NUL (PostgreSQL refuses it) and the halves of a surrogate
# pair left alone, which a JSON `\ud800` escape can produce and UTF-8 cannot encode.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# "miércoles, 21 de diciembre de 2022, 10:30:00 GMT-05:00" and room to spare.
MAX_DATE_CHARS = 64
# Metadata values shown in warnings are cut to this many characters.
_SHOWN_CHARS = 80
_TEXT_CONTROLS = frozenset(b"\t\n\v\f\r")
# What a broken or cut-off gzip stream raises while it is read (BadGzipFile is an OSError).
COMPRESSION_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
_LANGUAGE_NAMES = {
    "english": "en",
    "ingles": "en",
    "inglés": "en",
    "spanish": "es",
    "castellano": "es",
    "espanol": "es",
    "español": "es",
}
_DATEPARSER_SETTINGS = {
    # A missing day or month must not be filled in from today's date: dates are never invented.
    "STRICT_PARSING": True,
    # Relative expressions ("yesterday") have no anchor in metadata, so only absolute ones.
    "PARSERS": ["custom-formats", "absolute-time"],
}


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """How inputs are read.

    Attributes:
        max_megabytes: the largest document read, in megabytes of 1,048,576 bytes. For a
            plain, Markdown or HTML file the limit is on the file; for JSON Lines, where
            one file holds many documents, it is on each line.
        language: a language code ("en", "es") forced on every document; None detects it
            from metadata or the text.
        timeout: seconds one download (a page, a feed) may take, from connecting to its
            last byte; the size limit applies to what is downloaded too.
        allow_private: fetch from private, loopback and other non-public addresses (a
            server on this machine or the local network), which are refused otherwise.
    """

    max_megabytes: float = 5.0
    language: str | None = None
    timeout: float = 20.0
    allow_private: bool = False

    def __post_init__(self) -> None:
        if not (self.max_megabytes > 0 and math.isfinite(self.max_megabytes)):
            reason = f"max_megabytes must be a positive number, not {self.max_megabytes!r}"
            raise UsageError(Errors.E301.format(reason=reason))
        if not (self.timeout > 0 and math.isfinite(self.timeout)):
            reason = f"timeout must be a positive number of seconds, not {self.timeout!r}"
            raise UsageError(Errors.E301.format(reason=reason))

    @property
    def max_bytes(self) -> int:
        """The size limit in bytes."""
        return int(self.max_megabytes * MEGABYTE)


@dataclass(slots=True, kw_only=True)
class Metadata:
    """What a format says about a document besides its text (None when it says nothing)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None


def read_bytes(path: str, *, options: IngestOptions) -> bytes:
    """Read a whole file, refusing it before reading when it is over the size limit.

    Args:
        path: the file, as the user named it or as found in a directory.
        options: supplies the size limit.

    Returns:
        The file's bytes.

    Raises:
        InputError: E001 missing, E005 too large, E002 empty or white space only, E011 any
            other operating-system refusal (permissions, a directory, ...).
    """
    limit = options.max_bytes
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise InputError(too_large(path, size, options=options))
        with open(path, "rb") as stream:
            # Reading one byte past the limit catches files that grow, pipes and devices,
            # whose stat size says nothing.
            data = stream.read(limit + 1)
    except FileNotFoundError as error:
        raise InputError(Errors.E001.format(path=path)) from error
    except OSError as error:
        raise InputError(Errors.E011.format(path=path, reason=os_reason(error))) from error
    if len(data) > limit:
        raise InputError(too_large(path, len(data), options=options))
    if not data.strip():
        raise InputError(Errors.E002.format(path=path))
    return data


def open_binary(path: str) -> io.BufferedIOBase:
    """Open a file to read its bytes, decompressed on the fly when its name ends in ".gz".

    A compressed file is read as a stream, never whole, so that a crawl of many gigabytes
    takes no more memory than a plain one. Reading a broken or cut-off gzip file raises one
    of `COMPRESSION_ERRORS`; `compression_reason` words it for a message.

    Raises:
        OSError: when the file cannot be opened.
    """
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")
    return open(path, "rb")


def compression_reason(error: BaseException) -> str:
    """Return why a gzip stream could not be read, for a one-line message."""
    if isinstance(error, EOFError):
        return "the gzip file is cut off before its end"
    return one_line(f"broken gzip compression: {error}")


def reject_binary(data: bytes, *, path: str) -> None:
    """Raise E003 when `data` looks like a binary file rather than text.

    Binary means a NUL byte in the first 8 KB (text encodings other than UTF-16/32 never
    contain one) or mostly control bytes there.
    """
    head = data[:SNIFF_BYTES]
    controls = sum(1 for byte in head if (byte < 32 and byte not in _TEXT_CONTROLS) or byte == 127)
    if b"\x00" in head or controls > len(head) * MAX_CONTROL_BYTE_SHARE:
        raise InputError(Errors.E003.format(path=path))


def decode_text(data: bytes, *, path: str) -> str:
    """Decode the bytes of a text file.

    UTF-8 (with or without a byte-order mark) is tried first, and UTF-16 when a byte-order
    mark announces it. Otherwise cp1252 is tried, and kept only when the result is clearly
    text: almost no control characters and mostly ASCII. cp1252 also covers latin-1, which
    differs only in 0x80-0x9F, control codes that real latin-1 text never contains.

    Args:
        data: the file's bytes.
        path: named in errors.

    Returns:
        The text.

    Raises:
        InputError: E003 when the bytes look binary, E004 when no encoding fits.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(Errors.E004.format(path=path, reason=str(error))) from error
    reject_binary(data, path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _clearly_text(text):
            return text
        reason = (
            f"not UTF-8: byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start},"
            " and not clearly cp1252 or latin-1 text"
        )
        raise InputError(Errors.E004.format(path=path, reason=reason)) from utf8_error


def parse_date(value: object) -> dt.date | None:
    """Return the calendar date `value` names, or None when it does not name exactly one day.

    Accepts a date, a datetime, an ISO 8601 string or an absolute English or Spanish date
    ("21 December 2022", "21 de diciembre de 2022"); a month alone or "yesterday" is None.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) > MAX_DATE_CHARS:
        # no way of writing a day is this long; Python's ISO reader takes any run of digits
        # for one ("1111…" is 1111-11-11) and dateparser spends seconds on such a string
        return None
    if text[0] in "+-":
        # a signed year ("-0001-01-01", "+99999-01-01"): dateparser drops the sign and
        # reads "-5-01-01" as 1 May 2001
        return None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass  # not ISO 8601; dateparser below reads the written-out forms
    import dateparser  # imported here: it is slow to load and most dates are ISO

    parsed = dateparser.parse(text, languages=["en", "es"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def normalize_language(value: object) -> str | None:
    """Return a lower-case ISO 639-1 style code for a language value ("es-PE" -> "es").

    English and Spanish names are understood too; any other non-empty value keeps its first
    subtag, so that an unsupported language is reported by the pipeline, not hidden here.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_NAMES.get(code, code)


def text_value(value: object) -> str | None:
    """Return a metadata value as stripped text, or None when it is missing or not scalar."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


def shown(value: object) -> str:
    """Return a metadata value as a warning shows it: on one line, cut to 80 characters."""
    text = one_line(str(value))
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def storable(text: str) -> str:
    """Return `text` without the characters no store keeps (NUL, unpaired surrogates)."""
    return _UNSTORABLE.sub("", text)


def warn(message: str) -> None:
    """Report a numbered warning (never fatal) through Python's warnings machinery."""
    warnings.warn(message, UserWarning, stacklevel=3)


def make_document(
    text: str,
    *,
    source: str,
    metadata: Metadata,
    options: IngestOptions,
    location: str | None = None,
) -> Document:
    """Clean `text` and build its Document.

    Args:
        text: the prose of the document, paragraphs separated by blank lines.
        source: where it came from (a path, `path#line` or a record id).
        metadata: what the format said about the document.
        options: a forced language, if any.
        location: where to point errors when `source` is not a place (a record id).

    Returns:
        The Document, its language forced, given or detected (None when undetectable).
        NUL characters and unpaired surrogates are removed from its text and metadata.

    Raises:
        InputError: E002 when nothing is left after clean-up. A text of any length under
            the size limit (E005) is read: the pipeline parses a long one in chunks.
    """
    # a record id of NUL alone leaves nothing to name it by but its line
    source = storable(source) or location or source
    for field in ("title", "outlet", "url", "language"):
        value = getattr(metadata, field)
        if value is not None:
            setattr(metadata, field, storable(value) or None)
    cleaned = clean_text(storable(text), title=metadata.title)
    if not cleaned:
        raise InputError(Errors.E002.format(path=location or source))
    language = (
        normalize_language(options.language)
        or normalize_language(metadata.language)
        or detect_language(cleaned)
    )
    return Document(
        text=cleaned,
        source=source,
        url=metadata.url,
        outlet=metadata.outlet,
        title=metadata.title,
        published=metadata.published,
        language=language,
    )


def os_reason(error: OSError) -> str:
    """Return the short reason of an operating-system error ("Permission denied")."""
    return error.strerror or type(error).__name__


def one_line(text: str) -> str:
    """Fold a possibly multi-line message (a YAML or JSON error) onto one line."""
    return " ".join(text.split())


def too_large(location: str, size: int, *, options: IngestOptions) -> str:
    """Return the E005 message for `size` bytes at `location` (a path or `path#line`)."""
    return Errors.E005.format(path=location, size=size / MEGABYTE, limit=options.max_megabytes)


def _clearly_text(text: str) -> bool:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\v\f\r"
    )
    ascii_chars = sum(1 for char in text if char.isascii())
    return (
        controls <= len(text) * MAX_CONTROL_CHAR_SHARE
        and ascii_chars >= len(text) * MIN_ASCII_SHARE
    )
