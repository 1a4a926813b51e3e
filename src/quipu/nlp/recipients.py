"""Recipients told by a clause or a phrase rather than by an object that names someone.

Whom a verb of stance is aimed at by its complement ("demanded that the US cancel the
sale", "threatened to break relations with Russia"), whom a verb of giving gives to, whom an
accusation's clause says did wrong, the body a protest stands before, the place an act or a
restriction is put on, the countries one's own envoys serve in, and what an act is aimed at
when it names no side ("occupied 36 hospitals").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Actor
from .actors import PLACE_LABELS, without_preposition
from .argument_words import HARM_TYPES, ArgumentWords
from .candidates import EventCandidate
from .clauses import NOMINAL, VERBAL, governing_verb, verbal
from .lexicon import Lexicon, fold
from .syntax import (
    OBJECT,
    PASSIVE_SUBJECT,
    SUBJECT,
    conjuncts,
    is_passive,
    is_possessive,
    is_reflexive,
    is_relative,
    objects_of,
    phrase_tokens,
    prepositional_args,
    subject_of,
    tokens_text,
)

# Types whose recipient may be a named place: what is done to its people or authorities.
_PLACE_RECIPIENT_TYPES = HARM_TYPES | {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "AID"}
# Types whose complement clause with a subject of its own names the one asked
_ASKING_TYPES = frozenset({"REQUEST"})
# Types a verb of giving tells, whose recipient is whom it gives to
_GIVING_TYPES = frozenset({"AID", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE"})
# Entity labels of amounts and times: what an act is aimed at is never one of these.
_NOT_TARGETS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
# Words left out of a target's name: "the", "at least 36", "todos los".
_TARGET_NAME_DROPS = frozenset({"det", "predet", "nummod", "quantmod", "advmod", "punct"})


class ClauseRecipients(ArgumentWords):
    """Find the recipients of event candidates that their clauses and phrases tell."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.purpose = words("events", "purpose_markers")
        self.place_restrictions = words("events", "place_restriction_modes")
        self.restricted_in = words("events", "place_restriction_markers")
        self.conditions = words("events", "condition_markers")
        self.giving = words("events", "giving_verbs")
        self.denials = words("events", "denial_verbs")
        self.giving_markers = words("events", "giving_markers")
        self.protest_sites = words("events", "protest_site_markers")
        # what one undergoes ("murieron", "received"): its subject is no one accused
        self.undergoing = words("events", "suffered_triggers") | self.receive

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

    def aimed_at(self, candidate: EventCandidate, token: Token | None) -> bool:
        """True when `token`, the object or marked argument of an event that names no side
        as its recipient, is what the act is aimed at: a thing, place or group of people
        ("occupied 36 hospitals", "rejected the arrest warrant", "saluda el acuerdo"). Not a
        pronoun, an amount or a date, the means of the act ("threw stones", "disparó
        perdigones"), a time ("from dusk to dawn") or a channel ("on Twitter"); where people
        go is no target of a protest, a deployment or a meeting ("marcharon a Cochabamba")."""
        if token is None or token.pos_ not in NOMINAL or token.ent_type_ in _NOT_TARGETS:
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
        means = self.instruments | self.channels | self.times
        # "a wave of drones", "una decena de proyectiles": what a quantity counts is the means
        counted = [noun for marker, noun in prepositional_args(token) if marker in self.genitive]
        return not any({fold(w.lemma_), fold(w.text)} & means for w in (token, *counted))

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

    def _purpose_object(self, head: Token) -> Token | None:
        """ "Security forces fired tear gas to push them back", "Police used tear gas to
        disperse them", "lanzó gases lacrimógenos para hacer retroceder a los manifestantes":
        force used for a purpose is used against the object of that purpose's infinitive."""
        verb = head if verbal(head) else governing_verb(head)
        for clause in verb.children if verb is not None else ():
            if clause.dep_ not in ("xcomp", "advcl") or clause.pos_ not in VERBAL:
                continue
            marks = {fold(c.text) for c in clause.children if c.dep_ in ("aux", "mark")}
            if marks & self.purpose_infinitive:
                return self.likeliest(objects_of(clause))
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
            if subject is None or subject.pos_ not in NOMINAL:
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

    def protested_before(
        self, head: Token, *, speaker: Actor | None, candidate: EventCandidate
    ) -> Actor | None:
        """The body a protest is staged in front of ("se concentraron frente al edificio del
        TSE", "sostienen un plantón frente a la sede del Ministerio Público"): the building
        stands for who it houses. The site may hang from the protest or from its verb."""
        verb = None if verbal(head) else governing_verb(head)
        for word in (head, verb):
            for marker, site in _sites(word) if word is not None else ():
                if marker in self.protest_sites:
                    return self.resolve(site, speaker=speaker, candidate=candidate)
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
