"""Regressions (quipu.nlp end to end): English readings a review once found wrong, now right.

Each test pins the reading a careful analyst gives the sentence, so that the mistake cannot
come back unnoticed. Published on Wednesday 14 December 2022 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.records import Extraction

from expect import folded_name, only_event

PUBLISHED = dt.date(2022, 12, 14)


def _edges(extraction: Extraction) -> list[tuple[str, str, str]]:
    return [(s.actor.name, s.polarity, s.recipient.name) for s in extraction.stances]


# -- actors --------------------------------------------------------------------------------


def test_regressions_pronoun_subject_is_the_person_named_before(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo addressed the nation on Wednesday. He dissolved Congress."
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "restrict"
    assert folded_name(event.actor) == "pedro castillo"
    assert folded_name(event.recipient) == "congress"


def test_regressions_compound_actor_keeps_the_words_of_the_text(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina, Bolivia and Colombia expressed support for Pedro Castillo."
    )
    event = only_event(extraction, "SUPPORT")
    assert event.actor is not None
    assert event.actor.text == "Mexico, Argentina, Bolivia and Colombia"
    assert [m.name for m in event.actor.members] == ["Mexico", "Argentina", "Bolivia", "Colombia"]


def test_regressions_apposed_name_names_the_actor(extract_text) -> None:
    extraction = extract_text("The US ambassador, Lisa Kenna, met with the defence minister.")
    event = only_event(extraction, "CONSULT")
    assert event.actor is not None
    assert event.actor.name == "Lisa Kenna"
    assert (event.actor.country, event.actor.sector) == ("USA", "GOV")
    assert folded_name(event.recipient) == "defence minister"


def test_regressions_asylum_for_a_family_is_not_for_the_husband(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo was arrested on Wednesday. "
        "Castillo's wife and children sought asylum in the Mexican embassy."
    )
    event = only_event(extraction, "AID")
    assert event.mode == "asylum"
    assert folded_name(event.actor) == "mexico"
    assert (event.actor.country, event.actor.sector) == ("MEX", "GOV")
    assert event.recipient is not None
    assert event.recipient.text == "Castillo's wife and children"
    assert event.recipient.name != "Pedro Castillo"


def test_regressions_them_is_the_crowd_not_the_police(extract_text) -> None:
    extraction = extract_text(
        "Protesters gathered outside the prison. Police fired tear gas to disperse them."
    )
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "crowd-control"
    assert event.actor is not None and event.actor.sector == "COP"
    assert event.recipient is not None
    assert event.recipient.text == "them"
    assert event.recipient.sector == "PRO"
    assert folded_name(event.recipient) != folded_name(event.actor)


def test_regressions_tear_gas_used_against_protesters(extract_text) -> None:
    extraction = extract_text("Police used tear gas against protesters in Juliaca on Monday.")
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "crowd-control"
    assert event.actor is not None and event.actor.sector == "COP"
    assert folded_name(event.recipient) == "protesters"


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        (
            "The Organization of American States condemned the coup attempt.",
            "Organization of American States",
            "IGO",
        ),
        ("Human Rights Watch condemned the police.", "Human Rights Watch", "NGO"),
    ],
)
def test_regressions_organizations_have_their_sector_and_no_country(
    extract_text, text: str, name: str, sector: str
) -> None:
    event = only_event(extract_text(text), "ACCUSE")
    assert event.actor is not None
    assert (event.actor.name, event.actor.country, event.actor.sector) == (name, None, sector)


# -- places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "place"),
    [
        ("Former president Pedro Castillo was arrested by police in Lima.", "COERCE", "Lima"),
        (
            "A police crackdown against protesters in Cusco left three people dead.",
            "ASSAULT",
            "Cusco",
        ),
    ],
)
def test_regressions_place_inside_an_argument_is_where_it_happened(
    extract_text, text: str, event_type: str, place: str
) -> None:
    event = only_event(extract_text(text), event_type)
    assert event.place is not None
    assert (event.place.name, event.place.country) == (place, "PER")


# -- certainty, auxiliary and stances ------------------------------------------------------


def test_regressions_said_that_attributes_the_clause_to_the_speaker(extract_text) -> None:
    extraction = extract_text("The ombudsman said that Bolivia supported Pedro Castillo.")
    event = only_event(extraction, "SUPPORT")
    assert event.certainty == "attributed"
    assert folded_name(event.attributed_to) == "ombudsman"
    assert event.actor is not None and event.actor.country == "BOL"
    assert folded_name(event.recipient) == "pedro castillo"
    assert [(s.polarity, s.certainty) for s in extraction.stances] == [("support", "attributed")]


def test_regressions_refusal_to_follow_orders_happened(extract_text) -> None:
    extraction = extract_text("Army units in Puno will not follow orders from the government.")
    event = only_event(extraction, "REJECT")
    assert event.aux is None
    assert [(s.actor.sector, s.polarity, s.recipient.name) for s in extraction.stances] == [
        ("MIL", "oppose", "government")
    ]


def test_regressions_reported_refusal_still_opposes(extract_text) -> None:
    extraction = extract_text("The soldiers said they will not follow orders from the government.")
    event = only_event(extraction, "REJECT")
    assert event.aux is None
    assert folded_name(event.actor) == "military"
    assert _edges(extraction) == [("military", "oppose", "government")]


def test_regressions_condemning_an_arrest_sides_with_the_arrested(extract_text) -> None:
    extraction = extract_text(
        "Several governments, including Mexico and Argentina, "
        "condemned the arrest of Pedro Castillo."
    )
    edges = _edges(extraction)
    assert ("Mexico", "oppose", "Pedro Castillo") not in edges
    assert ("Mexico", "support", "Pedro Castillo") in edges
    assert ("Argentina", "support", "Pedro Castillo") in edges


def test_regressions_refusing_to_condemn_negates_the_accusation(extract_text) -> None:
    extraction = extract_text("Mexico refused to condemn the arrest of Pedro Castillo.")
    event = only_event(extraction, "ACCUSE")
    assert event.aux == "negated"
    assert extraction.stances == []


def test_regressions_reportedly_killed_is_hedged(extract_text) -> None:
    extraction = extract_text("A protester was reportedly killed.")
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "hedged"
    assert event.recipient is not None and event.recipient.sector == "PRO"


def test_regressions_unverified_in_the_next_sentence(extract_text) -> None:
    extraction = extract_text(
        "A video shows soldiers shooting at farmers in Ayacucho. "
        "It could not be independently verified."
    )
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "unverified"
    assert event.actor is not None and event.actor.sector == "MIL"


def test_regressions_none_of_these_claims_points_back(extract_text) -> None:
    # the negation is in "None", and "these" points back past the opening word
    extraction = extract_text(
        "Witnesses said soldiers shot at farmers in Ayacucho. "
        "None of these claims could be independently verified."
    )
    assert only_event(extraction, "ASSAULT").certainty == "unverified"


def test_regressions_a_relative_pronoun_does_not_point_back(extract_text) -> None:
    extraction = extract_text(
        "Soldiers shot at farmers in Ayacucho. Reports that could not be verified "
        "spoke of a second clash."
    )
    shooting = [e for e in extraction.events if e.mode == "firearms"]
    assert [e.certainty for e in shooting] == ["asserted"]


def test_regressions_spanish_none_of_these_versions_points_back(extract_text) -> None:
    extraction = extract_text(
        "Según los testimonios, los soldados dispararon contra los comuneros en Ilave. "
        "Ninguna de estas versiones ha podido ser verificada de manera independiente.",
        language="es",
    )
    assert only_event(extraction, "ASSAULT").certainty == "unverified"


# -- dates ---------------------------------------------------------------------------------


def test_regressions_decade_is_a_historical_range(extract_text) -> None:
    event = only_event(extract_text("Fujimori dissolved Congress in the 1990s."), "COERCE")
    assert event.date is not None
    assert (event.date.start, event.date.end) == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert event.aux == "historical"


def test_regressions_several_days_later_is_a_range_after_the_date(extract_text) -> None:
    extraction = extract_text(
        "Castillo was arrested on December 7. Several days later, protesters blocked roads in Puno."
    )
    event = only_event(extraction, "PROTEST")
    assert event.date is not None
    assert dt.date(2022, 12, 7) < event.date.start < event.date.end <= PUBLISHED
    assert event.date.precision == 2


def test_regressions_two_days_later_counts_from_the_date(extract_text) -> None:
    extraction = extract_text(
        "Castillo was arrested on December 7. Two days later, protesters blocked roads in Puno."
    )
    event = only_event(extraction, "PROTEST")
    assert event.date is not None
    assert (event.date.start, event.date.end, event.date.precision) == (
        dt.date(2022, 12, 9),
        dt.date(2022, 12, 9),
        1,
    )


def test_regressions_dateline_is_not_the_subject_nor_the_date(extract_text) -> None:
    text = "LIMA, Dec 20 (Wire) – Police arrested 12 protesters on Monday."
    extraction = extract_text(text, published=dt.date(2022, 12, 20))
    event = only_event(extraction, "COERCE")
    assert event.actor is not None and event.actor.text == "Police"
    assert event.actor.sector == "COP"
    assert event.date is not None
    assert (event.date.start, event.date.end) == (dt.date(2022, 12, 19), dt.date(2022, 12, 19))
    [mention] = extraction.places
    assert (mention.text, mention.start, mention.end) == ("LIMA", 0, 4)
    assert (mention.place.name, mention.place.country) == ("Lima", "PER")


def test_regressions_a_dateline_of_two_cities_is_no_one(extract_text) -> None:
    extraction = extract_text("NEW YORK / TEHRAN – The Security Council condemned Iran on Monday.")
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None and "Council" in event.actor.text


def test_regressions_dateline_date_is_no_event_date(extract_text) -> None:
    extraction = extract_text(
        "LIMA, Dec 20 (Wire) – Soldiers shot two farmers in Ayacucho.",
        published=dt.date(2022, 12, 20),
    )
    event = only_event(extraction, "ASSAULT")
    assert event.date is None
    assert event.actor is not None and event.actor.sector == "MIL"
    assert folded_name(event.recipient) == "farmers"


# -- figures -------------------------------------------------------------------------------


def test_regressions_between_two_numbers_is_a_range(extract_text) -> None:
    extraction = extract_text("Between 20 and 30 people were wounded on Monday.")
    [count] = extraction.counts
    assert (count.kind, count.low, count.high) == ("injured", 20, 30)
    assert 20 <= count.best <= 30


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Thousands of farmers marched in Lima on Monday.", 1000),
        ("Hundreds of protesters gathered in Puno.", 100),
    ],
)
def test_regressions_vague_crowd_is_a_protest_size(extract_text, text: str, size: int) -> None:
    event = only_event(extract_text(text), "PROTEST")
    assert event.size is not None
    assert (event.size.best, event.size.low) == (size, size)
    assert event.actor is not None and event.actor.sector in ("CVL", "PRO")


def test_regressions_two_acts_in_one_sentence_stay_two_events(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo spoke on Wednesday. He dissolved Congress and declared a curfew."
    )
    modes = sorted(e.mode or "" for e in extraction.events if e.type == "COERCE")
    assert modes == ["curfew", "restrict"]


def test_regressions_statement_participle_takes_the_statement_authors(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina, Bolivia and Colombia issued a joint statement supporting Castillo."
    )
    event = only_event(extraction, "SUPPORT")
    assert event.actor is not None
    assert event.actor.text == "Mexico, Argentina, Bolivia and Colombia"
    assert [m.country for m in event.actor.members] == ["MEX", "ARG", "BOL", "COL"]
    assert ("Mexico", "support", "Castillo") in [
        (s.actor.name, s.polarity, s.recipient.name.split()[-1]) for s in extraction.stances
    ]


def test_regressions_reported_must_is_a_demand_of_the_speaker(extract_text) -> None:
    extraction = extract_text("Russia said on Tuesday that Sudan must return the helicopter.")
    event = only_event(extraction, "REQUEST")
    assert (folded_name(event.actor), folded_name(event.recipient)) == ("russia", "sudan")


def test_regressions_sending_soldiers_mobilizes(extract_text) -> None:
    extraction = extract_text("The government sent about 500 soldiers to Puno on Monday.")
    event = only_event(extraction, "MOBILIZE")
    assert event.recipient is not None and event.recipient.sector == "MIL"
    assert not [e for e in extract_text("The minister sent a letter to Congress.").events]


def test_regressions_on_strike_is_a_strike_by_the_subject(extract_text) -> None:
    extraction = extract_text("Residents of Juliaca have been on an indefinite strike since Jan 4.")
    event = only_event(extraction, "PROTEST")
    assert event.mode == "strike"
    assert "residents" in folded_name(event.actor)
