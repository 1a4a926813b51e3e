"""The layout of a report: its paragraphs and its dateline.

News reports open with a dateline ("LIMA, Dec 20 (Andes Wire) –"): it names where the report
was filed and when, which says what country the report is about but is not the date or
place of any event in it.
"""

from __future__ import annotations

import re

# Capitalized place, then up to 70 characters of date/outlet, then a dash.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ'’ .-]{2,40}?)"
    r"(?:[,.]\s*[^\n–—]{0,70}?)?\s*[.]?\s*(?:–|—|--|-\s)\s*"
)


def dateline_end(text: str) -> int:
    """Return the offset where the dateline of `text` ends, or 0 when it has none."""
    match = _DATELINE.match(text)
    if match is None or not match.group("place").strip(" .-").isupper():
        return 0
    return match.end()


def dateline_place_span(text: str) -> tuple[int, int] | None:
    """Return the character span of the dateline's place name ("LIMA"), if any."""
    match = _DATELINE.match(text)
    if match is None or not match.group("place").strip(" .-").isupper():
        return None
    start, end = match.span("place")
    name = text[start:end].rstrip(" .-")
    return start, start + len(name)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the paragraphs of `text`, without their indent."""
    spans = []
    start = 0
    breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*\n", text)]
    for end, following in [*breaks, (len(text), 0)]:
        segment = text[start:end]
        if segment.strip():
            spans.append((start + len(segment) - len(segment.lstrip()), end))
        start = following
    return spans
