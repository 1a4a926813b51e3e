"""The type and mode a trigger's event takes from what the sentence says around it.

Its actor's or recipient's sector ("soldiers looted homes" is ASSAULT/destroy), what it acts
on (`by_object`), territory an armed side takes, negation ("will not allow" is a refusal,
"no longer backs" a rejection), a restriction lifted; or that it reports nothing after all
("released a statement", "firmó su renuncia", "advirtió que podría derivar en abusos").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..records import Actor
from .arguments import FinderPart
from .candidates import EventCandidate
from .clauses import governing_verb, undergoer, verbal
from .lexicon import Lexicon, Trigger, fold
from .syntax import (
    PASSIVE_SUBJECT,
    conjuncts,
    is_negated,
    is_passive,
    is_reflexive,
    objects_of,
    prepositional_args,
)

# What a verb says or shows when it is no act of its own ("manifestó que…", "se manifestó
# preocupado")
_CLAUSES = frozenset({"ccomp", "xcomp", "csubj", "oprd", "acomp", "attr"})


class TypeRules(FinderPart):
    """Adjust the type and mode of a trigger's event, or drop it (`adjust_type`)."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.cessation = words("events", "cessation_markers")
        self.by_object = lexicon.mapping("events", "by_object")
        self.when_negated = lexicon.mapping("events", "when_negated")
        self.only_negated = words("events", "only_when_negated")
        self.intransitive = words("events", "intransitive_triggers")
        self.warnings = words("events", "warning_triggers")
        self.possibility = words("events", "possibility_modals")
        self.by_recipient = lexicon.mapping("events", "by_recipient_sector")
        self.negators = words("events", "negators")
        self.actor_sectors = {
            fold(k): {str(s) for s in v}
            for k, v in (lexicon.events.get("actor_sectors") or {}).items()
        }
        self.done_to_someone = words("events", "unrestricted_when_done_to_someone")
        self.lifting = words("events", "lifting_verbs")
        self.restrictions = words("events", "restriction_modes")
        self.people_modes = words("events", "people_modes")
        self.not_undergoers = words("events", "not_undergoers")
        self.signing = words("events", "signing_verbs")
        self.signed = words("events", "signed_agreements")
        self.by_sector = lexicon.mapping("events", "by_sector")
        self.taking = words("events", "taking_triggers")
        self.taking_sectors = words("events", "taking_sectors")

    def lifted(self, candidate: EventCandidate) -> Token | None:
        """The verb that ends the restriction a candidate names ("lifted the curfew",
        "eased the state of emergency", "levantó el toque de queda"), or None."""
        if candidate.mode not in self.restrictions:
            return None
        verb = governing_verb(candidate.trigger)
        if verb is None or fold(verb.lemma_) not in self.lifting:
            return None
        return verb

    def _undergone_thing(self, candidate: EventCandidate) -> bool:
        """True when what the trigger acts on is information or a reaction, not people:
        "released a statement", "no official toll has been released", "a video message
        released Sunday", "met an increasingly violent response", "difundió un video"."""
        head = candidate.trigger
        undergone = [candidate.target, *objects_of(head), undergoer(head)]
        undergone += [c for c in head.children if c.dep_ in PASSIVE_SUBJECT]
        undergone += [n for m, n in prepositional_args(head) if m in self.finder.recipient_markers]
        return any(t is not None and fold(t.lemma_) in self.not_undergoers for t in undergone)

    def puts_down_to_someone(self, candidate: EventCandidate) -> bool:
        """False for an act put down to oneself ("se atribuyó el ataque": a claim, which
        `BlameReader` reads) or to something that is no side ("attributed the delay to
        technical problems"); True for any other event."""
        verb = candidate.trigger
        if candidate.type != "ACCUSE" or fold(verb.lemma_) not in self.finder.attributing:
            return True
        if any(is_reflexive(child) for child in verb.children):
            return False
        blamed = self.finder.marked(verb, self.finder.attributed_to)
        # a name is someone's, whatever the recognizer took it for ("la Mara Salvatrucha")
        return (
            blamed is None or blamed.pos_ == "PROPN" or self.finder.resolver.is_actor_like(blamed)
        )

    def adjust_type(self, candidate: EventCandidate, trigger: Trigger) -> bool:
        """Apply negation and actor-sector rules; return False to drop the candidate."""
        if not self.puts_down_to_someone(candidate):
            return False
        key = " ".join(trigger.lemmas)
        sector_rules = self.by_sector.get(key)
        if sector_rules and candidate.actor is not None and candidate.actor.sector in sector_rules:
            # a rule may name a mode too: "soldiers looted homes" is ASSAULT/destroy
            event_type, _, mode = str(sector_rules[candidate.actor.sector]).partition("/")
            candidate.type, candidate.mode = event_type, mode or None
        by_recipient = self.by_recipient.get(key)
        if by_recipient is not None:
            sector = candidate.recipient.sector if candidate.recipient else None
            if sector not in by_recipient:
                return False
            candidate.type, candidate.mode = str(by_recipient[sector]), None
        by_object = self.by_object.get(key)
        if by_object is not None:
            acted_on = self._acted_on(candidate)
            kind = next(
                (
                    v
                    for k, v in by_object.items()
                    if self.finder.object_classes.get(fold(k), set()) & acted_on
                ),
                by_object.get("-", "keep"),
            )
            if kind is None:
                return False  # "reduced the number of...": nothing the trigger is about
            if kind != "keep":
                event_type, _, mode = str(kind).partition("/")
                candidate.type, candidate.mode = event_type, mode or None
        taken = key in self.taking and self._takes_ground(candidate)
        if taken:
            # "militants took over the town", "combatientes tomaron la ciudad": an armed side
            # taking a place takes territory, whatever the words do for a crowd ("protesters
            # tried to take over the airport" stays an occupation)
            candidate.type, candidate.mode = "ASSAULT", "territory"
        head = candidate.trigger
        negated = is_negated(head, negators=self.negators)
        allowed = self.actor_sectors.get(key)
        # "will not allow X" is a refusal whoever says it; only what is done is kept by sector
        refused = negated and key in self.when_negated
        if (
            allowed is not None
            and not refused
            and not taken
            and (
                candidate.actor is None
                or not _sectors(candidate.actor, is_state=self._is_state) <= allowed
            )
            and not self._done_to_someone(head, key)
        ):
            return False
        if candidate.type == "SUPPORT" and self._ceased(head, negated=negated):
            # "ya no respalda al gobierno", "no longer backs", "dejó de apoyar": support
            # withdrawn is a rejection that happened
            candidate.type, candidate.mode, candidate.negation_absorbed = "REJECT", None, True
            return True
        if key in self.only_negated and not negated:
            return False
        if key in self.intransitive and not _told_of_many(head):
            return False  # "manifestó su apoyo", "demonstrated its resolve"
        if key in self.warnings and self._foreseen(head):
            return False  # "advirtió que podría derivar en abusos": a forecast, not a threat
        if candidate.mode in self.people_modes and self._undergone_thing(candidate):
            return False  # "released a statement", "met a violent response": no one freed or met
        if key in self.signing and candidate.objects and not candidate.objects & self.signed:
            return False  # "firmó su renuncia": the resignation is the event
        if negated and (key in self.when_negated or key in self.only_negated):
            # "will not follow orders" is a refusal that happened, not a negated event.
            candidate.type = self.when_negated.get(key, candidate.type)
            candidate.mode = None
            candidate.negation_absorbed = True
        return True

    def _foreseen(self, head: Token) -> bool:
        """True when a warning says what may happen rather than what the warner's side will
        do: its clause is one of possibility ("warned that prices could rise", "advirtieron
        que podría derivar en nuevos abusos"), as analysts' and experts' warnings are."""
        for clause in head.children:
            if clause.dep_ not in ("ccomp", "xcomp"):
                continue
            words = [clause, *(c for c in clause.children if c.dep_ in ("aux", "xcomp"))]
            if any(fold(w.lemma_) in self.possibility for w in words):
                return True
        return False

    def _done_to_someone(self, head: Token, key: str) -> bool:
        """True when a trigger kept to armed actors only for its intransitive sense is done
        to someone: "fue desaparecido", "desaparecieron a un campesino", "activists were
        disappeared" name an abduction, whoever did it; "desaparecieron" alone may mean
        that people went missing."""
        return key in self.done_to_someone and (is_passive(head) or bool(objects_of(head)))

    def _takes_ground(self, candidate: EventCandidate) -> bool:
        """True when an armed side (`taking_sectors`) is who takes and a place is what it
        takes (object class `ground`)."""
        actor = candidate.actor
        if actor is None or fold(actor.sector or "") not in self.taking_sectors:
            return False
        return bool(self.finder.object_classes.get("ground", set()) & self._acted_on(candidate))

    def _acted_on(self, candidate: EventCandidate) -> set[str]:
        """The lemmas of what a trigger acts on: its objects, or a noun's "of" phrase ("the
        suspension of air links"), with their modifiers and what they are part of ("part of
        a military aid program")."""
        head = candidate.trigger
        words: set[str] = set()
        if verbal(head):
            # "links to Tigray have been cut": a passive's subject is what it acts on
            found = [*objects_of(head), *(c for c in head.children if c.dep_ in PASSIVE_SUBJECT)]
        else:
            found = [n for m, n in prepositional_args(head) if m in self.finder.genitive]
            # "the internet shutdown": a noun's own modifiers say what it acts on
            words |= {fold(c.lemma_) for c in head.children if c.dep_ in ("compound", "amod")}
        seen: set[int] = set()
        while found:
            noun = found.pop()
            if noun.i in seen:
                continue
            seen.add(noun.i)
            # the word as written too: the model lemmatizes some plurals oddly ("víveres");
            # and a name's kind ("captured Tal Rifaat" acts on a GPE)
            words |= {fold(noun.lemma_), fold(noun.text), fold(noun.ent_type_)} - {""}
            words |= {
                fold(c.lemma_) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
            }
            found += [c for c in conjuncts(noun) if c.i not in seen]
            found += [n for m, n in prepositional_args(noun) if m in self.finder.genitive]
        return words

    def _is_state(self, actor: Actor) -> bool:
        """True for a side that is a country named as such ("Turkey", "the United States")."""
        named = self.finder.resolver.gazetteer.country_named(actor.name)
        return named is not None and actor.country is not None and not actor.members

    def _ceased(self, head: Token, *, negated: bool) -> bool:
        """True when what a word says is said to have stopped: negated with "no longer" /
        "ya no", or the complement of "stop" / "dejar de"."""
        for child in head.children:
            # "ya no" hangs from the verb; in "no longer" the "no" hangs from "longer"
            own_negation = any(fold(c.text) in self.negators for c in child.children)
            if fold(child.text) in self.cessation and (negated or own_negation):
                return True
        governor = head.head if head.dep_ in ("xcomp", "ccomp") else None
        if governor is None or fold(governor.lemma_) not in self.finder.cessation_verbs:
            return False
        # "no dejará de apoyar", "never stopped supporting": support that goes on
        return not is_negated(governor, negators=self.negators)


def _told_of_many(verb: Token) -> bool:
    """True for a verb with nothing said or shown (no object, no clause) and not in the
    singular: "se manifestaron frente al Congreso", "thousands demonstrated"."""
    if not verbal(verb) or objects_of(verb):
        return False
    # a compound tense's number is its auxiliary's ("habían manifestado")
    finite_words = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    finite_words = [w for w in finite_words if "Fin" in w.morph.get("VerbForm", [])]
    if any("Sing" in w.morph.get("Number", []) for w in finite_words):
        return False
    return not any(child.dep_ in _CLAUSES for child in verb.children)


def _sectors(actor: Actor, *, is_state: Callable[[Actor], bool]) -> set[str]:
    """The sectors of a side: its own, or its members' ("policías y militares"); "STATE"
    for a country named as a side ("Turkey will allow..."); "-" for none."""
    if actor.sector is None and actor.members:
        return set().union(*(_sectors(member, is_state=is_state) for member in actor.members))
    if actor.sector is None and is_state(actor):
        return {"STATE"}
    return {actor.sector or "-"}
