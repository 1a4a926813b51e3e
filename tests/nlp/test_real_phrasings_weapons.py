"""Attacks told by what was fired, and groups Spanish writes in lower case (pipeline 0.5.7).

Each sentence is written for its test, in the shape of a construction met in at least three
reports of different countries (Yemen, Ukraine, Israel, North Korea, Afghanistan): a weapon
counted or listed as the object of firing or launching ("fired dozens of rockets", "lanzaron
drones y misiles"), a quantity of weapons that is the means and not the target, an assault
named as a noun, an armed act made by its possessive or its Spanish "de", an armed movement
named as Spanish names it ("los hutíes"); and, beside the armed acts, sides that act on each
other (Nagorno-Karabakh, Central Asia, Mexico).
"""

from __future__ import annotations

import pytest

from quipu.nlp.directory import default_directory

from expect import folded_name, only_event


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Militia fighters launched a wave of drones against the port on Sunday.", "en"),
        ("The rebels fired dozens of rockets at the army base overnight.", "en"),
        ("The army fired hundreds of artillery shells into the valley.", "en"),
        ("Las milicias lanzaron drones y misiles contra el puerto el domingo.", "es"),
        ("El grupo armado disparó una decena de proyectiles contra la base.", "es"),
    ],
)
def test_weapons_counted_or_listed_as_what_was_fired_tell_an_attack(
    extract_text, text, language
) -> None:
    event = only_event(extract_text(text, language=language), "ASSAULT")
    assert event.actor is not None
    assert (event.acled or {}).get("sub_event_type") in (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Militia fighters launched a wave of drones against the port on Sunday.", "en"),
        ("El grupo armado disparó una decena de proyectiles contra la base.", "es"),
    ],
)
def test_a_quantity_of_weapons_is_the_means_not_whom_the_attack_is_aimed_at(
    extract_text, text, language
) -> None:
    event = only_event(extract_text(text, language=language), "ASSAULT")
    recipient = event.recipient.text if event.recipient is not None else ""
    assert "drones" not in recipient and "proyectiles" not in recipient


def test_an_assault_named_as_a_noun_is_an_attack(extract_text) -> None:
    event = only_event(
        extract_text("The militants launched a brazen assault on a military base in Lamu."),
        "ASSAULT",
    )
    assert "militants" in folded_name(event.actor)


def test_assault_rifles_seized_are_no_attack(extract_text) -> None:
    extraction = extract_text("Police seized 40 assault rifles in the raid.")
    assert [event.type for event in extraction.events] == ["COERCE"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Los hutíes atacaron un petrolero en el mar Rojo el martes.", "houthis"),
        ("Los talibanes atacaron un puesto militar en Kandahar.", "taliban"),
    ],
)
def test_an_armed_movement_in_lower_case_is_the_directory_s_group(extract_text, text, name) -> None:
    extraction = extract_text(text, language="es", directory=default_directory())
    assert folded_name(only_event(extraction, "ASSAULT").actor) == name


def test_a_domestic_body_in_lower_case_is_not_read_as_a_group(extract_text) -> None:
    event = only_event(
        extract_text(
            "La policía detuvo a diez manifestantes en la plaza.",
            language="es",
            directory=default_directory(),
        ),
        "COERCE",
    )
    assert folded_name(event.actor) != "" and event.actor is not None
    assert event.actor.sector == "COP"


@pytest.mark.parametrize(
    ("text", "language", "maker", "target"),
    [
        ("The army's attack on the village left ten dead.", "en", "army", "village"),
        ("El ataque del ejército contra la aldea dejó diez muertos.", "es", "ejército", "aldea"),
        ("La emboscada de la guerrilla dejó seis soldados muertos.", "es", "guerrilla", None),
    ],
)
def test_an_armed_act_noun_is_made_by_its_possessive_or_spanish_genitive(
    extract_text, text, language, maker, target
) -> None:
    event = only_event(extract_text(text, language=language), "ASSAULT")
    assert event.actor is not None and maker in event.actor.text.casefold()
    if target is None:
        assert event.recipient is None or maker not in event.recipient.text.casefold()
    else:
        assert event.recipient is not None and target in event.recipient.text


@pytest.mark.parametrize(
    ("text", "language", "target"),
    [
        ("El bombardeo de Saná dejó diez muertos.", "es", "Saná"),
        ("El asesinato de cinco firmantes de paz conmocionó al país.", "es", "firmantes"),
        ("The shelling of the town by rebel forces went on all night.", "en", "town"),
    ],
)
def test_a_named_place_or_a_killing_s_genitive_stays_the_target(
    extract_text, text, language, target
) -> None:
    events = [e for e in extract_text(text, language=language).events if e.type == "ASSAULT"]
    assert any(e.recipient is not None and target in e.recipient.text for e in events), events
    assert not any(e.actor is not None and target in e.actor.text for e in events), events


@pytest.mark.parametrize(
    ("text", "language", "event_type"),
    [
        ("Georgia and Russia accused each other of violating the truce.", "en", "ACCUSE"),
        (
            "Border guards of Kyrgyzstan and Tajikistan fired at one another across the border.",
            "en",
            "ASSAULT",
        ),
        ("Armenia y Azerbaiyán se acusaron mutuamente de violar la tregua.", "es", "ACCUSE"),
    ],
)
def test_each_side_named_acts_on_the_other(extract_text, text, language, event_type) -> None:
    event = only_event(extract_text(text, language=language), event_type)
    assert event.actor is not None and event.recipient is not None
    assert event.actor.name != event.recipient.name
