"""Events told as nouns: an event noun that its clause tells as taking place.

A report often tells an event by its noun and a verb that says only that it happened, began
or went on: "the nightly raids begin", "the curfew had gone into effect", "scuffles broke out",
"los allanamientos se repitieron en tres ciudades", "los cierres continúan en la vía";
or by the pivot of an existential: "there were clashes", "hubo negociación con los
cabecillas", "se registraron motines". Such a noun reports its event though no one is named
as acting; its sides come from its own modifiers ("of X", "by X", "between X and Y", "con X").
A verb of impact says that force reached what it names ("a second raid hit a roundabout"):
an attack on it, whatever the noun's own type.

A noun whose "of" counts the people it befell tells a toll wherever it hangs ("una
investigación por los asesinatos de al menos cinco firmantes").

Not told as taking place: a negated clause ("there was no immediate toll", "no hubo
enfrentamientos"), a clause of background ("since the protests began") and what a demand
asks for ("called for talks to resume", "pidió que se reanude el diálogo").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .clauses import NOMINAL, VERBAL
from .lexicon import Lexicon, fold
from .syntax import PASSIVE_SUBJECT, SUBJECT, is_negated, prepositional_args

# The pivot of an existential: "there were [clashes]", "hubo [caravanas]", "hay [bloqueos]"
_PIVOTS = frozenset({"attr", "dobj", "obj"}) | SUBJECT
# Clauses through which a demand reaches what it asks for ("called for [talks to resume]")
_ASKED_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "csubj"})
# Tenses and moods of what may be, not what was ("habrá", "habría", "haya")
_NOT_FACTUAL = frozenset({"Fut", "Cnd", "Sub"})
# Words after the verb that may complete its phrase ("go [into effect]", "llevar [a cabo]")
_PHRASE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Happening:
    """The verb that tells an event noun as taking place; whether it tells it as reaching
    what the verb names (`impact`: "hit", "landed on", "impactaron en"); and whether it
    tells only that it took place (`placing`: "took place", "se produjo"), as a report does
    of an event it has told before."""

    verb: Token
    impact: bool
    placing: bool = False


class HappeningReader:
    """Read whether a clause tells an event noun as taking place (`happening_verbs`,
    `impact_verbs`, `existential_verbs` of `resources/<lang>/events.yaml`)."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.verbs = words("events", "happening_verbs")
        self.impact = words("events", "impact_verbs")
        self.placing = words("events", "taking_place_verbs")
        self.impact_mode = lexicon.events.get("impact_mode") or None
        self.existential = words("events", "existential_verbs")
        self.expletives = words("events", "existential_expletives")
        self.modals = words("events", "existential_modals")
        self.types = lexicon.names("events", "happening_types")
        self.negators = words("events", "negators")
        self.no_determiners = words("events", "negating_determiners")
        self.since = words("dates", "since_markers")
        self.carrying = words("events", "aspect_verbs")
        self.genitive = words("events", "genitive_markers")
        self.counted_types = lexicon.names("events", "counted_types")
        # nouns that tell an event only as told taking place: word -> (type, mode)
        self.nouns: dict[str, tuple[str, str | None]] = {
            fold(str(word)): (str(event_type), None if mode == "-" else str(mode))
            for event_type, modes in (lexicon.events.get("happening_nouns") or {}).items()
            for mode, entries in (modes or {}).items()
            for word in entries or []
        }
        # "el cierre de la frontera continúa" closes a border, it blocks no road
        self.not_of = {
            fold(str(noun)): {fold(str(w)) for w in words or []}
            for noun, words in (lexicon.events.get("happening_nouns_not_of") or {}).items()
        }
        self.asking = (
            words("events", "demand_verbs")
            | words("events", "asking_verbs")
            | words("events", "causative_verbs")
        )

    def happening(self, noun: Token, event_type: str) -> Happening | None:
        """The verb that tells `noun`, an event noun of `event_type`, as taking place: it is
        the subject of a verb of occurrence or aspect ("the assault began", "las
        allanamientos se repitieron") or the pivot of an existential ("hubo negociación");
        None otherwise, or when the clause denies it, sets the scene or asks for it."""
        if event_type not in self.types or noun.pos_ not in NOMINAL:
            return None
        anchor = noun
        while anchor.dep_ == "conj" and anchor.head != anchor:
            anchor = anchor.head  # "hubo caravanas y cacerolazos": each is told
        verb = anchor.head
        if verb == anchor or verb.pos_ not in VERBAL:
            return None
        phrase = self._phrase(verb)
        told = self.verbs | self.impact | self.placing
        if anchor.dep_ in SUBJECT | PASSIVE_SUBJECT and phrase & told:
            happening = Happening(
                verb=verb, impact=bool(phrase & self.impact), placing=bool(phrase & self.placing)
            )
        elif anchor.dep_ in _PIVOTS and self._existential(verb):
            happening = Happening(verb=verb, impact=False)
        else:
            return None
        if self._denied(noun, verb) or self._background(verb) or self._asked(verb):
            return None
        return happening

    def noun_kind(self, noun: Token) -> tuple[str, str | None] | None:
        """The event type and mode of a noun that tells an event only when told as taking
        place or carried on (`happening_nouns`: "the coordinated assault began", "los
        cierres continúan en la vía", "relaunched hostilities"), or None."""
        if noun.pos_ not in NOMINAL:
            return None
        key = fold(noun.lemma_) if fold(noun.lemma_) in self.nouns else fold(noun.text)
        excluded = self.not_of.get(key, set())
        if any(fold(n.lemma_) in excluded for _, n in prepositional_args(noun)):
            return None
        return self.nouns.get(key)

    def counted(self, noun: Token, event_type: str) -> bool:
        """True for an event noun whose "of" names the people it befell by their number
        ("los asesinatos de al menos cinco firmantes de paz", "la muerte de 13 policías",
        "the arrest of five persons"): a toll, which tells that it happened wherever the
        noun hangs ("abrió una investigación por…", "escaló tras…")."""
        if event_type not in self.counted_types or noun.pos_ not in NOMINAL:
            return False
        return any(
            marker in self.genitive
            and any(c.dep_ == "nummod" and c.like_num for c in befallen.children)
            and not any(
                c.dep_ == "det" and fold(c.text) in self.no_determiners for c in noun.children
            )
            for marker, befallen in prepositional_args(noun)
        )

    def carried_on(self, noun: Token) -> Token | None:
        """The verb of aspect whose object `noun` is, when the clause tells its subject as
        carrying the event on or stepping it up ("the army and the police have increased
        the violence", "relaunched hostilities", "intensificaron los ataques"), or None."""
        verb = noun.head
        if noun.dep_ not in ("dobj", "obj") or verb.pos_ not in VERBAL:
            return None
        if not self._phrase(verb) & self.carrying:
            return None
        if self._denied(noun, verb) or self._background(verb) or self._asked(verb):
            return None
        return verb

    def _phrase(self, verb: Token) -> set[str]:
        """The verb's lemma and the phrases it begins with the words after it ("go into
        effect", "take place", "break out", "entrar en vigor", "llevar a cabo")."""
        words = [fold(verb.lemma_)]
        following = verb.doc[verb.i + 1 : verb.i + 1 + _PHRASE_WORDS]
        words += [fold(t.lemma_) for t in following]
        return {" ".join(words[: n + 1]) for n in range(len(words))}

    def _existential(self, verb: Token) -> bool:
        """True for an existential verb that says what was or is: "there were", "hubo", "ha
        habido"; in English only with its expletive "there". Not one of what may be: "there
        will be arrests", "habrá diálogo", "pidió que haya garantías"."""
        if fold(verb.lemma_) not in self.existential:
            return False
        moods = set(verb.morph.get("Mood", [])) | set(verb.morph.get("Tense", []))
        modal = any(c.dep_ == "aux" and fold(c.lemma_) in self.modals for c in verb.children)
        if modal or moods & _NOT_FACTUAL:
            return False
        if not self.expletives:
            return True
        return any(c.dep_ == "expl" and fold(c.text) in self.expletives for c in verb.children)

    def _denied(self, noun: Token, verb: Token) -> bool:
        """ "there was no immediate toll", "no hubo enfrentamientos", "ningún ataque se
        registró": nothing took place."""
        if is_negated(verb, negators=self.negators):
            return True
        return any(
            c.dep_ in ("det", "advmod") and fold(c.text) in self.no_determiners | self.negators
            for c in noun.children
        )

    def _background(self, verb: Token) -> bool:
        """ "since the protests began", "desde que comenzaron los bloqueos": when something
        else happened, not an event of its own."""
        return any(c.dep_ == "mark" and fold(c.text) in self.since for c in verb.children)

    def _asked(self, verb: Token) -> bool:
        """ "called for talks to resume", "pidió que se reanude el diálogo", "ordered the
        raids to continue": what is asked for has not happened."""
        clause = verb
        for _ in range(3):
            if clause.dep_ not in _ASKED_CLAUSES or clause.head == clause:
                return False
            clause = clause.head
            if fold(clause.lemma_) in self.asking or _with_particle(clause) in self.asking:
                return True
        return False


def _with_particle(verb: Token) -> str:
    """The verb's lemma with its particle or preposition ("call for", "call on")."""
    particle = next((c for c in verb.children if c.dep_ in ("prt", "prep")), None)
    return f"{fold(verb.lemma_)} {fold(particle.text)}" if particle is not None else ""
