"""Stances across reports become an alignment network: who supports or opposes whom, when.

Every stance of every report is one observation of a directed edge from its actor's node to
its recipient's. A node is one side, however the reports spell it:

- a proper name is keyed by its canonical name, folded ("México" and "Mexico" are one node,
  shown as first seen);
- a generic group ("protesters", "police", "military": the NLP gives each one lower-case
  English name in every language) is keyed by its name and its country, so that Peru's
  protesters and Kenya's are two nodes, shown as "protesters (Peru)". A name any report
  spells wholly in lower case is such a common noun however a sentence capitalizes it
  elsewhere ("Protesters"); "al-Shabaab" is a name. A word of a generic group in any
  language ("manifestantes", in records of pipelines before 0.3.0 or written by hand)
  goes by the group's one name too (`generic_groups` of the actor word lists).

At the default level, "actor", that is all. At level "country" the state folds into its
country: a government side (sector GOV: a government, its ministries, its head) whose
country is known (from its report, else from the country the corpus's other reports give a
name: "Ruto" bare in one report, "Kenyan President William Ruto" in another), and a side that is the country itself ("Peru", no sector), become one node
named by the country's English name. Everything else stays apart, military and police
included: a coup sets the military against the government, and folding them would hide it.
Edges that come to join one node to itself are dropped (a side toward itself is no
alignment); edges that come to join the same two nodes are one edge.

An edge keeps its observations in date order (the stance's date, else its report's
publication date), so a side that changes shows when it changed; its polarity is the latest
one. Its weight is how many independent sources report it: stories when the caller knows them
(syndicated copies count once), else outlets, else documents.

The network is of sides taken, so two kinds of stance stay out of it: force between anyone
but states ("protesters attacked the police station" is a clash, an event, not an
alignment, and reports no longer draw it as a stance; a state attacking a state is kept:
`quipu.nlp.stances.force_between_states`), and a
side Quipu can neither name nor place ("a small group", "foreigners": a common noun with no
sector, country or members).

The functions read record-format dicts (`Extraction.to_dict()`); their only I/O is the
gazetteer's country names (`quipu.nlp.gazetteer`), read once per process when first needed.
`format_edges` renders edges for a terminal with control characters taken out.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from quipu.corpus.values import fold, parse_day, printable
from quipu.nlp.gazetteer import get_countries
from quipu.nlp.lexicon import SUPPORTED_LANGUAGES, load_lexicon
from quipu.nlp.stances import force_between_states, record_side

Record = dict[str, Any]
Level = Literal["actor", "country"]
LEVELS: tuple[Level, ...] = ("actor", "country")

_VERBS = {"support": "supports", "oppose": "opposes"}


# Force is a side taken between states only (the rule of `quipu.nlp.stances`); between
# armed groups, or a crowd's against the police, it is a clash. Records stored by versions
# that still drew a crowd's force as a stance are kept out of the network here.
_FORCE = frozenset({"ASSAULT"})


def _a_side(stance: Record) -> bool:
    """Whether a stance belongs in the network (see the module docstring)."""
    ends = [stance.get("actor") or {}, stance.get("recipient") or {}]
    if any(not _placed(end) for end in ends):
        return False
    if stance.get("type") in _FORCE:
        return force_between_states(record_side(ends[0]), record_side(ends[1]))
    return True


def _placed(actor: Record) -> bool:
    """An actor Quipu can name or place: a sector, a country, members or a proper name."""
    name = str(actor.get("name") or "")
    return bool(actor.get("sector") or actor.get("country") or actor.get("members")) or (
        name[:1].isupper()
    )


class Observation(NamedTuple):
    """One report of a stance: its date, polarity and the document it came from."""

    date: dt.date | None
    polarity: str
    document: str


class Change(NamedTuple):
    """A side switched: from `before` to `after`, first reported as of `date`."""

    date: dt.date
    before: str
    after: str


class Quote(NamedTuple):
    """The sentence a stance came from and its document."""

    document: str
    sentence: str


@dataclass(slots=True)
class Edge:
    """Everything the reports say about one actor's side toward one recipient."""

    actor: str
    recipient: str
    timeline: list[Observation]
    polarity: str
    changes: list[Change]
    first: dt.date | None
    last: dt.date | None
    sources: int
    evidence: list[Quote] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the polarity flipped at some point."""
        return bool(self.changes)


@dataclass(slots=True)
class _Seen:
    actor: tuple[str, ...]  # node keys (see `_Nodes`)
    recipient: tuple[str, ...]
    # (date, published, order) sorts observations; the quote goes with its observation
    found: list[tuple[dt.date | None, dt.date | None, int, Observation, Quote]]
    sources: set[str]


def alignment_edges(
    records: Iterable[Record],
    *,
    actor: str | None = None,
    stories: Mapping[str, str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    level: Level = "actor",
) -> list[Edge]:
    """Aggregate the stances of many reports into edges, one per (actor, recipient) node.

    Args:
        records: record-format dicts, one per document.
        actor: keep edges whose actor or recipient, as shown, contains this (folded).
        stories: document id → story id; with it, sources are stories, so that syndicated
            copies count once. Without it, sources are outlets (documents without one count
            one each).
        since, until: keep only the stances of those days (an open end matches every day;
            with either given, an undated stance matches none): each edge is then what the
            reports show in that window, its side, dates, sources and evidence included.
        level: "actor" (one node per side) or "country" (a state's government, its
            ministries and heads, and the country itself, are one node: module docstring).

    Returns:
        The edges, most sources first, then by actor and recipient (folded).

    Raises:
        ValueError: if `level` is not one of `LEVELS`.
    """
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    records = list(records)
    nodes = _Nodes(records, level=level)
    edges: dict[tuple[tuple[str, ...], tuple[str, ...]], _Seen] = {}
    order = 0
    for record in records:
        document = record.get("document") or {}
        document_id = str(document.get("id") or "")
        published = parse_day(document.get("published"))
        if stories is not None:
            source = "story:" + stories.get(document_id, document_id)
        elif document.get("outlet"):
            source = "outlet:" + fold(document["outlet"])
        else:
            source = "document:" + document_id
        for stance in record.get("stances") or []:
            actor_side, recipient_side = stance.get("actor") or {}, stance.get("recipient") or {}
            if not actor_side.get("name") or not recipient_side.get("name"):
                continue
            if not stance.get("polarity") or not _a_side(stance):
                continue
            date = parse_day((stance.get("date") or {}).get("start")) or published
            if (since or until) and not _within(date, since, until):
                continue
            key = (nodes.key(actor_side), nodes.key(recipient_side))
            if key[0] == key[1]:
                continue
            seen = edges.setdefault(key, _Seen(*key, [], set()))
            sentence = (stance.get("evidence") or {}).get("sentence") or ""
            seen.found.append(
                (
                    date,
                    published,
                    order,
                    Observation(date, stance["polarity"], document_id),
                    Quote(document_id, sentence),
                )
            )
            seen.sources.add(source)
            order += 1

    found = [_edge(seen, nodes.names) for seen in edges.values()]
    if actor:
        wanted = fold(actor)
        found = [e for e in found if wanted in fold(e.actor) or wanted in fold(e.recipient)]
    found.sort(key=lambda e: (-e.sources, fold(e.actor), fold(e.recipient)))
    return found


class _Nodes:
    """The node each side of a stance is, and the name each node is shown by.

    Args:
        records: all the records, to learn which names are common nouns: those any report
            spells wholly in lower case ("protesters"; not "al-Shabaab").
        level: as `alignment_edges` takes it.
    """

    def __init__(self, records: list[Record], *, level: Level) -> None:
        self.level = level
        self.common = {
            fold(name)
            for record in records
            for stance in record.get("stances") or []
            for end in ("actor", "recipient")
            if (name := str((stance.get(end) or {}).get("name") or "")) and name == name.lower()
        }
        self.names: dict[tuple[str, ...], str] = {}  # node key → shown as first seen
        # what other reports of the corpus say of a proper name's country ("Ruto" placed in
        # one, bare in another): the country most of them give
        seen: dict[str, Counter[str]] = {}
        for record in records:
            for stance in record.get("stances") or []:
                for end in ("actor", "recipient"):
                    side = stance.get(end) or {}
                    if side.get("country") and side.get("name"):
                        seen.setdefault(fold(side["name"]), Counter())[side["country"]] += 1
        self.countries = {name: counts.most_common(1)[0][0] for name, counts in seen.items()}

    def key(self, side: Record) -> tuple[str, ...]:
        """The key of a side's node; the first side of a node names it."""
        name = str(side.get("name") or "")
        folded = fold(name)
        if folded in _generic_names():
            name = folded = _generic_names()[folded]
            self.common.add(folded)
        # a generic group's country is its own report's: Kenya's protesters are not Peru's
        borrowed = self.countries.get(folded) if folded not in self.common else None
        country = str(side.get("country") or borrowed or "")
        key: tuple[str, ...]
        if self.level == "country" and country and _the_state(side, country):
            key, shown = ("country", country), _country_name(country)
        elif folded in self.common:
            key = ("group", folded, country)
            shown = f"{name} ({_country_name(country)})" if country else name
        else:
            key, shown = ("name", folded), name
        self.names.setdefault(key, shown)
        return key


@functools.cache
def _generic_names() -> dict[str, str]:
    """Each word of a generic group in every language Quipu reads ("manifestantes",
    "Protesters"), folded → the group's one name ("protesters")."""
    names: dict[str, str] = {}
    for language in SUPPORTED_LANGUAGES:
        table = load_lexicon(language).actors.get("generic_groups") or {}
        for name, words in table.items():
            for word in [name, *words]:
                names[fold(str(word))] = str(name)
    return names


def _the_state(side: Record, country: str) -> bool:
    """Whether a side placed in `country` speaks as it: its government (sector GOV) or the
    country itself ("Peru" with no sector)."""
    if side.get("sector") == "GOV":
        return True
    if side.get("sector"):
        return False
    return _country_named(str(side.get("name") or "")) == country


@functools.cache
def _country_named(name: str) -> str | None:
    """The ISO3 code of the country a name names ("Perú", "Russia"), else None."""
    country = get_countries().country_named(name)
    return country.iso3 if country is not None else None


@functools.cache
def _country_name(iso3: str) -> str:
    """A country's English name ("PER" → "Peru", "RUS" → "Russia"); an unknown code as is."""
    country = get_countries().country(iso3)
    return country.name if country is not None else iso3


def format_edges(edges: Iterable[Edge]) -> str:
    """Render edges one per line for a terminal.

    "United States —supports→ Dina Boluarte  (3 sources, 2022-12-08 … 2023-01-20)", then
    "  changed: oppose→support on 2023-01-05" for each change and "  mixed on 2022-12-07"
    for each day reported both ways (the line's polarity is that day's last word). Names
    are passed through `printable`.

    Args:
        edges: as `alignment_edges` returns them.

    Returns:
        The lines, ending in a newline ("" for no edges).
    """
    lines = []
    for edge in edges:
        verb = _VERBS.get(edge.polarity, edge.polarity)
        span = [f"{edge.sources} source{'' if edge.sources == 1 else 's'}"]
        if edge.first and edge.last:
            dates = edge.first.isoformat()
            if edge.last != edge.first:
                dates += f" … {edge.last.isoformat()}"
            span.append(dates)
        line = f"{printable(edge.actor)} —{printable(verb)}→ {printable(edge.recipient)}  ({', '.join(span)})"
        notes = [
            f"changed: {printable(c.before)}→{printable(c.after)} on {c.date.isoformat()}"
            for c in edge.changes
        ]
        notes += [f"mixed on {day.isoformat()}" for day in _mixed_days(edge.timeline)]
        lines.append("  ".join([line, *notes]))
    return "".join(line + "\n" for line in lines)


def _within(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    return day is not None and (since is None or since <= day) and (until is None or day <= until)


def _edge(seen: _Seen, names: Mapping[tuple[str, ...], str]) -> Edge:
    # undated observations sort first: they cannot claim to be the latest word
    seen.found.sort(key=lambda f: (f[0] or dt.date.min, f[1] or dt.date.min, f[2]))
    timeline = [observation for _, _, _, observation, _ in seen.found]
    evidence: list[Quote] = []
    sentences: set[str] = set()
    for *_, quote in seen.found:
        sentence = " ".join(quote.sentence.split())
        if sentence and sentence not in sentences:
            sentences.add(sentence)
            evidence.append(quote)
    dates = [o.date for o in timeline if o.date is not None]
    return Edge(
        actor=names[seen.actor],
        recipient=names[seen.recipient],
        timeline=timeline,
        polarity=timeline[-1].polarity,
        changes=_changes(timeline),
        first=min(dates, default=None),
        last=max(dates, default=None),
        sources=len(seen.sources),
        evidence=evidence,
    )


def _changes(timeline: list[Observation]) -> list[Change]:
    """The flips of a timeline: a polarity unlike the previous day's.

    Reports of one day that disagree are not a change (nothing says which came first); a day
    on which both sides were reported counts as its last observation's side. Undated
    observations cannot be put in order and take no part.
    """
    days: dict[dt.date, str] = {}
    for observation in timeline:
        if observation.date is not None:
            days[observation.date] = observation.polarity
    changes = []
    side: str | None = None
    for day, polarity in days.items():
        if side is not None and polarity != side:
            changes.append(Change(day, side, polarity))
        side = polarity
    return changes


def _mixed_days(timeline: list[Observation]) -> list[dt.date]:
    sides: dict[dt.date, set[str]] = {}
    for observation in timeline:
        if observation.date is not None:
            sides.setdefault(observation.date, set()).add(observation.polarity)
    return [day for day, polarities in sides.items() if len(polarities) > 1]
