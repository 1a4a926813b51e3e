"""The actor and recipient of an event told by a noun.

Its possessive and modifiers ("police crackdown"), its "of", "by", "against" and "between"
phrases, a participle with an agent ("el paro convocado por la Conaie"), what the noun is
declared ("declared the ambassador persona non grata") and the light verb that governs it
("expressed support for Castillo", "came under attack", "received threats").
"""

from __future__ import annotations

from spacy.tokens import Token

from .blame import BlameReader
from .candidates import VERBAL_TYPES, EventCandidate
from .clauses import VERBAL, governing_verb, participle_with_agent, verbal
from .lexicon import Lexicon, fold
from .recipients import ClauseRecipients
from .syntax import (
    SUBJECT,
    attachment_of,
    is_passive,
    is_possessive,
    marker_of,
    objects_of,
    prepositional_args,
    subject_of,
)

# Phrases that tell when, not whom ("the strikes on Sunday")
_WHEN = frozenset({"DATE", "TIME"})


class NounArguments(BlameReader, ClauseRecipients):
    """Find the words naming the actor and the recipient of a noun trigger."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.light = words("events", "light_verbs")
        self.source_markers = words("events", "source_markers")
        self.patient_types = lexicon.names("events", "genitive_patient_types")
        self.patient_modes = words("events", "genitive_patient_modes")
        self.agentive = words("events", "agentive_act_nouns")
        self.maker_genitive = words("events", "maker_genitive_markers")
        self.invitations = words("events", "invitation_nouns")
        self.undergo = words("events", "undergo_markers")
        self.occasion = words("events", "occasion_markers")

    def _nominal_arguments(self, candidate: EventCandidate) -> tuple[Token | None, Token | None]:
        """The words naming the actor and the recipient of a noun trigger ("police
        crackdown", "the arrest of X", "expressed support for X").

        Failing those, a participle with an agent tells them: "the offensive launched on
        Wednesday by HTS", "la ofensiva lanzada por el ELN contra el Frente 33", "el paro
        convocado por la Conaie"; but who joins "a strike called by regional organizations"
        is the one striking.
        """
        actor_token, recipient_token = self._noun_arguments(candidate)
        for child in candidate.trigger.children:
            if participle_with_agent(child):
                actor_token = actor_token or self.marked(child, self.agent_markers)
                recipient_token = recipient_token or self.marked(child, self.recipient_markers)
        if actor_token is None:
            actor_token, blamer = self._claimant(candidate.trigger)
            if blamer is not None:
                # "attributed the bombing to al-Shabab": al-Shabab bombed, as officials say
                candidate.claimed_by = self.resolve(blamer, speaker=None, candidate=candidate)
            if recipient_token is not None and recipient_token == actor_token:
                recipient_token = None  # "blamed [the bombing on separatists]"
        return actor_token, recipient_token

    def _made_by_genitive(self, candidate: EventCandidate) -> bool:
        """True when the possessive and the genitive of an armed act's noun name who made it
        (`agentive_act_nouns`): its possessive ("the coalition's air strikes", "su
        ofensiva") unless an agent phrase names the maker; in a language whose genitive
        names the maker of such acts (`maker_genitive_markers`: Spanish "de", not English
        "of", which names the target: "the shelling of the city"), its genitive when the
        act's target has a phrase of its own ("la ofensiva de los paramilitares contra") or
        the genitive is a group told by a common noun ("la emboscada de la guerrilla"), not
        a name, which may be the target ("el bombardeo de Saná")."""
        head = candidate.trigger
        phrase = " ".join(fold(w.text) for w in candidate.words)
        if not {fold(head.lemma_), fold(head.text), phrase} & self.agentive:
            return False
        args = [(m, n) for m, n in prepositional_args(head) if n.ent_type_ not in _WHEN]
        if any(marker in self.agent_markers for marker, _ in args):
            return False  # "Stepanakert's shelling by Azerbaijani forces"
        genitives = [(marker, noun) for marker, noun in args if marker in self.genitive]
        if not genitives:
            return True
        if not all(marker in self.maker_genitive for marker, _ in genitives):
            return False
        if any(marker in self.recipient_markers for marker, _ in args):
            return True
        return not any(noun.pos_ == "PROPN" or noun.ent_type_ for _, noun in genitives)

    def _noun_arguments(self, candidate: EventCandidate) -> tuple[Token | None, Token | None]:
        """The actor and recipient words of a noun trigger from its own modifiers and
        complements and from the verb that governs it (`_nominal_arguments`)."""
        head = candidate.trigger
        patient_genitive = (
            candidate.type in self.patient_types or (candidate.mode or "") in self.patient_modes
        ) and not self._made_by_genitive(candidate)
        actor_token: Token | None = None
        recipient_token: Token | None = None
        if (
            head.dep_ == "nsubj"
            and verbal(head.head)
            and not is_passive(head.head)
            and self._weapon(head)
        ):
            # "Russian and Syrian warplanes struck Idlib", "Israeli drones hit a car": the
            # weapon that names the event stands for whoever wields it, and acts on the
            # verb's object
            candidate.reported = True
            striking = head.head
            objects = objects_of(striking)
            return head, self.likeliest(objects) or self.marked(striking, self.recipient_markers)
        for child in head.children:
            possessive = is_possessive(child)
            modifier = child.dep_ in ("compound", "amod", "nmod") and not marker_of(child)
            if (possessive or modifier) and self.resolver.is_actor_like(child, strict=True):
                if patient_genitive and possessive:
                    recipient_token = recipient_token or child
                else:
                    actor_token = actor_token or child
        inside = {w.i for w in candidate.words}
        for marker, noun in prepositional_args(head):
            if noun.i in inside:
                continue  # "state of emergency": the phrase's own words
            if noun.ent_type_ in ("DATE", "TIME"):
                continue  # "expressed concern on Sunday about…": when, not whom
            if (
                candidate.type in VERBAL_TYPES
                and marker in self.reference_preps
                and self._about_harm(noun, head)
            ):
                # "concern over the arrest of X", "preocupación por la detención de X": X
                # is the one harmed, as in "condemned the arrest of X"
                recipient_token = recipient_token or noun
            elif marker in self.genitive:
                if patient_genitive:
                    recipient_token = recipient_token or noun
                elif self.resolver.is_actor_like(noun):
                    # "a strike of 24 hours", "bloqueos de carreteras", "una huelga de
                    # hambre": what the act is made of, not who makes it
                    actor_token = actor_token or noun
            elif marker in self.agent_markers:
                actor_token = actor_token or noun
            elif marker in self.recipient_markers:
                recipient_token = recipient_token or noun
            elif marker in self.between and actor_token is None:
                # "clashes between protesters and police": both sides act.
                actor_token, candidate.paired = noun, True
        verb = governing_verb(head)
        if actor_token is None and head.dep_ in ("nsubj", "nsubjpass") and verbal(head.head):
            # "heavy fighting broke out between the army and the RSF": the pair hangs from
            # the verb the noun is the subject of
            pair = next((n for m, n in prepositional_args(head.head) if m in self.between), None)
            actor_token, candidate.paired = pair, pair is not None
        state = attachment_of(head)
        small_clause = head.dep_ in ("ccomp", "xcomp", "oprd") and head.head.pos_ in VERBAL
        declaring = verb or (head.head if small_clause else None)
        # a phrase naming what someone is declared ("persona non grata"), not a word that
        # says what befell them ("a quien considera destituido")
        declared = self._declared(head, declaring) if len(candidate.words) > 1 else None
        if declared is not None and declaring is not None:
            # "Peru declared the Mexican ambassador persona non grata", "Estonia declared a
            # Russian diplomat persona non grata": who declares acts on whom is declared
            candidate.reported = True
            return subject_of(declaring), declared
        if fold(head.lemma_) in self.invitations and state.pos_ in VERBAL and state != head:
            # "llegó por invitación del Gobierno": the government invited whoever came
            candidate.reported = True
            return actor_token, recipient_token or subject_of(state)
        if (
            actor_token is None
            and candidate.type == "PROTEST"
            and marker_of(head)
            and fold(state.lemma_) in self.state_verbs
        ):
            # "residents have been on an indefinite strike"; not "las protestas que
            # siguieron a la destitución de Castillo", where "seguir" is to follow
            actor_token = subject_of(state)
        if (
            actor_token is None
            and recipient_token is not None
            and candidate.type in self.occasion_types
            and marker_of(head) in self.occasion
            and state.pos_ in VERBAL
            and state == verb
        ):
            # "vowed in a call with the UAE's leader", "durante una reunión con el
            # canciller anunció…": who does what the clause says took part in the talk
            candidate.reported = True
            return subject_of(verb), recipient_token
        if verb is not None and marker_of(head) in self.undergo:
            # "came under attack", "is under investigation by prosecutors"
            candidate.reported = True
            return actor_token, subject_of(verb) or recipient_token
        if verb is None or fold(verb.lemma_) not in self.light:
            return actor_token, recipient_token
        candidate.reported = True
        if fold(verb.lemma_) in self.receive:
            giver = self.marked(verb, self.source_markers) or self.marked(head, self.source_markers)
            if recipient_token is not None and not self.resolver.is_actor_like(recipient_token):
                # "recibió amenazas contra su vida", "received threats against his life":
                # what is threatened is the receiver's
                recipient_token = None
            receiver = subject_of(verb)
            if recipient_token is None and receiver is not None and self._event_noun(receiver):
                # "the arrest of the journalist drew condemnation": the act is condemned, and
                # with it whoever did it (the coder reads who), not the one it was done to
                candidate.target = receiver
                return giver or actor_token, None
            return giver or actor_token, recipient_token or receiver
        subject = subject_of(verb)
        if subject is not None and subject == head:
            # the noun was taken for the subject: the one who acts is further up
            subject = subject_of(verb.head) if verb.dep_ in ("ccomp", "xcomp", "conj") else None
        if subject is None and verb.dep_ == "acl":
            # "a statement expressing support": the statement's author supports.
            outer = governing_verb(verb.head)
            subject = subject_of(outer) if outer is not None else None
        if is_passive(verb):
            # "was declared persona non grata (by X)": the subject undergoes it.
            recipient_token = recipient_token or subject
            actor_token = actor_token or self.marked(verb, self.agent_markers)
        elif (
            actor_token is None
            or actor_token.pos_ == "PRON"
            or fold(actor_token.text) in self.lexicon.pronoun_kind
        ):
            # "the US expressed its support", "México expresó su preocupación": the
            # clause's subject, not a pronoun's guess.
            actor_token = subject or actor_token
        if recipient_token is None:
            # "voiced concern on Sunday over the treatment of X": the parser may hang what
            # the concern is about from the verb
            recipient_token = (
                next(
                    (
                        noun
                        for marker, noun in prepositional_args(verb)
                        if marker in self.reference_preps and self._about_harm(noun, head)
                    ),
                    None,
                )
                or self._given_to(verb, candidate)
                or self.marked(verb, self.recipient_markers)
            )
            if recipient_token in candidate.words:
                recipient_token = None  # "comenzó con bloqueos": the noun's own phrase
        return actor_token, recipient_token

    def _declared(self, noun: Token, verb: Token | None) -> Token | None:
        """Whom a verb of declaring declares to be what a noun trigger says ("declared [the
        ambassador] persona non grata"), however the parser hangs the small clause: as the
        noun's subject, its modifier, or the verb's other object."""
        if verb is None or fold(verb.lemma_) not in self.declaring:
            return None
        for child in noun.children:
            small_subject = child.dep_ in SUBJECT or (child.dep_ == "compound" and child.i < noun.i)
            if small_subject and self.resolver.is_actor_like(child):
                return child
        others = [o for o in objects_of(verb) if o != noun and o.i < noun.i]
        return others[0] if others else None
