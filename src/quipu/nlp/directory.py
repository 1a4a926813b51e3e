"""The actor directory: who is who, and in which role on a given day.

Names in the text are resolved by the parse ("Castillo", "the president"); the directory
then gives them a canonical name, a country and the sector of the role they held when the
event happened: Pedro Castillo is GOV (president) until 7 December 2022 and not after.
Quipu ships two directories, read in this order: world actors (`resources/world-actors.yaml`:
armed groups, state forces, heads of state and government with their terms, international
bodies and NGOs, from general public knowledge) and its sample corpus's
(`resources/actors.yaml`, Peru 2022-23). Users add the actors of their own crisis with files
of the same format, no code, read after the bundled ones; a later file's entry takes over the
names it gives::

    actors:
      - name: Pedro Castillo            # canonical name
        country: PER                    # ISO 3166 alpha-3
        aliases: [Castillo]             # other ways the text names them (any case/accent)
        roles:                          # in date order; open ends allowed
          - {sector: GOV, title: President of Peru, from: 2021-07-28, until: 2022-12-07}
          - {sector: CVL, title: former president, from: 2022-12-08}

A name or alias matches an actor's whole name or words (case and accents aside, with or
without a leading article), never a part of them: "AU" is not inside "AUC". A role without
dates holds always. An actor found in no file keeps what the text says. An
entry without a country (the UN, Amnesty International, the Islamic State) gives none: the
actor keeps the text's, and an armed group takes the country where it acts (`sides`).

An institution named by a common noun ("the police", "el Congreso", "Fiscalía") is an
entry with `domestic: true`: it is that country's only in reports about that country (the
document's focus), so "the police" of a report about Bolivia stay Bolivia's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import Errors, PipelineError
from ..records import Actor
from ..safeyaml import load_yaml
from .lexicon import fold

# The bundled files, in the order they are read: a later file's entry wins.
BUNDLED = ("world-actors.yaml", "actors.yaml")
# Articles a name may open with in the text but not in the directory ("the police").
_ARTICLES = frozenset({"the", "el", "la", "los", "las"})


@dataclass(frozen=True, slots=True)
class Role:
    """A sector (and title) an actor holds between two dates (either may be open)."""

    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, day: dt.date | None) -> bool:
        """True when the role is held on `day` (always, when the day is unknown)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor of the directory."""

    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    domestic: bool = False

    def role(self, day: dt.date | None) -> Role | None:
        """Return the role held on `day`; with no date, the latest role."""
        if day is None:
            return self.roles[-1] if self.roles else None
        return next((role for role in reversed(self.roles) if role.holds(day)), None)


class ActorDirectory:
    """Look actors up by any of their names; give their role on a day."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries = list(entries)
        self.by_name: dict[str, Entry] = {}
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                self.by_name[fold(alias)] = entry

    @classmethod
    def load(cls, paths: Iterable[str | Path] = (), *, bundled: bool = True) -> ActorDirectory:
        """Return the directory of the bundled files (unless `bundled` is False), then of
        `paths`, in that order: an entry of a later file replaces an earlier one's names.

        Raises:
            PipelineError: E103 when a file is missing or malformed, naming the entry.
        """
        entries: list[Entry] = []
        for name in BUNDLED if bundled else ():
            text = resources.files("quipu.resources").joinpath(name).read_text("utf-8")
            entries += _entries(yaml.safe_load(text), source=name)
        for path in paths:
            try:
                data = load_yaml(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
                reason = str(err).splitlines()[0]
                raise PipelineError(Errors.E103.format(path=path, reason=reason)) from err
            # later files win: a user's entry replaces a bundled one of the same name
            entries += _entries(data, source=str(path))
        return cls(entries)

    def find(
        self, actor: Actor, *, focus: str | None = None, members: frozenset[str] = frozenset()
    ) -> Entry | None:
        """Return the entry naming `actor`, by its canonical name or its words; a domestic
        entry only when the report is about its country (`focus`, ISO3) or the actor is
        named with it ("Peru's Joint Command").

        A name that is a group's with a word for its members before or after it ("RSF
        fighters", "milicianos hutíes": `members`, folded) is the group's.
        """
        for key in (actor.name, actor.text):
            entry = self.by_name.get(fold(key or "")) or self.by_name.get(_bare(key))
            if entry is None:
                continue
            # a domestic institution by the text's own words: "it" or "les" stand for
            # whatever they refer to, and keep those words as their name; or named with its
            # country ("Peru's Joint Command of the Armed Forces")
            own_words = entry.country == focus and key == actor.text
            if not entry.domestic or own_words or entry.country == actor.country:
                return entry
        words = (actor.name or "").split()
        for rest, word in ((words[:-1], words[-1:]), (words[1:], words[:1])):
            if rest and fold(" ".join(word)) in members:
                group = " ".join(rest)
                return self.find(replace(actor, name=group, text=group), focus=focus)
        return None

    def apply(
        self,
        actor: Actor | None,
        *,
        on: dt.date | None,
        focus: str | None = None,
        members: frozenset[str] = frozenset(),
    ) -> Actor | None:
        """Return `actor` with the directory's name, country and sector on day `on`
        (`members`: the words for a group's members, as `find` reads them)."""
        if actor is None:
            return None
        members_of = [
            m
            for m in (self.apply(m, on=on, focus=focus, members=members) for m in actor.members)
            if m is not None
        ]
        entry = self.find(actor, focus=focus, members=members)
        if entry is None:
            return replace(actor, members=members_of) if members_of != actor.members else actor
        role = entry.role(on)
        return replace(
            actor,
            name=entry.name,
            country=entry.country or actor.country,
            sector=role.sector if role is not None else actor.sector,
            members=members_of,
        )

    def by_role(
        self,
        actor: Actor | None,
        *,
        title: str | None,
        on: dt.date | None,
        named: Iterable[str],
        focus: str | None = None,
    ) -> Actor | None:
        """ "The former president", "la mandataria": the person the text named (`named`,
        nearest first) who held `title` on day `on`; `actor` unchanged when none did. In a
        report about a country (`focus`), that country's holder comes first: "la
        mandataria" of a report about Peru is not Mexico's president, however near his name.

        A directory title matches when it is the title or starts with it ("President of
        Peru" is a "president").
        """
        if actor is None or title is None or actor.country or actor.members:
            return actor
        wanted = fold(title)
        holders = []
        for name in named:
            entry = self.by_name.get(fold(name))
            role = entry.role(on) if entry is not None else None
            held = fold(role.title) if role is not None and role.title else ""
            if entry is not None and (held == wanted or held.startswith(wanted + " ")):
                holders.append((entry, role))
        # the report's own country's holder first, else the nearest
        holders.sort(key=lambda held: focus is not None and held[0].country != focus)
        if not holders:
            return actor
        entry, role = holders[0]
        return replace(
            actor, name=entry.name, country=entry.country, sector=role.sector if role else None
        )


def _entries(data: Any, *, source: str) -> list[Entry]:
    items = (data or {}).get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise PipelineError(Errors.E103.format(path=source, reason="no list under 'actors'"))
    entries = []
    for number, item in enumerate(items, start=1):
        try:
            entries.append(_entry(item))
        except KeyError as err:
            reason = f"actor {number}: missing {err}"
            raise PipelineError(Errors.E103.format(path=source, reason=reason)) from err
        except (TypeError, ValueError, AttributeError) as err:
            reason = f"actor {number}: {err}"
            raise PipelineError(Errors.E103.format(path=source, reason=reason)) from err
    return entries


def _entry(item: dict[str, Any]) -> Entry:
    name = str(item["name"]).strip()
    if not name:
        raise ValueError("an actor needs a name")
    roles = tuple(
        Role(
            sector=role.get("sector"),
            title=role.get("title"),
            start=_day(role.get("from")),
            end=_day(role.get("until")),
        )
        for role in item.get("roles") or []
    )
    aliases = tuple(str(alias) for alias in item.get("aliases") or [])
    domestic = bool(item.get("domestic", False))
    if domestic and not item.get("country"):
        raise ValueError("a domestic institution needs its country")
    return Entry(
        name=name, country=item.get("country"), aliases=aliases, roles=roles, domestic=domestic
    )


def _bare(name: str | None) -> str:
    """ "La Fiscalía de la Nación" → "fiscalia de la nacion": a name without its article."""
    head, _, rest = fold(name or "").partition(" ")
    return rest if rest and head in _ARTICLES else ""


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@functools.cache
def default_directory() -> ActorDirectory:
    """Return the bundled actor directory (loaded once)."""
    return ActorDirectory.load()
