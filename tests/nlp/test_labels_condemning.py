"""Acts and sides condemned by what they are called, and criticism faced (pipeline 0.5.7).

Sentences written for these tests in the shape of ones met in reports from Haiti, Guatemala,
Afghanistan, China, Tunisia, Yemen and Brazil: a named speaker calls an act deplorable,
inhumane, a coup or piracy (PLOVER ACCUSE, held against whoever did it), in English and in
Spanish, where the label's "de" may hang from the object; a praise is no accusation. And
criticism someone faces or draws from others (Syria, the United States, Cambodia).
"""

from __future__ import annotations

import pytest

from expect import only_event


@pytest.mark.parametrize(
    ("text", "language", "said_of"),
    [
        ('The ombudsman described the raid as "deplorable."', "en", "raid"),
        ('The senator called the new tariffs "unbearable."', "en", "tariffs"),
        ('El Defensor del Pueblo calificó la redada de "deplorable".', "es", "redada"),
        ('El líder opositor calificó las medidas de "golpe de Estado".', "es", "medidas"),
        ('El canciller calificó la incautación de "inaceptable".', "es", "incautación"),
    ],
)
def test_an_act_called_deplorable_or_a_coup_is_condemned(
    extract_text, text, language, said_of
) -> None:
    event = only_event(extract_text(text, language=language), "ACCUSE")
    assert event.actor is not None
    assert event.recipient is not None and said_of in event.recipient.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister described the meeting as historic.", "en"),
        ("La ministra calificó de histórica la reunión.", "es"),
    ],
)
def test_an_act_praised_is_no_accusation(extract_text, text, language) -> None:
    extraction = extract_text(text, language=language)
    assert [e for e in extraction.events if e.type == "ACCUSE"] == []


@pytest.mark.parametrize(
    ("text", "critic", "criticised"),
    [
        ("The new electoral law is facing criticism from rights groups.", "rights groups", "law"),
        (
            "The minister's decision has drawn criticism from opposition lawmakers.",
            "lawmakers",
            "decision",
        ),
        (
            "The president faced criticism from church leaders over the arrests.",
            "leaders",
            "president",
        ),
    ],
)
def test_criticism_faced_or_drawn_comes_from_whoever_it_is_from(
    extract_text, text, critic, criticised
) -> None:
    event = only_event(extract_text(text), "ACCUSE")
    assert event.actor is not None and critic in event.actor.text
    assert event.recipient is not None and criticised in event.recipient.text


def test_an_act_that_drew_condemnation_is_held_against_whoever_did_it(extract_text) -> None:
    extraction = extract_text(
        "Soldiers detained the mayor on Monday. The detention drew condemnation from rights groups."
    )
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None and "rights groups" in event.actor.text
    assert event.recipient is not None and "soldiers" in event.recipient.text.casefold()
