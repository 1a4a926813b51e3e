"""What the NLP tests look for in an Extraction, written once for all of them."""

from __future__ import annotations

import datetime as dt

from quipu.records import Actor, DateSpan, Event, Extraction


def only_event(extraction: Extraction, event_type: str) -> Event:
    """Return the one event of `event_type`; fail, listing what was found, if not exactly one."""
    found = [e for e in extraction.events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.mode, e.evidence.sentence) for e in extraction.events]
    return found[0]


def event_types(extraction: Extraction) -> set[str]:
    """The PLOVER types of the events of an extraction."""
    return {event.type for event in extraction.events}


def folded_name(actor: Actor | None) -> str:
    """The actor's canonical name, case-folded; "" for no actor."""
    return actor.name.casefold() if actor is not None else ""


def day(day: int, month: int = 12, year: int = 2022) -> DateSpan:
    """A date known to the day (UCDP precision 1)."""
    return DateSpan(dt.date(year, month, day), dt.date(year, month, day), 1)
