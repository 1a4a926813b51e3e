"""Events told by a construction rather than by a trigger with its own arguments.

Envoys summoned, expelled or withdrawn ("convocó a la embajadora de Israel", "ordered
France's ambassador to leave"), forces withdrawn from a country, a crowd gathering where no
protest word fired ("llegaron a la capital miles de indígenas"), someone struck by what
attacks are made with ("alcanzado por un proyectil"), and event nouns told as taking place
("the coordinated assault began at the penitentiary", "hubo caravanas de vehículos").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Actor
from .arguments import FinderPart
from .candidates import EventCandidate, SpeakerLookup
from .clauses import NOMINAL, undergoer, verbal
from .happenings import HappeningReader
from .lexicon import Lexicon, Trigger, fold
from .syntax import (
    attachment_of,
    conjuncts,
    is_passive,
    marker_of,
    objects_of,
    passive_subject,
    prepositional_args,
    subject_of,
)

# How a word saying that someone is to leave hangs from the order ("to leave", "out").
_DEPARTING = frozenset({"xcomp", "ccomp", "prt", "advmod", "prep", "advcl"})


class Constructions(FinderPart):
    """Find the events a sentence tells by construction, and adjust those its triggers found."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.departure = words("events", "departure_words")
        self.ordering = words("events", "ordering_verbs")
        self.envoy_verbs = lexicon.mapping("events", "envoy_verbs")
        self.missions = [fold(m).split() for m in lexicon.words("events", "mission_nouns")]
        self.withdrawing = words("events", "withdrawing_triggers")
        self.occurrence_types = lexicon.names("events", "occurrence_types")
        self.occurrence_preps = words("events", "occurrence_prepositions")
        self.crowd_verbs = words("numbers", "crowd_verbs")
        self.quantities = {fold(word) for word in lexicon.mapping("numbers", "vague")}
        self.happenings = HappeningReader(lexicon=lexicon)

    def envoy_acts(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """ "España convocó a la embajadora de Israel", "citó al encargado de negocios de
        Estados Unidos", "retiró a su personal diplomático de Argentina": verbs that say
        little of their own, done to envoys, are a diplomatic act toward the state the
        envoys represent or serve in (`envoy_verbs`: a summons is PLOVER's official
        complaint, ACCUSE; withdrawing one's envoys reduces relations, SANCTION)."""
        taken = {c.trigger.i: c for c in candidates}
        found = []
        for token in sent:
            lemma = fold(token.lemma_)
            if lemma in self.ordering and token.i not in taken and verbal(token):
                # "ordenó la salida del personal diplomático de…": an order no trigger read
                order = EventCandidate(trigger=token, words=[token], type="REQUEST", mode=None)
                self.finder.find_arguments(order, speaker=speaker_of(token))
                self.expulsion(order)
                if order.type == "SANCTION" and order.actor and order.recipient:
                    found.append(order)
                continue
            kind = self.envoy_verbs.get(lemma)
            if kind is None or not verbal(token):
                continue
            marked = [n for m, n in prepositional_args(token) if m in self.finder.recipient_markers]
            objects = [*objects_of(token), *marked]
            event_type, _, mode = kind.partition("/")
            # "will withdraw its peacekeepers from Chad", "expelled the inspectors": a
            # state's foreign missions are sent away as its envoys are (CAMEO 166)
            missions = event_type == "SANCTION" and any(
                self._mission(c) for o in objects for c in conjuncts(o)
            )
            if not missions and not any(self.finder.resolver.is_envoy(o) for o in objects):
                continue
            candidate = taken.get(token.i)
            if candidate is not None:
                # "retiró a su personal diplomático de…" read as something else
                candidate.type, candidate.mode = event_type, mode or None
                continue
            candidate = EventCandidate(
                trigger=token, words=[token], type=event_type, mode=mode or None
            )
            self.finder.find_arguments(candidate, speaker=speaker_of(token))
            if candidate.actor is not None and candidate.recipient is not None:
                found.append(candidate)
        return found

    def _mission(self, head: Token) -> bool:
        """True for a word that names, alone or as the head of a phrase, foreign personnel on
        a mission in a country (`mission_nouns`: "peacekeepers", "weapons inspectors",
        "humanitarian workers", "observadores"), whom withdrawing or expelling is a sanction."""
        doc = head.doc
        for words in self.missions:
            for start in range(max(head.i - len(words) + 1, 0), head.i + 1):
                end = start + len(words)
                if end > len(doc):
                    continue
                tokens = doc[start:end]
                pairs = zip(words, tokens, strict=True)
                if all(w in (fold(t.lemma_), fold(t.text)) for w, t in pairs):
                    return True
        return False

    def crowds(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """A crowd coming together where no protest word fired ("llegaron a la capital
        miles de indígenas", "several hundred protesters who were sitting at the toll gate",
        "miles de independentistas celebraron en la plaza"): a demonstration, told by a verb
        of gathering (`crowd_verbs`, as figures count its people as taking part) whose
        subject is protesters or a counted crowd of people, when the learned detector
        agrees (families leaving their homes gather for no protest)."""
        if any(c.type == "PROTEST" for c in candidates):
            return []
        taken = {c.trigger.i for c in candidates}
        for token in sent:
            if token.i in taken or not verbal(token) or fold(token.lemma_) not in self.crowd_verbs:
                continue
            # "llegaron a la capital miles de indígenas": the parser may take the quantity
            # for an adverb
            subject = subject_of(token) or next(
                (c for c in token.children if c.dep_ == "advmod" and self._quantity(c)), None
            )
            if subject is None:
                continue
            crowd = EventCandidate(
                trigger=token, words=[token], type="PROTEST", mode="demonstrate", gated=True
            )
            self.finder.find_arguments(crowd, speaker=speaker_of(token))
            actor = crowd.actor
            counted = self._quantity(subject) or any(
                c.dep_ == "nummod" or self._quantity(c) for c in subject.children
            )
            if actor is None or not (actor.sector == "PRO" or (counted and actor.sector == "CVL")):
                continue
            # "llegaron a la capital": where they went, not whom; but a body they stand
            # before is ("se concentraron frente al edificio del TSE")
            crowd.recipient = self.finder.protested_before(
                token, speaker=speaker_of(token), candidate=crowd
            )
            return [crowd]
        return []

    def _quantity(self, token: Token) -> bool:
        """True for a number or a vague quantity ("300", "miles", "hundreds")."""
        return token.like_num or fold(token.text) in self.quantities

    def struck_by(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """Someone hit by what attacks are made with ("un avión fue alcanzado por disparos",
        "el diputado, alcanzado en el rostro por un proyectil de goma", "were struck by
        projectiles", "had been hit by bullets"): an attack on whoever was hit, told by the
        passive or the participle whose agent is the weapon. A trigger the weapon's own word
        fired takes the one hit as its recipient; else the verb is the attack's trigger."""
        found: list[EventCandidate] = []
        for token in sent:
            described = undergoer(token)
            if described is None and not (verbal(token) and is_passive(token)):
                continue
            weapon = self.finder.marked(token, self.finder.agent_markers)
            if weapon is None or fold(weapon.lemma_) not in self.finder.instruments:
                continue
            hit = described or passive_subject(token, inherited=False)
            if hit is None:
                continue
            fired = next((c for c in candidates if c.trigger in weapon.subtree), None)
            if fired is not None and fired.type != "ASSAULT":
                continue
            attack = fired or EventCandidate(
                trigger=token, words=[token], type="ASSAULT", mode=None, reported=True
            )
            if attack.recipient is None:
                attack.recipient = self.finder.resolve(
                    hit, speaker=speaker_of(token), candidate=attack
                )
                attack.has_object = attack.recipient is not None
                attack.sideless = attack.sideless and attack.recipient is None
            if fired is None and attack.recipient is not None:
                found.append(attack)
        return found

    def expulsion(self, candidate: EventCandidate) -> None:
        """ "Mali ordered France's ambassador to leave", "ordered Rwanda's ambassador out of
        the country", "ordenó la salida del encargado de negocios de Cuba": an order that a
        state's envoys leave is their expulsion (PLOVER SANCTION), aimed at that state."""
        order = candidate.trigger
        if candidate.type not in ("REQUEST", "COERCE") or not verbal(order):
            return
        for ordered in objects_of(order):
            if self.finder.resolver.is_envoy(ordered):
                # "ordered [France's ambassador] to leave", "ordered [X's envoy] out"
                told = [*order.children, *ordered.children]
                leaving = any(
                    c.dep_ in _DEPARTING and fold(c.lemma_) in self.departure for c in told
                )
            else:
                # "ordenó [la salida] del encargado de negocios de Cuba"
                leaving = fold(ordered.lemma_) in self.departure and any(
                    self.finder.resolver.is_envoy(noun)
                    for marker, noun in prepositional_args(ordered)
                    if marker in self.finder.genitive
                )
            if leaving:
                candidate.type, candidate.mode = "SANCTION", "expel"
                return

    def withdrawal_from(
        self, candidate: EventCandidate, trigger: Trigger, *, speaker: Actor | None
    ) -> None:
        """ "will withdraw its peacekeeping force from Chad", "withdraw the inspectors and
        aid workers from Iraq", "the withdrawal of some forces from Panama": what one's own
        forces or people are pulled out of is the side the withdrawal is aimed at (PLOVER
        RETREAT, SANCTION "withdraw"), not the forces withdrawn. Sets the recipient to the
        country or place "from" names, if a withdrawal names one."""
        head = candidate.trigger
        if " ".join(trigger.lemmas) not in self.withdrawing:
            return
        withdrawn = [head, *objects_of(head)]
        withdrawn += [
            noun for marker, noun in prepositional_args(head) if marker in self.finder.genitive
        ]
        for word in withdrawn:
            for marker, noun in prepositional_args(word):
                placed = noun.ent_type_ in ("GPE", "LOC") or self.finder.resolver.is_country(noun)
                if marker not in self.finder.withdrawn_from or not placed:
                    continue
                place = self.finder.resolve(noun, speaker=speaker, candidate=candidate)
                if place is not None:
                    candidate.recipient = place
                    return

    def happening_nouns(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """Events told by nouns that no trigger lists, as they report one only when their
        clause tells it as taking place or carried on (`happening_nouns`): "the coordinated
        assault began at the penitentiary", "los cierres continúan en la vía",
        "hubo caravanas de vehículos", "the rebels relaunched hostilities"."""
        taken = {word.i for candidate in candidates for word in candidate.words}
        found = []
        for token in sent:
            kind = self.happenings.noun_kind(token) if token.i not in taken else None
            if kind is None:
                continue
            event_type, mode = kind
            happening = self.happenings.happening(token, event_type)
            toll = self.happenings.counted(token, event_type)
            carrier = self.happenings.carried_on(token)
            if happening is None and carrier is None and not toll:
                continue
            candidate = EventCandidate(
                trigger=token, words=[token], type=event_type, mode=mode, toll=toll
            )
            self.finder.find_arguments(candidate, speaker=speaker_of(token))
            if toll:
                keep_own_actor(candidate)
            if carrier is not None and candidate.actor is None:
                # "the army has increased the violence": the one who steps it up wages it
                candidate.actor = self.finder.resolve(
                    subject_of(carrier), speaker=speaker_of(token), candidate=candidate
                )
            if happening is None and candidate.actor is None and candidate.recipient is None:
                continue  # "increased the violence": carried on by whom the clause names
            if happening is not None:
                self.told_happening(candidate, speaker=speaker_of(token))
            if candidate.type == "PROTEST" and candidate.actor is None:
                candidate.actor = self.finder.resolver.protesters(token)
            found.append(candidate)
        return found

    def told_happening(self, candidate: EventCandidate, *, speaker: Actor | None) -> bool:
        """True for an event noun its clause tells as taking place ("the nightly raids
        begin", "hubo negociación con los cabecillas": `happenings`), which reports its
        event with no side named. One told as reaching something ("a second raid hit a
        roundabout") is an attack on what it reaches."""
        happening = self.happenings.happening(candidate.trigger, candidate.type)
        if happening is None:
            return False
        if happening.placing and candidate.definite and not candidate.has_object:
            # "la captura se produjo de madrugada": when and where the one told took place
            candidate.reference = candidate.actor is None
        if happening.impact and candidate.type != "ASSAULT":
            # "a second raid hit a roundabout": force that lands from afar (`impact_mode`)
            candidate.type, candidate.mode = "ASSAULT", self.happenings.impact_mode
        if happening.impact and candidate.recipient is None:
            verb = happening.verb
            reached = self.finder.likeliest(objects_of(verb)) or self.finder.marked(
                verb, self.finder.recipient_markers
            )
            candidate.recipient = self.finder.resolve(reached, speaker=speaker, candidate=candidate)
            if candidate.recipient is None and self.finder.aimed_at(candidate, reached):
                candidate.target = reached
        return True

    def occurrence(self, candidate: EventCandidate) -> bool:
        """True for an event noun that reports that something happened ("the clashes")."""
        head = candidate.trigger
        if candidate.type not in self.occurrence_types or verbal(head):
            return False
        if head.dep_ in ("nsubj", "nsubjpass"):
            return True
        return marker_of(head) in self.occurrence_preps


def keep_own_actor(toll: EventCandidate) -> None:
    """A toll told inside another event noun's phrase ("abrió una investigación por los
    asesinatos de cinco firmantes") names its actor, if at all, in its own phrase: whoever
    opens the investigation did not kill."""
    head = toll.trigger
    if toll.actor is None or attachment_of(head).pos_ not in NOMINAL:
        return
    own = fold(" ".join(t.text for t in head.subtree))
    if fold(toll.actor.text) not in own:
        toll.actor = None
