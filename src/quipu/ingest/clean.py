"""Scraping debris removed before analysis, and white space made regular.

Page furniture copied along with an article (a headline repeated between paragraphs, a
"LINK" marker where a hyperlink was, a byline, share and subscribe widgets) would otherwise
be parsed as sentences and could become events. The patterns are data, kept in
`quipu/resources/debris.yaml`; this module only applies them.

Everything else is kept character for character: only line endings, trailing spaces and runs
of blank lines change, so that every real sentence reaches the pipeline as it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from quipu.errors import Errors, PipelineError

DEBRIS_RESOURCE = "resources/debris.yaml"
_QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class Debris:
    """The compiled debris patterns of `debris.yaml` (see the comments there)."""

    max_line_chars: int
    max_headline_words: int
    widget_lines: tuple[re.Pattern[str], ...]
    link_markers: tuple[str, ...]
    bylines: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_debris() -> Debris:
    """Load and compile the debris patterns shipped with Quipu (once per process).

    Returns:
        The compiled patterns and limits.

    Raises:
        PipelineError: E103 when the resource file is missing or malformed.
    """
    resource = resources.files("quipu").joinpath(DEBRIS_RESOURCE)
    try:
        data: Any = yaml.safe_load(resource.read_text(encoding="utf-8"))
        return Debris(
            max_line_chars=int(data["max_line_chars"]),
            max_headline_words=int(data["max_headline_words"]),
            widget_lines=tuple(
                re.compile(pattern, re.IGNORECASE) for pattern in data["widget_lines"]
            ),
            link_markers=tuple(str(marker) for marker in data["link_markers"]),
            bylines=tuple(re.compile(pattern) for pattern in data["bylines"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as error:
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        raise PipelineError(Errors.E103.format(path=DEBRIS_RESOURCE, reason=reason)) from error


def clean_text(text: str, *, title: str | None = None) -> str:
    """Remove scraping debris and make white space regular.

    Line endings become "\\n", trailing spaces go, and paragraphs are separated by exactly one
    blank line. Dropped: widget lines anywhere; lines that are only a link marker and a link
    marker ending a paragraph; single-line paragraphs repeated more than once that read like a
    headline, and any line equal to `title`; a byline as the first or last line.

    Args:
        text: the document's text.
        title: the document's title, when its metadata gives one.

    Returns:
        The cleaned text, "" when nothing real is left.
    """
    debris = load_debris()
    paragraphs = [
        [line for line in paragraph if not _is_widget(line, debris)]
        for paragraph in _paragraphs(text)
    ]
    paragraphs = _drop_headlines(paragraphs, title=title, debris=debris)
    paragraphs = [_drop_link_suffix(paragraph, debris) for paragraph in paragraphs]
    paragraphs = _drop_bylines([paragraph for paragraph in paragraphs if paragraph], debris)
    cleaned = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs if paragraph)
    # A byte-order mark that opened a paragraph now opens the text (what stood before it was
    # dropped); cleaning the text again would drop it, and so change the document's id.
    # Clean-up must give the same text twice: an exported document is ingested again.
    unmarked = cleaned.lstrip("\ufeff")
    return clean_text(unmarked, title=title) if unmarked != cleaned else cleaned


def _paragraphs(text: str) -> list[list[str]]:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[list[str]] = [[]]
    for line in (line.rstrip() for line in lines):
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _is_widget(line: str, debris: Debris) -> bool:
    stripped = line.strip()
    if len(stripped) > debris.max_line_chars:
        return False
    if stripped in debris.link_markers:
        return True
    return any(pattern.fullmatch(stripped) for pattern in debris.widget_lines)


def _headline_key(line: str) -> str:
    return " ".join(line.casefold().split()).strip(_QUOTES + " ")


def _looks_like_headline(paragraph: list[str], debris: Debris) -> bool:
    if len(paragraph) != 1:
        return False
    line = paragraph[0].strip().rstrip(_QUOTES)
    return (
        len(line) <= debris.max_line_chars
        and len(line.split()) <= debris.max_headline_words
        and not line.endswith(".")
    )


def _drop_headlines(
    paragraphs: list[list[str]], *, title: str | None, debris: Debris
) -> list[list[str]]:
    title_key = _headline_key(title) if title else None
    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        if _looks_like_headline(paragraph, debris):
            key = _headline_key(paragraph[0])
            seen[key] = seen.get(key, 0) + 1
    repeated = {key for key, count in seen.items() if count > 1}
    kept = []
    for paragraph in paragraphs:
        if _looks_like_headline(paragraph, debris) and _headline_key(paragraph[0]) in repeated:
            continue
        # The title is already in Document.title; a line that only repeats it is layout.
        kept.append(
            [line for line in paragraph if not title_key or _headline_key(line) != title_key]
        )
    return kept


def _drop_link_suffix(paragraph: list[str], debris: Debris) -> list[str]:
    if not paragraph:
        return paragraph
    last = paragraph[-1]
    for marker in debris.link_markers:
        last = re.sub(rf"\s+{re.escape(marker)}$", "", last)
    return [*paragraph[:-1], last]


def _is_byline(line: str, debris: Debris) -> bool:
    stripped = line.strip()
    return len(stripped) <= debris.max_line_chars and any(
        pattern.fullmatch(stripped) for pattern in debris.bylines
    )


def _drop_bylines(paragraphs: list[list[str]], debris: Debris) -> list[list[str]]:
    # Only the ends of a document: "By ..." inside the text is more likely prose.
    if paragraphs and _is_byline(paragraphs[0][0], debris):
        paragraphs = [paragraphs[0][1:], *paragraphs[1:]]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if paragraphs and _is_byline(paragraphs[-1][-1], debris):
        paragraphs = [*paragraphs[:-1], paragraphs[-1][:-1]]
    return [paragraph for paragraph in paragraphs if paragraph]
