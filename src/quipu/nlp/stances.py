"""Stances: signed actor→recipient edges drawn from the events that express them.

A SUPPORT, AID, AGREE or COOPERATE event says its actor stands with its recipient; a REJECT,
ACCUSE, SANCTION, THREATEN, COERCE or ASSAULT event says the opposite. Only events that
happened (no negated, hypothetical or future auxiliary) between two named actors give a
stance, and a compound actor ("Mexico, Argentina, Bolivia and Colombia") gives one edge per
member, so that the alignment network counts each government.
"""

from __future__ import annotations

from ..records import Actor, Event, Stance
from .lexicon import fold

POLARITY = {
    "SUPPORT": "support",
    "AID": "support",
    "AGREE": "support",
    "COOPERATE": "support",
    "REJECT": "oppose",
    "ACCUSE": "oppose",
    "SANCTION": "oppose",
    "THREATEN": "oppose",
    "COERCE": "oppose",
    "ASSAULT": "oppose",
}
# Generic crowds and bystanders are a target, not a side of an alignment.
_NOT_ALIGNED_SECTORS = frozenset({"CVL", "PRO", "MED"})
_UNREAL_AUX = frozenset({"negated", "hypothetical", "future"})


def stances_from_events(events: list[Event]) -> list[Stance]:
    """Return one stance per (actor member, recipient member, polarity), first evidence kept."""
    found: dict[tuple[str, str, str], Stance] = {}
    for event in events:
        polarity = POLARITY.get(event.type)
        if polarity is None or event.aux in _UNREAL_AUX:
            continue
        if event.actor is None or event.recipient is None:
            continue
        if event.type in ("COERCE", "ASSAULT") and not _political(event.recipient):
            continue
        for actor in _members(event.actor):
            for recipient in _members(event.recipient):
                if not (_political(actor) and _political(recipient)):
                    continue
                if fold(actor.name) == fold(recipient.name):
                    continue
                key = (fold(actor.name), fold(recipient.name), polarity)
                if key in found:
                    continue
                found[key] = Stance(
                    actor=actor,
                    recipient=recipient,
                    polarity=polarity,
                    type=event.type,
                    evidence=event.evidence,
                    date=event.date,
                    certainty=event.certainty,
                )
    return list(found.values())


def _members(actor: Actor) -> list[Actor]:
    return list(actor.members) if actor.members else [actor]


def _political(actor: Actor) -> bool:
    """A stance needs a side: a named person, country, organization or state body."""
    if actor.sector in _NOT_ALIGNED_SECTORS:
        return False
    return fold(actor.text) not in ("we", "us", "they", "them", "it", "i")
