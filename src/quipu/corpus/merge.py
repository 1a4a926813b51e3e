"""Merge the mentions of one real event across documents into one corpus event.

Each document's events are mentions. A mention joins a corpus event when the two are the
same kind of event (one PLOVER type family), by compatible actors and recipients, in the
same place as far as both are precise, at overlapping dates, and enough says they are one
(a shared name, the same town, mode or day: `MergeOptions.min_score`); otherwise it starts
a corpus event of its own. A reprint's sentence, the same or lightly edited, joins the
event its story's first telling did. A corpus event keeps every mention with its document and sentence, counts
its independent sources (stories: syndicated copies are one), knows its first report, and
reconciles figures across sources without averaging them: when sources disagree, the event
says so and keeps each source's own figure.

Candidates are blocked by (type family, country, week) and region: a mention is held only
against the corpus events of its weeks (a month-precise date spans a few) and the
neighbouring ones, in its region or with none, so merging stays near-linear in the number
of mentions. Merging is incremental (`EventMerger.add` one document at a time) and
deterministic for a given order of documents.

Negated and hypothetical events did not happen and are not merged; future events merge only
with future events.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quipu.corpus.values import fold, parse_day, phrases

Record = dict[str, Any]

# Where two mentions may sit apart and still be the same event: a town's surroundings.
_NEAR_KM = 25.0
# Undated mentions (the text gave no date) are read as of their report, give or take this.
_UNDATED_DAYS = 3
# How much evidence makes two mentions one event (see `MergeOptions.min_score`); tuned on
# the sample corpus's expected merge, where 1.5 keeps pairwise precision near 0.9.
MIN_SCORE = 1.5
_NOT_HAPPENED = frozenset({"negated", "hypothetical"})
# How alike (Jaccard of words) a copy's sentence is to the original's to tell the same event.
_RETOLD = 0.6
# A mention dated only to a month is blocked with every week of it, and no more.
_SPAN_WEEKS = 6
# Villagers blocking a road are protesters to one outlet, residents to another.
_CIVILIAN = frozenset({"PRO", "CVL"})
# A country acts through these: "Peru" and "the Ministry of Foreign Affairs of Peru".
_STATE = frozenset({"GOV"})
# The event fields that hold figures, and the count kind each one is.
FIGURE_FIELDS = {
    "fatalities": "killed",
    "injuries": "injured",
    "arrests": "arrested",
    "size": "participants",
}
# Types that one report may call differently for the same happening ("clashes" coded as an
# assault by one outlet, as coercion by another; safe conduct "granted" as aid by one, as
# an agreement by another that says it "will be granted"). Types not listed are families
# of their own.
DEFAULT_FAMILIES: dict[str, str] = {
    "ASSAULT": "force",
    "COERCE": "force",
    "AID": "help",
    "AGREE": "help",
}


@dataclass(slots=True)
class Mention:
    """One document's event, as the corpus sees it."""

    document_id: str
    event_id: str
    story_id: str
    published: dt.date | None
    outlet: str | None
    url: str | None
    event: Record
    start: dt.date | None
    end: dt.date | None
    habitual: bool = False

    def to_dict(self) -> Record:
        """The mention as exported: which document said it, and in which sentence."""
        evidence = self.event.get("evidence") or {}
        return {
            "document": self.document_id,
            "event": self.event_id,
            "story": self.story_id,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "url": self.url,
            "sentence": evidence.get("sentence"),
            "start": evidence.get("start"),
            "end": evidence.get("end"),
        }


@dataclass(slots=True)
class SourcedFigure:
    """One source's figure for one kind, as that source reported it."""

    story_id: str
    document_id: str
    outlet: str | None
    best: int
    low: int | None
    high: int | None


@dataclass(slots=True)
class Reconciled:
    """Figures of one kind across sources: the range they span, each source's own figure,
    and whether they disagree. `best` is the figure most sources gave (ties: the latest
    report's), never an average."""

    best: int
    low: int | None
    high: int | None
    conflict: bool
    sources: list[SourcedFigure]

    def to_dict(self) -> Record:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "conflict": self.conflict,
            "by_source": [
                {
                    "story": s.story_id,
                    "document": s.document_id,
                    "outlet": s.outlet,
                    "best": s.best,
                    "low": s.low,
                    "high": s.high,
                }
                for s in self.sources
            ],
        }


@dataclass(slots=True)
class CorpusEvent:
    """One real event: its mentions across documents and what they agree on."""

    id: str
    family: str
    mentions: list[Mention] = field(default_factory=list)
    # What merging compares a new mention with, kept up to date as mentions arrive, so that
    # a candidate costs the same however many mentions it has.
    _documents: set[str] = field(default_factory=set)
    _window: tuple[dt.date, dt.date] | None = None
    _sides: dict[str, Record] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "recipient": set()}
    )
    _place: Record | None = None

    def absorb(self, mention: Mention) -> None:
        """Add a mention and narrow what the event is known to be."""
        self.mentions.append(mention)
        self._documents.add(mention.document_id)
        if mention.start is not None and mention.end is not None:
            if self._window is None:
                self._window = (mention.start, mention.end)
            else:
                start, end = max(self._window[0], mention.start), min(self._window[1], mention.end)
                if start <= end:  # each mention overlaps the others; keep what all share
                    self._window = (start, end)
        for side in ("actor", "recipient"):
            actor = mention.event.get(side)
            if isinstance(actor, dict):
                self._sides.setdefault(side, actor)
                self._names[side] |= _names(actor)
        place = mention.event.get("place")
        if isinstance(place, dict) and (
            self._place is None
            or (place.get("precision") or 7) < (self._place.get("precision") or 7)
        ):
            self._place = place

    def region(self) -> str | None:
        """The first-level region the event is known to be in, folded, if any."""
        place = self._place or {}
        return fold(place.get("admin1")) or None if (place.get("precision") or 7) < 6 else None

    def fit(self, mention: Mention, *, near_km: float) -> float | None:
        """How well a mention fits (higher is better), or None if it cannot be this event.

        Mentions of one document never merge: a report that tells two events of one kind
        told two events (its own mentions of one event were merged already).
        """
        if mention.document_id in self._documents:
            return None
        if mention.habitual != self.mentions[0].habitual:
            return None  # "has repeatedly defended" is no one occasion of defending
        window = self._window
        if window and mention.start and mention.end and not _overlap(window, mention):
            return None
        score = 0.0
        # in clashes "between protesters and police" both sides act: another report may
        # make either of them the one acted upon
        sides = (self._sides.get("actor") or {}).get("members") or []
        clash = len(sides) > 1
        # a month-wide date says little: with it, a side one report names and the other
        # leaves out is no longer enough ("opened eight investigations" since December is
        # not the investigation of Castillo of 7 December)
        vague = _days(mention.start, mention.end) > 7 or (window is not None and _days(*window) > 7)
        for side in ("actor", "recipient"):
            actor = mention.event.get(side)
            if isinstance(actor, dict) and _names(actor) & self._names[side]:
                score += 1.0
                continue
            if vague and isinstance(actor, dict) != isinstance(self._sides.get(side), dict):
                return None
            same = _same_side(actor, self._sides.get(side))
            if same is None and clash and _among(actor, sides):
                same = 0.5
            if same is None:
                return None
            score += same
        place = _same_place(mention.event.get("place"), self._place, near_km=near_km)
        if place is None:
            return None
        first = self.mentions[0].event.get("mode")
        same_mode = 0.5 if first and first == mention.event.get("mode") else 0.0
        return score + place + same_mode + (0.5 if self._same_day(mention) else 0.0)

    def _same_day(self, mention: Mention) -> bool:
        """Both say which day, and it is the same one."""
        date = mention.event.get("date") or {}
        return (
            self._window is not None
            and date.get("precision") == 1
            and self._window[0] == self._window[1] == mention.start
        )

    @property
    def first(self) -> Mention:
        """The earliest report (ties: the first added)."""
        return min(self.mentions, key=lambda m: m.published or dt.date.max)

    @property
    def sources(self) -> int:
        """Independent sources: distinct stories, syndicated copies counting once."""
        return len({m.story_id for m in self.mentions})

    @property
    def start(self) -> dt.date | None:
        dated = [m for m in self.mentions if m.event.get("date")]
        return max((m.start for m in dated if m.start), default=None)

    @property
    def end(self) -> dt.date | None:
        dated = [m for m in self.mentions if m.event.get("date")]
        return min((m.end for m in dated if m.end), default=None)

    def place(self) -> Record | None:
        """The most precise place any mention gives (UCDP where_prec: lower is finer)."""
        return self._place

    def date(self) -> Record | None:
        """The narrowest date: the overlap of the dated mentions, at the finest precision."""
        dated = [m.event["date"] for m in self.mentions if m.event.get("date")]
        if not dated:
            return None
        finest = min(dated, key=lambda d: (d.get("precision") or 5, d.get("start") or ""))
        start, end = self.start, self.end
        if start and end and start <= end:
            return {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "precision": finest.get("precision"),
            }
        return dict(finest)

    def figures(self) -> dict[str, Reconciled]:
        """Each kind's figures across sources, reconciled (see `Reconciled`)."""
        found: dict[str, Reconciled] = {}
        for name in FIGURE_FIELDS:
            by_story: dict[str, SourcedFigure] = {}
            for mention in sorted(self.mentions, key=lambda m: m.published or dt.date.min):
                figure = mention.event.get(name)
                if not isinstance(figure, dict) or figure.get("best") is None:
                    continue
                # a story's latest figure stands for it (a correction replaces the first)
                by_story[mention.story_id] = SourcedFigure(
                    mention.story_id,
                    mention.document_id,
                    mention.outlet,
                    int(figure["best"]),
                    figure.get("low"),
                    figure.get("high"),
                )
            if by_story:
                found[name] = _reconcile(list(by_story.values()))
        return found

    def to_dict(self) -> Record:
        """The record-format event of the first report, with the corpus's view added:
        the merged place, date and figures, every mention, and the number of sources."""
        first = self.first
        record = dict(first.event)
        figures = self.figures()
        record.update(
            id=self.id,
            place=self.place(),
            date=self.date(),
            mentions=[m.to_dict() for m in self.mentions],
            sources=self.sources,
            first_reported={
                "document": first.document_id,
                "published": first.published.isoformat() if first.published else None,
                "outlet": first.outlet,
            },
            figures={name: reconciled.to_dict() for name, reconciled in figures.items()},
        )
        for name, reconciled in figures.items():
            record[name] = {
                "best": reconciled.best,
                "low": reconciled.low,
                "high": reconciled.high,
                "text": None,
            }
        return record


def _reconcile(sources: list[SourcedFigure]) -> Reconciled:
    votes: dict[int, int] = {}
    latest: dict[int, int] = {}  # each figure's last position: sources are in report order
    for position, source in enumerate(sources):
        votes[source.best] = votes.get(source.best, 0) + 1
        latest[source.best] = position
    best = max(votes, key=lambda value: (votes[value], latest[value]))
    # A bound holds across sources only if every source sets one ("at least 17" sets no
    # ceiling, "nearly 50" no floor).
    lows = [source.low for source in sources]
    highs = [source.high for source in sources]
    return Reconciled(
        best=best,
        low=None if None in lows else min(low for low in lows if low is not None),
        high=None if None in highs else max(high for high in highs if high is not None),
        conflict=len(votes) > 1,
        sources=sources,
    )


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """How strict merging is: how far apart places and dates may be and still be one event."""

    near_km: float = _NEAR_KM
    undated_days: int = _UNDATED_DAYS
    families: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_FAMILIES))
    # Being compatible is not enough: two events are one when enough says so. A shared
    # actor or recipient name counts 1, the same country and sector 0.5, an unnamed side
    # 0.25; the same town 1, region 0.5, country 0.25; the same mode 0.5; the same day 0.5.
    min_score: float = MIN_SCORE


class EventMerger:
    """Merge documents' events into corpus events, one document at a time."""

    def __init__(self, options: MergeOptions | None = None, *, taken: Iterable[str] = ()) -> None:
        """Args:
        options: merging thresholds.
        taken: corpus event ids given in earlier runs, never to be given again.
        """
        self.options = options or MergeOptions()
        self.events: list[CorpusEvent] = []
        # (family, country, week) → region ("" for country level) → corpus events
        self._blocks: dict[tuple[str, str, int], dict[str, list[CorpusEvent]]] = {}
        self._seen: set[str] = set()
        # A reprint tells an event in the same words: (story, sentence) → its corpus event.
        self._told: dict[tuple[str, str, str, str], CorpusEvent] = {}
        # ... or in words lightly edited: story → (sentence words, (type, mode), corpus event)
        # (the mention keeps its sentence: its words are compared only within a story)
        self._tellings: dict[str, list[tuple[Mention, CorpusEvent]]] = {}
        self._by_id: dict[str, CorpusEvent] = {}
        numbers = [int(known[1:]) for known in taken if known[1:].isdigit()]
        self._last_number = max(numbers, default=0)

    def add(
        self,
        record: Record,
        *,
        story_id: str | None = None,
        merged: Mapping[str, str] | None = None,
    ) -> list[CorpusEvent]:
        """Merge one document record's events; return the corpus events it touched.

        Args:
            record: a record-format line ({"document", "events", ...}).
            story_id: the story of the document (`corpus.syndication`); its own id if None.
            merged: event id → corpus event id, for events merged in an earlier run: they
                rejoin that corpus event without being compared again.

        Returns:
            The corpus events that gained a mention, in the document's order. A document
            already added changes nothing and returns [].
        """
        document = record.get("document") or {}
        document_id = str(document.get("id") or "")
        if not document_id or document_id in self._seen:
            return []
        self._seen.add(document_id)
        published = parse_day(document.get("published"))
        placed: dict[int, CorpusEvent] = {}
        waiting: list[tuple[int, Mention, tuple[str, str, str, str]]] = []
        for index, event in enumerate(record.get("events") or []):
            if event.get("aux") in _NOT_HAPPENED or not event.get("type"):
                continue
            mention = self._mention(event, document, story_id or document_id, published)
            sentence = fold((event.get("evidence") or {}).get("sentence"))
            told = (mention.story_id, sentence, str(event.get("type")), str(event.get("mode")))
            known = (merged or {}).get(str(event.get("id")))
            target = self._retold(told, document_id) if known is None else self._by_id.get(known)
            if known is not None and target is None:
                target = self._new_event(known, family=self._family(event))
            if target is not None:
                placed[index] = self._place(mention, told, target)
            else:
                waiting.append((index, mention, told))
        # The rest, closest fit first: a report that tells one clash twice ("the clashes of
        # 9 January" in passing, then how they went) joins it by its closer telling, and the
        # other looks elsewhere; mentions that fit nothing start events in the report's order.
        found = [(self._find(mention), index, mention, told) for index, mention, told in waiting]
        found.sort(key=lambda item: (-(item[0][0] if item[0] else 0.0), item[1]))
        for best, index, mention, told in found:
            target = best[1] if best else None
            if target is not None and document_id in target._documents:
                again = self._find(mention)
                target = again[1] if again else None
            if target is None:
                target = self._new_event(None, family=self._family(mention.event))
            placed[index] = self._place(mention, told, target)
        touched: list[CorpusEvent] = []
        for index in sorted(placed):
            if not any(placed[index] is seen for seen in touched):
                touched.append(placed[index])
        return touched

    def _place(
        self, mention: Mention, told: tuple[str, str, str, str], target: CorpusEvent
    ) -> CorpusEvent:
        """Add a mention to a corpus event and keep the blocks and tellings up to date."""
        region = target.region()
        target.absorb(mention)
        if target.mentions[0] is mention or target.region() != region:
            for block in self._blocks_of(target.mentions[0]):
                bucket = self._blocks.setdefault(block, {})
                bucket.setdefault(target.region() or "", []).append(target)
        self._told.setdefault(told, target)
        self._tellings.setdefault(told[0], []).append((mention, target))
        return target

    def _retold(self, told: tuple[str, str, str, str], document_id: str) -> CorpusEvent | None:
        """The corpus event an earlier copy of this story told in the same sentence, or in
        one lightly edited ("has repeatedly defended" → "has consistently defended")."""
        target = self._told.get(told)
        if target is not None and document_id not in target._documents:
            return target
        words, kind = _words(told[1]), told[2:]
        best: tuple[float, CorpusEvent] | None = None
        for mention, event in self._tellings.get(told[0], []):
            if _kind(mention) != kind or document_id in event._documents:
                continue
            earlier = _words(fold((mention.event.get("evidence") or {}).get("sentence")))
            overlap = len(words & earlier) / len(words | earlier) if words | earlier else 0.0
            if overlap >= _RETOLD and (best is None or overlap > best[0]):
                best = (overlap, event)
        return best[1] if best else None

    def _new_event(self, known: str | None, *, family: str) -> CorpusEvent:
        """Start a corpus event: under its earlier id, or the next number ("c17")."""
        if known is None:
            self._last_number += 1
            known = f"c{self._last_number}"
        elif known[1:].isdigit():
            self._last_number = max(self._last_number, int(known[1:]))
        event = CorpusEvent(id=known, family=family)
        self.events.append(event)
        self._by_id[known] = event
        return event

    def _mention(
        self, event: Record, document: Record, story_id: str, published: dt.date | None
    ) -> Mention:
        date = event.get("date") or {}
        evidence = (event.get("evidence") or {}).get("sentence")
        start, end = parse_day(date.get("start")), parse_day(date.get("end") or date.get("start"))
        if start is None and published is not None:
            # undated: as of its report, give or take a few days
            margin = dt.timedelta(days=self.options.undated_days)
            start, end = published - margin, published
        return Mention(
            document_id=str(document.get("id")),
            event_id=str(event.get("id") or ""),
            story_id=story_id,
            published=published,
            outlet=document.get("outlet"),
            url=document.get("url"),
            event=event,
            start=start,
            end=end,
            habitual=bool(phrases("habitual_markers").search(fold(evidence))),
        )

    def _family(self, event: Record) -> str:
        kind = str(event.get("type"))
        family = self.options.families.get(kind, kind)
        return f"{family}:future" if event.get("aux") == "future" else family

    def _blocks_of(self, mention: Mention) -> list[tuple[str, str, int]]:
        """The blocks a mention belongs to: its family and country, in each week its dates
        span ("earlier this month" spans several; at most `_SPAN_WEEKS` are kept)."""
        place = mention.event.get("place") or {}
        start = mention.start or mention.published or dt.date.min
        end = max(start, mention.end or start)
        first, last = _week(start), min(_week(end), _week(start) + _SPAN_WEEKS - 1)
        family, country = self._family(mention.event), str(place.get("country") or "")
        return [(family, country, week) for week in range(first, last + 1)]

    def _find(self, mention: Mention) -> tuple[float, CorpusEvent] | None:
        """The corpus event the mention fits best and how well, if any fits enough."""
        blocks = self._blocks_of(mention)
        place = mention.event.get("place") or {}
        region = fold(place.get("admin1")) if (place.get("precision") or 7) < 6 else ""
        best: tuple[float, CorpusEvent] | None = None
        seen: set[str] = set()
        family, country = blocks[0][0], blocks[0][1]
        weeks = range(blocks[0][2] - 1, blocks[-1][2] + 2)
        for near in weeks:
            buckets = self._blocks.get((family, country, near), {})
            # a regional mention meets that region's events and the country-level ones;
            # a country-level mention meets them all
            lists = [buckets.get(region, []), buckets.get("", [])] if region else buckets.values()
            for candidate in (one for listed in lists for one in listed):
                if candidate.id in seen:
                    continue
                seen.add(candidate.id)
                score = candidate.fit(mention, near_km=self.options.near_km)
                if score is None or score < self.options.min_score:
                    continue
                if best is None or score > best[0]:
                    best = (score, candidate)
        return best


def _kind(mention: Mention) -> tuple[str, str]:
    return str(mention.event.get("type")), str(mention.event.get("mode"))


def _words(sentence: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", sentence))


def _days(start: dt.date | None, end: dt.date | None) -> int:
    return (end - start).days if start is not None and end is not None else 0


def _overlap(window: tuple[dt.date, dt.date], mention: Mention) -> bool:
    start, end = window
    return bool(mention.start and mention.end and mention.start <= end and start <= mention.end)


def _names(actor: object) -> set[str]:
    if not isinstance(actor, dict):
        return set()
    names = {fold(actor.get("name")), fold(actor.get("text"))}
    for member in actor.get("members") or []:
        names |= _names(member)
    return {name for name in names if name}


def _same_side(one: object, other: object) -> float | None:
    """How well two actors can be one side: 1 for a shared name; 0.5 for the same country
    and sector ("police" and "National Police of Peru") or a country and a government body
    named after it ("Peru" and "Ministry of Foreign Affairs of Peru"); 0.25 when nothing
    tells them apart (one is unnamed, or one gives no country or no sector: "Gobierno" and
    "Peru"); None when they differ in a way both state (two countries, or two sectors)."""
    if not isinstance(one, dict) or not isinstance(other, dict):
        return 0.25
    if _names(one) & _names(other):
        return 1.0
    countries = (one.get("country"), other.get("country"))
    sectors = (one.get("sector"), other.get("sector"))
    if all(countries) and countries[0] != countries[1]:
        return None
    if all(sectors) and sectors[0] != sectors[1] and not set(sectors) <= _CIVILIAN:
        return None
    if set(sectors) <= _CIVILIAN:
        # crowds of one country: every protest of a national crisis has them, so their
        # country and sector tell no more than an unnamed side
        return 0.25
    if all(countries) and (all(sectors) or _organ_of(one, other) or _organ_of(other, one)):
        return 0.5
    return 0.25


def _organ_of(state: Record, organ: Record) -> bool:
    """ "Peru" and "the Ministry of Foreign Affairs of Peru": a country (no sector) and one
    of its government bodies, named after it."""
    name = fold(state.get("name"))
    return (
        state.get("sector") is None
        and organ.get("sector") in _STATE
        and bool(name)
        and name in fold(organ.get("name"))
    )


def _among(actor: object, members: list[Record]) -> bool:
    """True when `actor` can be one of `members`: by name, or by sector where the member
    has the actor's sector or none the text gave ("fuerzas" is anyone's forces)."""
    if not isinstance(actor, dict):
        return False
    sector, country = actor.get("sector"), actor.get("country")
    return any(
        bool(_names(actor) & _names(member))
        or (
            sector is not None
            and member.get("sector") in (None, sector)
            and (None in (country, member.get("country")) or country == member.get("country"))
        )
        for member in members
    )


def _same_place(one: object, other: object, *, near_km: float) -> float | None:
    """How well two places agree as far as both are precise, or None if they cannot."""
    if not isinstance(one, dict) or not isinstance(other, dict):
        return 0.25
    if one.get("country") != other.get("country"):
        return None
    coarse = max(one.get("precision") or 6, other.get("precision") or 6)
    if coarse >= 6:
        return 0.25  # the country is all one of them says
    if one.get("admin1") and other.get("admin1") and fold(one["admin1"]) != fold(other["admin1"]):
        return None
    if coarse >= 3:
        return 0.5
    distance = _km(one, other)
    if distance is not None and distance > near_km:
        return None
    return 1.0


def _km(one: Record, other: Record) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (
            math.radians(float(v)) for v in (one["lat"], one["lon"], other["lat"], other["lon"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _week(day: dt.date) -> int:
    return day.toordinal() // 7


def merge_records(
    records: Iterable[Record],
    *,
    stories: Mapping[str, str] | None = None,
    options: MergeOptions | None = None,
) -> list[CorpusEvent]:
    """Merge the events of many document records (in the given order) into corpus events.

    Args:
        records: record-format lines, one per document.
        stories: document id → story id (`corpus.syndication.group_stories`).
        options: merging thresholds.

    Returns:
        The corpus events, in the order they were first reported to the merger.
    """
    merger = EventMerger(options)
    for record in records:
        document_id = str((record.get("document") or {}).get("id") or "")
        merger.add(record, story_id=(stories or {}).get(document_id))
    return merger.events
