"""Tallying: every figure a report gives, kept as a count with its date, place and source.

As of when a figure stands (its own clause's date, the day its source spoke, the day of the
event it is the toll of), where its people were counted, who gives it and whether they are
official; a figure of harm is attached to its event too. The figures stage
(`stages.FiguresStage`) writes what `Tallier.count` returns to the Doc.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from ..records import Actor, Count, DateSpan, Event, Place
from .actors import ActorResolver, document_resolver
from .certainty import document_judge
from .coding import dates_per_sentence, evidence_of, told_in_past
from .dates import DateMention, published_day
from .directory import ActorDirectory, default_directory
from .figures import (
    FigureMention,
    counted_noun,
    find_figures,
    is_official,
    is_tally,
    partitive_of,
    totals,
)
from .lexicon import Lexicon, fold
from .names import PERSON_LABELS
from .places import setting_of
from .syntax import governing_chain, prepositional_args, subject_of

_FIGURE_FIELD = {
    "killed": "fatalities",
    "injured": "injuries",
    "arrested": "arrests",
    "participants": "size",
}
_COERCIVE = ("ASSAULT", "COERCE")
_HARM_KINDS = ("killed", "injured", "arrested", "displaced")
# How many words before a person's name can be their title ("U.N. Resident Coordinator for
# Myanmar")
_TITLE_WORDS = 6


class Tallier:
    """Keep every reported figure as a count; attach casualties to their event too."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def count(self, doc: Doc) -> list[Count]:
        """Return the counts of a Doc the events stage has coded; a figure of harm also
        fills the field of its event (`Event.fatalities`, `.injuries` …) left empty."""
        counts: list[Count] = []
        events_by_sentence: dict[int, list[Event]] = {}
        for event in doc._.events:
            events_by_sentence.setdefault(event.evidence.start, []).append(event)
        dates = dates_per_sentence(doc._.dates)
        # the resolver and the judge over what the actors and certainty stages wrote
        resolver = document_resolver(doc, lexicon=self.lexicon)
        judge = document_judge(doc, lexicon=self.lexicon, resolver=resolver)
        since = self.lexicon.words("dates", "since_markers")
        because = self.lexicon.words("dates", "causal_markers")
        that = self.lexicon.words("dates", "complement_markers")
        demonstratives = self.lexicon.words("numbers", "pointing_back")
        harm = frozenset().union(
            *(self.lexicon.words("numbers", f"kinds.{kind}") for kind in _HARM_KINDS)
        )
        in_dates = frozenset(
            i for m in doc._.dates if m.absolute for i in range(m.span.start, m.span.end)
        )
        directory: ActorDirectory = doc._.directory or default_directory()
        # where a report filed from a town is set: its figures with no place are that town's
        scene, lede = doc._.scene, doc._.lede
        # the day each source gave its figures on, and the day each kind of figure was
        # dated to, in the last sentence that gave figures
        introduced = _introductions(doc, resolver)
        stated: dict[str, DateSpan] = {}
        told: dict[str, DateSpan] = {}
        for sent in doc.sents:
            figures = find_figures(sent, lexicon=self.lexicon, skip=in_dates)
            if not figures:
                continue
            dated: dict[str, DateSpan] = {}
            days: dict[str, DateSpan] = {}
            evidence = evidence_of(sent)
            # what holds for every figure of the sentence
            # a running total stands as of its report; a figure of what happened, told in
            # the past with no day of its own, as of the day the story is about
            told_then = told_in_past(sent.root) and not is_tally(sent, lexicon=self.lexicon)
            fallback = (lede if told_then else None) or published_day(doc)
            # "17 people died in Juliaca" is Puno's toll; a toll with no place is national
            setting = setting_of(sent, toponyms=doc._.toponyms, lexicon=self.lexicon)
            # a running total ("since the protests began", "en todo el país") is the
            # country's unless the sentence sets it somewhere
            running = is_tally(sent, lexicon=self.lexicon)
            here = events_by_sentence.get(evidence.start, [])
            for mention in figures + totals(figures, lexicon=self.lexicon):
                field = _FIGURE_FIELD.get(mention.kind)
                target = _event_for(here, mention)
                # a figure of harm done somewhere is that region's toll, placed as its event is
                place = (
                    _origin(mention, doc._.toponyms, self.lexicon)
                    or setting
                    or (None if running else _regional(target) or scene)
                    or doc._.focus
                )
                if target is not None and field is not None and getattr(target, field) is None:
                    setattr(target, field, mention.figure)
                if mention.vague and mention.figure.best < 12 and not _harm_told(mention):
                    # "some protesters threw stones" says who acted, not how many came
                    continue
                judgement = judge.judge(mention.tokens[0])
                judgement.attributed_to = directory.apply(
                    judgement.attributed_to or self._tallied_by(resolver, mention.tokens[0]),
                    on=doc._.published,
                    focus=doc._.focus.country if doc._.focus is not None else None,
                )
                source = judgement.attributed_to
                clause = _figure_clause(mention.tokens[0])
                perfect = _perfect_tense(clause)
                # "have killed at least 50", "ha dejado 80 muertos", "had fled since early
                # November": a result as of when it is told, not a happening of the day the
                # story is about
                told_now = _perfect_tense(clause, present=True) or _counts_since(
                    clause, since=since
                )
                as_of = _as_of(
                    dates.get(sent.start, []),
                    since=since,
                    harm=harm,
                    because=because,
                    that=that,
                    figure=mention.tokens[0],
                )
                if as_of is not None:
                    days.setdefault(mention.kind, as_of)
                elif source is not None and source.name in stated:
                    # "26 have died, the office said on Monday. Hundreds have been injured,
                    # the office said": one statement, the day it was made
                    as_of = stated[source.name]
                elif mention.kind in told and _points_back(mention.tokens[0], demonstratives):
                    # "17 muertos en los enfrentamientos del 9 de enero. La Diresa eleva a 18
                    # los fallecidos a causa de esos hechos": the same day's dead
                    as_of = told[mention.kind]
                elif (
                    not running
                    and field is not None
                    and target is not None
                    and target.date is not None
                    and target.aux is None
                    and not perfect
                ):
                    # "seis civiles murieron", "eleven soldiers were killed", with no day of
                    # their own: the day of the event they are the toll of (a state such as
                    # "still missing" is not one day's happening)
                    as_of = target.date
                if as_of is not None and source is not None:
                    dated.setdefault(source.name, as_of)
                counts.append(
                    Count(
                        kind=mention.kind,
                        best=mention.figure.best,
                        low=mention.figure.low,
                        high=mention.figure.high,
                        evidence=evidence,
                        as_of=as_of or (published_day(doc) if told_now else fallback),
                        place=place,
                        source=source,
                        # "Kirkwood said …": as official as the report made them where it
                        # named them ("U.N. Resident Coordinator for Myanmar Andrew Kirkwood")
                        official=is_official(
                            sent, lexicon=self.lexicon, source=_as_introduced(source, introduced)
                        ),
                        certainty=judgement.certainty,
                    )
                )
            stated, told = dated, days
        return counts

    def _tallied_by(self, resolver: ActorResolver, number: Token) -> Actor | None:
        """Who gives a figure by counting it: the subject of the verb of counting that
        governs it ("La Defensoría cuenta a los 41 manifestantes muertos"), or who the verb
        is said of when the language leaves its subject unstated."""
        counting = self.lexicon.words("numbers", "tally_verbs")
        for head in governing_chain(number, limit=4):
            if head.pos_ in ("VERB", "AUX") and fold(head.lemma_) in counting:
                subject = subject_of(head)
                if subject is None:
                    # "En esa misma entrevista informó de 32 civiles heridos": who spoke before
                    return resolver.unstated_subject(head)
                return resolver.resolve(subject)
        return None


def _harm_told(mention: FigureMention) -> bool:
    """True for a few people harmed, told as such ("several people were injured", "varios
    muertos"): a figure as a report gives it. Not a part of a group told elsewhere ("many
    of the wounded", "algunos de ellos"), nor a few people who take part."""
    if mention.kind not in (*_HARM_KINDS, "missing"):
        return False
    return not any(
        noun.pos_ == "PRON" or any(c.dep_ == "det" for c in noun.children)
        for noun in partitive_of(mention.tokens[-1])
    )


def _introductions(doc: Doc, resolver: ActorResolver) -> dict[str, Actor]:
    """Each person the report names, as its first mention with two names or more
    introduces them, by their full name: with the words before the name ("U.N. Resident
    Coordinator for Myanmar Andrew Kirkwood", "Lieutenant General Ahmed Sharif Chaudhry") and
    a title in apposition ("el coordinador residente de la ONU en Chad, Pedro Holguín")."""
    found: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS or len(ent) < 2:
            continue
        actor = resolver.resolve(ent.root, allow_pronoun=False)
        if actor is None or actor.name in found:
            continue
        start = ent.start
        while (
            start > ent.sent.start
            and ent.start - start < _TITLE_WORDS
            and not doc[start - 1].is_punct
            and doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "X")
        ):
            start -= 1
        words = [doc[start : ent.end].text]
        # "El coordinador residente de la ONU en Chad, Pedro Holguín", "Pedro Holguín, the
        # U.N. coordinator": a title in apposition
        if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            words.append(doc[ent.root.head.left_edge.i : ent.start].text)
        words += [
            doc[c.left_edge.i : c.right_edge.i + 1].text
            for c in ent.root.children
            if c.dep_ == "appos" and c.i >= ent.end
        ]
        found[actor.name] = replace(actor, text=" ".join(words))
    return found


def _as_introduced(source: Actor | None, introduced: dict[str, Actor]) -> Actor | None:
    """A person a figure is given by as the report introduced them ("Kirkwood said …" is
    the U.N. Resident Coordinator's figure): the words it named them with and, when the
    later mention gives none, their sector."""
    if source is None or source.name not in introduced:
        return source
    first = introduced[source.name]
    return replace(source, text=first.text, sector=source.sector or first.sector)


def _perfect_tense(verb: Token, *, present: bool = False) -> bool:
    """True for a verb in a perfect tense ("had died", "han muerto"): a result told as of
    when it is told, not a happening of one day. With `present`, only the present perfect
    ("have killed", "ha dejado"), not the past perfect of reported speech ("said 18 people
    had died in Juliaca", which stands as of the day told)."""
    return any(
        c.dep_.startswith("aux")
        and fold(c.lemma_) in ("have", "haber")
        and (not present or c.tag_ in ("VBP", "VBZ") or "Pres" in c.morph.get("Tense", []))
        for c in verb.children
    )


def _origin(mention: FigureMention, toponyms: list[Any], lexicon: Lexicon) -> Place | None:
    """Where the people a figure counts come from: "21 people from Puno" are Puno's dead."""
    counted = counted_noun(mention.tokens[-1])
    markers = lexicon.words("numbers", "origin_markers")
    for marker, noun in prepositional_args(counted):
        if marker not in markers:
            continue
        for toponym in toponyms:
            if toponym.span.start <= noun.i < toponym.span.end and toponym.place.precision < 6:
                return toponym.place
    return None


def _regional(event: Event | None) -> Place | None:
    """The place of an event when it is known to a region or finer, else None."""
    place = event.place if event is not None else None
    return place if place is not None and place.admin1 and place.precision <= 4 else None


def _event_for(events: list[Event], mention: FigureMention) -> Event | None:
    """Return the event a figure belongs to: harm to violence, a crowd to its protest, else
    to what the crowd did ("about 300 protesters attacked the police station")."""
    if mention.kind != "participants":
        return next((event for event in events if event.type in _COERCIVE), None)
    protest = next((event for event in events if event.type == "PROTEST"), None)
    if protest is not None:
        return protest
    crowd = fold(mention.tokens[-1].head.text)
    return next(
        (e for e in events if e.actor is not None and crowd in fold(e.actor.text).split()), None
    )


def _as_of(
    dates: list[DateMention],
    *,
    since: frozenset[str],
    harm: frozenset[str],
    because: frozenset[str] = frozenset(),
    that: frozenset[str] = frozenset(),
    figure: Token | None = None,
) -> DateSpan | None:
    """Return the date a figure stands at: not the start of a "since ..." period; a date
    the sentence takes from the story ("en esa misma entrevista") counts as its own. With
    `figure`, a date of another clause beside the figure's does not date it ("siete fueron
    atendidos y seis seguían internados el lunes": Monday is the six's), nor one of a clause
    giving a reason, opened by a word of `because`."""
    clause = _figure_clause(figure) if figure is not None else None
    if clause is not None:
        # the figure's own clause's date first: "193 detained a day earlier", though the
        # sentence's release was ordered on Sunday
        dates = sorted(dates, key=lambda m: _clause_of(m.span.root) != clause)
    for mention in dates:
        if not mention.absolute:
            if mention.span == mention.span.sent:
                return mention.date
            continue
        if clause is not None and not _dates_clause(
            mention.span.root, clause, because=because, that=that
        ):
            continue
        if _since(mention, since=since):
            continue
        # "rejected proposals to hold elections in 2023 ... more than 50 dead": a date
        # inside an object is not when the figure stood.
        if _inside_object(mention.span.root, harm=harm):
            continue
        return mention.date
    return None


def _since(mention: DateMention, *, since: frozenset[str]) -> bool:
    """True for the start of a period ("since the protests began on Dec 10", "desde el
    sábado"): a "since" word governs the date or marks a clause above it."""
    above = [mention.span.root, *mention.span.root.ancestors]
    words = {fold(t.lemma_) for t in above}
    words |= {
        fold(c.lemma_) for t in above for c in t.children if c.dep_ in ("mark", "prep", "case")
    }
    return bool(words & since)


def _counts_since(clause: Token, *, since: frozenset[str]) -> bool:
    """True when a figure's clause counts from the start of a period ("had fled into Sudan
    since early November", "contabiliza 40 muertos desde el sábado"): a running total."""
    for child in clause.children:
        if fold(child.lemma_) in since and child.dep_ in ("prep", "mark", "advmod"):
            return True
        if any(g.dep_ in ("case", "mark") and fold(g.lemma_) in since for g in child.children):
            return True
    return False


def _points_back(figure: Token, demonstratives: frozenset[str]) -> bool:
    """True when what a figure counts is tied to what was just told ("los fallecidos a causa
    de esos hechos", "those killed in these clashes")."""
    return any(
        t.dep_ == "det" and fold(t.text) in demonstratives for t in counted_noun(figure).subtree
    )


def _figure_clause(figure: Token) -> Token:
    """The clause a figure is told in: that of the words it counts ("the 193 people
    [detained a day earlier]"), else the one it stands in."""
    counted = counted_noun(figure) if figure.dep_ in ("nummod", "quantmod") else figure
    told = next(
        (c for c in counted.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")),
        None,
    )
    return told if told is not None else _clause_of(figure)


def _clause_of(word: Token) -> Token:
    """The verb (or the sentence's root) of the clause a word is in."""
    for head in [word, *word.ancestors]:
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass", "aux:pass", "cop"):
            return head
    return word.sent.root


def _dates_clause(
    date: Token, clause: Token, *, because: frozenset[str], that: frozenset[str] = frozenset()
) -> bool:
    """False when a date is in a clause coordinated with the figure's ("siete fueron
    atendidos y seis seguían internados el lunes") or in one that gives a reason (`because`:
    "18, porque incluye a un adolescente que murió el 12 de enero"); a governing or reporting
    clause ("said on Monday that 26 had died", "26 have died, the office said on Monday")
    dates it, and so does the verb of saying a second clause of what was said hangs from
    when the parser joins it there (`that`: "dijo el domingo que ... y que cinco murieron")."""
    own = _clause_of(date)
    if own == clause:
        return True
    if own in clause.conjuncts:
        return clause.head == own and any(
            c.dep_ == "mark" and fold(c.text) in that for c in clause.children
        )
    for head in [own, *own.ancestors]:
        if head == clause:
            break
        if any(c.dep_ == "mark" and fold(c.text) in because for c in head.children):
            return False
    return True


def _inside_object(word: Token, *, harm: frozenset[str]) -> bool:
    """True when `word` lies inside a verb's object, unless it dates the harm counted
    ("counted the civilians killed in Monday's clashes")."""
    current = word
    for _ in range(8):
        if current.head == current:
            return False
        if fold(current.lemma_) in harm or fold(current.text) in harm:
            return False
        if current.dep_ in ("dobj", "obj") and current.head.pos_ in ("VERB", "AUX"):
            return True
        current = current.head
    return False
