"""Events (quipu.nlp.events, arguments, coding): force sworn to is a threat, and whom a video
shows doing something is who did it."""

from __future__ import annotations

from expect import folded_name, only_event


def test_events_force_vowed_is_a_threat(extract_text) -> None:
    extraction = extract_text("The army chief vowed to attack the rebels in the north.")
    event = only_event(extraction, "THREATEN")
    assert "ASSAULT" not in {e.type for e in extraction.events}
    assert folded_name(event.recipient) == "rebels"


def test_events_force_sworn_to_is_a_threat(extract_text) -> None:
    event = only_event(
        extract_text("The militia has sworn to kill the village elders."), "THREATEN"
    )
    assert "elders" in folded_name(event.recipient)


def test_events_a_call_a_vow_is_made_in_stays_a_call(extract_text) -> None:
    extraction = extract_text(
        "The king vowed in a call with the Kenyan president to attack the insurgents."
    )
    assert "CONSULT" in {e.type for e in extraction.events}
    assert "AGREE" not in {e.type for e in extraction.events}


def test_events_who_a_video_shows_doing_it_did_it(extract_text) -> None:
    extraction = extract_text(
        "Footage shared online appears to show soldiers setting fire to a market stall."
    )
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "destroy"
    assert folded_name(event.actor) == "military"


def test_events_who_a_video_shows_doing_two_things_did_both(extract_text) -> None:
    event = only_event(
        extract_text("A clip appears to show youths smashing and burning a police car."), "ASSAULT"
    )
    assert "youths" in folded_name(event.actor)
