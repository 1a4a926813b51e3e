"""Which words of a phrase name a side of an event, and the actor they resolve to.

The noun a preposition marks ("met [with] Bobbio"), the actor named inside a phrase
("rejects any act by President Castillo"), the object most likely to name someone, and
words that name harm, someone's lot, an event or a weapon rather than a side. `ArgumentWords`
also reads the word tables the argument finders share; it is the base they build on.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Self

from spacy.tokens import Token

from ..records import ARMED_SECTORS, Actor
from .actors import ActorResolver, without_preposition
from .candidates import EventCandidate
from .clauses import NOMINAL, participle_with_agent
from .lexicon import Lexicon, fold
from .syntax import (
    is_possessive,
    is_relative,
    marker_of,
    phrase_tokens,
    prepositional_args,
    tokens_text,
)

_SEARCH_DEPTH = 40
HARM_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION"})
# An actor named inside these is someone else's business ("airports from which they fled").
_CLAUSES = frozenset({"relcl", "advcl", "parataxis", "punct", "ccomp"})


class ArgumentWords:
    """Resolve the words of a phrase to the side of an event they name.

    The word tables are read once per language; `for_document` gives a finder bound to one
    document's actor resolver.
    """

    resolver: ActorResolver

    def __init__(self, *, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        words = lexicon.words
        self.receive = words("events", "receive_verbs")
        self.accompanying = words("events", "accompanying_markers")
        self.purpose_infinitive = words("events", "purpose_infinitive_markers")
        self.channels = words("events", "channels")
        self.recipient_markers = words("events", "recipient_markers")
        # kinds of thing acted on (`object_classes`): goods handed over are what is given,
        # never to whom
        self.object_classes = {
            fold(str(name)): {fold(str(w)) for w in members or []}
            for name, members in (lexicon.events.get("object_classes") or {}).items()
        }
        self.agent_markers = words("events", "agent_markers")
        self.genitive = words("events", "genitive_markers")
        self.reference_preps = words("events", "reference_prepositions")
        self.declaring = words("events", "declaring_verbs")
        self.sympathy = words("events", "sympathy_triggers")
        self.welfare = words("events", "welfare_nouns")
        self.harms = words("events", "harm_nouns")
        self.said = words("events", "said_nouns")
        self.cessation_verbs = words("events", "cessation_verbs")
        self.occasion_types = lexicon.names("events", "occasion_types")
        self.state_verbs = words("events", "state_verbs")
        self.weapons = words("events", "weapon_nouns")
        self.between = words("events", "between_markers")
        self.locative = words("events", "scene_prepositions")
        self.withdrawn_from = words("events", "withdrawn_from_markers")
        self.times = words("events", "time_nouns")
        self.instruments = words("events", "instrument_nouns") | {
            fold(str(word)) for word in lexicon.mapping("events", "instrument_modes")
        }

    def for_document(self, resolver: ActorResolver) -> Self:
        """Return a finder sharing these tables, resolving actors with `resolver`."""
        finder = copy.copy(self)
        finder.resolver = resolver
        return finder

    def marked(
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

    def resolve(
        self, token: Token | None, *, speaker: Actor | None, candidate: EventCandidate
    ) -> Actor | None:
        """The side `token` names, resolved by the document's resolver: itself, the author
        of what it names as said ("the allegations made by Pakistan"), or the actor named
        inside it ("rejects any act by President Castillo"). The words it is found in become
        the candidate's argument words."""
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

    def _author(self, said: Token) -> Token | None:
        """Who said what a noun for something said names: its possessor ("Mexico's
        statements"), its "of" ("las declaraciones del presidente"), or the agent of a
        participle ("the allegations made by Pakistan", "hechas por el canciller")."""
        if said.pos_ != "NOUN" or fold(said.lemma_) not in self.said:
            return None
        for child in said.children:
            possessive = is_possessive(child)
            if possessive and child.pos_ in NOMINAL and self.resolver.is_actor_like(child):
                return child
            if participle_with_agent(child):
                agent = self.marked(child, self.agent_markers)
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
        agent = self.marked(harm, self.agent_markers)
        if agent is not None:
            return agent
        harmed = self._actor_within(harm)
        for child in harmed.children if harmed is not None else ():
            if participle_with_agent(child):
                return self.marked(child, self.agent_markers)
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
            t.type in HARM_TYPES and len(t.lemmas) == 1 for t in triggers
        )

    def likeliest(self, objects: list[Token]) -> Token | None:
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
            named = current.pos_ in NOMINAL and fold(current.text) not in self.channels
            if named and self.resolver.is_actor_like(current, strict=True):
                return current
            queue.extend(c for c in current.children if inside(c))
        return None


def _one_entity(one: Token, other: Token) -> bool:
    """True when two words are in the same named entity."""
    return any(one in ent and other in ent for ent in one.doc.ents)
