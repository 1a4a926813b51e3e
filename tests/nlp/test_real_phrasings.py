"""Events told the ways real reports tell them (pipeline 0.4.0), end to end.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries: an event that names no side, a death told through who died,
an arrest told by who made it, an attack claimed or blamed, a meeting, envoys received,
forces arriving, a signature, a refusal to resign. The expectation is the reading a careful
analyst gives the sentence.
"""

from __future__ import annotations

import pytest

from quipu.records import Extraction

from expect import folded_name, only_event


def _types(extraction: Extraction) -> list[str]:
    return [event.type for event in extraction.events]


def test_real_phrasings_a_curfew_with_no_side_named_is_an_event(extract_text) -> None:
    extraction = extract_text("A curfew from dusk to dawn was imposed in the capital on Monday.")
    event = only_event(extraction, "COERCE")
    assert event.mode == "curfew"
    assert event.actor is None and event.recipient is None


def test_real_phrasings_arrests_told_by_the_police_were_made_by_them(extract_text) -> None:
    extraction = extract_text("Police said dozens of suspected looters had been arrested.")
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert folded_name(event.actor) == "police"
    assert "looters" in folded_name(event.recipient)


def test_real_phrasings_detainees_counted_by_a_prosecutor_were_its_arrests(extract_text) -> None:
    extraction = extract_text(
        "La Fiscalía informó de 312 detenidos en todo el país.", language="es"
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert "fiscal" in folded_name(event.actor)


@pytest.mark.parametrize(
    "text",
    [
        "La Guardia Nacional informó este martes de 86 detenidos en la capital.",
        "El fiscal informó el domingo de más de 40 detenidos tras los saqueos.",
    ],
)
def test_real_phrasings_counted_detainees_are_who_was_arrested(extract_text, text) -> None:
    extraction = extract_text(text, language="es")
    event = only_event(extraction, "COERCE")
    assert event.recipient is not None and "detenidos" in event.recipient.text
    # the detainees are the arrests' target, not a side of the alignment network
    assert extraction.stances == []


def test_real_phrasings_counted_detainees_and_a_named_arrest_are_two(extract_text) -> None:
    extraction = extract_text(
        "Los abogados publicaron una lista con un centenar de detenidos, entre ellos el "
        "sindicalista Mario Quiroga, arrestado en Cochabamba.",
        language="es",
    )
    arrests = [e for e in extraction.events if e.type == "COERCE"]
    recipients = sorted(e.recipient.text for e in arrests if e.recipient is not None)
    assert len(arrests) == 2
    assert "detenidos" in recipients[0] and "Quiroga" in recipients[1]


def test_real_phrasings_a_claimed_attack_was_done_by_who_claims_it(extract_text) -> None:
    extraction = extract_text("The militant group claimed responsibility for the market bombing.")
    event = only_event(extraction, "ASSAULT")
    assert "militant group" in folded_name(event.actor)


@pytest.mark.parametrize(
    ("text", "language", "blamed"),
    [
        ("Officials blamed the bombing on separatist rebels.", "en", "rebels"),
        ("Las autoridades responsabilizan de los ataques a la guerrilla.", "es", "guerrilla"),
    ],
)
def test_real_phrasings_blaming_an_act_on_someone_opposes_them(
    extract_text, text, language, blamed
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "ACCUSE")
    assert blamed in folded_name(event.recipient)
    assert [s.polarity for s in extraction.stances] == ["oppose"]


def test_real_phrasings_a_body_meeting_alone_is_a_consultation(extract_text) -> None:
    event = only_event(extract_text("The Security Council will meet on Friday."), "CONSULT")
    assert folded_name(event.actor) == "security council"
    assert event.recipient is None


def test_real_phrasings_receiving_envoys_is_meeting_who_sent_them(extract_text) -> None:
    extraction = extract_text("Maduro recibió a una delegación de Estados Unidos.", language="es")
    event = only_event(extraction, "CONSULT")
    assert event.recipient is not None and event.recipient.country == "USA"


@pytest.mark.parametrize(
    ("text", "deployed"),
    [
        ("Additional peacekeepers arrived in the city on Wednesday.", True),
        ("Thousands of tourists arrived in the city on Wednesday.", False),
    ],
)
def test_real_phrasings_forces_arriving_are_deployed(extract_text, text, deployed) -> None:
    assert ("MOBILIZE" in _types(extract_text(text))) is deployed


def test_real_phrasings_signing_a_resignation_is_no_agreement(extract_text) -> None:
    extraction = extract_text(
        "Poco antes de la medianoche, el presidente firmó su renuncia.", language="es"
    )
    assert "AGREE" not in _types(extraction)
    assert only_event(extraction, "RETREAT").mode == "resign"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Soldiers occupied the university campus on Tuesday.", "COERCE"),
        ("Students occupied the university campus on Tuesday.", "PROTEST"),
    ],
)
def test_real_phrasings_occupying_is_told_by_who_occupies(extract_text, text, kind) -> None:
    assert kind in _types(extract_text(text))


def test_real_phrasings_saying_one_will_not_resign_is_a_refusal(extract_text) -> None:
    extraction = extract_text("La ministra dijo que no renunciará.", language="es")
    assert _types(extraction) == ["REJECT"]


def test_real_phrasings_a_hyphened_name_keeps_its_parts(extract_text) -> None:
    event = only_event(extract_text("Al-Shabab fighters attacked a checkpoint."), "ASSAULT")
    assert "al-shabab" in folded_name(event.actor)


def test_real_phrasings_a_month_is_no_place(extract_text) -> None:
    extraction = extract_text("Rebels fired rockets at the border town on Nov. 14.")
    assert all(mention.text != "Nov." for mention in extraction.places)


def test_real_phrasings_denying_involvement_rejects_the_accuser(extract_text) -> None:
    extraction = extract_text(
        "Government officials accused the rebel group of the attack. "
        "The rebel group denied any involvement."
    )
    event = only_event(extraction, "REJECT")
    assert "officials" in folded_name(event.recipient)


def test_real_phrasings_a_protest_whose_crowd_burns_a_building_is_violent(extract_text) -> None:
    extraction = extract_text(
        "Estudiantes irrumpieron el jueves en la alcaldía de Oruro y prendieron fuego a la "
        "puerta principal.",
        language="es",
    )
    protest = only_event(extraction, "PROTEST")
    assert protest.acled is not None
    assert protest.acled["sub_event_type"] == "Violent demonstration"
    assert only_event(extraction, "ASSAULT").mode == "destroy"
