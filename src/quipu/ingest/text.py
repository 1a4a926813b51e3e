"""Plain text and Markdown files, each with optional YAML front matter.

Front matter is a YAML mapping between two `---` lines at the very top of the file::

    ---
    title: "Curfew declared in Puno"
    outlet: The Andean Ledger        # `source` means the same
    url: https://ledger.example/puno
    date: 2023-01-10                 # the publication date
    language: es
    ---

Other keys (`author`, ...) are ignored. A date that names no single day is ignored with
warning W002; front matter that is not a YAML mapping is error E008.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import yaml

from quipu.errors import Errors, InputError, Warnings
from quipu.ingest.base import (
    IngestOptions,
    Metadata,
    decode_text,
    make_document,
    normalize_language,
    one_line,
    parse_date,
    read_bytes,
    shown,
    text_value,
    warn,
)
from quipu.ingest.markdown import strip_markdown
from quipu.records import Document
from quipu.safeyaml import load_yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)


def read_text_file(path: str, *, options: IngestOptions) -> Document:
    """Read a plain text or Markdown file as one Document.

    Markdown is recognized by its suffix (.md, .markdown); any other file is plain text. This
    is also how a file the user names explicitly is read when its suffix is unknown: if it
    decodes as text, it is taken as plain text.

    Args:
        path: the file; it becomes `Document.source`.
        options: size limit and forced language.

    Returns:
        The Document.

    Raises:
        InputError: E001-E005 from reading and decoding, E008 bad front matter, E002 when no
            text is left after clean-up.
    """
    text = decode_text(read_bytes(path, options=options), path=path)
    markdown = PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES
    return read_text_document(text, source=path, markdown=markdown, options=options)


def read_text_document(
    text: str,
    *,
    source: str,
    markdown: bool = False,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
    options: IngestOptions | None = None,
) -> Document:
    """Build a Document from a string, as if it were the content of a text file.

    Front matter at the top of `text` is read; the keyword arguments, when given, win over it.

    Args:
        text: the report, optionally with front matter.
        source: where it came from, e.g. "<stdin>"; it becomes `Document.source`.
        markdown: strip Markdown markup down to prose.
        title: the headline.
        outlet: the publishing outlet.
        url: the address of the report.
        published: the publication date.
        language: the language code; None to read it from front matter or detect it.
        options: a forced language (over `language` too); defaults to `IngestOptions()`.

    Returns:
        The Document.

    Raises:
        InputError: E008 bad front matter, E002 when no text is left after clean-up.
    """
    split = split_front_matter(text, source=source)
    metadata, body = split.metadata, split.body
    metadata.title = title or metadata.title
    metadata.outlet = outlet or metadata.outlet
    metadata.url = url or metadata.url
    metadata.published = published or metadata.published
    metadata.language = language or metadata.language
    if markdown:
        body = strip_markdown(body)
    return make_document(body, source=source, metadata=metadata, options=options or IngestOptions())


@dataclass(slots=True)
class SplitText:
    """A text separated into what its front matter says and the body after it."""

    metadata: Metadata
    body: str


def split_front_matter(text: str, *, source: str) -> SplitText:
    """Separate YAML front matter from the body of a text.

    Args:
        text: the whole text.
        source: named in errors and warnings.

    Returns:
        The metadata (empty when there is no front matter) and the body after it.

    Raises:
        InputError: E008 when the front matter is not a YAML mapping.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return SplitText(metadata=Metadata(), body=text)
    try:
        fields: Any = load_yaml(match["yaml"]) or {}
    except yaml.YAMLError as error:
        raise InputError(Errors.E008.format(path=source, reason=one_line(str(error)))) from error
    if not isinstance(fields, dict):
        reason = f"a {type(fields).__name__}, not a mapping of keys to values"
        raise InputError(Errors.E008.format(path=source, reason=reason))
    return SplitText(metadata=_metadata(fields, source=source), body=text[match.end() :])


def _metadata(fields: dict[Any, Any], *, source: str) -> Metadata:
    published = None
    if fields.get("date") is not None:
        published = parse_date(fields["date"])
        if published is None:
            warn(Warnings.W002.format(path=source, value=shown(fields["date"])))
    return Metadata(
        title=text_value(fields.get("title")),
        outlet=text_value(fields.get("outlet")) or text_value(fields.get("source")),
        url=text_value(fields.get("url")),
        published=published,
        language=normalize_language(fields.get("language")),
    )
