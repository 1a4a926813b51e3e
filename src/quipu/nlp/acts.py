"""Acts named as what an event is aimed at, and the side behind each.

"The army defied calls by the Security Council", "the executions were condemned by the EU",
"el partido rechazó la propuesta", "la OEA condenó la incautación": an act or a speech is no
side, but whoever made it is, and that is whom the event is aimed at. `ActAuthors` finds it:
the act's own agent in its phrase ("calls by X", "X's proposal", "la propuesta del
Gobierno"), else whoever the report has told doing such an act before: the same act named
again, else the latest event of the noun's kinds (`authored_nouns`, `operation_nouns`, the
noun triggers of the lexicon), so that "the seizure" after "the officers dissolved the
government" is the officers'. When nothing fits the act stays what the event is aimed at
(`ArgumentFinder.target`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Token

from ..records import Actor, Event
from .actors import ActorResolver
from .candidates import actor_key
from .clauses import VERBAL
from .lexicon import Lexicon, fold
from .syntax import OBJECT, is_passive, is_possessive, prepositional_args

# Events whose aim may be an act told before: what someone says of it, for or against it
# ("rejected the proposal", "welcomed the decision", "condenó la incautación"). Not a
# request, whose act is still to be done by someone it names or not ("called for a
# ceasefire"), nor talks or signing ("signed an agreement").
CRITIC_TYPES = frozenset({"SUPPORT", "ACCUSE", "REJECT", "CONCEDE"})
# An event told, with the folded lemma of the word that told it and where its sentence starts
Told = tuple[Event, str, int]
# How far back an act may have been told: its own sentence and the three before it
_LOOKBACK_SENTENCES = 3
# How a word that names the agent hangs from the act noun ("the U.S. proposal",
# "the army's seizure of power")
_MODIFIERS = frozenset({"compound", "amod", "nmod"})


class ActAuthors:
    """The kinds of event each act noun names, and who made the act a noun names.

    Args:
        lexicon: the language's word lists (`authored_nouns`, `operation_nouns`, the noun
            triggers, the markers of an agent and of a genitive).
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        words = lexicon.words
        self.agent_markers = words("events", "agent_markers")
        self.genitive = words("events", "genitive_markers")
        self.members = words("events", "member_markers")
        self.patient_types = lexicon.names("events", "genitive_patient_types")
        # made by both sides, not by one ("signed the agreement")
        agreements = words("events", "signed_agreements")
        kinds: dict[str, set[str]] = {}
        for lemma, triggers in lexicon.triggers.items():
            for trigger in triggers:
                if len(trigger.lemmas) == 1 and trigger.pos in (None, "NOUN"):
                    kinds.setdefault(lemma, set()).add(trigger.type)
        for noun in words("events", "operation_nouns"):
            kinds[noun] = {"COERCE", "ASSAULT"}
        for kind, nouns in (lexicon.events.get("authored_nouns") or {}).items():
            for noun in nouns:
                kinds[fold(str(noun))] = set(str(kind).split("/"))
        self.kinds_of: dict[str, frozenset[str]] = {
            noun: frozenset(found) for noun, found in kinds.items() if noun not in agreements
        }

    def kinds(self, noun: Token) -> frozenset[str]:
        """The event types whose actor makes the act `noun` names (empty for no act)."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return frozenset()
        return self.kinds_of.get(fold(noun.lemma_)) or self.kinds_of.get(
            fold(noun.text), frozenset()
        )

    def names_whom(self, noun: Token, *, is_actor: Callable[[Token], bool]) -> bool:
        """True when the act `noun` names is done to someone its phrase names: "su
        detención", "the execution of two protesters" (not "the seizure of power")."""
        if not self.kinds(noun) <= self.patient_types:
            return False
        whom = [w for marker, w in prepositional_args(noun) if marker in self.genitive]
        whom += [child for child in noun.children if is_possessive(child)]
        return any(is_actor(word) for word in whom)

    def own_agent(self, noun: Token, *, is_actor: Callable[[Token], bool]) -> Token | None:
        """The word naming who made the act `noun` names, in its own phrase: "calls,
        including by the Security Council", "the proposal by the president", "Iran's
        statement", "the U.S. proposal", "la propuesta del Gobierno". For an act done to
        someone ("the arrest of X", "Castillo's detention") the genitive and the
        possessive name the one it is done to: only "by" names its agent there."""
        kinds = self.kinds(noun)
        if not kinds:
            return None
        done_to = kinds <= self.patient_types
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.i < noun.i and is_actor(child):
                return child
            if is_possessive(child) and not done_to and is_actor(child):
                return child
        verb = noun.head
        # "defied calls, including by the Security Council": the parser may hang the agent
        # phrase after an object from the verb (an active one, else it is the verb's)
        after_object = noun.dep_ in OBJECT and verb.pos_ in VERBAL and not is_passive(verb)
        for place in (noun, verb) if after_object else (noun,):
            for marker, word in self._marked(place):
                if place is verb and word.i < noun.i:
                    continue
                agent = marker.split()[-1] in self.agent_markers or marker in self.agent_markers
                genitive = place is noun and marker in self.genitive and not done_to
                if (agent or genitive) and is_actor(word):
                    return word
        return None

    def _marked(self, word: Token) -> Iterator[tuple[str, Token]]:
        """(marker, noun) for each prepositional phrase of `word`, with an agent phrase after
        a word that adds a member ("including by X": "by")."""
        yield from prepositional_args(word)
        for child in word.children:
            if fold(child.text) not in self.members:
                continue
            for marker in child.children:
                if fold(marker.text) not in self.agent_markers:
                    continue
                for noun in marker.children:
                    if noun.dep_ in ("pobj", "obj", "obl", "nmod"):
                        yield fold(marker.text), noun

    def author_before(
        self, noun: Token, told: Iterable[Told], *, critic: Actor | None
    ) -> Actor | None:
        """Who did the act `noun` names, from the events `told` so far (oldest first): the
        latest told by the noun's own word whose doer is named ("Police executed three men…
        The executions were condemned"); when the report tells such acts but names no one
        doing them, no one; else the latest event of the noun's kinds, not the critic's
        own ("the officers dissolved the government… ECOWAS condemned the seizure")."""
        kinds = self.kinds(noun)
        lemma = fold(noun.lemma_)
        same_word = False
        latest: Actor | None = None
        sentences = [sent.start for sent in noun.doc.sents if sent.start <= noun.sent.start]
        since = sentences[-1 - _LOOKBACK_SENTENCES] if len(sentences) > _LOOKBACK_SENTENCES else 0
        for event, trigger, sentence in reversed(list(told)):
            if sentence < since:
                break
            if event.type not in kinds or event.aux is not None:
                continue
            if same_stem(lemma, trigger):
                same_word = True
                if event.actor is not None:
                    return event.actor
            elif latest is None and event.actor is not None and not _same(event.actor, critic):
                latest = event.actor
        return None if same_word else latest


class ActsTold:
    """One document's acts named as aims, and the sides found behind them so far: the same
    act named again ("calificaron la incautación de ilegal… la OEA condenó la incautación")
    is the same side's.

    Args:
        authors: the language's `ActAuthors`.
        resolver: the document's actor resolver.
    """

    def __init__(self, authors: ActAuthors, resolver: ActorResolver) -> None:
        self.authors = authors
        self.resolver = resolver
        self.found: dict[str, Actor] = {}
        self.told: list[Told] = []

    def agent_in_phrase(self, noun: Token | None, *, event_type: str) -> Actor | None:
        """The side the act `noun` names its own maker, for an event of `event_type` aimed
        at it ("defied calls by the Security Council": the Security Council)."""
        if noun is None or event_type not in CRITIC_TYPES:
            return None
        resolver = self.resolver
        agent = self.authors.own_agent(
            noun, is_actor=lambda word: resolver.is_actor_like(word, strict=True)
        )
        return resolver.resolve(agent) if agent is not None else None

    def tell(self, event: Event, trigger: Token) -> None:
        """Note an event told, with the word that told it."""
        self.told.append((event, fold(trigger.lemma_), trigger.sent.start))

    def speaks_of(self, noun: Token, event: Event) -> bool:
        """True when `event` speaks of the act `noun` names as a side's (`side_behind`)."""
        return event.type in CRITIC_TYPES and bool(self.authors.kinds(noun))

    def side_behind(self, noun: Token, event: Event) -> Actor | None:
        """The side behind the act `noun` names, which `event` is aimed at: whoever was found
        behind the same act before, else who did the latest act of its kinds told so far
        (`ActAuthors.author_before`). None when the event does not speak of an act."""
        if not self.speaks_of(noun, event):
            return None
        if self.authors.names_whom(noun, is_actor=self.resolver.is_actor_like):
            # "calificó de injusta su detención": said of harm done to someone it names,
            # it is about them (`ArgumentFinder._about_harm`), not the one who did it
            return None
        lemma = fold(noun.lemma_)
        side = self.found.get(lemma) or self.authors.author_before(
            noun, self.told, critic=event.actor
        )
        return None if _same(side, event.actor) else side

    def remember(self, noun: Token | None, side: Actor | None) -> None:
        """Note `side` as who made the act `noun` names, for the next time it is named."""
        if noun is not None and side is not None and self.authors.kinds(noun):
            self.found.setdefault(fold(noun.lemma_), side)


def same_stem(noun: str, verb: str) -> bool:
    """True when two folded lemmas are one word's noun and verb ("execution", "execute";
    "seizure", "seize"; "incautacion", "incautar"; "detencion", "detener"): they share
    all but the last three letters of the shorter one, and at least four."""
    shared = 0
    for one, other in zip(noun, verb, strict=False):
        if one != other:
            break
        shared += 1
    return shared >= max(4, min(len(noun), len(verb)) - 3)


def _same(one: Actor | None, other: Actor | None) -> bool:
    return one is not None and other is not None and actor_key(one) == actor_key(other)
