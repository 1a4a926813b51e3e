"""Anything to Document: files, directories and glob patterns read as cleaned reports.

Formats, one module each: plain text and Markdown with YAML front matter (`text.py`), HTML
pages (`html.py`), JSON Lines (`jsonl.py`) and WARC archives (`warc.py`), the last two
gzip-compressed or not, and RSS and Atom feeds (`feeds.py`), whose entries' pages are
fetched from the web like the URLs a user names (`fetch.py`: the rules every download
obeys). Every format goes through the same clean-up
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
from quipu.ingest.feeds import (
    FEED_SUFFIXES,
    NAMED_FEED_SUFFIXES,
    is_url,
    iter_feed_file_documents,
    iter_url_documents,
)
from quipu.ingest.fetch import FetchOptions, Web
from quipu.ingest.html import HTML_SUFFIXES, read_html_document, read_html_file
from quipu.ingest.jsonl import JSONL_SUFFIXES, iter_jsonl_documents
from quipu.ingest.language import detect_language
from quipu.ingest.paths import expand_paths, format_suffix
from quipu.ingest.text import MARKDOWN_SUFFIXES, read_text_document, read_text_file
from quipu.ingest.warc import WARC_SUFFIXES, iter_warc_documents
from quipu.records import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FetchOptions",
    "IngestOptions",
    "Web",
    "clean_text",
    "detect_language",
    "fetch_options",
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
# Feed files are read apart from the others: their entries' links are fetched.
SUPPORTED_SUFFIXES = frozenset(_READERS) | FEED_SUFFIXES


def fetch_options(options: IngestOptions) -> FetchOptions:
    """Return the download limits that go with `options` (the same size limit)."""
    return FetchOptions(
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        allow_private=options.allow_private,
    )


def iter_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_error: Callable[[InputError], None],
    options: IngestOptions | None = None,
    web: Web | None = None,
) -> Iterator[Document]:
    """Read files, directories, glob patterns and URLs as Documents, lazily and in order.

    Directories are walked recursively in sorted order, skipping hidden names and suffixes
    that are not in `SUPPORTED_SUFFIXES`; so are the matches of a glob pattern. A file named
    explicitly is read whatever its suffix: an unknown one is read as plain text, and fails
    only if it does not decode as text; ".xml" is read as a feed. A file reached twice is
    read once, and so is a URL.

    A URL ("https://…") is fetched (see `fetch.Web` for the rules) and read as a feed, an
    HTML page or text; the entries of a feed, given as a file or a URL, are read from
    their content or fetched from their links (`feeds.entry_document`). Nothing is
    fetched for any other input.

    Args:
        paths: files, directories, glob patterns and URLs (a single one is accepted too).
        on_error: called with one InputError per input that cannot be read (a file, a URL,
            a feed entry, one line of a JSON Lines file, one record of a WARC file);
            reading then goes on. If it raises, so does this iterator, which makes
            fail-fast a one-line callback.
        options: size and time limits, addresses allowed, forced language; defaults to
            `IngestOptions()`.
        web: what downloads go through; None makes one over the network from `options`
            when the first download is needed, and closes it at the end.

    Yields:
        One Document per report, its text cleaned and its language set or detected.
    """
    options = options or IngestOptions()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    made: list[Web] = []

    def the_web() -> Web:
        if web is not None:
            return web
        if not made:
            made.append(Web(options=fetch_options(options)))
        return made[0]

    seen: set[str] = set()
    try:
        for given in paths:
            name = os.fspath(given)
            if is_url(name) and not os.path.lexists(name):
                if name not in seen:
                    seen.add(name)
                    yield from _report(_read_url(name, web=the_web, options=options), on_error)
                continue
            for path in expand_paths([name], suffixes=SUPPORTED_SUFFIXES):
                if isinstance(path, InputError):
                    on_error(path)
                    continue
                identity = os.path.realpath(path)
                if identity in seen:
                    continue
                seen.add(identity)
                yield from _report(_read(path, web=the_web, options=options), on_error)
    finally:
        for made_web in made:
            made_web.close()


def _report(
    items: Iterator[Document | InputError], on_error: Callable[[InputError], None]
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def _read(
    path: str, *, web: Callable[[], Web], options: IngestOptions
) -> Iterator[Document | InputError]:
    suffix = format_suffix(path)
    try:
        if suffix in FEED_SUFFIXES or suffix in NAMED_FEED_SUFFIXES:
            yield from iter_feed_file_documents(path, web=web(), options=options)
        else:
            # Only named files get here with an unknown suffix (directory walks skip them).
            yield from _READERS.get(suffix, _read_text)(path, options=options)
    except InputError as error:
        yield error


def _read_url(
    url: str, *, web: Callable[[], Web], options: IngestOptions
) -> Iterator[Document | InputError]:
    try:
        yield from iter_url_documents(url, web=web(), options=options)
    except InputError as error:
        yield error
