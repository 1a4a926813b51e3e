"""Merge the mentions of one real event across documents into one corpus event.

Each document's events are mentions. A mention joins the corpus event it fits best when
the two are the same kind of event (one type family) and the features of the pair
(`corpus.features`: sides, place, dates, mode, day, figures, places named, and for a close
call the sentences' similarity) score `MergeOptions.min_score` or more with nothing ruling
them out; otherwise it starts a corpus event of its own. The features of each decision are
kept with the mention (`CorpusEvent.links`). A reprint's sentence, the same or lightly
edited, joins the event its story's first telling did; the user's corrections
(`corpus.overrides`) win over all of it. A corpus event keeps every mention with its
document and sentence, counts its independent sources (stories: syndicated copies are one),
knows its first report, and reconciles figures across sources without averaging them
(`corpus.reconcile`).

Candidates are blocked by (type family, country, week) and region: a mention is held only
against the corpus events of its weeks (a month-precise date spans a few) and the
neighbouring ones, in its region or with none (a mention placed in another country than its
report's, perhaps by a stray toponym, under both countries), so merging stays near-linear
in the number of mentions. Merging is incremental (`EventMerger.add` one document at a
time) and deterministic for a given order of documents.

Negated and hypothetical events did not happen and are not merged; future events merge only
with future events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from quipu.corpus.features import (
    VETOES,
    Features,
    Sentences,
    Weights,
    compare,
    figures_of,
    folded,
    main_country,
    names_of,
    proper_name,
    sentences_of,
    toponyms_in,
    undecided,
    with_sentences,
    words,
)
from quipu.corpus.overrides import Overrides
from quipu.corpus.reconcile import FIGURE_FIELDS, Reconciled, SourcedFigure, reconcile
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
_ROLES = ("actor", "recipient")
# How many of a mention's candidates that the sentences can decide are compared by them:
# the closest calls (the sentence encoder costs about a millisecond a sentence).
_CLOSE_CALLS = 2
# How many of an event's sides a new mention's are held against, word for word.
_SIDES_KEPT = 4
# A mention dated only to a month is blocked with every week of it, and no more.
_SPAN_WEEKS = 6
# Types that one report may call differently for the same happening ("clashes" coded as an
# assault by one outlet, as coercion by another; safe conduct "granted" as aid by one, as
# an agreement by another that says it "will be granted"). A "TYPE/mode" key places one
# mode of a type. Types not listed are families of their own.
DEFAULT_FAMILIES: dict[str, str] = {
    "ASSAULT": "force",
    "COERCE": "force",
    "AID": "help",
    "AGREE": "help",
    # storming a building is a riot to one outlet and an assault or a seizure to another
    "PROTEST/riot": "force",
    "PROTEST/vandalize": "force",
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
    # what the merge features read: the sentence, the places below the country it names,
    # and whether the event's place is in another country than its report is about (a
    # stray toponym, "Rocha" read as Uruguay's in a report on Brazil)
    sentence: str = ""
    toponyms: frozenset[str] = frozenset()
    doubtful: bool = False
    # the countries it is blocked under: its place's, and its report's when that is another
    # (a report on a dispute between two countries names both: the place may be either's)
    countries: tuple[str, ...] = ("",)
    # each side's names, its text and its proper name, folded once (`corpus.features`)
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    proper: dict[str, str] = field(default_factory=dict)
    figures: frozenset[tuple[str, int]] = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        """(document id, event id): what names a mention across runs."""
        return (self.document_id, self.event_id)

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


@dataclass(frozen=True, slots=True)
class Link:
    """How a mention came into its corpus event: `first` (it started it), `compared` (its
    features scored enough: `features`), `retold` (a copy of its story told it so), `kept`
    (merged in an earlier run), `joined` (a user's `quipu merge join`)."""

    how: str
    features: Features | None = None

    def to_dict(self) -> Record:
        return {"how": self.how, "features": self.features.to_dict() if self.features else None}


@dataclass(slots=True)
class CorpusEvent:
    """One real event: its mentions across documents and what they agree on."""

    id: str
    family: str
    mentions: list[Mention] = field(default_factory=list)
    # how each mention, keyed (document, event id), came in
    links: dict[tuple[str, str], Link] = field(default_factory=dict)
    # What merging compares a new mention with, kept up to date as mentions arrive, so that
    # a candidate costs the same however many mentions it has.
    _documents: set[str] = field(default_factory=set)
    _window: tuple[dt.date, dt.date] | None = None
    _sides: dict[str, Record] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "recipient": set()}
    )
    _proper: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "recipient": set()}
    )
    _texts: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "recipient": set()}
    )
    _place: Record | None = None
    _doubtful: bool = False
    _figures: set[tuple[str, int]] = field(default_factory=set)
    _toponyms: set[str] = field(default_factory=set)

    def absorb(self, mention: Mention, link: Link | None = None) -> None:
        """Add a mention and narrow what the event is known to be."""
        self.mentions.append(mention)
        self.links[mention.key] = link or Link("first" if len(self.mentions) == 1 else "kept")
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
                self._names[side] |= mention.names.get(side) or names_of(actor)
                if len(self._texts[side]) < _SIDES_KEPT:
                    self._texts[side].add(mention.texts.get(side) or fold(actor.get("text")))
                    if mention.proper.get(side):
                        self._proper[side].add(mention.proper[side])
        place = mention.event.get("place")
        # a stray toponym's place (see `Mention.doubtful`) gives way to any other
        if isinstance(place, dict) and (
            self._place is None
            or (self._doubtful and not mention.doubtful)
            or (
                mention.doubtful <= self._doubtful
                and (place.get("precision") or 7) < (self._place.get("precision") or 7)
            )
        ):
            self._place, self._doubtful = place, mention.doubtful
        self._figures |= mention.figures
        self._toponyms |= mention.toponyms

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days every dated mention allows, as far as they overlap."""
        return self._window

    @property
    def doubtful(self) -> bool:
        """Whether the event's place comes from a stray toponym (see `Mention.doubtful`)."""
        return self._doubtful

    def side(self, role: str) -> Record | None:
        """The first actor (or recipient) a mention gave."""
        return self._sides.get(role)

    def names(self, role: str) -> set[str]:
        """Every name the mentions gave the actor (or recipient)."""
        return self._names[role]

    def proper(self, role: str) -> set[str]:
        """The proper names (folded) the first mentions gave the actor (or recipient)."""
        return self._proper[role]

    def texts(self, role: str) -> set[str]:
        """The texts (folded) the first mentions gave the actor (or recipient) in."""
        return self._texts[role]

    def figures_told(self) -> set[tuple[str, int]]:
        """Every (field, figure) the mentions gave ("fatalities", 2)."""
        return self._figures

    def toponyms(self) -> set[str]:
        """Every place below the country named in the mentions' sentences, folded."""
        return self._toponyms

    def holds(self, keys: Iterable[tuple[str, str]]) -> bool:
        """Whether any of these mentions (document, event id) is in the event."""
        return any(key in self.links for key in keys)

    def region(self) -> str | None:
        """The first-level region the event is known to be in, folded, if any."""
        place = self._place or {}
        if self._doubtful or (place.get("precision") or 7) >= 6:
            return None
        return fold(place.get("admin1")) or None

    def fit(self, mention: Mention, *, options: MergeOptions) -> Features:
        """The features of adding `mention` but its sentence's similarity (see
        `corpus.features.compare`).

        Mentions of one document never merge: a report that tells two events of one kind
        told two events (its own mentions of one event were merged already).
        """
        if mention.document_id in self._documents:
            return VETOES["report"]
        return compare(self, mention, weights=options.weights, near_km=options.near_km)

    def same_day(self, mention: Mention) -> bool:
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
                found[name] = reconcile(list(by_story.values()))
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
            mentions=[
                {**m.to_dict(), "merged": self.links[m.key].to_dict()} for m in self.mentions
            ],
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


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """How strict merging is: how far apart places and dates may be and still be one event."""

    near_km: float = _NEAR_KM
    undated_days: int = _UNDATED_DAYS
    # an event dated by its report's day may have happened this many days before
    report_day_days: int = 1
    families: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_FAMILIES))
    # Being compatible is not enough: two events are one when enough says so (the
    # features' weights: `corpus.features.Weights`).
    min_score: float = MIN_SCORE
    weights: Weights = field(default_factory=Weights)
    # compare the mentions' sentences with the multilingual sentence encoder
    sentences: bool = True


class EventMerger:
    """Merge documents' events into corpus events, one document at a time."""

    def __init__(
        self,
        options: MergeOptions | None = None,
        *,
        taken: Iterable[str] = (),
        overrides: Overrides | None = None,
        sentences: Sentences | None = None,
    ) -> None:
        """Args:
        options: merging thresholds.
        taken: corpus event ids given in earlier runs, never to be given again.
        overrides: the user's corrections, which win over the features.
        sentences: the sentence vectors (a cache shared between mergers; one of its own
            if None, when `options.sentences`).
        """
        self.options = options or MergeOptions()
        self.overrides = overrides or Overrides()
        self.sentences = sentences or (Sentences() if self.options.sentences else None)
        self.events: list[CorpusEvent] = []
        # a join group → the corpus event its first mention went to
        self._grouped: dict[str, CorpusEvent] = {}
        # (family, country, week) → region ("" for country level) → corpus events
        self._blocks: dict[tuple[str, str, int], dict[str, list[CorpusEvent]]] = {}
        self._seen: set[str] = set()
        # A reprint tells an event in the same words: (story, sentence) → its corpus event.
        self._told: dict[tuple[str, str, str, str], CorpusEvent] = {}
        # ... or in words lightly edited: story → (sentence words, (type, mode), corpus event)
        # (the mention keeps its sentence: its words are compared only within a story)
        self._tellings: dict[str, list[tuple[Mention, CorpusEvent]]] = {}
        self._by_id: dict[str, CorpusEvent] = {}
        self._focus_of: tuple[str, str | None] = ("", None)
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
            sentence = fold((event.get("evidence") or {}).get("sentence"))
            mention = self._mention(
                event, record, story_id or document_id, published, folded_sentence=sentence
            )
            told = (mention.story_id, sentence, str(event.get("type")), str(event.get("mode")))
            known = (merged or {}).get(str(event.get("id")))
            group = self.overrides.groups.get(mention.key)
            link = Link("kept")
            if known is not None:
                target = self._by_id.get(known)
                if target is None:
                    target = self._new_event(known, family=self._family(event))
            elif group is not None and group in self._grouped:
                target, link = self._grouped[group], Link("joined")
            else:
                target, link = self._retold(told, mention), Link("retold")
            if target is not None:
                placed[index] = self._place(mention, told, target, link)
            else:
                waiting.append((index, mention, told))
        # The rest, closest fit first: a report that tells one clash twice ("the clashes of
        # 9 January" in passing, then how they went) joins it by its closer telling, and the
        # other looks elsewhere; mentions that fit nothing start events in the report's order.
        bests = self._find_all([mention for _, mention, _ in waiting])
        found = [
            (best, index, mention, told)
            for best, (index, mention, told) in zip(bests, waiting, strict=True)
        ]
        found.sort(key=lambda item: (-(item[0][0].score if item[0] else 0.0), item[1]))
        for best, index, mention, told in found:
            if best is not None and document_id in best[1]._documents:
                best = self._find(mention)
            if best is None:
                target = self._new_event(None, family=self._family(mention.event))
                link = Link("first")
            else:
                target, link = best[1], Link("compared", best[0])
            placed[index] = self._place(mention, told, target, link)
        touched: list[CorpusEvent] = []
        for index in sorted(placed):
            if not any(placed[index] is seen for seen in touched):
                touched.append(placed[index])
        return touched

    def _place(
        self,
        mention: Mention,
        told: tuple[str, str, str, str],
        target: CorpusEvent,
        link: Link,
    ) -> CorpusEvent:
        """Add a mention to a corpus event and keep the blocks and tellings up to date."""
        region = target.region()
        target.absorb(mention, link if target.mentions else Link("first"))
        group = self.overrides.groups.get(mention.key)
        if group is not None:
            self._grouped.setdefault(group, target)
        if target.mentions[0] is mention or target.region() != region:
            for block in self._blocks_of(target.mentions[0]):
                bucket = self._blocks.setdefault(block, {})
                bucket.setdefault(target.region() or "", []).append(target)
        self._told.setdefault(told, target)
        self._tellings.setdefault(told[0], []).append((mention, target))
        return target

    def _retold(self, told: tuple[str, str, str, str], new: Mention) -> CorpusEvent | None:
        """The corpus event an earlier copy of this story told in the same sentence, or in
        one lightly edited ("has repeatedly defended" → "has consistently defended")."""
        document_id, apart = new.document_id, self.overrides.apart.get(new.key, ())
        target = self._told.get(told)
        if target is not None and document_id not in target._documents and not target.holds(apart):
            return target
        said, kind = words(told[1]), told[2:]
        best: tuple[float, CorpusEvent] | None = None
        for mention, event in self._tellings.get(told[0], []):
            if _kind(mention) != kind or document_id in event._documents or event.holds(apart):
                continue
            earlier = words(fold(mention.sentence))
            overlap = len(said & earlier) / len(said | earlier) if said | earlier else 0.0
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
        self,
        event: Record,
        record: Record,
        story_id: str,
        published: dt.date | None,
        *,
        folded_sentence: str | None = None,
    ) -> Mention:
        """The mention an event of a document record is (`folded_sentence`: its sentence
        folded, if the caller has it already)."""
        document = record.get("document") or {}
        date = event.get("date") or {}
        evidence = str((event.get("evidence") or {}).get("sentence") or "")
        start, end = parse_day(date.get("start")), parse_day(date.get("end") or date.get("start"))
        if start is None and published is not None:
            # undated: as of its report, give or take a few days
            margin = dt.timedelta(days=self.options.undated_days)
            start, end = published - margin, published
        elif start is not None and start == end == published:
            # dated by its report's day, which is often the day it was told, not the day it
            # happened: it may have been a day or so before
            start = start - dt.timedelta(days=self.options.report_day_days)
        place = event.get("place") or {}
        country = str(place.get("country") or "")
        focus = self._focus(record)
        doubtful = bool(focus and country and country != focus)
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
            habitual=bool(
                phrases("habitual_markers").search(
                    fold(evidence) if folded_sentence is None else folded_sentence
                )
            ),
            sentence=evidence,
            toponyms=toponyms_in(record, event),
            names={role: frozenset(names_of(event.get(role))) for role in _ROLES},
            texts={role: folded((event.get(role) or {}).get("text")) for role in _ROLES},
            proper={role: proper_name(event.get(role)) for role in _ROLES},
            figures=frozenset(figures_of(event)),
            doubtful=doubtful,
            countries=(country, focus) if doubtful and focus else (country,),
        )

    def _focus(self, record: Record) -> str | None:
        """The country the report is about (`corpus.features.main_country`), once a report."""
        document_id = str((record.get("document") or {}).get("id") or "")
        if self._focus_of[0] != document_id:
            self._focus_of = (document_id, main_country(record))
        return self._focus_of[1]

    def _family(self, event: Record) -> str:
        kind = str(event.get("type"))
        families = self.options.families
        family = families.get(f"{kind}/{event.get('mode')}") or families.get(kind, kind)
        return f"{family}:future" if event.get("aux") == "future" else family

    def _blocks_of(self, mention: Mention) -> list[tuple[str, str, int]]:
        """The blocks a mention belongs to: its family and countries, in each week its dates
        span ("earlier this month" spans several; at most `_SPAN_WEEKS` are kept)."""
        first, last = self._weeks(mention)
        family = self._family(mention.event)
        return [
            (family, country, week)
            for country in mention.countries
            for week in range(first, last + 1)
        ]

    def _weeks(self, mention: Mention) -> tuple[int, int]:
        """The first and last week a mention's dates span (at most `_SPAN_WEEKS`)."""
        start = mention.start or mention.published or dt.date.min
        end = max(start, mention.end or start)
        return _week(start), min(_week(end), _week(start) + _SPAN_WEEKS - 1)

    def _find(self, mention: Mention) -> tuple[Features, CorpusEvent] | None:
        """The corpus event the mention fits best and how well, if any fits enough."""
        return self._find_all([mention])[0]

    def _find_all(self, mentions: list[Mention]) -> list[tuple[Features, CorpusEvent] | None]:
        """For each mention, the corpus event it fits best and how well, if any fits enough.

        The features but the sentences come first; the sentences of every pair they leave
        undecided are then embedded in one batch, and the similarity finishes those pairs.
        """
        options, sentences = self.options, self.sentences
        weights, threshold = options.weights, options.min_score
        scored = [
            [
                (candidate.fit(mention, options=options), candidate)
                for candidate in self._near(mention)
            ]
            for mention in mentions
        ]
        if sentences is not None:
            # the closest calls of each mention, a few at most: the encoder is what costs
            undecided_pairs = [self._close_calls(pairs) for pairs in scored]
            sentences.prepare(
                text
                for mention, pairs, positions in zip(mentions, scored, undecided_pairs, strict=True)
                for position in positions
                for text in (mention.sentence, *sentences_of(pairs[position][1]))
            )
            for mention, pairs, positions in zip(mentions, scored, undecided_pairs, strict=True):
                for position in positions:
                    features, candidate = pairs[position]
                    finished = with_sentences(
                        features, candidate, mention, sentences=sentences, weights=weights
                    )
                    pairs[position] = (finished, candidate)
        found: list[tuple[Features, CorpusEvent] | None] = []
        for pairs in scored:
            best: tuple[Features, CorpusEvent] | None = None
            for features, candidate in pairs:
                if features.veto is not None or features.score < threshold:
                    continue
                if best is None or features.score > best[0].score:
                    best = (features, candidate)
            found.append(best)
        return found

    def _close_calls(self, pairs: list[tuple[Features, CorpusEvent]]) -> list[int]:
        """The positions of the pairs the sentences can decide, closest calls first, a few
        at most (`_CLOSE_CALLS`)."""
        weights, threshold = self.options.weights, self.options.min_score
        # a candidate the features alone merge beats any the sentences could lift past it
        merged = max(
            (f.score for f, _ in pairs if f.veto is None and f.score >= threshold), default=0.0
        )
        reach = weights.sentence * (weights.closest - weights.alike)
        open_positions = [
            position
            for position, (features, _) in enumerate(pairs)
            if undecided(features, weights=weights, threshold=threshold)
            and features.score + reach > merged
        ]
        open_positions.sort(key=lambda position: -pairs[position][0].score)
        return open_positions[:_CLOSE_CALLS]

    def _near(self, mention: Mention) -> Iterator[CorpusEvent]:
        """The corpus events a mention is held against: those of its blocks (family,
        country, the weeks its dates span and the ones around) in its region or with none,
        but those holding a mention the user kept apart from it."""
        first, last = self._weeks(mention)
        family = self._family(mention.event)
        place = mention.event.get("place") or {}
        precise = (place.get("precision") or 7) < 6 and not mention.doubtful
        region = fold(place.get("admin1")) if precise else ""
        apart = self.overrides.apart.get(mention.key, ())
        seen: set[str] = set()
        for country, near in (
            (country, week) for country in mention.countries for week in range(first - 1, last + 2)
        ):
            buckets = self._blocks.get((family, country, near), {})
            # a regional mention meets that region's events and the country-level ones;
            # a country-level mention meets them all
            lists = [buckets.get(region, []), buckets.get("", [])] if region else buckets.values()
            for candidate in (one for listed in lists for one in listed):
                if candidate.id in seen or (apart and candidate.holds(apart)):
                    continue
                seen.add(candidate.id)
                yield candidate


def _kind(mention: Mention) -> tuple[str, str]:
    return str(mention.event.get("type")), str(mention.event.get("mode"))


def _week(day: dt.date) -> int:
    return day.toordinal() // 7


def merge_records(
    records: Iterable[Record],
    *,
    stories: Mapping[str, str] | None = None,
    options: MergeOptions | None = None,
    overrides: Overrides | None = None,
) -> list[CorpusEvent]:
    """Merge the events of many document records (in the given order) into corpus events.

    Args:
        records: record-format lines, one per document.
        stories: document id → story id (`corpus.syndication.group_stories`).
        options: merging thresholds.
        overrides: the user's corrections (`quipu merge split` and `join`).

    Returns:
        The corpus events, in the order they were first reported to the merger.
    """
    merger = EventMerger(options, overrides=overrides)
    for record in records:
        document_id = str((record.get("document") or {}).get("id") or "")
        merger.add(record, story_id=(stories or {}).get(document_id))
    return merger.events
