"""Events English reports tell that the pipeline missed or made up (round 2), end to end.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries: phone and internet links cut, and protests talked about
(stopped, stirred up, called off) rather than reported.
"""

from __future__ import annotations

from quipu.records import Extraction

from expect import folded_name, only_event


def _types(extraction: Extraction) -> list[str]:
    return [event.type for event in extraction.events]


def test_english_real_more_links_cut_are_censorship(extract_text) -> None:
    extraction = extract_text(
        "Mobile phone and internet links to the northern province have been cut since the "
        "army moved in."
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "censor"


def test_english_real_more_an_internet_shutdown_is_censorship(extract_text) -> None:
    extraction = extract_text(
        "The internet shutdown ordered by the interior ministry entered its third day."
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "censor"


def test_english_real_more_aid_cut_is_still_a_sanction(extract_text) -> None:
    extraction = extract_text("The donors cut aid to the government of Malawi on Monday.")
    assert "COERCE" not in _types(extraction)
    assert only_event(extraction, "SANCTION").mode == "discontinue"


def test_english_real_more_protests_stopped_are_talked_about(extract_text) -> None:
    extraction = extract_text("The minister urged the students to stop the protests.")
    assert "PROTEST" not in _types(extraction)
    assert "minister" in folded_name(only_event(extraction, "REQUEST").actor)


def test_english_real_more_a_rally_called_off_is_no_protest(extract_text) -> None:
    extraction = extract_text("The union called off the rally on Friday.")
    assert "PROTEST" not in _types(extraction)


def test_english_real_more_protests_staged_are_protests(extract_text) -> None:
    extraction = extract_text("Thousands of students staged protests in the capital on Friday.")
    assert "PROTEST" in _types(extraction)
