"""Events: the per-sentence loop that finds what a sentence reports, coded in PLOVER.

A trigger (`resources/<lang>/events.yaml`, matched by `triggers`) names the event type and
mode; `reporting` tells whether it reports an event or only describes one; its actor and
recipient come from the parse (`arguments`); `type_rules` adjust its type and mode by what
the sentence says around it. Constructions no trigger covers (`constructions`), demands
(`demands`) and labels (`labels`) add events; an order's content is done by whoever
ordered it, a refusal rejects whom the refused act would have backed; mentions of one
event in the sentence become one event (`mentions`).
"""

from __future__ import annotations

from typing import Self

from spacy.tokens import Span, Token

from .actors import ActorResolver
from .arguments import ArgumentFinder
from .candidates import VERBAL_TYPES, EventCandidate, SpeakerLookup
from .clauses import verbal
from .constructions import Constructions, keep_own_actor
from .demands import DemandReader
from .labels import LabelReader
from .lexicon import Lexicon, fold
from .mentions import drop_embedded_nouns, merge_in_sentence
from .reporting import ReportGate
from .syntax import OBJECT, is_passive, subject_of
from .triggers import phrase_head, trigger_phrases
from .type_rules import TypeRules

# Acts that sides named together do with each other, not for nothing named.
_WITH_EACH_OTHER = frozenset({"CONSULT", "COOPERATE"})


class EventFinder(ArgumentFinder):
    """Find the events of one Doc's sentences: trigger phrases, the events they report,
    demands and labels; their arguments come from `ArgumentFinder`.

    The word tables are read once per language, each part's by that part; `for_document`
    gives a finder bound to one document's actor resolver, its parts with it.
    """

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.causative = words("events", "causative_verbs")
        self.negating_verbs = words("events", "negating_verbs")
        self.sideless = lexicon.names("events", "sideless_types")
        self.suffered = words("events", "suffered_triggers")
        self.injuring = words("events", "injury_triggers")
        self.mutual = words("events", "mutual_triggers")
        self.gatherings = words("events", "gathering_modes")
        self.dyadic = lexicon.names("events", "needs_recipient")
        self.tolls = words("events", "toll_triggers")
        self.reporting = ReportGate(lexicon=lexicon)
        self.rules = TypeRules(lexicon=lexicon)
        self.constructions = Constructions(lexicon=lexicon)
        self.requests = DemandReader(lexicon=lexicon)
        self.labelling = LabelReader(lexicon=lexicon)

    def for_document(self, resolver: ActorResolver) -> Self:
        """Return a finder sharing these tables, resolving actors with `resolver`, with its
        parts working with it."""
        finder = super().for_document(resolver)
        finder.reporting = self.reporting.bound(finder)
        finder.rules = self.rules.bound(finder)
        finder.constructions = self.constructions.bound(finder)
        finder.requests = self.requests.bound(finder)
        finder.labelling = self.labelling.bound(finder)
        return finder

    def find(self, sent: Span, *, speaker_of: SpeakerLookup) -> list[EventCandidate]:
        """Return the events of one sentence, mentions of one event merged."""
        candidates = []
        # nominal triggers dropped for naming no one: what hangs from them is their content
        # ("expresó su preocupación por la detención de X" arrests no one)
        silent: list[Token] = []
        lifters: set[int] = set()
        for words, trigger in trigger_phrases(sent, finder=self):
            head = phrase_head(words)
            if not self.reporting.reports_event(head, trigger):
                continue
            candidate = EventCandidate(
                trigger=head,
                words=words,
                type=trigger.type,
                mode=trigger.mode,
                suffered=" ".join(trigger.lemmas) in self.suffered,
                mutual=" ".join(trigger.lemmas) in self.mutual,
            )
            # the dead and the injured are told as tolls too: such a hit stands only when the
            # learned detector agrees, and never within a running total
            resulting = self.resulting(head) is not None
            tolled = (
                candidate.suffered
                or " ".join(trigger.lemmas) in self.injuring
                or (resulting and trigger.type == "ASSAULT")
            )
            candidate.gated = tolled
            if (tolled or resulting) and self.reporting.recounted(head):
                continue
            if candidate.suffered and not verbal(head) and not resulting:
                continue  # "seis civiles muertos durante el paro" describes the dead
            self.find_arguments(candidate, speaker=speaker_of(head))
            if candidate.described is not None and self.reporting.background(candidate.described):
                continue
            lifter = self.rules.lifted(candidate)
            if lifter is not None:
                # "Serbia lifted a night curfew", "levantó el estado de excepción": the
                # restriction ended is a concession by whoever ends it
                candidate.type, candidate.mode, candidate.reported = "CONCEDE", None, True
                ender = (
                    self.marked(lifter, self.agent_markers)
                    if is_passive(lifter)
                    else subject_of(lifter)
                )
                candidate.actor = (
                    self.resolve(ender, speaker=speaker_of(head), candidate=candidate)
                    or candidate.actor
                )
                lifters.add(lifter.i)
            if candidate.type == "REQUEST" and candidate.recipient is None:
                candidate.recipient = self.requests.asked_of(head, speaker=speaker_of(head))
            if not self.rules.adjust_type(candidate, trigger):
                continue
            self.constructions.expulsion(candidate)
            self.constructions.withdrawal_from(candidate, trigger, speaker=speaker_of(head))
            candidate.toll = self.constructions.happenings.counted(head, candidate.type)
            if candidate.toll:
                keep_own_actor(candidate)
            occurrence = (
                self.constructions.occurrence(candidate)
                or self.constructions.told_happening(candidate, speaker=speaker_of(head))
                or candidate.toll
            )
            if not verbal(candidate.trigger) and candidate.actor is None:
                if candidate.type == "PROTEST":
                    candidate.actor = self.resolver.protesters(head)
                elif not occurrence and (candidate.recipient is None or not candidate.reported):
                    # "the imprisonment of Castillo" names an event; "Castillo was declared
                    # persona non grata" reports one.
                    if candidate.type in VERBAL_TYPES:
                        silent.append(candidate.trigger)
                    if candidate.recipient is not None or candidate.type not in self.sideless:
                        continue
                    candidate.sideless = True
            if candidate.actor is None and candidate.recipient is None and not occurrence:
                if candidate.type not in self.sideless:
                    continue
                candidate.sideless = True
            # "Israel and Lebanon renewed negotiations", "Colombia y Venezuela reanudaron el
            # diálogo": sides named together talk or work with each other
            together = (
                candidate.actor is not None
                and len(candidate.actor.members) >= 2
                and candidate.type in _WITH_EACH_OTHER
            )
            gathering = (
                candidate.mode in self.gatherings and candidate.actor is not None
            ) or together
            if not candidate.has_object and candidate.type in self.dyadic and not gathering:
                if not verbal(candidate.trigger) and candidate.type in VERBAL_TYPES:
                    silent.append(candidate.trigger)
                continue  # "expressed support" for nothing named says nothing
            candidates.append(candidate)
        candidates = [
            c
            for c in candidates
            if (verbal(c.trigger) or not any(c.trigger in word.subtree for word in silent))
            and c.trigger.i not in lifters
        ]
        # "released 192 of the 193 people detained during the raid": the participle says who
        # the released are; the sentence reports the release, not the detention again
        argued = {i for c in candidates if c.described is None for i in c.argument_tokens}
        candidates = [c for c in candidates if c.described is None or c.described.i not in argued]
        if any(not c.sideless for c in candidates):
            # a sentence that names the sides of an event tells no second one without them
            candidates = [c for c in candidates if not c.sideless]
        candidates += self.constructions.envoy_acts(sent, candidates, speaker_of=speaker_of)
        candidates += self.constructions.crowds(sent, candidates, speaker_of=speaker_of)
        candidates += self.constructions.struck_by(sent, candidates, speaker_of=speaker_of)
        candidates += self.constructions.happening_nouns(sent, candidates, speaker_of=speaker_of)
        _refusals_take_their_object(candidates, refusing=self.negating_verbs)
        self.requests.protests_take_their_purpose(candidates)
        candidates = self._apply_causatives(candidates)
        candidates = self.requests.demand_events(sent, candidates, speaker_of=speaker_of)
        candidates += self.labelling.labelled(sent, speaker_of=speaker_of)
        candidates = drop_embedded_nouns(candidates, measures=self.rules.restrictions)
        candidates = [c for c in candidates if not self.reporting.found_weapon(c)]
        self.requests.mark_request_content(candidates)
        return merge_in_sentence(candidates, tolls=self.tolls)

    def detected(
        self, token: Token, event_type: str, *, speaker_of: SpeakerLookup
    ) -> EventCandidate | None:
        """An event the learned detector found where no trigger fired, told by `token` (the
        sentence's word its training data ties most to the type); its arguments come from
        the parse as a trigger's would. None when the parse names no side and the type is
        not one that happens without one (a protest, a clash)."""
        candidate = EventCandidate(
            trigger=token, words=[token], type=event_type, mode=None, detected=True
        )
        self.find_arguments(candidate, speaker=speaker_of(token))
        if candidate.actor is None and event_type == "PROTEST":
            candidate.actor = self.resolver.protesters(token)
        if candidate.actor is None and event_type not in self.constructions.occurrence_types:
            return None  # "expressed" by no one named: nothing to code
        if candidate.actor is None and candidate.recipient is None:
            return None
        if event_type in self.dyadic and candidate.recipient is None:
            return None  # "the president spoke in Nairobi": consulted no one named
        return candidate

    def _apply_causatives(self, candidates: list[EventCandidate]) -> list[EventCandidate]:
        """ "ordered the detention of X": the order-giver detains; the order is not counted."""
        by_trigger = {c.trigger.i: c for c in candidates}
        dropped: set[int] = set()
        for candidate in candidates:
            if fold(candidate.trigger.lemma_) not in self.causative:
                continue
            for child in _ordered_events(candidate.trigger):
                inner = by_trigger.get(child.i)
                if inner is None:
                    continue
                if inner.actor is None or inner.actor.name == "protesters":
                    inner.actor = candidate.actor
                dropped.add(candidate.trigger.i)
        return [c for c in candidates if c.trigger.i not in dropped]


# How the refused act hangs from the refusal ("refused to recognise", "se negó a reconocer").
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "advcl", "obl", "pcomp"})
# Acts whose refusal rejects whom they would have been for.
_BACKING = frozenset({"SUPPORT", "AGREE", "COOPERATE", "AID", "CONSULT", "CONCEDE"})


def _refusals_take_their_object(
    candidates: list[EventCandidate], *, refusing: frozenset[str]
) -> None:
    """ "refused to recognise Maduro's claim", "se negó a reconocer el mandato de Maduro": a
    refusal names no one itself; whom it rejects is the one the refused act would have
    backed (not the one "refused to condemn the arrest of X" is about)."""
    by_head = {
        c.trigger.head.i: c
        for c in candidates
        if c.recipient is not None
        and c.type in _BACKING
        and not c.harmed_recipient
        and c.trigger.dep_ in _COMPLEMENTS
    }
    for candidate in candidates:
        # a side the refusal's complement names is the one the refused act would have backed
        told = candidate.recipient is not None and not candidate.indirect
        if candidate.type != "REJECT" or told:
            continue
        if fold(candidate.trigger.lemma_) not in refusing:
            continue
        inner = by_head.get(candidate.trigger.i)
        if inner is not None and inner.trigger != candidate.trigger:
            candidate.recipient = inner.recipient
            candidate.has_object, candidate.indirect = True, False


def _ordered_events(order: Token) -> list[Token]:
    """Words an order governs as its content: its object or complement clause, two deep."""
    found = []
    for child in order.children:
        if child.dep_ in OBJECT | {"xcomp", "ccomp"}:
            found.append(child)
            found.extend(
                grandchild
                for grandchild in child.subtree
                if grandchild.i != child.i
                and grandchild.head.i in {child.i, *(c.i for c in child.children)}
            )
    return found


__all__ = ["EventFinder"]
