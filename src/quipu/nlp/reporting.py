"""Whether a trigger reports an event or only describes, names or counts one.

"Protests demanding X" and "a planned visit" describe; "called off the rally" and "since the
protests began" talk about a protest; deaths told in a relative clause or a running total
("the number of people killed since December") are part of a toll; a weapon someone found
("police found explosives in a parked car") is no attack.
"""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import FinderPart
from .candidates import EventCandidate
from .clauses import VERBAL, reported_clause, undergoer, verbal
from .figures import is_tally
from .lexicon import Lexicon, Trigger, fold
from .syntax import OBJECT, attachment_of, marker_of, subject_of

# Who acts for a state: its government, diplomats, lawmakers, courts.
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})
# Harm a participle tells as undergone by the noun it describes ("a protester killed by
# police", "Ferrer, arrestado en Santiago"): reported, not only described.
_UNDERGONE = frozenset({"ASSAULT", "COERCE"})


class ReportGate(FinderPart):
    """Tell the triggers that report an event from those that describe or name one."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.manner_markers = words("events", "manner_markers")
        self.ending = words("events", "protest_object_verbs")
        self.request_infinitive = words("events", "request_with_infinitive")
        self.not_with_clause = words("events", "not_with_clause")
        self.statement_nouns = words("events", "statement_nouns")
        # nouns of telling, whose clause with a subject of its own reports an event
        self.telling_nouns = (
            words("events", "report_nouns") | words("events", "said_nouns") | self.statement_nouns
        )
        self.since = words("dates", "since_markers")
        self.finding = words("events", "finding_verbs")

    def reports_event(self, head: Token, trigger: Trigger) -> bool:
        """Return False for trigger words that describe rather than report an event."""
        if trigger.type in _UNDERGONE and undergoer(head) is not None:
            # "a protester killed by police", "el opositor Ferrer, arrestado en Santiago":
            # harm done to the one described is told, though as a description
            return True
        if self.finder.counted_participle(head):
            return True  # "informó este martes de 86 detenidos", however the parser hangs it
        if head.dep_ == "amod" or (head.dep_ == "compound" and len(trigger.lemmas) == 1):
            return False
        if (
            head.dep_ == "acl"
            and fold(head.head.lemma_) not in self.statement_nouns
            and self.finder.shown_doer(head) is None
            # "received reports that a man was beaten": a clause the noun reports
            and not (reported_clause(head) and fold(head.head.lemma_) in self.telling_nouns)
            and (
                head.tag_ in ("VBN", "VBG")
                or any(c.dep_ == "aux" and fold(c.text) == "to" for c in head.children)
                or {"Part", "Ger"} & set(head.morph.get("VerbForm", []))
                or not verbal(head)
            )
        ):
            # "protests demanding X", "supported by the police": a description. Spanish
            # relative clauses ("quien acusó") are acl too, and do report, and so does what
            # a video shows someone doing.
            return False
        if " ".join(trigger.lemmas) in self.not_with_clause and any(
            child.dep_ == "ccomp" for child in head.children
        ):
            return False
        if trigger.lemmas[0] in self.request_infinitive and len(trigger.lemmas) == 1:
            return any(child.dep_ == "xcomp" for child in head.children)
        if trigger.type == "PROTEST" and not verbal(head):
            anchor = head
            while anchor.dep_ == "conj" and anchor.head != anchor:
                anchor = anchor.head
            if (
                marker_of(anchor) in self.finder.reference_preps
                and fold(attachment_of(anchor).lemma_) not in self.finder.state_verbs
            ):
                return False  # but "have been on strike" is a strike
            if anchor.dep_ in ("dobj", "obj") and _with_particle(anchor.head) in self.ending:
                # "urged them to stop the protests", "stirring up the protests", "covered
                # Serbian protests", "called off the rally": the protest talked about
                return False
            if (
                marker_of(anchor) in self.manner_markers
                and "Sing" in anchor.morph.get("Number", [])
                and not any(c.dep_ == "det" for c in anchor.children)
                and self._by_a_state(attachment_of(anchor))
            ):
                # "Peru recalled its ambassadors in protest at…" is why, not a demonstration;
                # "vecinos quemaron patrullas en protesta por…" is a protest all the same
                return False
            # "since the protests began": the movement as background, not a new event.
            clause = anchor.head
            if any(fold(c.text) in self.since for c in clause.children if c.dep_ == "mark"):
                return False
        return True

    def _by_a_state(self, verb: Token) -> bool:
        """True when the one doing `verb` is a state or its government."""
        subject = subject_of(verb) if verb.pos_ in VERBAL else None
        actor = self.finder.resolver.resolve(subject) if subject is not None else None
        return actor is not None and (
            actor.sector in _STATE_SECTORS or (actor.country is not None and actor.sector is None)
        )

    def background(self, described: Token) -> bool:
        """True when harm a participle tells of is background: a time ("la noche del
        miércoles detenido", a misparse) or people counted in a running total ("the number of
        people killed since December")."""
        dated = any(m.span.start <= described.i < m.span.end for m in described.doc._.dates or ())
        times = dated or fold(described.lemma_) in self.finder.times
        return times or is_tally(described.sent, lexicon=self.finder.lexicon)

    def recounted(self, died: Token) -> bool:
        """True when a death is told as part of a toll rather than as a happening: in a
        relative clause describing people ("los familiares de las personas que murieron"),
        or in a running total ("at least seven people had died since the protests began",
        "han muerto desde el inicio de las movilizaciones")."""
        if died.dep_ in ("acl", "relcl", "acl:relcl"):
            return True
        return is_tally(died.sent, lexicon=self.finder.lexicon)

    def found_weapon(self, candidate: EventCandidate) -> bool:
        """True for a weapon's noun that is what someone found (`finding_verbs`): "police
        found explosives in a parked car", "troops discovered an arms cache containing
        mortars", "encontraron explosivos en un coche" report no attack."""
        noun = candidate.trigger
        return (
            candidate.type == "ASSAULT"
            and not verbal(noun)
            and noun.dep_ in OBJECT
            and fold(noun.head.lemma_) in self.finding
        )


def _with_particle(verb: Token) -> str:
    """A verb's folded lemma with its particle ("stir up", "call off")."""
    particles = [
        fold(child.text) for child in verb.children if child.dep_ in ("prt", "compound:prt")
    ]
    return " ".join([fold(verb.lemma_), *particles])
