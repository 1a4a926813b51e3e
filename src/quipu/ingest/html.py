"""HTML pages: the article's text, without navigation, footers, comments or scripts.

trafilatura finds the main text and the page's metadata (title, canonical URL, site name,
publication date). It runs in its precision mode, because anything it lets through from the
page's furniture would be parsed as sentences, and a page that is all furniture should be
reported (E006) rather than read as a report. Dates come only from the page's markup, never
guessed from its text, since `Document.published` is never invented.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from quipu.errors import Errors, InputError, Warnings
from quipu.ingest.base import (
    IngestOptions,
    Metadata,
    decode_text,
    make_document,
    one_line,
    parse_date,
    read_bytes,
    shown,
    text_value,
    warn,
)
from quipu.records import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Markup only (meta tags, JSON-LD, <time>): the text's own dates are events, not publication.
_DATE_SEARCH = {"original_date": True, "extensive_search": False}

# Fewer words than this on every line is navigation, not an article.
_MIN_SENTENCE_WORDS = 6


def read_html_file(path: str, *, options: IngestOptions) -> Document:
    """Read an HTML page as one Document.

    Args:
        path: the file; it becomes `Document.source`.
        options: size limit and forced language.

    Returns:
        The Document.

    Raises:
        InputError: E001-E005 from reading and decoding, E006 when the page has no article
            text.
    """
    # Decoded here rather than by trafilatura so that HTML gets the same encoding rules and
    # errors (E003, E004) as every other text file.
    html = decode_text(read_bytes(path, options=options), path=path)
    return read_html_document(html, source=path, options=options)


def read_html_document(
    html: str | bytes, *, source: str, options: IngestOptions | None = None
) -> Document:
    """Build a Document from the markup of an HTML page.

    Args:
        html: the page; bytes are decoded by trafilatura, following the page's charset.
        source: where it came from; it becomes `Document.source`.
        options: a forced language; defaults to `IngestOptions()`.

    Returns:
        The Document.

    Raises:
        InputError: E006 when the page has no article text.
    """
    extracted = _extract(html, source=source)
    text = extracted.text if extracted is not None else None
    if not text or not _has_prose(text):
        raise InputError(Errors.E006.format(path=source))
    # trafilatura puts each block (paragraph, heading, list item) on its own line.
    prose = "\n\n".join(line for line in text.split("\n") if line.strip())
    metadata = _metadata(extracted, source=source)
    try:
        return make_document(
            prose, source=source, metadata=metadata, options=options or IngestOptions()
        )
    except InputError as error:
        # Only furniture that clean-up removed: still a page without an article.
        raise InputError(Errors.E006.format(path=source)) from error


def _has_prose(text: str) -> bool:
    """True when extracted text reads as an article, not leftover menu links ("Home World").

    On a page without an article trafilatura falls back to whatever text it finds; a report
    has at least one sentence of several words.
    """
    return any(
        len(line.split()) >= _MIN_SENTENCE_WORDS and any(mark in line for mark in ".!?")
        for line in text.splitlines()
    )


def _extract(html: str | bytes, *, source: str) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            date_extraction_params=_DATE_SEARCH,
        )
    # trafilatura and lxml raise assorted exception types on hostile or broken markup; any
    # of them means this page cannot be read, and must not stop the other inputs.
    except Exception as error:
        reason = one_line(f"cannot parse the HTML: {type(error).__name__}: {error}")
        raise InputError(Errors.E011.format(path=source, reason=reason)) from error


def _metadata(extracted: Any, *, source: str) -> Metadata:
    published = None
    if extracted.date:
        published = parse_date(extracted.date)
        if published is None:
            warn(Warnings.W003.format(path=source, value=shown(extracted.date)))
    return Metadata(
        title=text_value(extracted.title),
        outlet=text_value(extracted.sitename),
        url=text_value(extracted.url),
        published=published,
        language=text_value(extracted.language),
    )
