"""ACLED sub-event types of short event notes: 200 snippets in the style of ACLED's notes
("On 3 May, Russian forces shelled ... No casualties were reported."), eight per sub-event
type, half in English and half in Spanish, in `acled_snippets.yaml`.

A snippet is coded right when its main event carries the sub-event type it was written for.
Its main event is read as an ACLED coder reads a note: the lead sentence tells the event and the
sentences after it tell the toll, so the events of the first sentence that has any ACLED-coded
event are the candidates, and among them the most specific sub-event type wins (a protest that
police dispersed is a protest with intervention, a town seized in a clash is territory taken).

The tuning half is what the lexicons and rules may be tuned on; the test half, written at the
same time and never tuned to, has its own floor, so that the tuning's reach shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from quipu.nlp import extract
from quipu.records import Document

SNIPPETS = Path(__file__).with_name("acled_snippets.yaml")
PUBLISHED = dt.date(2024, 12, 31)
HALVES = ("tuning", "test")
LANGUAGES = ("en", "es")

# Most specific first: the weapon a remote attack names, territory taken, the kind of violence
# against civilians, force at a demonstration, then battles and attacks, then a plain protest,
# then strategic developments.
SPECIFICITY = [
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Excessive force against protesters",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
    "Armed clash",
    "Attack",
    "Peaceful protest",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Non-violent transfer of territory",
    "Looting/property destruction",
    "Arrests",
    "Agreement",
    "Change to group/activity",
    "Other",
]

# The share of each half whose main event must carry the right sub-event type: first
# measured (2026-12-07, pipeline 0.5.4) at 0.80 tuning and 0.67 test; 0.90 and 0.79 after the
# rules tuned on the tuning half (weapons named anywhere in the sentence, territory taken by
# armed sides, tolls told as clauses, looting by armed sides, force by demonstrators, fights
# between the sides a subject names, munitions stopped or seized).
FLOORS = {"tuning": 0.85, "test": 0.75}


def load_snippets() -> list[dict[str, str]]:
    """Every snippet as {"sub_event", "half", "language", "text"}, in file order."""
    table = yaml.safe_load(SNIPPETS.read_text("utf-8"))
    return [
        {"sub_event": sub_event, "half": half, "language": language, "text": text}
        for sub_event, halves in table.items()
        for half, languages in halves.items()
        for language, texts in languages.items()
        for text in texts
    ]


def main_sub_event(events: list[dict[str, Any]]) -> str | None:
    """The sub-event type of a snippet's main event (module docstring), from its events as
    records; None when no event has one."""
    coded = [event for event in events if event.get("acled")]
    if not coded:
        return None
    lead = min(event["evidence"]["start"] for event in coded)
    subtypes = [
        event["acled"]["sub_event_type"] for event in coded if event["evidence"]["start"] == lead
    ]
    return min(subtypes, key=SPECIFICITY.index)


def code_snippet(snippet: dict[str, str]) -> str | None:
    """Run one snippet through the whole pipeline (with the bundled actor directory, which
    knows the armed groups' sectors) and return its main event's sub-event type."""
    document = Document(
        text=snippet["text"],
        source="tests/acled-snippet.txt",
        published=PUBLISHED,
        language=snippet["language"],
    )
    return main_sub_event(extract(document).to_dict()["events"])


@pytest.fixture(scope="module")
def coded() -> Iterator[list[tuple[dict[str, str], str | None]]]:
    """Every snippet with its main event's sub-event type, coded once for the module."""
    yield [(snippet, code_snippet(snippet)) for snippet in load_snippets()]


def test_acled_snippets_cover_every_sub_event_type_in_both_languages_and_halves() -> None:
    snippets = load_snippets()
    subtypes = set(SPECIFICITY)
    for half in HALVES:
        for language in LANGUAGES:
            counts = {sub: 0 for sub in subtypes}
            for snippet in snippets:
                if (snippet["half"], snippet["language"]) == (half, language):
                    counts[snippet["sub_event"]] += 1
            assert min(counts.values()) >= 2, (half, language, counts)
    assert {snippet["sub_event"] for snippet in snippets} == subtypes
    assert len({snippet["text"] for snippet in snippets}) == len(snippets)


@pytest.mark.parametrize("half", HALVES)
def test_acled_snippets_main_event_sub_event_type_floor(coded, half) -> None:
    results = [(snippet, found) for snippet, found in coded if snippet["half"] == half]
    right = sum(found == snippet["sub_event"] for snippet, found in results)
    misses = [
        (snippet["sub_event"], found, snippet["text"][:60])
        for snippet, found in results
        if found != snippet["sub_event"]
    ]
    assert right / len(results) >= FLOORS[half], misses


def test_acled_killing_told_as_a_clause_of_an_attack_is_its_toll(extract_text) -> None:
    # one attack, not an attack and a killing
    for text, language in [
        ("Militants attacked a military post on Monday, killing seven soldiers.", "en"),
        ("Hombres armados atacaron un puesto policial y mataron a tres agentes.", "es"),
    ]:
        events = [e for e in extract_text(text, language=language).events if e.acled]
        assert len(events) == 1, (text, events)


def test_acled_weapon_named_anywhere_in_the_sentence_tells_the_attack(extract_text) -> None:
    for text, language, sub_event in [
        (
            "Two farmers were killed when a landmine exploded in a field on Monday.",
            "en",
            "Remote explosive/landmine/IED",
        ),
        (
            "Government helicopters bombed the town with barrels filled with chlorine.",
            "en",
            "Chemical weapon",
        ),
        (
            "Un campesino murió al pisar una mina antipersonal en una vereda del municipio.",
            "es",
            "Remote explosive/landmine/IED",
        ),
    ]:
        found = {e.acled["sub_event_type"] for e in extract_text(text, language=language).events}
        assert sub_event in found, (text, found)
