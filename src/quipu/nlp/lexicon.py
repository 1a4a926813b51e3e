"""Per-language resources: the data files under `resources/<lang>/`, loaded once.

Every word list the pipeline uses lives in YAML files, so that a language is added by adding
files (events.yaml, certainty.yaml, actors.yaml, dates.yaml, numbers.yaml), not code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from ..errors import Errors, PipelineError

SUPPORTED_LANGUAGES = ("en", "es")
_FILES = ("events", "certainty", "actors", "dates", "numbers", "places")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return `text` lower-cased without accents, for lexicon lookups (memoized: the same
    words are folded again and again)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger of an event type: a sequence of folded lemmas, maybe with a POS."""

    lemmas: tuple[str, ...]
    type: str
    mode: str | None
    pos: str | None = None


@dataclass(slots=True)
class Lexicon:
    """All word lists of one language, ready for lookups."""

    language: str
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)
    certainty: dict[str, Any] = field(default_factory=dict)
    actors: dict[str, Any] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Any] = field(default_factory=dict)
    sector_of: dict[str, str] = field(default_factory=dict)
    pronoun_kind: dict[str, str] = field(default_factory=dict)
    word_sets: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    patterns: dict[tuple[str, str], re.Pattern[str]] = field(default_factory=dict)
    mappings: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def pattern(self, table: str, key: str) -> re.Pattern[str]:
        """Return a regex finding any phrase of word list `key` in folded text (memoized)."""
        found = self.patterns.get((table, key))
        if found is None:
            found = phrase_pattern(sorted(self.words(table, key)) or ["\0"])
            self.patterns[(table, key)] = found
        return found

    def mapping(self, table: str, key: str) -> Mapping[str, Any]:
        """Return table `key` of resource file `table` with folded keys (memoized; read only)."""
        found = self.mappings.get((table, key))
        if found is None:
            node = getattr(self, table).get(key) or {}
            found = {fold(str(k)): v for k, v in node.items()}
            self.mappings[(table, key)] = found
        return found

    def names(self, table: str, key: str) -> frozenset[str]:
        """Return list `key` of resource file `table` as written, not folded: PLOVER types
        ("ASSAULT") are matched as the records spell them."""
        return frozenset(str(v) for v in getattr(self, table).get(key) or [])

    def words(self, table: str, key: str) -> frozenset[str]:
        """Return the folded word list `key` of resource file `table` as a set (memoized).

        A dotted key reads a nested list: `words("numbers", "kinds.killed")`.
        """
        found = self.word_sets.get((table, key))
        if found is None:
            node: Any = getattr(self, table)
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            values = node or []
            found = frozenset(fold(str(v)) for v in values)
            self.word_sets[(table, key)] = found
        return found


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Return a regex matching any of `phrases` as whole words in folded text."""
    ordered = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """Load and index the resource files of `language` (cached per process).

    Raises:
        PipelineError: E102 for an unsupported language, E103 for a malformed file.
    """
    if language not in SUPPORTED_LANGUAGES:
        raise PipelineError(
            Errors.E102.format(language=language, supported=", ".join(SUPPORTED_LANGUAGES))
        )
    tables: dict[str, dict[str, Any]] = {}
    for name in _FILES:
        path = resources.files("quipu.resources").joinpath(f"{language}/{name}.yaml")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise PipelineError(Errors.E103.format(path=path, reason=err)) from err
        if not isinstance(data, dict):
            raise PipelineError(Errors.E103.format(path=path, reason="not a mapping"))
        flag = _flag_in_list(data)
        if flag is not None:
            # YAML reads a bare no, on, off or yes as true/false: "no" would stop negating
            reason = f"'{flag}' in {path.name} was read as true/false; quote it"
            raise PipelineError(Errors.E103.format(path=path, reason=reason))
        tables[name] = data
    lexicon = Lexicon(
        language=language,
        events=tables["events"],
        certainty=tables["certainty"],
        actors=tables["actors"],
        dates=tables["dates"],
        numbers=tables["numbers"],
        places=tables["places"],
    )
    lexicon.triggers = _index_triggers(tables["events"].get("triggers") or {})
    for sector, words in (tables["actors"].get("sectors") or {}).items():
        for word in words:
            lexicon.sector_of.setdefault(fold(word), sector)
    for kind, words in (tables["actors"].get("pronouns") or {}).items():
        for word in words:
            lexicon.pronoun_kind[fold(word)] = kind
    return lexicon


def _flag_in_list(data: Any) -> str | None:
    """Return the key of a word list that holds a boolean (an unquoted no/on/yes/off)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list) and any(isinstance(item, bool) for item in value):
                return str(key)
            found = _flag_in_list(value)
            if found is not None:
                return found
    elif isinstance(data, list):
        for item in data:
            found = _flag_in_list(item)
            if found is not None:
                return found
    return None


def _index_triggers(table: dict[str, dict[str, list[str]]]) -> dict[str, list[Trigger]]:
    """Index triggers by their first lemma; longer phrases first so the longest wins."""
    index: dict[str, list[Trigger]] = {}
    for event_type, modes in table.items():
        for mode, entries in modes.items():
            for entry in entries:
                text, _, pos = str(entry).partition("/")
                words = fold(text).replace("-", " - ").split()
                # "safe conduct" also matches "safe-conduct" (split into three tokens).
                variants = {tuple(words), tuple(" - ".join(words).split())}
                for lemmas in variants:
                    trigger = Trigger(
                        lemmas=lemmas,
                        type=event_type,
                        mode=None if mode == "-" else mode,
                        pos=pos or None,
                    )
                    index.setdefault(lemmas[0], []).append(trigger)
    for triggers in index.values():
        triggers.sort(key=lambda t: len(t.lemmas), reverse=True)
    return index
