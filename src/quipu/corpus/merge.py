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
time) and deterministic for a given order of documents. Where corpus events are found and
kept is the merger's index (`corpus.index`): in memory for one run over records, or a
store's, read and written in place (`corpus.stored`).

Negated and hypothetical events did not happen and are not merged; future events merge only
with future events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from quipu.corpus.events import Block, CorpusEvent, Link, Mention
from quipu.corpus.features import (
    Features,
    Sentences,
    Weights,
    block_region,
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
from quipu.corpus.index import MemoryIndex, MergeIndex, Telling
from quipu.corpus.overrides import Overrides
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
        index: MergeIndex | None = None,
    ) -> None:
        """Args:
        options: merging thresholds.
        taken: corpus event ids given in earlier runs, never to be given again (for the
            index in memory made when `index` is None).
        overrides: the user's corrections, which win over the features.
        sentences: the sentence vectors (a cache shared between mergers; one of its own
            if None, when `options.sentences`).
        index: where corpus events are found and kept (`corpus.index`); in memory if None.
        """
        self.options = options or MergeOptions()
        self.overrides = overrides or Overrides()
        self.sentences = sentences or (Sentences() if self.options.sentences else None)
        self.index = index or MemoryIndex(taken=taken)
        self._seen: set[str] = set()
        self._focus_of: tuple[str, str | None] = ("", None)

    @property
    def events(self) -> list[CorpusEvent]:
        """The corpus events made or met so far, in the order first seen."""
        return self.index.events

    def add(
        self,
        record: Record,
        *,
        story_id: str | None = None,
        merged: Mapping[str, str] | None = None,
        seq: int | None = None,
    ) -> list[CorpusEvent]:
        """Merge one document record's events; return the corpus events it touched.

        Args:
            record: a record-format line ({"document", "events", ...}).
            story_id: the story of the document (`corpus.syndication`); its own id if None.
            merged: event id → corpus event id, for events merged in an earlier run: they
                rejoin that corpus event without being compared again.
            seq: the document's place in the ingest order (`Mention.position`); the order
                of the `add` calls if None.

        Returns:
            The corpus events that gained a mention, in the document's order. A document
            already added changes nothing and returns [].
        """
        document = record.get("document") or {}
        document_id = str(document.get("id") or "")
        if not document_id or document_id in self._seen:
            return []
        self._seen.add(document_id)
        seq = len(self._seen) if seq is None else seq
        published = parse_day(document.get("published"))
        placed: dict[int, CorpusEvent] = {}
        waiting: list[tuple[int, Mention, Telling]] = []
        for index, event in enumerate(record.get("events") or []):
            if event.get("aux") in _NOT_HAPPENED or not event.get("type"):
                continue
            sentence = fold((event.get("evidence") or {}).get("sentence"))
            mention = self.mention(
                event,
                record,
                story_id=story_id or document_id,
                position=(seq, index),
                published=published,
                folded_sentence=sentence,
            )
            told = (mention.story_id, sentence, str(event.get("type")), str(event.get("mode")))
            known = (merged or {}).get(str(event.get("id")))
            group = self.overrides.groups.get(mention.key)
            link = Link("kept")
            target: CorpusEvent | None
            if known is not None:
                target = self.index.event(known)
                if target is None:
                    target = self.index.new_event(known, family=self.family(event))
            elif group is not None and (joined := self.index.grouped(group)) is not None:
                target, link = joined, Link("joined")
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
            if best is not None and best[1].has_document(document_id):
                best = self._find(mention)
            if best is None:
                target = self.index.new_event(None, family=self.family(mention.event))
                link = Link("first")
            else:
                target, link = best[1], Link("compared", best[0])
            placed[index] = self._place(mention, told, target, link)
        touched: list[CorpusEvent] = []
        for index in sorted(placed):
            if not any(placed[index] is seen for seen in touched):
                touched.append(placed[index])
        return touched

    def replay(self, event: CorpusEvent, mentions: Iterable[tuple[Mention, Link]]) -> None:
        """Build a corpus event again from its mentions, in their order, placing it in the
        index as merging them one by one did (a stored event a correction or a new
        extraction changed: `corpus.stored`)."""
        for mention, link in mentions:
            telling = (
                mention.story_id,
                fold(mention.sentence),
                str(mention.event.get("type")),
                str(mention.event.get("mode")),
            )
            self._place(mention, telling, event, link)

    def _place(
        self,
        mention: Mention,
        told: Telling,
        target: CorpusEvent,
        link: Link,
    ) -> CorpusEvent:
        """Add a mention to a corpus event and keep the blocks and tellings up to date."""
        region = target.region()
        started = target.profile.count == 0
        target.absorb(mention, Link("first") if started else link)
        group = self.overrides.groups.get(mention.key)
        if group is not None:
            self.index.group(group, target)
        if started:
            target.profile.blocks = self._blocks_of(mention)
        if started or target.region() != region:
            for block in target.profile.blocks:
                self.index.place(block, target.region() or "", target, mention=mention)
        self.index.keep(mention, told, target)
        return target

    def _retold(self, told: Telling, new: Mention) -> CorpusEvent | None:
        """The corpus event an earlier copy of this story told in the same sentence, or in
        one lightly edited ("has repeatedly defended" → "has consistently defended")."""
        document_id, apart = new.document_id, self.overrides.apart.get(new.key, ())
        tellings = self.index.tellings(told[0])
        target = next((event for telling, event in tellings if telling == told), None)
        if target is not None and not target.has_document(document_id) and not target.holds(apart):
            return target
        said, kind = words(told[1]), told[2:]
        best: tuple[float, CorpusEvent] | None = None
        for telling, event in tellings:
            if telling[2:] != kind or event.has_document(document_id) or event.holds(apart):
                continue
            earlier = words(telling[1])
            overlap = len(said & earlier) / len(said | earlier) if said | earlier else 0.0
            if overlap >= _RETOLD and (best is None or overlap > best[0]):
                best = (overlap, event)
        return best[1] if best else None

    def mention(
        self,
        event: Record,
        record: Record,
        *,
        story_id: str,
        position: tuple[int, int] = (0, 0),
        published: dt.date | None = None,
        folded_sentence: str | None = None,
    ) -> Mention:
        """The mention an event of a document record is.

        Args:
            event: one of the record's events.
            record: a record-format line.
            story_id: the document's story.
            position: (document's place in the ingest order, event's in the document).
            published: the document's day, if the caller has it already (else read).
            folded_sentence: the event's sentence folded, if the caller has it already.
        """
        document = record.get("document") or {}
        if published is None:
            published = parse_day(document.get("published"))
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
            position=position,
        )

    def _focus(self, record: Record) -> str | None:
        """The country the report is about (`corpus.features.main_country`), once a report."""
        document_id = str((record.get("document") or {}).get("id") or "")
        if self._focus_of[0] != document_id:
            self._focus_of = (document_id, main_country(record))
        return self._focus_of[1]

    def family(self, event: Record) -> str:
        """The type family an event is merged within (`MergeOptions.families`)."""
        kind = str(event.get("type"))
        families = self.options.families
        family = families.get(f"{kind}/{event.get('mode')}") or families.get(kind, kind)
        return f"{family}:future" if event.get("aux") == "future" else family

    def _blocks_of(self, mention: Mention) -> list[tuple[str, str, int]]:
        """The blocks a mention belongs to: its family and countries, in each week its dates
        span ("earlier this month" spans several; at most `_SPAN_WEEKS` are kept)."""
        first, last = self._weeks(mention)
        family = self.family(mention.event)
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
        self.index.prefetch(
            (block, self._region(mention) or None)
            for mention in mentions
            for block in self._near_blocks(mention)
        )
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

    def _near_blocks(self, mention: Mention) -> list[Block]:
        """The blocks a mention is held against: its family and countries, in the weeks its
        dates span and the ones around."""
        first, last = self._weeks(mention)
        family = self.family(mention.event)
        return [
            (family, country, week)
            for country in mention.countries
            for week in range(first - 1, last + 2)
        ]

    def _region(self, mention: Mention) -> str:
        """The region a mention is held in (`corpus.features.block_region`)."""
        return block_region(mention.event.get("place"), doubtful=mention.doubtful)

    def _near(self, mention: Mention) -> Iterator[CorpusEvent]:
        """The corpus events a mention is held against: those of its blocks in its region or
        with none, but those holding a mention the user kept apart from it."""
        region = self._region(mention)
        apart = self.overrides.apart.get(mention.key, ())
        seen: set[str] = set()
        for block in self._near_blocks(mention):
            buckets = self.index.near(block, region=region or None)
            # a regional mention meets that region's events and the country-level ones;
            # a country-level mention meets them all
            lists = [buckets.get(region, []), buckets.get("", [])] if region else buckets.values()
            for candidate in (one for listed in lists for one in listed):
                if candidate.id in seen or (apart and candidate.holds(apart)):
                    continue
                seen.add(candidate.id)
                yield candidate


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
