"""Recipients read from clauses: a complement clause, a clause the parser hung from a noun,
a pronoun joined to a Spanish infinitive, a building a crowd stands before.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries.
"""

from __future__ import annotations

import pytest

from expect import folded_name, only_event


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        (
            "Witnesses gave accounts that a student was beaten by soldiers near the campus.",
            "ASSAULT",
            "military",
            "student",
        ),
        (
            "Residents received reports that two journalists were detained by police.",
            "COERCE",
            "police",
            "journalist",
        ),
    ],
)
def test_recipients_a_clause_a_noun_reports_is_no_description_of_it(
    extract_text, text, kind, actor, recipient
) -> None:
    # the passive's own subject underwent it, not the accounts or the reports
    event = only_event(extract_text(text), kind)
    assert actor in folded_name(event.actor)
    assert recipient in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language", "accused"),
    [
        ("The opposition alleges the ruling party has rigged the count.", "en", "ruling party"),
        ("Los vecinos denunciaron que los militares quemaron sus casas.", "es", "militar"),
    ],
)
def test_recipients_an_allegation_is_aimed_at_whom_its_clause_says_did_wrong(
    extract_text, text, language, accused
) -> None:
    event = only_event(extract_text(text, language=language), "ACCUSE")
    assert accused in folded_name(event.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "El sindicato denunció que un dirigente fue asesinado.",
        "La Defensoría denunció que dos manifestantes murieron en la plaza.",
    ],
)
def test_recipients_an_allegation_is_not_aimed_at_the_victim_it_tells_of(
    extract_text, text
) -> None:
    event = only_event(extract_text(text, language="es"), "ACCUSE")
    assert event.recipient is None


@pytest.mark.parametrize(
    "text",
    [
        "La Policía detuvo a dos dirigentes tras acusarlos de sabotaje.",
        "El Gobierno expulsó a los dirigentes tras acusarlos de espionaje.",
    ],
)
def test_recipients_a_pronoun_joined_to_an_infinitive_is_the_main_verbs_object(
    extract_text, text
) -> None:
    event = only_event(extract_text(text, language="es"), "ACCUSE")
    assert "dirigentes" in folded_name(event.recipient)


def test_recipients_a_crowd_before_a_ministry_protests_to_it(extract_text) -> None:
    text = "Hundreds of farmers gathered in front of the Ministry of Agriculture."
    event = only_event(extract_text(text), "PROTEST")
    assert "ministry of agriculture" in folded_name(event.recipient)


def test_recipients_a_warning_of_what_ones_own_side_will_do_is_aimed_at_its_object(
    extract_text,
) -> None:
    extraction = extract_text("The rebels warned that they would attack the army.")
    warnings = [e for e in extraction.events if e.type == "THREATEN" and e.actor is not None]
    warned = [e for e in warnings if "rebel" in folded_name(e.actor)]
    assert warned
    assert all(folded_name(e.recipient) == "military" for e in warned)
