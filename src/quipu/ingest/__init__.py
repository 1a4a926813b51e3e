"""Anything to Document: files, directories and glob patterns read as cleaned reports.

Formats, one module each: plain text and Markdown with YAML front matter (`text.py`), HTML
pages (`html.py`), JSON Lines (`jsonl.py`) and WARC archives (`warc.py`), the last two
gzip-compressed or not. Every format goes through the same clean-up
(`clean.py`) and language detection (`language.py`).

    >>> errors = []
    >>> for document in iter_documents(["reports/"], on_error=errors.append):
    ...     store(document)

Nothing here raises for bad input: every file or line that cannot be read becomes one
numbered `InputError` handed to `on_error`, and reading goes on with the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from quipu.errors import InputError
from quipu.ingest.base import IngestOptions
from quipu.ingest.clean import clean_text
from quipu.ingest.html import HTML_SUFFIXES, read_html_document, read_html_file
from quipu.ingest.jsonl import JSONL_SUFFIXES, iter_jsonl_documents
from quipu.ingest.language import detect_language
from quipu.ingest.paths import expand_paths, format_suffix
from quipu.ingest.text import MARKDOWN_SUFFIXES, read_text_document, read_text_file
from quipu.ingest.warc import WARC_SUFFIXES, iter_warc_documents
from quipu.records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestOptions",
    "clean_text",
    "detect_language",
    "iter_documents",
    "read_html_document",
    "read_text_document",
]


class _Reader(Protocol):
    def __call__(self, path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
        """Read one file into documents, and errors of parts of it."""
        ...


def _read_text(path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
    yield read_text_file(path, options=options)


def _read_html(path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
    yield read_html_file(path, options=options)


_READERS: dict[str, _Reader] = {
    **dict.fromkeys({".txt", ".text", *MARKDOWN_SUFFIXES}, _read_text),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    **dict.fromkeys(JSONL_SUFFIXES, iter_jsonl_documents),
    **dict.fromkeys(WARC_SUFFIXES, iter_warc_documents),
}
SUPPORTED_SUFFIXES = frozenset(_READERS)


def iter_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_error: Callable[[InputError], None],
    options: IngestOptions | None = None,
) -> Iterator[Document]:
    """Read files, directories and glob patterns as Documents, lazily and in order.

    Directories are walked recursively in sorted order, skipping hidden names and suffixes
    that are not in `SUPPORTED_SUFFIXES`; so are the matches of a glob pattern. A file named
    explicitly is read whatever its suffix: an unknown one is read as plain text, and fails
    only if it does not decode as text. A file reached twice is read once.

    Args:
        paths: files, directories and glob patterns (a single one is accepted too).
        on_error: called with one InputError per input that cannot be read (a file, or one
            line of a JSON Lines file); reading then goes on. If it raises, so does this
            iterator, which makes fail-fast a one-line callback.
        options: size limit and forced language; defaults to `IngestOptions()`.

    Yields:
        One Document per report, its text cleaned and its language set or detected.
    """
    options = options or IngestOptions()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[str] = set()
    for path in expand_paths(paths, suffixes=SUPPORTED_SUFFIXES):
        if isinstance(path, InputError):
            on_error(path)
            continue
        identity = os.path.realpath(path)
        if identity in seen:
            continue
        seen.add(identity)
        for item in _read(path, options=options):
            if isinstance(item, InputError):
                on_error(item)
            else:
                yield item


def _read(path: str, *, options: IngestOptions) -> Iterator[Document | InputError]:
    # Only named files get here with an unknown suffix (directory walks skip them).
    reader = _READERS.get(format_suffix(path), _read_text)
    try:
        yield from reader(path, options=options)
    except InputError as error:
        yield error
