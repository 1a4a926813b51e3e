"""Arguments: who acts and who is acted upon in an event, from the dependency parse.

The subject acts and the object is acted upon; a passive turns them round ("was detained
by police"); a noun takes its actor from a possessive, a modifier ("police crackdown"),
"of"/"by", or the light verb that governs it ("expressed support for Castillo"); with
"seek"/"receive" the subject is the one helped ("sought asylum in the Mexican embassy").
`ArgumentFinder` holds the word tables of this and is what `events.EventFinder` builds on.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Self

from spacy.tokens import Token

from ..records import ARMED_SECTORS, Actor
from .actors import PLACE_LABELS, ActorResolver, without_preposition
from .candidates import VERBAL_TYPES, EventCandidate
from .clauses import (
    enclitic_antecedent,
    governing_verb,
    participle_with_agent,
    past_participle,
    relative_gap,
    undergoer,
    verbal,
)
from .lexicon import Lexicon, fold
from .syntax import (
    OBJECT,
    PASSIVE_SUBJECT,
    SUBJECT,
    attachment_of,
    conjuncts,
    is_passive,
    is_possessive,
    is_reflexive,
    is_relative,
    marker_of,
    objects_of,
    passive_subject,
    phrase_tokens,
    prepositional_args,
    subject_of,
    tokens_text,
)

_NOMINAL = frozenset({"NOUN", "PROPN"})
_VERBAL = frozenset({"VERB", "AUX"})
_SEARCH_DEPTH = 40
# Who makes arrests, and so made those it tells of without saying who did
_ARRESTING_SECTORS = frozenset({"COP", "MIL", "JUD", "GOV"})
_HARM_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION"})
# Types whose recipient may be a named place: what is done to its people or authorities.
_PLACE_RECIPIENT_TYPES = _HARM_TYPES | {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "AID"}
# Types told by a verb of saying or stance whose complement says whom it is aimed at
# ("threatened to break relations with Russia", "demanded that the US cancel the sale").
_COMPLEMENT_TYPES = VERBAL_TYPES - {"ACCUSE"}
# ... and of these the subject of a complement clause of its own is the one asked.
_ASKING_TYPES = frozenset({"REQUEST"})
# Types a verb of giving tells, whose recipient is whom it gives to
_GIVING_TYPES = frozenset({"AID", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE"})
# An actor named inside these is someone else's business ("airports from which they fled").
_CLAUSES = frozenset({"relcl", "advcl", "parataxis", "punct", "ccomp"})
# Entity labels of amounts and times: what an act is aimed at is never one of these.
_NOT_TARGETS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
# Words left out of a target's name: "the", "at least 36", "todos los".
_TARGET_NAME_DROPS = frozenset({"det", "predet", "nummod", "quantmod", "advmod", "punct"})


class ArgumentFinder:
    """Find the actor and recipient of event candidates from the parse.

    The word tables are read once per language; `for_document` gives a finder bound to one
    document's actor resolver.
    """

    resolver: ActorResolver

    def __init__(self, *, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        words = lexicon.words
        self.light = words("events", "light_verbs")
        self.receive = words("events", "receive_verbs")
        self.accompanying = words("events", "accompanying_markers")
        self.purpose = words("events", "purpose_markers")
        self.purpose_infinitive = words("events", "purpose_infinitive_markers")
        self.channels = words("events", "channels")
        self.recipient_markers = words("events", "recipient_markers")
        self.place_restrictions = words("events", "place_restriction_modes")
        self.restricted_in = words("events", "place_restriction_markers")
        # kinds of thing acted on (`object_classes`): goods handed over are what is given,
        # never to whom
        self.object_classes = {
            fold(str(name)): {fold(str(w)) for w in members or []}
            for name, members in (lexicon.events.get("object_classes") or {}).items()
        }
        self.goods = self.object_classes.get("goods", set())
        self.conditions = words("events", "condition_markers")
        self.giving = words("events", "giving_verbs")
        self.denials = words("events", "denial_verbs")
        self.giving_markers = words("events", "giving_markers")
        self.agent_markers = words("events", "agent_markers")
        self.done_by_teller = words("events", "done_by_state_teller")
        self.telling = words("certainty", "speech_verbs")
        self.claiming = words("events", "claiming_verbs")
        self.attributing = words("events", "attributing_verbs")
        self.attributed_to = words("events", "attributed_to_markers")
        self.source_markers = words("events", "source_markers")
        self.genitive = words("events", "genitive_markers")
        self.patient_types = {str(t) for t in lexicon.events.get("genitive_patient_types", [])}
        self.patient_modes = words("events", "genitive_patient_modes")
        self.reference_preps = words("events", "reference_prepositions")
        self.definite = words("events", "definite_determiners")
        self.declaring = words("events", "declaring_verbs")
        self.sympathy = words("events", "sympathy_triggers")
        self.welfare = words("events", "welfare_nouns")
        self.harms = words("events", "harm_nouns")
        self.said = words("events", "said_nouns")
        self.accusing = words("events", "accusing_verbs")
        self.invitations = words("events", "invitation_nouns")
        self.continuing = words("events", "continuation_verbs")
        self.showing = words("events", "showing_verbs")
        self.cessation_verbs = words("events", "cessation_verbs")
        self.undergo = words("events", "undergo_markers")
        self.occasion = words("events", "occasion_markers")
        self.audience = words("events", "audience_nouns")
        self.occasion_types = {str(t) for t in lexicon.events.get("occasion_types", [])}
        self.state_verbs = words("events", "state_verbs")
        self.resulting_verbs = words("events", "resulting_verbs")
        self.weapons = words("events", "weapon_nouns")
        # the last word of a word for an amount ("un centenar", "decenas")
        self.quantity_words = {
            fold(str(word)).split()[-1] for word in lexicon.mapping("numbers", "vague")
        }
        self.between = words("events", "between_markers")
        self.locative = words("events", "scene_prepositions")
        self.protest_sites = words("events", "protest_site_markers")
        self.entering = words("events", "entering_verbs")
        self.entering_markers = words("events", "entering_markers")
        # what one undergoes ("murieron", "received"): its subject is no one accused
        self.undergoing = words("events", "suffered_triggers") | self.receive
        self.withdrawn_from = words("events", "withdrawn_from_markers")
        self.times = words("events", "time_nouns")
        self.instruments = words("events", "instrument_nouns") | {
            fold(str(word)) for word in lexicon.mapping("events", "instrument_modes")
        }

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

    def for_document(self, resolver: ActorResolver) -> Self:
        """Return a finder sharing these tables, resolving actors with `resolver`."""
        finder = copy.copy(self)
        finder.resolver = resolver
        return finder

    # -- arguments ------------------------------------------------------------------

    def _arguments(self, candidate: EventCandidate, *, speaker: Actor | None) -> None:
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
            actor_token = self._marked(head, self.agent_markers)
            candidate.reported = True
            candidate.described = undergoer_token
        elif self.counted_participle(head):
            # "informó de 749 detenidos", "listas con un centenar de detenidos": the people
            # the participle counts underwent it
            recipient_token = head
            actor_token = self._marked(head, self.agent_markers)
            candidate.reported = True
        elif (outcome := self.resulting(head)) is not None:
            # "un fotógrafo resultó herido por una bala", "two officers were left injured":
            # the subject of the verb of outcome underwent it
            recipient_token = subject_of(outcome)
            actor_token = self._marked(head, self.agent_markers)
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
                actor_token = self._marked(head, self.agent_markers)
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
                    or self._likeliest(objects)
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
                    recipient_token = self._marked(recipient_token, self.recipient_markers)
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
                recipient_token = self._marked(head, self.recipient_markers, trailing=candidate)
                if recipient_token in candidate.words:
                    # "salieron a las calles de La Habana": the phrase's own noun is no one
                    recipient_token = None
            for word in candidate.words:
                if recipient_token is None and word != head:
                    # "opened fire on protesters": the preposition hangs from "fire"
                    recipient_token = self._marked(word, self.recipient_markers)
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
                or self._likeliest(objects_of(head.head))
                or self._marked(head.head, self.recipient_markers)
            )
        accused = self._accused(head) if verbal(head) else None
        if accused is not None:
            # "accused Russian forces of torturing prisoners", "acusaron a Carabineros de
            # torturar a manifestantes": the accused did it, as the accuser claims
            actor_token = accused
            accusation = governing_verb(accused)
            accuser = subject_of(accusation) if accusation is not None else None
            candidate.claimed_by = self._resolve(accuser, speaker=speaker, candidate=candidate)
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
        candidate.actor = self._resolve(actor_token, speaker=speaker, candidate=candidate)
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
        candidate.recipient = self._resolve(recipient_token, speaker=speaker, candidate=candidate)
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
            candidate.recipient = self._resolve(blamed, speaker=speaker, candidate=candidate)
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
            candidate.responsible = self._resolve(
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
            marked = self._marked(head, self.recipient_markers)
            if marked is not None and self._accompanying_act(marked):
                marked = None
            candidate.recipient = self._resolve(marked, speaker=speaker, candidate=candidate)
        if candidate.recipient is None and candidate.type == "ASSAULT":
            target = self._purpose_object(head)
            candidate.recipient = self._resolve(target, speaker=speaker, candidate=candidate)
        if candidate.recipient is None and candidate.type == "PROTEST":
            candidate.recipient = self._protested_before(head, speaker=speaker, candidate=candidate)
        if candidate.recipient is None:
            candidate.recipient = self._place_recipient(candidate, recipient_token)
        acting = head if verbal(head) else governing_verb(head)
        unnamed = self._free_relative(acting) if acting is not None else None
        if candidate.recipient is None and unnamed is not None:
            # "dispersó con gases a quienes intentaban acercarse": those the clause names
            candidate.target = unnamed
        elif candidate.recipient is None and self._aimed_at(candidate, recipient_token):
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

    def _objects(self, candidate: EventCandidate) -> list[Token]:
        """The objects of a verb trigger. A word of the trigger phrase is none ("rompió
        relaciones con Israel", "will not follow orders from the government"): whom it holds
        is, Israel and the government; envoys are ("recalled its ambassador from Burundi")."""
        found = []
        for word in objects_of(candidate.trigger):
            if word not in candidate.words or self.resolver.is_envoy(word):
                found.append(word)
                continue
            inner = self._actor_within(word)
            if inner is not None:
                found.append(inner)
        return found

    def _aimed_at(self, candidate: EventCandidate, token: Token | None) -> bool:
        """True when `token`, the object or marked argument of an event that names no side
        as its recipient, is what the act is aimed at: a thing, place or group of people
        ("occupied 36 hospitals", "rejected the arrest warrant", "saluda el acuerdo"). Not a
        pronoun, an amount or a date, the means of the act ("threw stones", "disparó
        perdigones"), a time ("from dusk to dawn") or a channel ("on Twitter"); where people
        go is no target of a protest, a deployment or a meeting ("marcharon a Cochabamba")."""
        if token is None or token.pos_ not in _NOMINAL or token.ent_type_ in _NOT_TARGETS:
            return False
        if candidate.detected:
            return False  # the detector's word for an event is a guess; so would its object be
        if token in candidate.words or token.i in candidate.argument_tokens:
            return False
        if candidate.type not in _PLACE_RECIPIENT_TYPES and (
            # a passive's subject is what it acts on ("the mission was approved by X")
            token.dep_ not in OBJECT | PASSIVE_SUBJECT
            or token.ent_type_ in PLACE_LABELS
            # "ingresaron a las cárceles": the parser may make where they go an object
            or any(c.dep_ == "case" for c in token.children)
        ):
            # "marcharon a Cochabamba", "deployed to the border": where people go, not whom
            return False
        lemma, text = fold(token.lemma_), fold(token.text)
        return not {lemma, text} & (self.instruments | self.channels | self.times)

    def _free_relative(self, verb: Token) -> Token | None:
        """The relative pronoun of a clause that stands as the verb's object with no noun
        before it ("dispersó con gases a quienes intentaban acercarse", "investigará a
        quienes financian los bloqueos"), which the parser hangs from the verb as a clause
        of its own: those it names are whom the act is aimed at, unnamed."""
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "ccomp", "acl", "obj") or clause.i < verb.i:
                continue
            marked = any(c.dep_ == "mark" and c.pos_ == "ADP" for c in clause.children)
            for pronoun in clause.children:
                if not (pronoun.dep_ in SUBJECT and is_relative(pronoun) and pronoun.i < clause.i):
                    continue
                if marked or any(c.dep_ == "case" for c in pronoun.children):
                    return pronoun
        return None

    def target(self, token: Token) -> Actor:
        """The recipient an act aimed at `token` has when `token` names no side: the words
        of its phrase, named without determiners and amounts ("36 hospitals": "hospitals").
        It has no country and no sector, and takes no side (`stances_from_events`)."""
        words = without_preposition(phrase_tokens(token))
        dropped = {t.i for c in token.children if _left_out_of_name(c) for t in c.subtree}
        named = [t for t in words if t.i not in dropped]
        return Actor(text=tokens_text(words), name=tokens_text(named or words))

    def _teller(self, head: Token) -> Actor | None:
        """Who tells of an event by naming it: the subject of the verb of saying whose
        object the event noun is ("La Policía informó de 200 detenidos", "the general staff
        reported the arrest of twenty attackers")."""
        verb = None if verbal(head) else governing_verb(head)
        if verb is None or fold(verb.lemma_) not in self.telling:
            return None
        subject = subject_of(verb)
        return self.resolver.resolve(subject) if subject is not None else None

    def _purpose_object(self, head: Token) -> Token | None:
        """ "Security forces fired tear gas to push them back", "Police used tear gas to
        disperse them", "lanzó gases lacrimógenos para hacer retroceder a los manifestantes":
        force used for a purpose is used against the object of that purpose's infinitive."""
        verb = head if verbal(head) else governing_verb(head)
        for clause in verb.children if verb is not None else ():
            if clause.dep_ not in ("xcomp", "advcl") or clause.pos_ not in _VERBAL:
                continue
            marks = {fold(c.text) for c in clause.children if c.dep_ in ("aux", "mark")}
            if marks & self.purpose_infinitive:
                return self._likeliest(objects_of(clause))
        return None

    def denies(self, verb: Token) -> bool:
        """True for a verb that denies a charge ("denied", "negó que"), not a refusal
        ("se negó a")."""
        refusal = any(is_reflexive(c) for c in verb.children)
        return fold(verb.lemma_) in self.denials and not refusal

    def _complement_recipient(self, candidate: EventCandidate) -> Token | None:
        """Whom a verb of stance is aimed at when it names no one itself, told by its
        complement: the subject of a clause of its own after a demand ("demanded that the US
        cancel the sale", "exigió que el Gobierno derogue el decreto"), else the side the
        complement acts on ("threatened to break relations with Russia", "amenazó con atacar
        a los soldados", "offered to hand over two suspects to Britain") or, for a threat or a
        demand, the one its condition is put to ("threatened to resume the offensive unless
        Baghdad accepted", "si el Gobierno no deroga"). An act the complement names is no side,
        and harm it names is not aimed at its victims ("refused to condemn the arrest of X")."""
        head = candidate.trigger
        if self.denies(head):
            return None  # "Rwanda denies arming the group": the complement is the charge
        for clause in head.children:
            # the label says it is a clause, whatever the tagger took its verb for ("that
            # the minister [resign]")
            if clause.dep_ not in ("xcomp", "ccomp") or clause in candidate.words:
                continue
            own = next((c for c in clause.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT), None)
            if own is not None:
                asking = candidate.type in _ASKING_TYPES and clause.dep_ == "ccomp"
                if asking and not is_relative(own) and self.resolver.is_actor_like(own):
                    return own
                if not self._own_side(own):
                    continue  # "warned that police will act": the police are not warned
            aimed = [
                *objects_of(clause),
                *(n for m, n in prepositional_args(clause) if m in self.recipient_markers),
            ]
            for noun in aimed:
                if noun.pos_ == "PRON" or self._harm_noun(noun) or self._welfare_noun(noun):
                    continue
                if self._event_noun(noun):
                    # "to hold a general strike", "desalojar los bloqueos" name acts, not
                    # sides; "to continue military aid to Mozambique" names one inside
                    inner = self._actor_within(noun)
                    if inner is not None and not self._event_noun(inner):
                        return inner  # not "denuncias de abusos durante [las protestas]"
                    continue
                if self.resolver.is_actor_like(noun) or self._actor_within(noun) is not None:
                    return noun
            if candidate.type in ("THREATEN", "REQUEST"):
                condition = self._condition_subject(clause) or self._condition_subject(head)
                if condition is not None:
                    return condition
        return None

    def _own_side(self, subject: Token) -> bool:
        """True for the subject of a complement that names the speaker's own side by a
        pronoun or a possessive ("warned that his alliance will fight any foreign force",
        "said they would boycott all contact with the United States", "said it will boycott
        the country's elections"): what the clause does to someone, the threat or refusal
        aims at them. A pronoun of the speaker's own words ("we") is left out: a quotation
        tells its own events."""
        kinds = self.lexicon.pronoun_kind
        if subject.pos_ == "PRON" and not is_relative(subject):
            return kinds.get(fold(subject.text)) in ("person", "group", "thing")
        return any(
            is_possessive(c) and kinds.get(fold(c.text)) in ("person", "group", "thing")
            for c in subject.children
        )

    def _alleged_against(self, candidate: EventCandidate) -> Token | None:
        """Whom a verb of accusing with no object of its own accuses: the one its complement
        clause says did wrong, its active subject ("Washington alleges the insurgents have
        not kept their word", "officials alleged that the North had a secret programme",
        "denunciaron que los paramilitares quemaron el pueblo"). Not one who underwent what
        the clause tells ("denunciaron que un sindicalista fue asesinado", "que dos
        manifestantes murieron"), nor a pronoun, nor for an investigation, which looks into a
        matter rather than blames."""
        head = candidate.trigger
        if candidate.mode is not None or self.denies(head):
            return None
        for clause in head.children:
            if clause.dep_ != "ccomp" or clause in candidate.words or is_passive(clause):
                continue
            if fold(clause.lemma_) in self.undergoing:
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT), None)
            if subject is None or subject.pos_ not in _NOMINAL:
                continue
            if self.resolver.is_actor_like(subject) and not self._event_noun(subject):
                return subject
        return None

    def _given_to(self, verb: Token, candidate: EventCandidate) -> Token | None:
        """Whom a verb of giving gives to, named by an indirect object or "to"/"a" ("gave
        the Ivory Coast five million dollars", "is providing intelligence to Macedonia",
        "offered its troops to the new president"): the side helped, not what is given,
        though troops and intelligence name sides too. None for any other verb, and for
        troops sent where they deploy ("sent police officers to Haiti")."""
        if candidate.type not in _GIVING_TYPES:
            return None
        if not verbal(verb) or fold(verb.lemma_) not in self.giving:
            return None
        found = []
        for child in verb.children:
            if child.dep_ not in ("dative", "iobj"):
                continue
            if child.pos_ == "ADP":  # "to" the parser labels dative
                found += [c for c in child.children if c.dep_ == "pobj"]
            else:
                found.append(child)
        found += [n for m, n in prepositional_args(verb) if m in self.giving_markers]
        for noun in found:
            if noun.pos_ != "PRON" and self.resolver.is_actor_like(noun):
                return noun
        return None

    def _condition_subject(self, verb: Token) -> Token | None:
        """The actor-like subject of a condition hung from `verb` ("unless Israel rescinded
        the annexation", "si el Ejército no se retira")."""
        for clause in verb.children:
            if clause.dep_ != "advcl" or not verbal(clause):
                continue
            # "unless", "si", and "a menos que" with its fixed words joined
            marks = {
                " ".join(fold(t.text) for t in [c, *(f for f in c.children if f.dep_ == "fixed")])
                for c in clause.children
                if c.dep_ == "mark"
            }
            if not marks & self.conditions:
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT), None)
            if subject is not None and self.resolver.is_actor_like(subject):
                return subject
        return None

    def _protested_before(
        self, head: Token, *, speaker: Actor | None, candidate: EventCandidate
    ) -> Actor | None:
        """The body a protest is staged in front of ("se concentraron frente al edificio del
        TSE", "sostienen un plantón frente a la sede del Ministerio Público"): the building
        stands for who it houses. The site may hang from the protest or from its verb."""
        verb = None if verbal(head) else governing_verb(head)
        for word in (head, verb):
            for marker, site in _sites(word) if word is not None else ():
                if marker in self.protest_sites:
                    return self._resolve(site, speaker=speaker, candidate=candidate)
        return None

    def _place_recipient(self, candidate: EventCandidate, token: Token | None) -> Actor | None:
        """The named place an event is done to, when no actor is: the object itself
        ("entered Mekelle", "acusó a Washington") or a place after a recipient marker on
        the object, the trigger or its words ("imposed a curfew on Lagos", "links to Tigray",
        "un ataque contra Kabul"). Never for protests, deployments, retreats or meetings,
        whose "to"/"a" says where people go ("marched to Lima", "llegaron a Quito")."""
        if candidate.type not in _PLACE_RECIPIENT_TYPES:
            return None
        own = [token] if token is not None else []
        places = [
            noun
            for word in [*own, candidate.trigger, *candidate.words]
            for marker, noun in prepositional_args(word)
            if marker in self.recipient_markers
        ]
        for place in [*own, *places]:
            for member in conjuncts(place):
                actor = self.resolver.place(member)
                if actor is not None:
                    candidate.argument_tokens.update(t.i for t in phrase_tokens(member))
                    return actor
        return None

    def _restricted_place(self, candidate: EventCandidate) -> Token | None:
        """The named place a restriction is put under, after "in" ("imposed a curfew in the
        town of Cizre", "lifted a night curfew in Montenegro", "el estado de excepción en
        Pichincha"): what it is aimed at, as "imposed a curfew on Lagos" is, and no side
        (a government restricting its own province opposes no one there)."""
        if candidate.mode not in self.place_restrictions:
            return None
        verb = governing_verb(candidate.trigger)
        words = [candidate.trigger, *candidate.words, *([verb] if verb is not None else [])]
        places = [n for w in words for m, n in prepositional_args(w) if m in self.restricted_in]
        for place in places:
            # "in the town of Cizre": the place the town is
            named = [n for m, n in prepositional_args(place) if m in self.genitive]
            found = next((p for p in [place, *named] if self.resolver.place(p) is not None), None)
            if found is not None:
                return found
        return None

    def _beneficiary(self, head: Token) -> Token | None:
        """ "would grant safe-conduct passes so that Castillo's wife could travel", "otorgará
        el salvoconducto para que la familia viaje": help given so that someone can act is
        given to them."""
        verb = head if verbal(head) else governing_verb(head)
        for clause in verb.children if verb is not None else ():
            marks = {fold(c.text) for c in clause.children if c.dep_ == "mark"}
            if clause.dep_ == "advcl" and marks & self.purpose:
                return subject_of(clause)
        return None

    def _hosts(
        self, envoys: Token | None, head: Token, sender: Token | None, *, withdrawn: bool
    ) -> Token | None:
        """ "Peru recalled its ambassadors in Argentina and Bolivia", "llamó a consultas a
        sus embajadores en Argentina y Bolivia", "a Talavera y a los embajadores peruanos en
        Argentina": what is done to one's own envoys (by a possessive, or a demonym of the
        `sender`'s country) is done to the countries they serve in. Returns the first of
        those countries, if so."""
        named = [e for e in conjuncts(envoys) if self.resolver.is_envoy(e)] if envoys else []
        if not named:
            return None
        acting = self.resolver.resolve(sender) if sender is not None else None
        # "la Cancillería" of a report about Peru is Peru's
        country = (acting.country or self.resolver.focus) if acting is not None else None
        for envoy in named:
            if not self._own(envoy, country):
                continue
            # the parser hangs "in X" from the envoys, or "en X" from the verb; envoys
            # withdrawn "from X" served there too
            for marker, noun in [*prepositional_args(envoy), *prepositional_args(head)]:
                served = marker in self.locative or (withdrawn and marker in self.withdrawn_from)
                if served and (self.resolver.is_country(noun) or self.resolver.is_capital(noun)):
                    return noun
        return None

    def _own(self, envoy: Token, country: str | None) -> bool:
        """Whether envoys are the sender's: "its ambassadors", "los embajadores peruanos"."""
        for child in envoy.children:
            possessive = is_possessive(child)
            if possessive and fold(child.text) in self.lexicon.pronoun_kind:
                return True
            demonym = self.resolver.gazetteer.country_of_demonym(child.text)
            if country is not None and child.dep_ == "amod" and demonym == country:
                return True
        return False

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
                actor_token = actor_token or self._marked(child, self.agent_markers)
                recipient_token = recipient_token or self._marked(child, self.recipient_markers)
        if actor_token is None:
            actor_token = self._claimant(candidate.trigger)
        return actor_token, recipient_token

    def _blamed_for(self, verb: Token, act: Token | None) -> Token | None:
        """Whom an act is put down to, when `verb` blames someone for the act that is its
        object ("blamed the bombing on separatists", "atribuyeron el atentado al frente")."""
        if not verbal(verb) or fold(verb.lemma_) not in self.attributing:
            return None
        # "responsabilizan [de las muertes]": the parser may give the act its preposition
        held = [c for c in verb.children if c.dep_ in ("obj", "dobj", "obl")]
        nouns = [n for n in (act, *objects_of(verb), *held) if n is not None]
        # the act blamed: harm, or any object that names no one ("las muertes", "protests")
        acts = [n for n in nouns if self._harm_noun(n) or not self.resolver.is_actor_like(n)]
        return self._put_down_to(verb, acts) if acts else None

    def _put_down_to(self, verb: Token, acts: list[Token]) -> Token | None:
        """The one after a marker of blame ("on separatists", "al frente"), hung from the
        verb or, as the parser may do, from the act ("blamed [the bombing on X]")."""
        found = (self._marked(word, self.attributed_to) for word in (verb, *acts))
        return next((word for word in found if word is not None), None)

    def _claimant(self, head: Token) -> Token | None:
        """Who is said to have done the act an event noun names: who claims it ("al-Shabab
        claimed responsibility for the hotel attack", "past attacks were claimed by Islamic
        State", "el BLA se atribuyó el ataque", "reivindicó el atentado") or whom it is
        put down to ("atribuyeron el atentado al frente Jaime Martínez", "blamed the attack
        on the rebels")."""
        verb = governing_verb(head)
        if verb is None:
            return None
        lemma = fold(verb.lemma_)
        reflexive = any(is_reflexive(c) for c in verb.children)
        if lemma in self.claiming or (lemma in self.attributing and reflexive):
            if is_passive(verb):
                return self._marked(verb, self.agent_markers)
            return subject_of(verb)
        return self._put_down_to(verb, [head]) if lemma in self.attributing else None

    def _noun_arguments(self, candidate: EventCandidate) -> tuple[Token | None, Token | None]:
        """The actor and recipient words of a noun trigger from its own modifiers and
        complements and from the verb that governs it (`_nominal_arguments`)."""
        head = candidate.trigger
        patient_genitive = (
            candidate.type in self.patient_types or (candidate.mode or "") in self.patient_modes
        )
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
            return head, self._likeliest(objects) or self._marked(striking, self.recipient_markers)
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
        small_clause = head.dep_ in ("ccomp", "xcomp", "oprd") and head.head.pos_ in _VERBAL
        declaring = verb or (head.head if small_clause else None)
        # a phrase naming what someone is declared ("persona non grata"), not a word that
        # says what befell them ("a quien considera destituido")
        declared = self._declared(head, declaring) if len(candidate.words) > 1 else None
        if declared is not None and declaring is not None:
            # "Peru declared the Mexican ambassador persona non grata", "Estonia declared a
            # Russian diplomat persona non grata": who declares acts on whom is declared
            candidate.reported = True
            return subject_of(declaring), declared
        if fold(head.lemma_) in self.invitations and state.pos_ in _VERBAL and state != head:
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
            and state.pos_ in _VERBAL
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
            giver = self._marked(verb, self.source_markers) or self._marked(
                head, self.source_markers
            )
            if recipient_token is not None and not self.resolver.is_actor_like(recipient_token):
                # "recibió amenazas contra su vida", "received threats against his life":
                # what is threatened is the receiver's
                recipient_token = None
            return giver or actor_token, recipient_token or subject_of(verb)
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
            actor_token = actor_token or self._marked(verb, self.agent_markers)
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
                or self._marked(verb, self.recipient_markers)
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

    def _marked(
        self, head: Token, markers: frozenset[str], *, trailing: EventCandidate | None = None
    ) -> Token | None:
        """Return the noun of a prepositional argument with one of `markers`.

        One that names an actor is preferred: in "On December 6, Kenna met with Bobbio",
        "on" introduces a date and "with" the one met.
        """
        marked = [
            noun
            for marker, noun in prepositional_args(head)
            if marker in markers
            and noun.ent_type_ not in ("DATE", "TIME")
            and fold(noun.text) not in self.channels  # "condemned it on Twitter"
        ]
        named = next((n for n in marked if self.resolver.is_actor_like(n)), None)
        if named is not None or marked:
            return named or marked[0]
        if trailing is not None:
            # A phrase ending in its preposition ("stand with", "meet with"): its object.
            last = trailing.words[-1]
            if fold(last.text) in markers:
                return next((c for c in last.children if c.dep_ == "pobj"), None)
        return None

    def _resolve(
        self, token: Token | None, *, speaker: Actor | None, candidate: EventCandidate
    ) -> Actor | None:
        if token is None:
            return None
        # "the removal of Castillo" names no one, though the recognizer may tag it
        # (a weapon standing for its wielder, "[Government warplanes] bombed", is no harm)
        named_nothing = (self._harm_noun(token) or self._welfare_noun(token)) and not (
            self._weapon(token)
        )
        actor = None if named_nothing else self.resolver.resolve(token, speaker=speaker)
        target: Token | None = token
        author = self._author(token) if actor is None else None
        if author is not None:
            # "rejected the allegations made by Pakistan", "las declaraciones del presidente
            # mexicano": who said it, told by the words of the text
            actor = self.resolver.resolve(author, speaker=speaker)
            if actor is not None:
                words = without_preposition(phrase_tokens(token, with_conjuncts=False))
                candidate.argument_tokens.update(t.i for t in words)
                return replace(actor, text=tokens_text(words))
        if actor is None:
            # "rejects any act by President Castillo": the actor inside a non-actor phrase.
            target = self._actor_within(token)
            if target is not None and token.ent_iob_ != "O" and _one_entity(token, target):
                target = None  # "el Acta por la Paz": a word of a thing's name is no side
            actor = self.resolver.resolve(target, speaker=speaker) if target is not None else None
            if actor is not None and self.resolver.is_thing(token):
                # "attacked police stations": the police, told by the words of the text
                words = without_preposition(phrase_tokens(token, with_conjuncts=False))
                actor = replace(actor, text=tokens_text(words))
        if actor is not None and target is not None:
            candidate.argument_tokens.update(t.i for t in phrase_tokens(target))
        return actor

    def _accused(self, act: Token) -> Token | None:
        """The one an accusation blames for `act`, when `act` is what they are accused of:
        the object of the accusing verb the act hangs from ("accused [the police] of
        [killing]", "acusó [a militares] de [disparar]"), through its preposition only."""
        # what one is accused of follows a preposition: "of killing", "de disparar"
        marked = any(c.dep_ == "mark" and c.pos_ == "ADP" for c in act.children)
        accused_noun = act.head.pos_ in _NOMINAL and self.resolver.is_actor_like(act.head)
        if marked and act.dep_ == "acl" and accused_noun:
            # "acusó [a militares] de disparar": the parser may hang the act from the accused
            accuser = act.head.head
            if accuser.pos_ in _VERBAL and fold(accuser.lemma_) in self.accusing:
                return act.head
        node = act
        for _ in range(3):
            parent = node.head
            if parent == node or node.dep_ == "conj":
                return None  # "blamed the Taliban and called on…": a second act of the accuser
            if parent.pos_ in _VERBAL and node.dep_ == "advcl" and node is act:
                # "accused Kyiv of shelling a district, killing five civilians": what the
                # accused act did, the accused did
                return self._accused(parent)
            if parent.pos_ in _VERBAL:
                if not marked or fold(parent.lemma_) not in self.accusing:
                    return None
                aimed = [n for m, n in prepositional_args(parent) if m in self.recipient_markers]
                blamed = [o for o in [*objects_of(parent), *aimed] if o.i not in _span(act)]
                return self._likeliest(blamed)
            if marked and parent.pos_ in _NOMINAL and parent.dep_ in OBJECT:
                # "accused [the police] of killing": the parser hangs "of" from the accused
                accuser = parent.head
                accusing = accuser.pos_ in _VERBAL and fold(accuser.lemma_) in self.accusing
                return parent if accusing else None
            if parent.pos_ not in ("ADP", "SCONJ", "PART"):
                return None
            marked = marked or parent.pos_ == "ADP"
            node = parent
        return None

    def _author(self, said: Token) -> Token | None:
        """Who said what a noun for something said names: its possessor ("Mexico's
        statements"), its "of" ("las declaraciones del presidente"), or the agent of a
        participle ("the allegations made by Pakistan", "hechas por el canciller")."""
        if said.pos_ != "NOUN" or fold(said.lemma_) not in self.said:
            return None
        for child in said.children:
            possessive = is_possessive(child)
            if possessive and child.pos_ in _NOMINAL and self.resolver.is_actor_like(child):
                return child
            if participle_with_agent(child):
                agent = self._marked(child, self.agent_markers)
                if agent is not None:
                    return agent
        for marker, noun in prepositional_args(said):
            if marker in self.genitive and self.resolver.is_actor_like(noun):
                return noun
        return None

    def _about_harm(self, noun: Token, trigger: Token) -> bool:
        """True for what a word of speaking is about when it is harm done to someone ("the
        arrest of X") or, after a word of concern, someone's lot ("the treatment of X")."""
        sympathy = fold(trigger.lemma_) in self.sympathy
        return self._harm_noun(noun) or (sympathy and self._welfare_noun(noun))

    def _weapon(self, noun: Token) -> bool:
        """True for a trigger noun that names an armed force's means by itself ("warplanes",
        "drones del cártel"): it resolves to an armed sector, and names no pair of sides."""
        if fold(noun.lemma_) not in self.weapons and fold(noun.text) not in self.weapons:
            return False
        if any(marker in self.between for marker, _ in prepositional_args(noun)):
            return False
        actor = self.resolver.resolve(noun, allow_pronoun=False)
        return actor is not None and actor.sector in ARMED_SECTORS

    def _welfare_noun(self, token: Token) -> bool:
        """True for a noun for someone's lot ("the treatment of X", "el estado de salud de
        X"), which concern is voiced over as over harm done to them."""
        return token.pos_ == "NOUN" and fold(token.lemma_) in self.welfare

    def _harm_agent(self, harm: Token) -> Token | None:
        """Who did the harm a noun names: its "by" phrase ("the detention of X by the
        police"), or the agent of a participle describing the one harmed ("X, encarcelado
        por el régimen")."""
        agent = self._marked(harm, self.agent_markers)
        if agent is not None:
            return agent
        harmed = self._actor_within(harm)
        for child in harmed.children if harmed is not None else ():
            if participle_with_agent(child):
                return self._marked(child, self.agent_markers)
        return None

    def _event_noun(self, token: Token) -> bool:
        """True for a noun that by itself names an event of any type ("strike", "los
        bloqueos", "aid"): an act, never a side itself, though crowds are named by it."""
        triggers = self.lexicon.triggers.get(fold(token.lemma_), [])
        return token.pos_ == "NOUN" and any(len(t.lemmas) == 1 for t in triggers)

    def _accompanying_act(self, token: Token) -> bool:
        """True for an event noun after a marker of company ("con la mediación de X", "con
        toque de queda"): another act told with the event, not whom it is aimed at."""
        if token.pos_ != "NOUN" or marker_of(token) not in self.accompanying:
            return False
        return any(self.lexicon.triggers.get(key) for key in (fold(token.lemma_), fold(token.text)))

    def _harm_noun(self, token: Token) -> bool:
        """True for a noun naming harm done to someone ("the arrest of Castillo", "the
        persecution of X")."""
        if token.pos_ == "NOUN" and fold(token.lemma_) in self.harms:
            return True
        triggers = self.lexicon.triggers.get(fold(token.lemma_), [])
        # a one-word trigger: "persona" only begins "persona non grata"
        return token.pos_ == "NOUN" and any(
            t.type in _HARM_TYPES and len(t.lemmas) == 1 for t in triggers
        )

    def _likeliest(self, objects: list[Token]) -> Token | None:
        """Return the object that names an actor, or holds one, else the first object.

        A misparse may split one object in two ("follow [orders] [emanating from the
        regime]").
        """
        for token in objects:
            if self.resolver.is_actor_like(token) or self._actor_within(token) is not None:
                return token
        return objects[0] if objects else None

    def _actor_within(self, token: Token) -> Token | None:
        """Return the first word naming an actor inside a phrase.

        Not inside its clauses, and not where the phrase says where ("roads in parts of
        Puno" names no one who is blocked).
        """

        def inside(child: Token) -> bool:
            if participle_with_agent(child):
                # "testimonios recogidos por la prensa": the press gathered, it does not accuse
                return False
            if child.dep_ == "acl" and any(
                c.dep_.startswith("nsubj") and is_relative(c) for c in child.children
            ):
                # what the noun itself does ("la patrulla, que se dirigía a Juli") names no
                # one else; what someone did to it ("las declaraciones que López Obrador
                # había hecho") names its author
                return False
            return child.dep_ not in _CLAUSES and not (
                child.dep_ in ("prep", "case") and fold(child.text) in self.locative
            )

        queue = [c for c in token.children if inside(c)]
        seen = 0
        while queue and seen < _SEARCH_DEPTH:
            current = queue.pop(0)
            seen += 1
            named = current.pos_ in _NOMINAL and fold(current.text) not in self.channels
            if named and self.resolver.is_actor_like(current, strict=True):
                return current
            queue.extend(c for c in current.children if inside(c))
        return None


def _left_out_of_name(child: Token) -> bool:
    """A word of a target's phrase its name leaves out: determiners and amounts ("at least
    36"), and what is said of it ("[el acuerdo] firmado el jueves")."""
    participle = "Part" in child.morph.get("VerbForm", []) and any(child.children)
    return child.dep_ in _TARGET_NAME_DROPS or child.dep_ in ("acl", "relcl") or participle


def _sites(word: Token) -> list[tuple[str, Token]]:
    """The prepositional arguments of `word`, and those a noun among them introduces joined
    to its marker: English writes "in front of" as a preposition, a noun and another
    preposition ("gathered [in [front [of [the embassy]]]]"), as Spanish writes "frente a"."""
    found = []
    for marker, noun in prepositional_args(word):
        found.append((marker, noun))
        found += [(f"{marker} {fold(noun.text)} {m}", n) for m, n in prepositional_args(noun)]
    return found


def _one_entity(one: Token, other: Token) -> bool:
    """True when two words are in the same named entity."""
    return any(one in ent and other in ent for ent in one.doc.ents)


def _span(token: Token) -> set[int]:
    """The offsets of a word's subtree."""
    return {t.i for t in token.subtree}
