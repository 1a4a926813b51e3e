"""Demands and what they ask for.

"Russia said Sudan must return the helicopter" is a demand (PLOVER REQUEST) of Sudan; a
demand for someone's release or removal is aimed at them when it names no one else; what a
demand asks for has not happened ("demanding his release"); a protest made to demand
something is aimed at whom the demand is; and demands show their makers' side ("demanding
Castillo's release" backs him, "exigen la salida de la presidenta" opposes her).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Actor
from .arguments import FinderPart
from .candidates import EventCandidate, SpeakerLookup, actor_key
from .clauses import governing_verb, verbal
from .lexicon import Lexicon, fold
from .references import SUBJECT_DEPS
from .syntax import (
    conjuncts,
    finite,
    is_possessive,
    is_relative,
    objects_of,
    prepositional_args,
    subject_of,
)

# How the act a demand asks for hangs from its verb, in both label schemes ("urged X to
# investigate", "pidió a X que investigara", a second act asked for beside the first)
_ASKED_CLAUSES = frozenset({"xcomp", "ccomp", "conj"})
# What a protest is made for, whose recipient it takes when it names none
_PURPOSES = frozenset({"REQUEST", "REJECT", "ACCUSE"})


class DemandReader(FinderPart):
    """Read the demands of a sentence: the events they are and the stances they show."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.demand_modals = words("events", "demand_modals")
        self.admonishing = words("events", "admonishing_verbs")
        self.demand_verbs = words("events", "demand_verbs")
        self.asking_verbs = words("events", "asking_verbs")
        self.requesting_verbs = self.demand_verbs | self.asking_verbs
        self.amends = words("events", "amends")
        self.wanted = {
            **{noun: "support" for noun in words("events", "relief_nouns")},
            **{noun: "oppose" for noun in words("events", "removal_nouns")},
        }
        self.statement_nouns = words("events", "statement_nouns")

    def demand_events(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """ "Russia said Sudan must return the helicopter": a demand (PLOVER REQUEST) by the
        speaker of the one who must act; what must be done is its content, not an event.
        Reminding someone of what they must do ("recordó que los mandos deben garantizar la
        vida de la tropa") is a rebuke: an ACCUSE."""
        for verb in sent:
            modal = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "aux" and fold(c.lemma_) in self.demand_modals
                ),
                None,
            )
            if modal is None:
                continue
            said = verb.head
            if verb.dep_ == "acl" and fold(said.lemma_) in self.statement_nouns:
                # "issued a reminder to Iraq that it must cooperate", "un mensaje de que
                # deben...": the one who issues the statement says it
                said = governing_verb(said) or said
                if not verbal(said):
                    continue
            elif (
                verb.dep_ not in ("ccomp", "xcomp", "conj")
                or fold(said.lemma_) not in self.finder.telling
            ):
                continue
            speaker = next((c for c in said.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            addressee = subject_of(verb)
            if speaker is None:
                continue
            candidates = [c for c in candidates if c.trigger != verb and c.trigger != said]
            kind = "ACCUSE" if fold(said.lemma_) in self.admonishing else "REQUEST"
            demand = EventCandidate(trigger=verb, words=[verb], type=kind, mode=None, said=said)
            demand.actor = self.finder.resolve(speaker, speaker=speaker_of(said), candidate=demand)
            if addressee is not None and addressee != speaker:
                demand.recipient = self.finder.resolve(addressee, speaker=None, candidate=demand)
            if demand.actor is not None:
                candidates.append(demand)
        return candidates

    def demands(
        self, sent: Span, *, speaker_of: SpeakerLookup
    ) -> list[tuple[Token, Actor, str, Actor]]:
        """What the demands of a sentence say of their makers' side: (the demand verb, who
        demands, "support" or "oppose", whom). "Protesters are demanding Castillo's release
        and the closure of Congress" backs Castillo and opposes Congress; "las protestas que
        exigen la salida de la presidenta" oppose her."""
        found = []
        for verb in sent:
            lemma = fold(verb.lemma_)
            if verb.pos_ != "VERB" or lemma not in self.requesting_verbs:
                continue
            # what resolving records about the words it used, kept apart from any event's
            scratch = EventCandidate(trigger=verb, words=[verb], type="REQUEST", mode=None)
            maker = self._demander(verb, speaker_of=speaker_of, scratch=scratch)
            if maker is None:
                continue
            objects = objects_of(verb)
            wants = [w for o in objects for w in (*conjuncts(o), *_appositions(o))]
            for want in wants if lemma in self.demand_verbs else []:
                polarity = self.wanted.get(fold(want.lemma_))
                whom = self._whose(want) if polarity is not None else None
                target = (
                    self.finder.resolve(whom, speaker=None, candidate=scratch) if whom else None
                )
                if polarity is not None and target is not None:
                    found.append((verb, maker, polarity, target))
            amends = self._amends_asked(verb)
            if amends is not None:
                # "pidió a la presidenta que ofreciera disculpas", "demanded that Boluarte
                # resign": asking someone for amends is taking a stand against them
                addressee = (
                    self.finder.likeliest(objects) or _name_before(amends) or subject_of(amends)
                )
                target = self.finder.resolve(addressee, speaker=None, candidate=scratch)
                if target is not None and target.name != maker.name:
                    found.append((verb, maker, "oppose", target))
        return found

    def _amends_asked(self, verb: Token) -> Token | None:
        """The clause `verb` asks for, when it asks for amends: an apology, admitting
        errors, a resignation ("asked the president to apologize", "que reconociera los
        errores")."""
        asked = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        asked += [w for c in asked for w in c.conjuncts]
        return next(
            (
                clause
                for clause in asked
                if any(fold(w.lemma_) in self.amends for w in (clause, *objects_of(clause)))
            ),
            None,
        )

    def _demander(
        self, verb: Token, *, speaker_of: SpeakerLookup, scratch: EventCandidate
    ) -> Actor | None:
        """Who makes a demand: its subject, or the protest it describes ("protests
        demanding…", "protestas que exigen…")."""
        maker = subject_of(verb)
        if (maker is None or is_relative(maker)) and verb.dep_ in ("acl", "relcl"):
            maker = verb.head
        if maker is None:
            return None
        kinds = self.finder.lexicon.triggers.get(fold(maker.lemma_), [])
        if maker.pos_ == "NOUN" and any(t.type == "PROTEST" for t in kinds):
            return self.finder.resolver.protesters(maker)
        return self.finder.resolve(maker, speaker=speaker_of(verb), candidate=scratch)

    def asked_of(self, verb: Token, *, speaker: Actor | None) -> Actor | None:
        """Whom a demand for someone's release or removal is aimed at, when it names no
        one else: the one to be released or removed ("demanded the abolition of the
        police unit", "exigen la renuncia de la fiscal")."""
        if not verbal(verb):
            return None
        for want in objects_of(verb):
            if fold(want.lemma_) not in self.wanted:
                continue
            whom = self._whose(want)
            if whom is None or whom.pos_ == "PRON" or is_possessive(whom):
                continue  # "pidió su dimisión": whose is for the stances to work out
            scratch = EventCandidate(trigger=verb, words=[verb], type="REQUEST", mode=None)
            found = self.finder.resolve(whom, speaker=speaker, candidate=scratch)
            if found is not None:
                return found
        return None

    def removal_asked(self, verb: Token) -> Token | None:
        """Whose removal a demand asks for, when the text names them ("exigen la renuncia de
        la fiscal general", "demanded the ouster of the governor"): the owner of a removal
        noun the verb takes as its object. A pronoun ("pidió su dimisión") is left to
        `demands`, which works out whose."""
        for want in objects_of(verb) if verbal(verb) else []:
            if self.wanted.get(fold(want.lemma_)) != "oppose":
                continue
            whom = self._whose(want)
            if whom is not None and whom.pos_ != "PRON" and not is_possessive(whom):
                return whom
        return None

    def _whose(self, want: Token) -> Token | None:
        """Whose release or resignation is wanted: the possessor, or the "of" phrase."""
        for child in want.children:
            if is_possessive(child):
                return child
        return next(
            (noun for marker, noun in prepositional_args(want) if marker in self.finder.genitive),
            None,
        )

    def _asks_relief(self, verb: Token) -> bool:
        """True when a demand asks for something done for someone ("the release of X")."""
        return any(self.wanted.get(fold(o.lemma_)) == "support" for o in objects_of(verb))

    def mark_request_content(self, candidates: list[EventCandidate]) -> None:
        """What a demand asks for has not happened ("demanding his release")."""
        requests = [c for c in candidates if c.type in ("REQUEST", "THREATEN")]
        for candidate in candidates:
            if candidate in requests:
                continue
            for request in requests:
                head = request.trigger
                verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
                if _asked_for(candidate.trigger, verb):
                    candidate.content_of_request = True
                    if request.type == "REQUEST":
                        candidate.requested_by = request.actor
                        _done_by_whom_asked(candidate, request, verb)

    def protests_take_their_purpose(self, candidates: list[EventCandidate]) -> None:
        """ "Students marched to demand the resignation of the president", "una marcha
        exigiendo la salida del ministro", "se declararon en huelga para rechazar la reforma
        del ministro": a protest that names no one is aimed at whom its purpose is (the one a
        demand, refusal or accusation it is made for is aimed at). Not at the one whose
        release it asks for, nor the one harmed ("to demand the release of X")."""
        for protest in candidates:
            if protest.type != "PROTEST" or protest.recipient is not None:
                continue
            head = protest.trigger
            verb = head if verbal(head) else governing_verb(head)
            for inner in candidates:
                if inner.type not in _PURPOSES or inner.recipient is None:
                    continue
                if inner.harmed_recipient or self._asks_relief(inner.trigger):
                    continue
                clause = inner.trigger
                marks = {fold(c.text) for c in clause.children if c.dep_ in ("aux", "mark")}
                purpose = clause.dep_ in ("advcl", "xcomp") and bool(
                    marks & self.finder.purpose_infinitive
                )
                # "a demonstration calling for…", "una marcha exigiendo…"
                told = clause.dep_ == "acl" and clause.head == head and not marks
                if (purpose and clause.head in (head, verb)) or told:
                    protest.recipient, protest.has_object = inner.recipient, True
                    break


def _done_by_whom_asked(act: EventCandidate, request: EventCandidate, demand: Token) -> None:
    """An act asked for, told by a verb with no subject of its own in the clause the demand
    governs, is to be done by whom the request is addressed to, not by who asks ("called on
    the authorities to investigate", "pidió a la Fiscalía investigar", "exhortó a las
    autoridades a investigar"). Not an act told beside it ("called on demonstrators to open
    the roads while promising to protect them": the promise is the caller's), nor one whose
    request names no addressee ("piden investigar las denuncias")."""
    addressee = request.recipient
    if addressee is None or act.actor is None or not verbal(act.trigger):
        return
    if any(c.dep_ in SUBJECT_DEPS for c in act.trigger.children):
        return
    if actor_key(act.actor) != actor_key(request.actor):
        return
    if act.recipient is not None and actor_key(act.recipient) == actor_key(addressee):
        return
    step = act.trigger
    while step != demand:
        if step.dep_ not in _ASKED_CLAUSES or step.head == step:
            return
        step = step.head
    act.actor = addressee


def _asked_for(act: Token, demand: Token) -> bool:
    """True when `act` is inside what the verb of a demand asks for ("demanding [his
    release]"), not a finite act told beside the demand ("exigió una estrategia y [acusó] a las
    autoridades": the accusation was made, not asked for)."""
    if act == demand or act not in demand.subtree:
        return False
    below = next(a for a in [act, *act.ancestors] if a.head == demand)
    return below.dep_ != "conj" or not finite(below)


def _appositions(token: Token) -> list[Token]:
    """Nouns the parser hung from `token` as appositions ("Castillo's release, the closure
    of Congress"), with their conjuncts."""
    return [w for child in token.children if child.dep_ == "appos" for w in conjuncts(child)]


def _name_before(clause: Token) -> Token | None:
    """ "demanded that Dina Boluarte resign", with "resign" taken for a noun: the name the
    parser made its modifier is who is to do it."""
    if clause.pos_ != "NOUN":
        return None
    return next((c for c in clause.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
