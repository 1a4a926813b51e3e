"""RSS and Atom feeds, and the pages that they and the user name by URL, read as reports.

A feed (a file `.rss`, `.atom` or `.xml`, or a URL) is a list of entries, parsed by
feedparser, which reads every RSS and Atom version and the malformed feeds real sites
serve. Each entry becomes one report: its own content when the feed carries the full text
(`<content:encoded>`, Atom `<content>`) and it reads as an article, else the page its link
names, fetched under the rules of `fetch.Web`. The entry's title and date fill in what the
page does not say. A URL given directly is read as what the server says it is: a feed, an
HTML page, or plain text.

Every entry has a key that stays the same from one poll of the feed to the next (its id
or guid, else its link, else the hash of its content), which is how `quipu follow` knows
what it has seen.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from quipu.errors import Errors, InputError
from quipu.ingest.base import IngestOptions, decode_text, one_line, read_bytes, text_value
from quipu.ingest.fetch import Answer, Web
from quipu.ingest.html import read_html_document
from quipu.ingest.text import read_text_document
from quipu.ingest.warc import HTML_MEDIA_TYPES
from quipu.records import Document, document_id

FEED_SUFFIXES = frozenset({".rss", ".atom"})
# Read as a feed when named, never picked up from a folder: sitemaps and other XML abound.
NAMED_FEED_SUFFIXES = frozenset({".xml"})
FEED_MEDIA_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# How a feed begins, for servers that call it text/html or text/plain.
_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)
_URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(name: str) -> bool:
    """Whether a command-line input names a URL ("https://…", also "ftp://…") not a path."""
    return bool(_URL.match(name))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as much of it as Quipu reads.

    Attributes:
        feed: the feed's path or URL, as given.
        number: its place in the feed, from 1.
        key: what identifies it from one poll to the next: id (guid), else link, else the
            hash of its content; None for an entry with none of them, which cannot be read.
        link: the article's URL.
        title: its headline.
        published: the day the feed dates it.
        content: the full text the feed carries (HTML), if any.
    """

    feed: str
    number: int
    key: str | None
    link: str | None
    title: str | None
    published: dt.date | None
    content: str | None

    @property
    def location(self) -> str:
        """Where to point a message about it: its link, else its place in the feed."""
        return self.link or f"{self.feed}#{self.number}"


def parse_feed(data: bytes, *, source: str, base_url: str | None = None) -> list[FeedEntry]:
    """Parse the bytes of an RSS or Atom feed into its entries, in feed order.

    Args:
        data: the feed.
        source: its path or URL, for the entries and messages.
        base_url: the URL it was fetched from, against which relative links are resolved.

    Returns:
        The entries.

    Raises:
        InputError: E024 when `data` is not a feed.
    """
    headers = {"content-location": base_url} if base_url else {}
    # bytes in a stream: feedparser takes a string for a URL or a file name to open
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version"):
        cause = parsed.get("bozo_exception")
        why = one_line(str(cause))[:120] if cause else "no <rss>, <feed> or <rdf:RDF> element"
        raise InputError(
            Errors.E024.format(source=source, problem=f"not an RSS or Atom feed ({why})")
        )
    return [_entry(raw, feed=source, number=number) for number, raw in enumerate(parsed.entries, 1)]


def read_feed(feed: str, *, web: Web, options: IngestOptions) -> list[FeedEntry]:
    """Read a feed from its file or its URL.

    Raises:
        InputError: E001-E005 and E011 for a file, E018-E023 for a URL, E024 not a feed.
    """
    if is_url(feed):
        answer = web.get(feed)
        return parse_feed(answer.body, source=feed, base_url=answer.url)
    return parse_feed(read_bytes(feed, options=options), source=feed)


def entry_document(entry: FeedEntry, *, web: Web, options: IngestOptions) -> Document:
    """Read the report of a feed entry: its content if it is the full text, else its link.

    Raises:
        InputError: E024 an entry with neither a link nor readable content; what fetching
            and reading its page raise (E006, E018-E023).
    """
    if entry.content:
        try:
            document = _content_document(entry, options=options)
        except InputError:
            if not entry.link:
                raise
        else:
            return document
    if not entry.link:
        problem = f"entry {entry.number} has neither a link nor its text; skipped"
        raise InputError(Errors.E024.format(source=entry.feed, problem=problem))
    answer = web.get(entry.link)
    document = answer_document(answer, source=entry.link, options=options)
    document.title = document.title or entry.title
    document.published = document.published or entry.published
    return document


def iter_url_documents(
    url: str, *, web: Web, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read a URL given by the user: a feed's entries, or a page as one document.

    Yields:
        Documents, and an InputError for each entry that cannot be read.

    Raises:
        InputError: E018-E023 when the URL cannot be fetched, E022 when it is neither a
            feed, nor HTML, nor text.
    """
    answer = web.get(url)
    if _is_feed(answer):
        for entry in parse_feed(answer.body, source=url, base_url=answer.url):
            try:
                yield entry_document(entry, web=web, options=options)
            except InputError as error:
                yield error
    else:
        yield answer_document(answer, source=url, options=options)


def iter_feed_file_documents(
    path: str, *, web: Web, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read a feed file: the report of each of its entries (see `entry_document`)."""
    for entry in read_feed(path, web=web, options=options):
        try:
            yield entry_document(entry, web=web, options=options)
        except InputError as error:
            yield error


def answer_document(answer: Answer, *, source: str, options: IngestOptions) -> Document:
    """Read a fetched page (HTML, or plain text) as one Document.

    Raises:
        InputError: E006 a page without article text, E022 a body of another type.
    """
    media_type = answer.media_type
    if media_type in HTML_MEDIA_TYPES or (
        not media_type and b"<html" in answer.body[:2048].lower()
    ):
        document = read_html_document(answer.body, source=source, options=options)
    elif media_type == "text/plain":
        text = decode_text(answer.body, path=source)
        document = read_text_document(text, source=source, options=options)
    else:
        shown_type = one_line(media_type)[:60] or "none"
        reason = f"content type {shown_type}, not an HTML page, a feed or text"
        raise InputError(Errors.E022.format(url=source, reason=reason))
    document.url = document.url or answer.url
    return document


def _is_feed(answer: Answer) -> bool:
    return answer.media_type in FEED_MEDIA_TYPES or bool(_FEED_START.match(answer.body[:4096]))


def _entry(raw: Any, *, feed: str, number: int) -> FeedEntry:
    link = text_value(raw.get("link"))
    content = _content(raw)
    key = text_value(raw.get("id")) or link or (f"sha:{document_id(content)}" if content else None)
    # read as a plain dict: feedparser's own lookup of `updated_parsed` falls back to
    # `published_parsed` with a DeprecationWarning
    published = _day(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed"))
    return FeedEntry(
        feed=feed,
        number=number,
        key=key,
        link=link,
        title=text_value(raw.get("title")),
        published=published,
        content=content,
    )


def _day(when: Any) -> dt.date | None:
    """The day of a feedparser time (a struct_time in UTC), None if it has none."""
    try:
        return dt.date(*when[:3]) if when else None
    except (TypeError, ValueError):
        return None


def _content(raw: Any) -> str | None:
    """The longest full text an entry carries, as HTML (plain text escaped into it)."""
    texts = []
    for part in raw.get("content") or []:
        value = part.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        if part.get("type") == "text/plain":
            value = "".join(f"<p>{html.escape(line)}</p>" for line in value.split("\n\n"))
        texts.append(value)
    return max(texts, key=len) if texts else None


def _content_document(entry: FeedEntry, *, options: IngestOptions) -> Document:
    title = html.escape(entry.title or "")
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{entry.content}</article></body></html>"
    )
    document = read_html_document(page, source=entry.location, options=options)
    document.url = document.url or entry.link
    document.title = document.title or entry.title
    document.published = document.published or entry.published
    return document
