"""Corpus events and their mentions: what `corpus.merge` builds and the corpus view shows.

A `Mention` is one document's event as the corpus sees it; a `CorpusEvent` is one real
event, its mentions across documents, how each came in (`Link`), and its `Profile`: what
its mentions agree on so far (the narrowest dates, the finest place, every name of each
side, the figures and places told), which is all a new mention is held against. A profile
is kept up to date as mentions arrive, so that a candidate costs the same however many
mentions it has, and it is kept in the store between runs (`Profile.to_json`), so that a
new report is merged without reading the event's earlier mentions again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quipu.corpus.features import VETOES, Features, block_region, compare, names_of
from quipu.corpus.reconcile import FIGURE_FIELDS, Reconciled, SourcedFigure, reconcile
from quipu.corpus.values import fold, parse_day

if TYPE_CHECKING:
    from quipu.corpus.merge import MergeOptions

Record = dict[str, Any]
MentionKey = tuple[str, str]  # (document id, event id)
Block = tuple[str, str, int]  # (type family, country, week)

# How many of an event's sides a new mention's are held against, word for word.
_SIDES_KEPT = 4
# How many of an event's sentences a new mention's is compared with (the first ones):
# enough for a few languages and styles, bounded so a large event costs no more than a small.
SENTENCES_COMPARED = 2
_ROLES = ("actor", "recipient")


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
    # where it stands in the corpus: its document's place in the ingest order, and its own
    # in the document's events
    position: tuple[int, int] = (0, 0)

    @property
    def key(self) -> MentionKey:
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
    (merged before, for a reason no longer known: a user's correction moved it, or it was
    merged before the store kept reasons), `joined` (a user's `quipu merge join`)."""

    how: str
    features: Features | None = None

    def to_dict(self) -> Record:
        return {"how": self.how, "features": self.features.to_dict() if self.features else None}

    @classmethod
    def from_dict(cls, kept: Record | None) -> Link:
        """The link `to_dict` gave (`kept` for none)."""
        if not kept:
            return cls("kept")
        features = kept.get("features")
        return cls(str(kept.get("how") or "kept"), Features(**features) if features else None)


@dataclass(slots=True)
class Profile:
    """What a corpus event's mentions agree on so far, which a new mention is held against.

    Args:
        count: how many mentions it was made of.
        habitual, mode: the first mention's (a habit never merges with an occasion).
        sentences: the first mentions' sentences (`SENTENCES_COMPARED`).
        blocks: where the event is found by a new mention (`corpus.merge`): its first
            mention's type family, countries and weeks.
        window: the days every dated mention allows, as far as they overlap.
        sides: the first actor and recipient a mention gave.
        names, proper, texts: every name each side was given; the proper names and texts
            (folded) of the first few.
        place: the finest place a mention gave (a stray toponym's gives way to any other),
            and whether it is `doubtful` (see `Mention.doubtful`).
        figures: every (field, figure) told ("fatalities", 2).
        toponyms: every place below the country the sentences name, folded.
    """

    count: int = 0
    habitual: bool = False
    mode: Any = None
    sentences: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    window: tuple[dt.date, dt.date] | None = None
    sides: dict[str, Record] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=lambda: {r: set() for r in _ROLES})
    proper: dict[str, set[str]] = field(default_factory=lambda: {r: set() for r in _ROLES})
    texts: dict[str, set[str]] = field(default_factory=lambda: {r: set() for r in _ROLES})
    place: Record | None = None
    doubtful: bool = False
    figures: set[tuple[str, int]] = field(default_factory=set)
    toponyms: set[str] = field(default_factory=set)

    def absorb(self, mention: Mention) -> None:
        """Narrow what the event is known to be by one more mention."""
        if self.count == 0:
            self.habitual, self.mode = mention.habitual, mention.event.get("mode")
        self.count += 1
        if len(self.sentences) < SENTENCES_COMPARED:
            self.sentences.append(mention.sentence)
        if mention.start is not None and mention.end is not None:
            if self.window is None:
                self.window = (mention.start, mention.end)
            else:
                start, end = max(self.window[0], mention.start), min(self.window[1], mention.end)
                if start <= end:  # each mention overlaps the others; keep what all share
                    self.window = (start, end)
        for side in _ROLES:
            actor = mention.event.get(side)
            if isinstance(actor, dict):
                self.sides.setdefault(side, actor)
                self.names[side] |= mention.names.get(side) or names_of(actor)
                if len(self.texts[side]) < _SIDES_KEPT:
                    self.texts[side].add(mention.texts.get(side) or fold(actor.get("text")))
                    if mention.proper.get(side):
                        self.proper[side].add(mention.proper[side])
        place = mention.event.get("place")
        # a stray toponym's place (see `Mention.doubtful`) gives way to any other
        if isinstance(place, dict) and (
            self.place is None
            or (self.doubtful and not mention.doubtful)
            or (
                mention.doubtful <= self.doubtful
                and (place.get("precision") or 7) < (self.place.get("precision") or 7)
            )
        ):
            self.place, self.doubtful = place, mention.doubtful
        self.figures |= mention.figures
        self.toponyms |= mention.toponyms

    def to_json(self) -> Record:
        """The profile as JSON values, sets sorted (`from_json` reads it back)."""
        return {
            "count": self.count,
            "habitual": self.habitual,
            "mode": self.mode,
            "sentences": self.sentences,
            "blocks": [list(block) for block in self.blocks],
            "window": [day.isoformat() for day in self.window] if self.window else None,
            "sides": self.sides,
            "names": {role: sorted(self.names[role]) for role in _ROLES},
            "proper": {role: sorted(self.proper[role]) for role in _ROLES},
            "texts": {role: sorted(self.texts[role]) for role in _ROLES},
            "place": self.place,
            "doubtful": self.doubtful,
            "figures": sorted([name, number] for name, number in self.figures),
            "toponyms": sorted(self.toponyms),
        }

    @classmethod
    def from_json(cls, kept: Record) -> Profile:
        """The profile `to_json` gave."""
        window = kept.get("window")
        first, last = (parse_day(day) for day in window) if window else (None, None)
        return cls(
            count=int(kept.get("count") or 0),
            habitual=bool(kept.get("habitual")),
            mode=kept.get("mode"),
            sentences=[str(sentence) for sentence in kept.get("sentences") or []],
            blocks=[(str(f), str(c), int(w)) for f, c, w in kept.get("blocks") or []],
            window=(first, last) if first and last else None,
            sides=dict(kept.get("sides") or {}),
            names={role: set((kept.get("names") or {}).get(role) or []) for role in _ROLES},
            proper={role: set((kept.get("proper") or {}).get(role) or []) for role in _ROLES},
            texts={role: set((kept.get("texts") or {}).get(role) or []) for role in _ROLES},
            place=kept.get("place"),
            doubtful=bool(kept.get("doubtful")),
            figures={(str(name), int(number)) for name, number in kept.get("figures") or []},
            toponyms=set(kept.get("toponyms") or []),
        )


@dataclass(slots=True)
class CorpusEvent:
    """One real event: its mentions across documents and what they agree on.

    An event loaded from the store to be merged with (`corpus.stored`) has its profile and
    none of its earlier mentions: `mentions` and `links` then hold only what this run added.
    """

    id: str
    family: str
    mentions: list[Mention] = field(default_factory=list)
    # how each mention, keyed (document, event id), came in
    links: dict[MentionKey, Link] = field(default_factory=dict)
    profile: Profile = field(default_factory=Profile)
    # the documents of the mentions it holds (of this run, for an event loaded to merge with)
    _documents: set[str] = field(default_factory=set)
    # mentions known to be in it without being loaded: those the user's corrections name
    held: set[MentionKey] = field(default_factory=set)

    def absorb(self, mention: Mention, link: Link | None = None) -> None:
        """Add a mention and narrow what the event is known to be."""
        self.mentions.append(mention)
        self.links[mention.key] = link or Link("first" if self.profile.count == 0 else "kept")
        self._documents.add(mention.document_id)
        self.profile.absorb(mention)

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days every dated mention allows, as far as they overlap."""
        return self.profile.window

    @property
    def doubtful(self) -> bool:
        """Whether the event's place comes from a stray toponym (see `Mention.doubtful`)."""
        return self.profile.doubtful

    @property
    def habitual(self) -> bool:
        """Whether its first mention tells a habit ("protesters gather every Friday")."""
        return self.profile.habitual

    @property
    def first_mode(self) -> Any:
        """The mode its first mention gave."""
        return self.profile.mode

    def sentences(self) -> list[str]:
        """The sentences a new mention's is compared with: the first mentions'."""
        return self.profile.sentences

    def side(self, role: str) -> Record | None:
        """The first actor (or recipient) a mention gave."""
        return self.profile.sides.get(role)

    def names(self, role: str) -> set[str]:
        """Every name the mentions gave the actor (or recipient)."""
        return self.profile.names[role]

    def proper(self, role: str) -> set[str]:
        """The proper names (folded) the first mentions gave the actor (or recipient)."""
        return self.profile.proper[role]

    def texts(self, role: str) -> set[str]:
        """The texts (folded) the first mentions gave the actor (or recipient) in."""
        return self.profile.texts[role]

    def figures_told(self) -> set[tuple[str, int]]:
        """Every (field, figure) the mentions gave ("fatalities", 2)."""
        return self.profile.figures

    def toponyms(self) -> set[str]:
        """Every place below the country named in the mentions' sentences, folded."""
        return self.profile.toponyms

    def clear_documents(self) -> None:
        """Forget which documents its mentions came from (a loaded event whose run's
        mentions are written: no later document is one of theirs)."""
        self._documents.clear()

    def has_document(self, document_id: str) -> bool:
        """Whether one of its mentions (of this run, for an event loaded to merge with)
        comes from this document."""
        return document_id in self._documents

    def holds(self, keys: Iterable[MentionKey]) -> bool:
        """Whether any of these mentions (document, event id) is in the event."""
        return any(key in self.links or key in self.held for key in keys)

    def region(self) -> str | None:
        """The first-level region the event is known to be in, folded, if any."""
        return block_region(self.profile.place, doubtful=self.profile.doubtful) or None

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
        window = self.profile.window
        return (
            window is not None
            and date.get("precision") == 1
            and window[0] == window[1] == mention.start
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
        return self.profile.place

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
