"""Acts put down to someone (pipeline 0.5.7): "atribuyeron el atentado al frente", "officials
attributed the bombing to al-Shabab", "blamed the bombing on separatists".

Seen in reports from Colombia, El Salvador, Syria and Somalia: whoever puts an act down to
someone accuses them (PLOVER ACCUSE), and the act is the blamed side's, as the accuser
claims; an act one puts down to oneself ("se atribuyó el ataque") is a claim of it, and an
act put down to something that is no side ("a problemas técnicos") accuses no one.
"""

from __future__ import annotations

import pytest

from expect import only_event


@pytest.mark.parametrize(
    ("text", "language", "accuser", "blamed"),
    [
        ("Officials attributed the bombing to the rebels.", "en", "officials", "rebels"),
        (
            "El Gobierno atribuyó los asesinatos a la Mara Salvatrucha.",
            "es",
            "gobierno",
            "mara salvatrucha",
        ),
        (
            "La comisión de la ONU atribuyó al Gobierno sirio al menos 30 ataques químicos.",
            "es",
            "comisión",
            "gobierno sirio",
        ),
    ],
)
def test_putting_an_act_down_to_someone_accuses_them(
    extract_text, text, language, accuser, blamed
) -> None:
    event = only_event(extract_text(text, language=language), "ACCUSE")
    assert event.actor is not None and accuser in event.actor.text.casefold()
    assert event.recipient is not None and blamed in event.recipient.text.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "Officials attributed the bombing to the rebels.",
        "The government blamed the bombing on separatists.",
    ],
)
def test_the_act_put_down_to_someone_is_theirs_as_the_accuser_claims(extract_text, text) -> None:
    extraction = extract_text(text)
    attack = only_event(extraction, "ASSAULT")
    accusation = only_event(extraction, "ACCUSE")
    assert attack.actor is not None and attack.actor.text == accusation.recipient.text
    assert attack.recipient is None or attack.recipient.text != attack.actor.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El grupo armado se atribuyó el ataque contra el cuartel.", "es"),
        ("El presidente atribuyó el retraso a problemas técnicos.", "es"),
        ("The minister attributed the delay to technical problems.", "en"),
    ],
)
def test_an_act_claimed_or_put_down_to_no_side_accuses_no_one(extract_text, text, language) -> None:
    extraction = extract_text(text, language=language)
    assert [e for e in extraction.events if e.type == "ACCUSE"] == []
