"""Arguments: who acts and who is acted upon in an event, from the dependency parse.

The subject acts and the object is acted upon; a passive turns them round ("was detained
by police"); a participle tells who underwent it ("a protester killed by police", "resultó
herido"); a noun takes its arguments from its own phrase (`noun_arguments`); a clause or a
phrase may tell the recipient (`recipients`), an accusation or a claim the actor (`blame`).
`ArgumentFinder` puts these together for each candidate and is what `events.EventFinder`
builds on.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Self

from spacy.tokens import Token

from ..records import Actor
from .actors import without_preposition
from .candidates import VERBAL_TYPES, EventCandidate
from .clauses import (
    enclitic_antecedent,
    governing_verb,
    past_participle,
    relative_gap,
    undergoer,
    verbal,
)
from .lexicon import Lexicon, fold
from .noun_arguments import NounArguments
from .syntax import (
    OBJECT,
    conjuncts,
    is_passive,
    marker_of,
    objects_of,
    passive_subject,
    phrase_tokens,
    prepositional_args,
    subject_of,
    tokens_text,
)

# Who makes arrests, and so made those it tells of without saying who did
_ARRESTING_SECTORS = frozenset({"COP", "MIL", "JUD", "GOV"})
# Types told by a verb of saying or stance whose complement says whom it is aimed at
# ("threatened to break relations with Russia", "demanded that the US cancel the sale").
_COMPLEMENT_TYPES = VERBAL_TYPES - {"ACCUSE"}


class ArgumentFinder(NounArguments):
    """Find the actor and recipient of event candidates from the parse."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.goods = self.object_classes.get("goods", set())
        self.done_by_teller = words("events", "done_by_state_teller")
        self.telling = words("certainty", "speech_verbs")
        self.definite = words("events", "definite_determiners")
        self.reciprocal = words("events", "reciprocal_markers")
        self.continuing = words("events", "continuation_verbs")
        self.showing = words("events", "showing_verbs")
        self.audience = words("events", "audience_nouns")
        self.resulting_verbs = words("events", "resulting_verbs")
        # the last word of a word for an amount ("un centenar", "decenas")
        self.quantity_words = {
            fold(str(word)).split()[-1] for word in lexicon.mapping("numbers", "vague")
        }
        self.entering = words("events", "entering_verbs")
        self.entering_markers = words("events", "entering_markers")

    def shown_doer(self, participle: Token) -> Token | None:
        """Whom a video or a photograph shows doing what a present participle says ("shows
        police beating a student", "shows police kicking and clubbing him"): the object of
        the verb of showing, or None."""
        while participle.dep_ == "conj" and participle.head.tag_ == "VBG":
            participle = participle.head
        if participle.tag_ != "VBG":
            return None
        seen = participle.head
        if participle.dep_ == "acl" and seen.dep_ in OBJECT:
            return seen if fold(seen.head.lemma_) in self.showing else None
        if participle.dep_ in ("ccomp", "xcomp") and fold(seen.lemma_) in self.showing:
            # the parser may make the participle a clause beside the object it is said of
            objects = [c for c in seen.children if c.dep_ in OBJECT and c.i < participle.i]
            return objects[-1] if objects else None
        return None

    def resulting(self, participle: Token) -> Token | None:
        """The verb of outcome a participle completes ("resultó [herido]", "quedaron
        [detenidos]", "were left [injured]"), or None."""
        if "Part" not in participle.morph.get("VerbForm", []) and participle.tag_ != "VBN":
            return None
        outcome = participle.head
        complement = participle.dep_ in ("obj", "dobj", "xcomp", "acomp", "oprd")
        if complement and fold(outcome.lemma_) in self.resulting_verbs:
            return outcome
        return None

    def counted_participle(self, token: Token) -> bool:
        """True for a past participle standing as a noun for the people counted ("749
        detenidos", "más de 200 detenidos", "un centenar de detenidos"): who underwent it."""
        if token.pos_ not in ("NOUN", "ADJ") or verbal(token) or undergoer(token) is not None:
            return False
        if not past_participle(token):
            return False
        for child in token.children:
            if child.dep_ == "nummod" or (
                child.dep_ == "advmod" and any(c.dep_ == "nummod" for c in child.children)
            ):
                return True  # "749 detenidos", "más de 200 detenidos"
        quantity = token.head
        return marker_of(token) in self.genitive and (
            quantity.like_num or fold(quantity.text) in self.quantity_words
        )

    def _reciprocal(self, head: Token) -> bool:
        """True when what `head` tells is done by each of its sides to the other: its object,
        a phrase after it or an adverb says so ("accused each other", "fired at one another",
        "se acusaron mutuamente", "se enfrentaron entre sí")."""
        for child in head.children:
            words = [child, *(g for g in child.children if g.dep_ in ("pobj", "obj"))]
            for word in words:
                text = " ".join(fold(t.text) for t in word.subtree)
                if text in self.reciprocal or fold(word.text) in self.reciprocal:
                    return True
        return False

    def find_arguments(self, candidate: EventCandidate, *, speaker: Actor | None) -> None:
        """Set the candidate's actor and recipient from the parse around its trigger (and
        what finding them tells: its objects, whether it is definite, who is harmed)."""
        head = candidate.trigger
        actor_token: Token | None = None
        recipient_token: Token | None = None
        last = candidate.words[-1]
        undergoer_token = undergoer(head)
        if undergoer_token is not None and not candidate.suffered:
            # "a protester killed by police", "Ferrer, arrestado en Santiago", "los estudiantes
            # detenidos por la policía": the noun the participle describes underwent it
            recipient_token = undergoer_token
            actor_token = self.marked(head, self.agent_markers)
            candidate.reported = True
            candidate.described = undergoer_token
        elif self.counted_participle(head):
            # "informó de 749 detenidos", "listas con un centenar de detenidos": the people
            # the participle counts underwent it
            recipient_token = head
            actor_token = self.marked(head, self.agent_markers)
            candidate.reported = True
        elif (outcome := self.resulting(head)) is not None:
            # "un fotógrafo resultó herido por una bala", "two officers were left injured":
            # the subject of the verb of outcome underwent it
            recipient_token = subject_of(outcome)
            actor_token = self.marked(head, self.agent_markers)
            candidate.reported = True
        elif verbal(head) and last.pos_ == "ADP" and last != head:
            # "are troubled by X", "stand with X": the subject acts upon the preposition's object.
            actor_token = subject_of(head)
            recipient_token = next((c for c in last.children if c.dep_ == "pobj"), None)
            if recipient_token is None:
                # "call on X": the parser may take the preposition for a particle.
                objects = objects_of(head)
                recipient_token = objects[0] if objects else None
        elif verbal(head):
            if is_passive(head):
                recipient_token = passive_subject(head)
                actor_token = self.marked(head, self.agent_markers)
            elif candidate.suffered:
                recipient_token = subject_of(head)
            else:
                actor_token = subject_of(head)
                if actor_token is not None and actor_token in candidate.words:
                    # "green lighted": the parser made the phrase's own word its subject
                    actor_token = subject_of(head.head) if head.dep_ == "conj" else None
                objects = self._objects(candidate)
                recipient_token = (
                    self._given_to(head, candidate)
                    or self.likeliest(objects)
                    or enclitic_antecedent(head)
                )
                if fold(head.lemma_) in self.entering and not (
                    recipient_token is not None and self.resolver.is_actor_like(recipient_token)
                ):
                    # "irrumpieron la noche del viernes en el Congreso": where they burst
                    # in is what they act on
                    entered = (n for m, n in prepositional_args(head) if m in self.entering_markers)
                    recipient_token = next(entered, None) or recipient_token
                if (
                    candidate.type == "AID"
                    and recipient_token is not None
                    and {fold(recipient_token.lemma_), fold(recipient_token.text)} & self.goods
                ):
                    # "entregó medicinas a los damnificados", "distribuyó raciones a 60.000
                    # desplazados": the goods are what is given; whom to, the "a" phrase the
                    # parser may hang from them
                    recipient_token = self.marked(recipient_token, self.recipient_markers)
                if (
                    head.dep_ in ("ccomp", "xcomp", "oprd")
                    and fold(head.head.lemma_) in self.declaring
                    and not any(c.dep_ in ("aux", "auxpass", "mark") for c in head.children)
                    # "persona non grata" the tagger took for a finite verb is no clause
                    and ("Fin" not in head.morph.get("VerbForm", []) or len(candidate.words) > 1)
                ):
                    # "Peru declared the ambassador persona non grata": the parser reads a
                    # small clause; its subject is who is declared ("declaró a la embajadora
                    # persona non grata": the verb's other object), the declarer acts
                    declared = self._declared(head, head.head)
                    recipient_token, actor_token = declared or actor_token, subject_of(head.head)
                # "el Gobierno lo niega": a pronoun stands for what was said before, not a thing
                candidate.objects = {
                    fold(o.lemma_) for o in objects if o.pos_ not in ("NUM", "PRON")
                }
                gap = relative_gap(head) if not objects else None
                if gap is not None:
                    # "a charge New Delhi quickly rejected", "an accusation she denies": what
                    # the clause acts on is the noun it describes
                    candidate.objects = {fold(gap.lemma_)}
            if recipient_token is None:
                recipient_token = self.marked(head, self.recipient_markers, trailing=candidate)
                if recipient_token in candidate.words:
                    # "salieron a las calles de La Habana": the phrase's own noun is no one
                    recipient_token = None
            for word in candidate.words:
                if recipient_token is None and word != head:
                    # "opened fire on protesters": the preposition hangs from "fire"
                    recipient_token = self.marked(word, self.recipient_markers)
            if recipient_token is None and candidate.type in _COMPLEMENT_TYPES:
                recipient_token = self._complement_recipient(candidate)
                candidate.indirect = recipient_token is not None
            if recipient_token is None and candidate.type == "ACCUSE":
                recipient_token = self._alleged_against(candidate)
        else:
            actor_token, recipient_token = self._nominal_arguments(candidate)
            about = next(
                (n for m, n in prepositional_args(head) if m in self.reference_preps), None
            )
            if actor_token is None and head.pos_ == "ADJ" and head.dep_ == "acomp" and about:
                # "Amnesty was deeply concerned about the detention of X": the subject of the
                # copula feels it, about what follows "about"
                actor_token = subject_of(head.head)
                recipient_token = recipient_token or about
        candidate.definite = any(
            c.dep_ in ("det", "poss") and fold(c.text) in self.definite for c in head.children
        )
        if actor_token is None:
            # "a video appeared to show troops shooting", "images show fighters setting fire
            # to a plane": who is shown doing it does it
            actor_token = self.shown_doer(head)
        if actor_token is None and head.dep_ == "acl" and verbal(head) and not candidate.suffered:
            # "issued a joint statement supporting Castillo", "planean una movilización
            # para exigir su renuncia": who makes the statement or the march
            verb = governing_verb(head.head)
            actor_token = subject_of(verb) if verb is not None else None
        aspect = self.continuing | self.cessation_verbs
        if head.dep_ == "xcomp" and fold(head.head.lemma_) in aspect:
            # "México seguirá apoyando a Castillo": who goes on doing it is the subject of
            # "seguir", and the parser may hang the object there too
            actor_token = subject_of(head.head) or actor_token
            recipient_token = (
                recipient_token
                or self.likeliest(objects_of(head.head))
                or self.marked(head.head, self.recipient_markers)
            )
        accused = self._accused(head) if verbal(head) else None
        if accused is not None:
            # "accused Russian forces of torturing prisoners", "acusaron a Carabineros de
            # torturar a manifestantes": the accused did it, as the accuser claims
            actor_token = accused
            accusation = governing_verb(accused)
            accuser = subject_of(accusation) if accusation is not None else None
            candidate.claimed_by = self.resolve(accuser, speaker=speaker, candidate=candidate)
        # "retiró a su embajador en X": the envoys may be words of the trigger phrase itself
        envoys = recipient_token or next(
            (w for w in candidate.words if self.resolver.is_envoy(w)), None
        )
        hosts = self._hosts(envoys, head, actor_token, withdrawn=candidate.type == "SANCTION")
        if hosts is not None:
            recipient_token = hosts
            candidate.posts = {t.i for c in conjuncts(hosts) for t in phrase_tokens(c)}
        if recipient_token is None and candidate.type == "AID":
            recipient_token = self._beneficiary(head)
        if (
            recipient_token is not None
            and candidate.type in self.occasion_types
            and fold(recipient_token.lemma_) in self.audience
        ):
            # "spoke to reporters", "habló con la prensa": telling the press is no talks
            recipient_token = None
        if recipient_token is not None and self._accompanying_act(recipient_token):
            # "firmaron el acta con la mediación de la Iglesia", "decretó el estado de
            # excepción con toque de queda": an act that goes with this one is no side
            recipient_token = None
        candidate.has_object = recipient_token is not None
        candidate.actor = self.resolve(actor_token, speaker=speaker, candidate=candidate)
        unstated = (
            candidate.actor is None
            and actor_token is None
            and verbal(head)
            and not is_passive(head)
            and not candidate.suffered
        )
        if unstated:
            candidate.actor = self.resolver.listed_just_before(head)
        if unstated and candidate.actor is None:
            candidate.actor = self.resolver.unstated_subject(head)
        candidate.recipient = self.resolve(recipient_token, speaker=speaker, candidate=candidate)
        if candidate.recipient is None and self._reciprocal(head):
            # "Armenia and Azerbaijan accused each other", "se acusaron mutuamente": each
            # side named acts on the other
            candidate.paired = True
        if candidate.paired and candidate.recipient is None and candidate.actor is not None:
            # "fighting between rebels and government forces", "enfrentamientos entre el
            # Ejército y el ELN": the first side named acts on the second, as ACLED's actor 1
            # and actor 2
            pair = candidate.actor.members
            if len(pair) == 2:
                candidate.actor, candidate.recipient = pair
        if undergoer_token is not None and candidate.recipient is not None:
            # "Ferrer, arrestado en Santiago": the one described, without the description
            words = without_preposition(phrase_tokens(undergoer_token, with_conjuncts=False))
            kept = [t for t in words if t not in head.subtree]
            candidate.recipient = replace(candidate.recipient, text=tokens_text(kept or words))
        if candidate.recipient is None and hosts is not None:
            # "retiró a su embajador en Tegucigalpa": the capital stands for its state
            candidate.recipient = self.resolver.place(hosts)
        if (
            unstated
            and candidate.actor is not None
            and candidate.recipient is not None
            and recipient_token is not None
            and recipient_token.pos_ == "PRON"
            and candidate.recipient.name == candidate.actor.name
        ):
            # "Lo acusó": an object pronoun is not the unstated subject itself
            candidate.recipient = None
        blamed = self._blamed_for(head, recipient_token)
        if blamed is not None:
            # "blamed the bombing on separatists", "atribuyeron el atentado al frente": the
            # act is what they are blamed for, not harm done to them
            recipient_token = blamed
            candidate.recipient = self.resolve(blamed, speaker=speaker, candidate=candidate)
        # "condemned the arrest of Castillo": Castillo is the recipient, as the one harmed.
        candidate.harmed_recipient = (
            blamed is None
            and recipient_token is not None
            # harm is spoken of ("condemned the arrest of X"); sanctions adopted or arrests
            # carried out are done, to the one they name
            and candidate.type in VERBAL_TYPES
            and self._about_harm(recipient_token, head)
        )
        if candidate.harmed_recipient and recipient_token is not None:
            # "the detention of Weber by Turkish police", "Montenegro, encarcelado por el
            # régimen de Ortega": who did the harm, whom the one who speaks of it opposes
            candidate.responsible = self.resolve(
                self._harm_agent(recipient_token), speaker=speaker, candidate=candidate
            )
        if candidate.harmed_recipient and fold(head.lemma_) in self.sympathy:
            # "concern over the arrest of X", "preocupación por la detención de X", "cuestionó
            # su destitución": sympathy with the one harmed, the record's recipient, is
            # support for them. A condemnation stays an ACCUSE (of whoever did the harm),
            # with X as the one it is about: its stance toward X is support all the same.
            candidate.type, candidate.mode, candidate.harmed_recipient = "SUPPORT", None, False
        if candidate.recipient is None and verbal(head) and recipient_token is not None:
            # "threw stones at officers": the object is a thing, the target follows "at".
            marked = self.marked(head, self.recipient_markers)
            if marked is not None and self._accompanying_act(marked):
                marked = None
            candidate.recipient = self.resolve(marked, speaker=speaker, candidate=candidate)
        if candidate.recipient is None and candidate.type == "ASSAULT":
            target = self._purpose_object(head)
            candidate.recipient = self.resolve(target, speaker=speaker, candidate=candidate)
        if candidate.recipient is None and candidate.type == "PROTEST":
            candidate.recipient = self.protested_before(head, speaker=speaker, candidate=candidate)
        if candidate.recipient is None:
            candidate.recipient = self._place_recipient(candidate, recipient_token)
        acting = head if verbal(head) else governing_verb(head)
        unnamed = self._free_relative(acting) if acting is not None else None
        if candidate.recipient is None and unnamed is not None:
            # "dispersó con gases a quienes intentaban acercarse": those the clause names
            candidate.target = unnamed
        elif candidate.recipient is None and self.aimed_at(candidate, recipient_token):
            candidate.target = recipient_token
        if candidate.recipient is None and candidate.target is None:
            candidate.target = self._restricted_place(candidate)
        if (
            candidate.actor is None
            and actor_token is None
            and candidate.mode in self.done_by_teller
        ):
            # "Police said dozens of looters had been arrested", "cientos fueron aprehendidas,
            # según la Policía Nacional", "informó de 749 detenidos": arrests whose doer goes
            # unsaid, told by the police, the army or a prosecutor, were made by them
            teller = speaker or self._teller(head)
            if teller is not None and teller.sector in _ARRESTING_SECTORS:
                candidate.actor = teller

    def _teller(self, head: Token) -> Actor | None:
        """Who tells of an event by naming it: the subject of the verb of saying whose
        object the event noun is ("La Policía informó de 200 detenidos", "the general staff
        reported the arrest of twenty attackers")."""
        verb = None if verbal(head) else governing_verb(head)
        if verb is None or fold(verb.lemma_) not in self.telling:
            return None
        subject = subject_of(verb)
        return self.resolver.resolve(subject) if subject is not None else None


class FinderPart:
    """A part of the event finder with word tables of its own, which reads arguments and
    resolves actors with the argument finder of one document (`bound`)."""

    finder: ArgumentFinder

    def bound(self, finder: ArgumentFinder) -> Self:
        """Return this part sharing its tables, working with `finder`."""
        part = copy.copy(self)
        part.finder = finder
        return part
