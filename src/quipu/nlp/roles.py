"""Learned role completion: who acts, or whom an event is aimed at, when the rules found
no one.

The argument rules read a role from the parse where they know the construction ("X
attacked Y", "Y was arrested by X", "the detention of Y"); a sentence built another way
leaves the role empty though the side stands in it ("the government would not negotiate
with the TPLF leadership", "3R rebels attacked nearly 10 villages"). `RoleModel` scores
each side the sentence names, as the resolver reads it, by how its words hang from the
event's trigger (the path between them in the parse, the preposition that introduces them,
which side of the trigger and how far), the event's type and the side's kind, with one
logistic regression per role that `scripts/train_roles.py` fits on the gold of the tuning
corpora (the sample and the tuning parts of the world and merge corpora, never a test
part). The best-scored side fills an empty role when its probability reaches the model's
threshold; a role the rules filled is never changed.

The weights are a small JSON file (`resources/models/roles.json`): feature -> weight per role.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from ..errors import Errors, PipelineError
from ..records import Actor
from .detector import model_folder
from .lexicon import fold

MODEL_NAME = "roles"
ROLES = ("actor", "recipient")
# Words that can name a side: nouns, names and pronouns.
_SIDE_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Words inside a longer name or phrase, which its head stands for.
_INSIDE = frozenset({"compound", "flat", "flat:name", "fixed", "amod", "det", "nummod"})
# How far up the parse a path is followed from either end.
_MAX_STEPS = 3


@dataclass(frozen=True, slots=True)
class RoleModel:
    """Per role, the weight of each feature and the bias; a side is taken at `threshold`."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: float

    def probability(self, role: str, features: list[str]) -> float:
        """The probability that a side with these features plays `role`."""
        table = self.weights.get(role, {})
        logit = self.bias.get(role, -30.0) + sum(table.get(name, 0.0) for name in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def load_roles() -> RoleModel:
    """The role model of this process, from `detector.model_folder()` (the committed one
    unless `QUIPU_MODELS` names another folder).

    Raises:
        PipelineError: E104 when the model file is missing or unreadable.
    """
    return _load_roles(model_folder())


@functools.cache
def _load_roles(folder: Path) -> RoleModel:
    try:
        card = json.loads(folder.joinpath(f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
        return RoleModel(
            weights={role: dict(card["weights"][role]) for role in ROLES},
            bias={role: float(card["bias"][role]) for role in ROLES},
            threshold=float(card["threshold"]),
        )
    except (OSError, KeyError, TypeError, ValueError) as err:
        raise PipelineError(Errors.E104.format(model=MODEL_NAME, reason=err)) from err


def sides_named(sent: Span, trigger: Token, *, taken: set[int]) -> Iterator[Token]:
    """The heads of the noun phrases of `sent` that could be a side of the event `trigger`
    tells: not the trigger, not a word another role holds (`taken`), not a word inside a
    longer name ("Security" in "Security Council")."""
    for token in sent:
        if token.i == trigger.i or token.i in taken or token.pos_ not in _SIDE_POS:
            continue
        if token.dep_ in _INSIDE and token.head.pos_ in _SIDE_POS:
            continue
        yield token


def features(
    trigger: Token,
    side: Token,
    *,
    event_type: str,
    actor: Actor | None,
    speaker: Actor | None,
    speech: frozenset[str],
) -> list[str]:
    """What the model weighs of one side of an event: how it hangs from the trigger and
    what word joins them (a verb of saying: "[the rights group] said the young man was hit"),
    which preposition brings it, where it stands, what kind of word and side it is, and
    whether it is who tells the event."""
    path = _path(trigger, side)
    meeting = _meeting(trigger, side)
    if meeting is None:
        joined = "none"
    elif meeting.i == trigger.i:
        joined = "trigger"
    else:
        joined = "speech" if fold(meeting.lemma_) in speech else meeting.pos_
    telling = speaker is not None and actor is not None and speaker.name == actor.name
    # "que", "which", "it", "their": a pronoun stands for its antecedent, which the
    # sentence may name in another role
    pronoun = ",".join(side.morph.get("PronType")) or "-" if side.pos_ == "PRON" else "no"
    preposition = _preposition(side)
    distance = abs(side.i - trigger.i)
    place = "before" if side.i < trigger.i else "after"
    kind = actor.sector if actor is not None and actor.sector else "none"
    passive = any(
        c.dep_ in ("nsubjpass", "auxpass", "aux:pass", "nsubj:pass") for c in trigger.children
    )
    found = [
        f"path={path}",
        f"type|path={event_type}|{path}",
        f"dep={side.dep_}",
        f"type|dep={event_type}|{side.dep_}",
        f"prep={preposition}",
        f"type|prep={event_type}|{preposition}",
        f"place={place}",
        f"type|place={event_type}|{place}",
        f"distance={_bucket(distance)}",
        f"pos={side.pos_}",
        f"entity={side.ent_type_ or 'none'}",
        f"sector={kind}",
        f"trigger={trigger.pos_}",
        f"passive|place={passive}|{place}",
        f"clause={_clause(side) is _clause(trigger)}",
        f"joined={joined}",
        f"joined|lemma={fold(meeting.lemma_) if meeting is not None and meeting.i != trigger.i else '-'}",
        f"type|joined={event_type}|{joined}",
        f"speaker={telling}",
        f"pronoun={pronoun}",
        f"pronoun|word={fold(side.text) if side.pos_ == 'PRON' else 'no'}",
        f"type|entity={event_type}|{side.ent_type_ or 'none'}",
        f"members={len(actor.members) if actor is not None else 0}",
        f"country={actor is not None and actor.country is not None}",
    ]
    return found


def best_side(
    model: RoleModel,
    role: str,
    trigger: Token,
    *,
    event_type: str,
    taken: set[int],
    resolve: Callable[[Token], Actor | None],
    speaker: Actor | None,
    speech: frozenset[str],
) -> tuple[Token, Actor, float] | None:
    """The side the model finds likeliest to play `role`, with its probability, when it
    reaches the model's threshold; None otherwise."""
    best: tuple[Token, Actor, float] | None = None
    for side in sides_named(trigger.sent, trigger, taken=taken):
        actor = resolve(side)
        if actor is None:
            continue
        found = features(
            trigger, side, event_type=event_type, actor=actor, speaker=speaker, speech=speech
        )
        probability = model.probability(role, found)
        if best is None or probability > best[2]:
            best = (side, actor, probability)
    return best if best is not None and best[2] >= model.threshold else None


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) <= _MAX_STEPS:
        chain.append(chain[-1].head)
    return chain


def _meeting(trigger: Token, side: Token) -> Token | None:
    """The word where the side's way up the parse meets the trigger's, if near enough."""
    above = {t.i for t in _ancestors(trigger)}
    return next((step for step in _ancestors(side) if step.i in above), None)


def _path(trigger: Token, side: Token) -> str:
    """The dependency labels from the side up to where it meets the trigger's ancestors,
    and how many steps up from the trigger that is ("nsubj^0": the trigger's own subject;
    "pobj/prep^0": in a phrase of the trigger's; "nsubj^1": the subject of the verb above)."""
    above = [t.i for t in _ancestors(trigger)]
    labels: list[str] = []
    for step in _ancestors(side):
        if step.i in above:
            return "/".join(labels) + f"^{above.index(step.i)}"
        labels.append(step.dep_)
    return "far"


def _preposition(side: Token) -> str:
    """The preposition that brings the side in: its head's in English ("against [X]"), its
    own case marker in Spanish ("contra [X]")."""
    for child in side.children:
        if child.dep_ == "case":
            return fold(child.text)
    if side.dep_ == "pobj":
        return fold(side.head.text)
    if side.dep_ == "agent" or (side.head.dep_ == "agent" and side.dep_ == "pobj"):
        return "by"
    return "none"


def _clause(token: Token) -> Token:
    """The verb whose clause holds the token (the token itself for a verb)."""
    for step in [token, *token.ancestors]:
        if step.pos_ in ("VERB", "AUX"):
            return step
    return token.sent.root


def _bucket(distance: int) -> str:
    for limit in (1, 2, 4, 8):
        if distance <= limit:
            return str(limit)
    return "far"


def card(
    weights: dict[str, dict[str, float]], bias: dict[str, float], threshold: float, **about: Any
) -> dict[str, Any]:
    """The model file's content: what it is, its weights and its threshold."""
    return {"name": MODEL_NAME, **about, "threshold": threshold, "bias": bias, "weights": weights}
