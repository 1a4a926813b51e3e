"""Event candidates: what one sentence says happened, before dates, places and certainty.

An `EventCandidate` is what the finders (`events`, `arguments`) build for each trigger and
construction and what coding (`coding`) turns into an `Event`; `actor_key` is how two of
its sides are told to be the same one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import Actor
from .lexicon import fold

# PLOVER's verbal types: their nouns ("concern", "condena") are about something, not acts.
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)


@dataclass(slots=True)
class EventCandidate:
    """An event found in one sentence, before dates, places and certainty are added."""

    trigger: Token
    words: list[Token]
    type: str
    mode: str | None
    actor: Actor | None = None
    recipient: Actor | None = None
    argument_tokens: set[int] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    definite: bool = False
    content_of_request: bool = False
    negation_absorbed: bool = False
    harmed_recipient: bool = False
    # who did the harm the recipient suffered ("the detention of X by the police")
    responsible: Actor | None = None
    # who claims it happened, when it is what someone is accused of ("accused the police of
    # killing protesters": the police killing is the accuser's claim)
    claimed_by: Actor | None = None
    # who asks for it, when it is what a demand asks for ("urged Iran to release X")
    requested_by: Actor | None = None
    has_object: bool = False
    reported: bool = False
    mentions: list[Token] = field(default_factory=list)
    # a demand made by saying what someone must do: the verb of saying, whose tense and
    # negation are the demand's ("dijo que el Gobierno debe renunciar" was said, not "must")
    said: Token | None = None
    # where the recipient's envoys serve ("its ambassadors in Argentina"): not where it happened
    posts: set[int] = field(default_factory=set)
    # ACLED's sub-event type when the learned detector gives one ("Air/drone strike")
    acled: str | None = None
    # found by the learned detector where no trigger fired
    detected: bool = False
    # names no side ("a curfew was imposed", "networks have been shut down"): kept only when
    # the learned detector also finds the sentence reports an event of its type
    sideless: bool = False
    # told by what its subject suffered ("two protesters died"): the subject is the
    # recipient, and the hit stands only when the learned detector agrees
    suffered: bool = False
    # stands only when the learned detector also reads the sentence as reporting its type
    gated: bool = False
    # what the act is aimed at when it names no side ("occupied 36 hospitals", "rejected
    # the arrest warrant", "welcomed the contingent"): the recipient's words, no side
    target: Token | None = None
    # told by a participle describing this noun ("[the people] detained during the raid")
    described: Token | None = None
    # a fight both sides wage ("clashes with the police", "enfrentamientos con el ejército"):
    # the one it is "with" is the other side
    mutual: bool = False
    # its recipient is named only by its complement ("threatened to break relations with
    # Russia"): whom the act would reach, which the alignment network does not draw
    indirect: bool = False
    # its sides are named as a pair ("clashes between the army and the RSF"): the first acts
    # on the second
    paired: bool = False
    # a definite event noun told only as taking place, naming no side ("la captura se produjo
    # de madrugada"): a later mention of the event of its type and mode told before
    reference: bool = False
    # its noun counts the people it befell ("los asesinatos de al menos cinco firmantes"): a
    # toll, told even as what another event is about ("abrió una investigación por…")
    toll: bool = False


# The speaker of the words containing a token (CertaintyJudge.speaker_of).
SpeakerLookup = Callable[[Token], Actor | None]


def actor_key(actor: Actor | None) -> str:
    """The folded canonical name by which two mentions of an actor are the same one."""
    return fold(actor.name) if actor is not None else ""
