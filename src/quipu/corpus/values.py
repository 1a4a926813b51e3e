"""Values every corpus module reads the same way: folded names, printable text, days.

Record-format dicts come from JSON, so their names and dates are plain strings: `fold`
gives the key two names are compared by, `parse_day` reads an ISO date (or passes a date on),
and `printable` makes article text safe to print to a terminal.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from importlib import resources

import yaml

# The white-space controls become spaces (a sentence stays readable on one line); every
# other C0 and C1 control, ESC above all, goes: printed raw they drive the terminal.
_CONTROLS: dict[int, str | None] = {
    code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
}
_CONTROLS.update(dict.fromkeys(map(ord, "\t\n\v\f\r\x85"), " "))


def fold(text: object) -> str:
    """Return the key text is matched by: no case, no accents, white space runs as one.

    Args:
        text: any value; None folds to "".

    Returns:
        The folded string ("Defensoría  del Pueblo" -> "defensoria del pueblo").
    """
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def printable(text: object) -> str:
    """Return `text` without C0 and C1 control characters, safe to print to a terminal.

    Tabs, newlines and other white-space controls become spaces; everything else in those
    ranges (ESC, BEL, CSI …) is removed, so "\\x1b[31m" cannot colour or move anything.

    Args:
        text: any value; None gives "".

    Returns:
        The cleaned string.
    """
    return str(text if text is not None else "").translate(_CONTROLS)


def parse_day(value: object) -> dt.date | None:
    """Return the day an ISO 8601 date or date-time string starts with, a date as it is,
    or None for anything else."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@functools.cache
def phrases(key: str) -> re.Pattern[str]:
    """A pattern finding, in folded text, any phrase listed under `key` in the events
    lexicon of every language Quipu reads (`resources/<lang>/events.yaml`)."""
    found: set[str] = set()
    for language in ("en", "es"):
        path = resources.files("quipu.resources").joinpath(f"{language}/events.yaml")
        table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found |= {fold(phrase) for phrase in table.get(key) or []}
    body = "|".join(re.escape(p) for p in sorted(found, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
