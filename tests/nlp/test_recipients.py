"""Recipients: whom an event is aimed at, where the trigger itself names no one.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries, in English and in Spanish.
"""

from __future__ import annotations

import pytest

from expect import folded_name, only_event


@pytest.mark.parametrize(
    ("text", "language", "asked"),
    [
        ("The opposition demanded that the interior minister resign.", "en", "minister"),
        ("The union demanded on Friday that the government withdraw the decree.", "en", "govern"),
        ("La Conaie exigió que el Gobierno derogue el decreto.", "es", "gobierno"),
        ("Los sindicatos pidieron que el ministro renuncie.", "es", "ministro"),
    ],
)
def test_recipients_a_demand_is_aimed_at_who_must_act(extract_text, text, language, asked) -> None:
    event = only_event(extract_text(text, language=language), "REQUEST")
    assert asked in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language", "threatened"),
    [
        ("The parliament threatened to break relations with Moldova.", "en", "moldova"),
        ("The rebels threatened to attack the soldiers guarding the dam.", "en", "military"),
        ("El ELN amenazó con atacar a los soldados.", "es", "military"),
        ("El Congreso amenazó con romper relaciones con Nicaragua.", "es", "nicaragua"),
    ],
)
def test_recipients_a_threat_is_aimed_at_the_side_its_act_would_hit(
    extract_text, text, language, threatened
) -> None:
    event = only_event(extract_text(text, language=language), "THREATEN")
    assert threatened in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language", "conditioned"),
    [
        (
            "The teachers threatened to hold a general strike unless the government "
            "raised their pay.",
            "en",
            "govern",
        ),
        (
            "Los maestros amenazaron con paralizar las escuelas si el Gobierno no retira la ley.",
            "es",
            "gobierno",
        ),
    ],
)
def test_recipients_a_threat_is_put_to_the_subject_of_its_condition(
    extract_text, text, language, conditioned
) -> None:
    event = only_event(extract_text(text, language=language), "THREATEN")
    assert conditioned in folded_name(event.recipient)


def test_recipients_an_offer_is_made_to_the_side_of_its_act(extract_text) -> None:
    extraction = extract_text("The president offered to negotiate with the rebel commanders.")
    event = only_event(extraction, "AGREE")
    assert "commanders" in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language", "refused"),
    [
        (
            "The government refused to return the land to the indigenous communities.",
            "en",
            "communities",
        ),
        (
            "El Gobierno se negó a devolver las tierras a las comunidades indígenas.",
            "es",
            "comunidades",
        ),
    ],
)
def test_recipients_a_refusal_is_aimed_at_the_side_of_its_act(
    extract_text, text, language, refused
) -> None:
    event = only_event(extract_text(text, language=language), "REJECT")
    assert refused in folded_name(event.recipient)


def test_recipients_an_act_named_by_a_complement_is_no_side(extract_text) -> None:
    extraction = extract_text("The dock workers threatened to hold a general strike.")
    event = only_event(extraction, "THREATEN")
    assert event.recipient is None


@pytest.mark.parametrize(
    ("text", "language", "aimed"),
    [
        (
            "Hundreds of nurses marched on Tuesday to demand the resignation of the health "
            "minister.",
            "en",
            "minister",
        ),
        (
            "Miles de estudiantes marcharon el lunes para exigir la renuncia del ministro de Salud.",
            "es",
            "ministro",
        ),
    ],
)
def test_recipients_a_protest_is_aimed_at_whom_its_demand_is(
    extract_text, text, language, aimed
) -> None:
    event = only_event(extract_text(text, language=language), "PROTEST")
    assert event.recipient is not None and aimed in event.recipient.text.casefold()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hundreds of nurses marched on Tuesday to demand the release of the union leader.", "en"),
        ("Cientos de personas marcharon para exigir la liberación del dirigente.", "es"),
    ],
)
def test_recipients_a_protest_for_someone_is_not_aimed_at_them(
    extract_text, text, language
) -> None:
    event = only_event(extract_text(text, language=language), "PROTEST")
    assert event.recipient is None


@pytest.mark.parametrize(
    ("text", "language", "aimed"),
    [
        ("The farmers demanded the resignation of the president.", "en", "president"),
        ("Los campesinos exigieron la renuncia del presidente.", "es", "presidente"),
    ],
)
def test_recipients_a_demand_for_a_resignation_is_aimed_at_who_must_resign(
    extract_text, text, language, aimed
) -> None:
    event = only_event(extract_text(text, language=language), "REQUEST")
    assert folded_name(event.recipient) == aimed


@pytest.mark.parametrize(
    ("text", "language", "helped"),
    [
        ("Canada is providing military intelligence to Moldova.", "en", "moldova"),
        ("Japan gave Kenya two million dollars of aid on Tuesday.", "en", "kenya"),
        ("La Unión Europea dio a Haití cinco millones de dólares de ayuda.", "es", "haiti"),
    ],
)
def test_recipients_help_given_goes_to_whom_it_is_given(
    extract_text, text, language, helped
) -> None:
    event = only_event(extract_text(text, language=language), "AID")
    assert helped in folded_name(event.recipient).replace("í", "i")


def test_recipients_troops_offered_to_someone_are_offered_to_them(extract_text) -> None:
    extraction = extract_text("Chad offered its troops to the new president of Niger.")
    event = only_event(extraction, "AGREE")
    assert event.recipient is not None and "president" in event.recipient.text


def test_recipients_a_side_only_the_complement_names_draws_no_stance(extract_text) -> None:
    extraction = extract_text("The parliament threatened to break relations with Moldova.")
    assert "moldova" in folded_name(only_event(extraction, "THREATEN").recipient)
    assert extraction.stances == []


def test_recipients_a_denial_names_the_charge_not_a_recipient(extract_text) -> None:
    extraction = extract_text("Rwanda denies arming the rebel group.")
    assert only_event(extraction, "REJECT").recipient is None


@pytest.mark.parametrize(
    ("text", "language", "kind", "place"),
    [
        ("The governor imposed a curfew in the city of Kano on Monday.", "en", "COERCE", "kano"),
        ("The army declared martial law in Mandalay.", "en", "COERCE", "mandalay"),
        ("Uganda lifted the night curfew in Kampala on Friday.", "en", "CONCEDE", "kampala"),
        ("El presidente decretó el toque de queda en Cochabamba.", "es", "COERCE", "cochabamba"),
    ],
)
def test_recipients_a_restriction_is_aimed_at_the_place_put_under_it(
    extract_text, text, language, kind, place
) -> None:
    event = only_event(extract_text(text, language=language), kind)
    assert place in folded_name(event.recipient)


def test_recipients_a_restriction_in_a_place_takes_no_side(extract_text) -> None:
    extraction = extract_text("Kenya's president declared a curfew in Mombasa on Monday.")
    assert not extraction.stances


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Un autobús de la empresa Cruz del Sur fue alcanzado por disparos en la ruta.", "autobús"),
        ("Resultó herida la concejala Ana Ríos, alcanzada por un perdigón en la pierna.", "ríos"),
    ],
)
def test_recipients_whoever_a_weapon_hit_was_attacked(extract_text, text, hit) -> None:
    extraction = extract_text(text, language="es")
    attacks = [e for e in extraction.events if e.type == "ASSAULT"]
    assert any(hit in folded_name(e.recipient) for e in attacks), attacks


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Unos 300 jubilados se concentraron el jueves frente al edificio del Senado.", "senado"),
        (
            "Los comuneros mantienen un plantón frente a la sede de la Fiscalía de Cusco.",
            "fiscal",
        ),
    ],
)
def test_recipients_a_protest_before_a_body_s_building_is_aimed_at_it(
    extract_text, text, body
) -> None:
    protest = only_event(extract_text(text, language="es"), "PROTEST")
    assert body in folded_name(protest.recipient)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Los carabineros dispersaron con agua a quienes cortaban la ruta.", "ASSAULT"),
        ("La Fiscalía anunció que investigará a quienes, según dijo, pagan los saqueos.", "ACCUSE"),
    ],
)
def test_recipients_a_free_relative_names_whom_the_act_is_aimed_at(
    extract_text, text, event_type
) -> None:
    extraction = extract_text(text, language="es")
    event = only_event(extraction, event_type)
    assert event.recipient is not None and "quienes" in event.recipient.text
    # the unnamed are a target, not a side
    assert extraction.stances == []


@pytest.mark.parametrize(
    ("text", "entered"),
    [
        ("Cientos de manifestantes irrumpieron el martes en el Parlamento de Lima.", "parlamento"),
        (
            "Agentes de la policía irrumpieron de madrugada en la sede del Partido Verde.",
            "partido verde",
        ),
    ],
)
def test_recipients_where_they_burst_in_is_what_they_act_on(extract_text, text, entered) -> None:
    extraction = extract_text(text, language="es")
    assert any(entered in folded_name(e.recipient) for e in extraction.events), [
        (e.type, e.recipient) for e in extraction.events
    ]
