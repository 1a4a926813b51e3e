"""Events English reports tell that the pipeline missed (0.5.2), and their Spanish kin.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries: talks told by speaking to someone, and talks named as the
occasion of what someone says or does.
"""

from __future__ import annotations

from quipu.records import Extraction

from expect import folded_name, only_event


def _consults(extraction: Extraction) -> list[str]:
    return [event.type for event in extraction.events if event.type == "CONSULT"]


def test_english_real_speaking_to_a_leader_is_talks(extract_text) -> None:
    extraction = extract_text(
        "The foreign minister spoke to Kenyan President William Ruto on Friday."
    )
    event = only_event(extraction, "CONSULT")
    assert "minister" in folded_name(event.actor)
    assert "ruto" in folded_name(event.recipient)


def test_english_real_speaking_with_a_leader_is_talks(extract_text) -> None:
    extraction = extract_text("The Chilean president spoke with the Bolivian president.")
    event = only_event(extraction, "CONSULT")
    assert "chile" in folded_name(event.actor) or "president" in folded_name(event.actor)
    assert event.recipient is not None


def test_english_real_speaking_to_reporters_is_no_talks(extract_text) -> None:
    extraction = extract_text("The general spoke to reporters after the vote in Nairobi.")
    assert _consults(extraction) == []


def test_english_real_a_call_a_vow_is_made_in_is_talks(extract_text) -> None:
    extraction = extract_text(
        "The Turkish president promised in a call with the Iraqi prime minister to close the camps."
    )
    event = only_event(extraction, "CONSULT")
    assert "president" in folded_name(event.actor) or "turk" in folded_name(event.actor)
    assert "minister" in folded_name(event.recipient) or "iraq" in folded_name(event.recipient)


def test_english_real_spanish_speaking_with_a_leader_is_talks(extract_text) -> None:
    extraction = extract_text(
        "El canciller peruano habló con el presidente de Bolivia el martes.",
        language="es",
    )
    event = only_event(extraction, "CONSULT")
    assert event.actor is not None
    assert event.recipient is not None


def test_english_real_spanish_speaking_with_the_press_is_no_talks(extract_text) -> None:
    extraction = extract_text(
        "El ministro conversó con los periodistas tras la votación.", language="es"
    )
    assert _consults(extraction) == []


def test_english_real_spanish_a_call_a_vow_is_made_in_is_talks(extract_text) -> None:
    extraction = extract_text(
        "El presidente colombiano prometió en una llamada con el mandatario ecuatoriano "
        "reforzar la frontera.",
        language="es",
    )
    event = only_event(extraction, "CONSULT")
    assert event.actor is not None and event.recipient is not None
