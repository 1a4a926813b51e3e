"""Stances: signed actor→recipient edges drawn from the events that express them.

A SUPPORT, AID, AGREE or COOPERATE event says its actor stands with its recipient; a REJECT,
ACCUSE, SANCTION, THREATEN, COERCE or ASSAULT event says the opposite, and so does a protest
against someone ("marched against the government"). Force is a side taken between states
only; fighting between armed groups, between them and a state's forces, or a crowd's against
the police is a clash, recorded as its event only. Only events that happened (no negated,
hypothetical or future auxiliary), that the text does not present as rumour (hedged,
unverified), toward a political recipient give a stance. A compound actor ("Mexico,
Argentina, Bolivia and Colombia") gives one edge per member, so that the alignment network
counts each government, and parties listed together in an agreement back each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..records import Actor, Event, Stance
from .gazetteer import get_countries
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
    "PROTEST": "oppose",
}
# An agreement that parties listed together make binds them: each backs the others.
_MUTUAL = frozenset({"AGREE", "COOPERATE"})
# Force is a side taken only between states (as in the alignment network).
_FORCE = frozenset({"ASSAULT"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
# Generic crowds and bystanders are a target, not a side of an alignment.
_NOT_ALIGNED_SECTORS = frozenset({"CVL", "PRO", "MED"})
_UNREAL_AUX = frozenset({"negated", "hypothetical", "future"})
# Asylum and safe conduct protect a person; they do not take the person's side.
_PROTECTION = frozenset({("AID", "asylum")})
# An alignment drawn from a rumour would mislead: hedged and unverified events give none.
RUMOUR = frozenset({"hedged", "unverified"})
# Police and courts coerce by office (a raid, a sentence, a detention order), and a state's
# forces arrest whom they fight: enforcement, recorded as the event, is no side taken.
_ENFORCERS = frozenset({"COP", "JUD"})
_ARRESTERS = frozenset({"COP", "JUD", "MIL"})


def stances_from_events(
    events: list[Event],
    *,
    harmed: set[str] | None = None,
    aimed: set[str] | None = None,
    also: Sequence[Stance] = (),
) -> list[Stance]:
    """Return one stance per (actor member, recipient member, polarity), first evidence kept.

    Args:
        events: the document's events.
        harmed: ids of events whose recipient is the one harmed by what the actor speaks
            about ("condemned the arrest of Castillo"): taking issue with harm done to
            someone is siding with them, so the sign is turned round.
        aimed: ids of events whose recipient is what they are aimed at, named by the
            text's words, not a side ("rejected the arrest warrant"), or a side only
            their complement names ("threatened to break the cease-fire with X", whom the
            act would reach): they give no stance.
        also: stances read from the text rather than from an event (what demands want),
            kept under the same rules, after the events' own.
    """
    drawn = []
    for event in events:
        polarity = POLARITY.get(event.type)
        if polarity is not None and event.id in (harmed or set()):
            polarity = "support" if polarity == "oppose" else "oppose"
        if polarity is None or event.aux in _UNREAL_AUX or event.certainty in RUMOUR:
            continue
        signed = event.recipient is None or event.id in (aimed or set())
        if event.type in _MUTUAL and signed and event.actor and event.actor.members:
            # "Cameroon and Chad signed a security agreement": the parties back each other,
            # whether or not the agreement is taken for what the event is aimed at
            drawn += [
                Stance.of_event(event, actor=one, recipient=other, polarity=polarity)
                for one in event.actor.members
                for other in event.actor.members
                if one is not other
            ]
            continue
        if event.id in (aimed or set()):
            continue
        if (event.type, event.mode) in _PROTECTION or _enforcement(event):
            continue
        if event.actor is None or event.recipient is None:
            continue
        if event.type in _FORCE and not _force_takes_sides(event.actor, event.recipient):
            continue
        drawn.append(
            Stance.of_event(event, actor=event.actor, recipient=event.recipient, polarity=polarity)
        )
    found: dict[tuple[str, str, str], Stance] = {}
    for stance in [*drawn, *also]:
        for actor in _members(stance.actor):
            for recipient in _members(stance.recipient):
                key = (fold(actor.name), fold(recipient.name), stance.polarity)
                if _named(actor) and _political(recipient) and key[0] != key[1]:
                    found.setdefault(key, replace(stance, actor=actor, recipient=recipient))
    return list(found.values())


def _enforcement(event: Event) -> bool:
    """Whether the event is coercion by office: police or courts coercing ("a judge ordered
    his pre-trial detention", "agents raided the party's offices"), or a state's forces
    arresting ("troops captured several rebels")."""
    if event.type != "COERCE" or event.actor is None:
        return False
    sectors = {member.sector for member in _members(event.actor)}
    enforcers = _ARRESTERS if event.mode == "arrest" else _ENFORCERS
    return sectors <= enforcers


def _force_takes_sides(actor: Actor, recipient: Actor) -> bool:
    """Whether force from `actor` on `recipient` is a side taken: one state's on another.

    A crowd's force against the state ("residents set fire to the police station", "un
    grupo de personas atacó un patrullero", "crowds stoned the embassies") is unrest, the
    event's own record: the people who throw stones at a patrol car are no party whose
    alignment the report tells, as the report's protest against the government may be."""
    return force_between_states(_fields(actor), _fields(recipient))


def force_between_states(actor: Side, recipient: Side) -> bool:
    """Whether force from `actor` on `recipient` is one state's on another: the only force
    that takes a side, in a report's stances as in the alignment network. Sides are (name,
    country, sector, members) as `_fields` gives them."""
    return _state(actor) and _state(recipient)


# A side as the force rule reads it: name, country, sector and members, from an `Actor` or
# from a record-format dict alike.
Side = tuple[str, str | None, str | None, tuple["Side", ...]]


def _fields(actor: Actor) -> Side:
    members = tuple(_fields(member) for member in actor.members)
    return (actor.name, actor.country, actor.sector, members)


def record_side(actor: Mapping[str, Any]) -> Side:
    """A record-format actor dict as the force rule reads it."""
    listed = actor.get("members") or []
    members = tuple(record_side(m) for m in listed if isinstance(m, Mapping))
    country, sector = actor.get("country"), actor.get("sector")
    return (
        str(actor.get("name") or ""),
        country if isinstance(country, str) else None,
        sector if isinstance(sector, str) else None,
        members,
    )


def _state(side: Side) -> bool:
    """A state or its forces: a country, or a government, military or police body of one
    (not a town, though the town is in a country)."""
    name, country, sector, members = side
    if members:
        return all(_state(member) for member in members)
    named = sector is None and get_countries().country_named(name) is not None
    return country is not None and (sector in STATE_SECTORS or named)


def _members(actor: Actor) -> list[Actor]:
    return list(actor.members) if actor.members else [actor]


def _named(actor: Actor) -> bool:
    """An unresolved pronoun names no one to align."""
    return fold(actor.name) not in ("we", "us", "they", "them", "it", "i")


def _political(actor: Actor) -> bool:
    """What is taken sides with or against: a person, country, organization or state body.

    Crowds and bystanders on the receiving end of force are its targets, not a side: police
    dispersing protesters is repression, recorded as the event, not as an alignment. The
    same crowd protesting against a president does take a side, so actors of any sector
    may hold a stance; and a civilian or journalist named by name can be backed or opposed.
    """
    if not _named(actor):
        return False
    return actor.sector not in _NOT_ALIGNED_SECTORS or _named_person(actor)


def _named_person(actor: Actor) -> bool:
    """A person named by name ("Rubén Chanquín", a journalist), whom one can back or
    oppose, unlike a crowd or "a Laraqueri resident"."""
    words = actor.name.split()
    return len(words) >= 2 and all(word[:1].isupper() for word in words)
