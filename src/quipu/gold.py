"""The files `quipu eval` reads: hand-made gold files, checked field by field, and
predictions in record format v1.

A gold file is one JSON object per document (docs/gold-format.md); `load_gold` refuses one
whose fields the scorer could not read (E012) and warns of keys that are no gold field
(W005), so that a typo fails loudly instead of scoring 0. Predictions are JSON Lines, one
record-format object per document (docs/record-format.md); `load_predictions` names the
first line that is not one (E013). The scoring itself is `quipu.evaluate`.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any, cast

from quipu.errors import Errors, InputError, Warnings
from quipu.records import CERTAINTIES, COUNT_KINDS, PLOVER_TYPES, POLARITIES

Record = dict[str, Any]

# Gold figure kinds and the event field that carries each.
EVENT_FIGURES = {
    "killed": "fatalities",
    "injured": "injuries",
    "arrested": "arrests",
    "participants": "size",
}


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(text, str) and text.strip() for text in value)


def _day(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _span(value: object) -> bool:
    if not isinstance(value, dict) or not _day(value.get("start")) or not _day(value.get("end")):
        return False
    return bool(value["start"] <= value["end"])


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _figure(value: object) -> bool:
    keys = ("best", "low", "low_at_least")
    return (
        isinstance(value, dict)
        and bool(value)
        and all(k in keys and _whole(value[k]) for k in value)
    )


def _triple(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(v is None or _whole(v) for v in value)
        and value[0] is not None
    )


def _event_place(value: object) -> bool:
    if not isinstance(value, dict) or not _TEXT[0](value.get("country")):
        return False
    return set(value) <= {"country", "admin1"} and (
        value.get("admin1") is None or (_texts(value["admin1"]) and bool(value["admin1"]))
    )


def _event_figures(value: object) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(kind in EVENT_FIGURES and _triple(v) for kind, v in value.items())
    )


def _some_of(allowed: Sequence[str]) -> Callable[[object], bool]:
    return lambda value: (
        isinstance(value, list) and bool(value) and all(v in allowed for v in value)
    )


_TEXT = (lambda value: isinstance(value, str) and bool(value.strip()), "a non-empty string")
_ALIASES = (_texts, "a list of non-empty strings")
_WHOLE = (_whole, "an integer")
_FLAG = (lambda value: isinstance(value, bool), "true or false")
# How each gold key is checked (a key means the same in every section), and what it must be.
# Vocabularies are closed because a typo there would make a gold item silently unmatchable.
_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": _TEXT,
    "evidence": _TEXT,
    "text": _TEXT,
    "country": _TEXT,
    "actor_country": _TEXT,
    "mode": _TEXT,
    "actor": _ALIASES,
    "recipient": _ALIASES,
    "best": _WHOLE,
    "low": _WHOLE,
    "low_at_least": _WHOLE,
    "optional": _FLAG,
    "official": _FLAG,
    "type": (_some_of(PLOVER_TYPES), "a non-empty list of PLOVER types"),
    "certainty": (_some_of(CERTAINTIES), "a non-empty list of " + ", ".join(CERTAINTIES)),
    "kind": (lambda value: value in COUNT_KINDS, "one of " + ", ".join(COUNT_KINDS)),
    "polarity": (lambda value: value in POLARITIES, "one of " + ", ".join(POLARITIES)),
    "date": (_span, 'a {"start", "end"} of YYYY-MM-DD dates, start first'),
    "as_of": (_day, "a YYYY-MM-DD date"),
    "fatalities": (_figure, "an object of integer best, low or low_at_least"),
    "place": (_event_place, 'an object {"country", "admin1": a list of names or null}'),
    "figures": (
        _event_figures,
        "an object from " + ", ".join(EVENT_FIGURES) + " to [best, low, high]",
    ),
    "exact": (_triple, "a list [best, low, high] of integers or null, best given"),
}
_ANY = (lambda value: True, "anything")  # keys Quipu does not score, such as "aux" and "notes"
# What each section's items must hold; other keys may be null, meaning absent.
GOLD_REQUIRED = {
    "events": ("id", "type", "evidence"),
    "counts": ("id", "kind", "evidence"),
    "stances": ("actor", "recipient", "polarity"),
    "claims": ("id", "evidence", "certainty"),
    "places": ("text", "country"),
}
# Every field a gold file may hold, at its top level and in each section's items: what the
# scorer reads, plus `aux`, `acled` and `notes`, kept for readers and other checks. A key
# outside these is a typo that would be ignored silently (`optinal`), so `load_gold` warns
# (W005). docs/gold-format.md lists exactly these; tests/test_docs.py holds them together.
GOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "file": ("document", "published", "language", "notes", *GOLD_REQUIRED),
    "events": (
        *GOLD_REQUIRED["events"],
        "actor",
        "recipient",
        "optional",
        "mode",
        "date",
        "country",
        "place",
        "certainty",
        "fatalities",
        "figures",
        "actor_country",
        "aux",
        "acled",
        "notes",
    ),
    "counts": (
        *GOLD_REQUIRED["counts"],
        "best",
        "low",
        "low_at_least",
        "as_of",
        "official",
        "exact",
        "country",
        "notes",
    ),
    "stances": (*GOLD_REQUIRED["stances"], "notes"),
    "claims": (*GOLD_REQUIRED["claims"], "notes"),
    "places": (*GOLD_REQUIRED["places"], "notes"),
}


def _problem(section: str, item: object) -> str | None:
    """Say what is wrong with one gold item, or None when it is well formed."""
    if not isinstance(item, dict):
        return "not an object"
    for key in [*GOLD_REQUIRED[section], *(key for key in item if item[key] is not None)]:
        check, meaning = _RULES.get(key, _ANY)
        if not check(item.get(key)):
            return f"'{key}' must be {meaning}"
    return None


def read_gold_json(path: str | Path) -> Any:
    """Read a hand-made JSON file (gold, expected merge, tallies, alignments).

    Raises:
        InputError: E001 when the file is missing, E012 when it is not JSON.
    """
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(Errors.E001.format(path=path)) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(Errors.E012.format(path=path, reason=error)) from error
    except RecursionError as error:
        reason = "nested too deeply to read"
        raise InputError(Errors.E012.format(path=path, reason=reason)) from error


def _warn_unknown(path: Path, where: str, item: Record, section: str) -> None:
    for key in item:
        if key not in GOLD_FIELDS[section]:
            warnings.warn(
                Warnings.W005.format(path=path, where=where, key=key), UserWarning, stacklevel=3
            )


def load_gold(path: str | Path) -> Record:
    """Read and check a gold file (docs/gold-format.md), so that a typo fails loudly instead
    of scoring 0.

    Args:
        path: the gold JSON file.

    Returns:
        The gold object, with missing sections filled in as empty lists.

    Raises:
        InputError: E001 when the file is missing, E012 when it is not well-formed gold.

    Warns:
        UserWarning: W005 for each key that is not a gold field (it is ignored).
    """
    path = Path(path)
    gold = read_gold_json(path)
    if not isinstance(gold, dict) or not _TEXT[0](gold.get("document")):
        raise InputError(Errors.E012.format(path=path, reason="no 'document' file name"))
    name = str(gold["document"])
    if PurePath(name).name != name or name in (".", ".."):
        # "../outside.md", "/etc/hostname": quipu eval reads the document from --documents
        reason = f"'document' must be a file name, not a path: {name!r}"
        raise InputError(Errors.E012.format(path=path, reason=reason))
    for section in GOLD_REQUIRED:
        items = gold.setdefault(section, [])
        if not isinstance(items, list):
            raise InputError(Errors.E012.format(path=path, reason=f"'{section}' is not a list"))
        for number, item in enumerate(items):
            label = f" ({item['id']})" if isinstance(item, dict) and item.get("id") else ""
            if problem := _problem(section, item):
                reason = f"{section}[{number}]{label}: {problem}"
                raise InputError(Errors.E012.format(path=path, reason=reason))
            _warn_unknown(path, f"{section}[{number}]{label}", item, section)
    _warn_unknown(path, "the file", gold, "file")
    return cast(Record, gold)


def gold_files(names: Iterable[str | Path]) -> list[Path]:
    """The gold files named: a file as given, a folder's `*.gold.json` in name order.

    Raises:
        InputError: E010 when a folder holds no `*.gold.json`.
    """
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            paths.append(path)  # a missing one is E001 when it is read
            continue
        found = sorted(path.glob("*.gold.json"))
        if not found:
            raise InputError(Errors.E010.format(path=path / "*.gold.json"))
        paths += found
    return paths


# What a prediction line must hold to be scored; each may be left out (nothing predicted).
_PREDICTION_LISTS = ("events", "counts", "stances", "places")


def _prediction_problem(record: object) -> str | None:
    """Say why a parsed line cannot be scored as a record-format line, or None."""
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an object"
    if not isinstance(record.get("document"), dict):
        return "no 'document' object"
    for key in _PREDICTION_LISTS:
        items = record.get(key)
        if items is not None and not (
            isinstance(items, list) and all(isinstance(item, dict) for item in items)
        ):
            return f"'{key}' is not a list of objects"
    return None


def load_predictions(path: str | Path) -> list[Record]:
    """Read a JSON Lines file of record-format lines (`quipu extract --format jsonl`).

    Args:
        path: the predictions file; blank lines are skipped.

    Returns:
        One record per non-blank line, in order.

    Raises:
        InputError: E001 when the file is missing, E004 when it is not UTF-8 text, E011
            when it cannot be read, E013 naming the first line that is not a record-format
            JSON object and what is wrong with it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(Errors.E001.format(path=path)) from error
    except UnicodeDecodeError as error:
        raise InputError(
            Errors.E004.format(path=path, reason=f"not UTF-8: {error.reason}")
        ) from error
    except OSError as error:
        raise InputError(Errors.E011.format(path=path, reason=error.strerror or error)) from error
    records: list[Record] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            reason = f"not JSON: {error.msg} at column {error.colno}"
            raise InputError(Errors.E013.format(path=path, line=number, reason=reason)) from error
        except RecursionError as error:
            reason = "not JSON Quipu can read: nested too deeply"
            raise InputError(Errors.E013.format(path=path, line=number, reason=reason)) from error
        if problem := _prediction_problem(record):
            raise InputError(Errors.E013.format(path=path, line=number, reason=problem))
        records.append(record)
    return records
