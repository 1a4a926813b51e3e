"""Spanish events told the ways real reports tell them, end to end.

Each test is a sentence written for it in the shape of a construction met in at least three
reports or seed sentences of different countries, which the Spanish lexicon missed: a warning
of what one's side will do, a crowd taking to the streets, troops moving in, goods handed out
and help offered, someone sent to prison. Where English has the same
construction it is checked beside the Spanish.
"""

from __future__ import annotations

import pytest

from quipu.records import Extraction

from expect import folded_name, only_event


def _types(extraction: Extraction) -> list[str]:
    return [event.type for event in extraction.events]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "El ministro del Interior advirtió que no permitirá que los manifestantes "
            "ocupen el aeropuerto.",
            "es",
        ),
        (
            "The interior minister warned that he would not allow protesters to occupy the "
            "airport.",
            "en",
        ),
    ],
)
def test_spanish_real_a_warning_of_what_one_will_do_is_a_threat(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "THREATEN")
    assert event.actor is not None and event.actor.sector == "GOV"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Miles de jubilados salieron a las calles de Montevideo el martes.", "es"),
        ("Thousands of pensioners took to the streets of Montevideo on Tuesday.", "en"),
    ],
)
def test_spanish_real_a_crowd_taking_to_the_streets_protests(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "PROTEST")
    assert "jubilados" in folded_name(event.actor) or "pensioners" in folded_name(event.actor)
    assert event.recipient is None  # the streets of a city are where, not against whom


def test_spanish_real_soldiers_in_the_streets_are_no_protest(extract_text) -> None:
    extraction = extract_text(
        "Los soldados salieron a las calles de la capital tras el anuncio.", language="es"
    )
    assert "PROTEST" not in _types(extraction)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tropas del Ejército avanzaron el lunes hacia los pueblos de la frontera.", "es"),
        ("Army troops advanced on Monday toward the border villages.", "en"),
        ("Unidades del Ejército ingresaron a las cárceles del norte del país.", "es"),
        ("Government troops entered the provincial capital on Saturday.", "en"),
    ],
)
def test_spanish_real_troops_moving_in_are_deployed(extract_text, text: str, language: str) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "MOBILIZE")
    assert event.actor is not None and event.actor.sector == "MIL"
    # where they go is no side they act on
    assert event.recipient is None or event.recipient.sector is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Los turistas entraron al museo por la puerta lateral.", "es"),
        ("The tourists entered the museum through a side door.", "en"),
    ],
)
def test_spanish_real_anyone_else_going_in_is_no_event(
    extract_text, text: str, language: str
) -> None:
    assert _types(extract_text(text, language=language)) == []


@pytest.mark.parametrize(
    ("text", "language", "helped"),
    [
        (
            "La Media Luna Roja distribuyó mantas a las familias desplazadas por el sismo.",
            "es",
            "familias",
        ),
        (
            "The Red Crescent distributed blankets to the families displaced by the quake.",
            "en",
            "families",
        ),
        (
            "El gobierno entregó medicinas a los damnificados de la inundación.",
            "es",
            "damnificados",
        ),
    ],
)
def test_spanish_real_goods_handed_out_are_aid_to_whom_they_go(
    extract_text, text: str, language: str, helped: str
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "AID")
    assert event.actor is not None
    assert helped in folded_name(event.recipient)  # not the blankets or the medicine


def test_spanish_real_leaflets_handed_out_are_no_aid(extract_text) -> None:
    extraction = extract_text(
        "El candidato distribuyó volantes en la plaza de armas.", language="es"
    )
    assert "AID" not in _types(extraction)


def test_spanish_real_assistance_offered_to_a_government_is_aid(extract_text) -> None:
    extraction = extract_text(
        "El gobierno de Canadá ofreció asistencia a las autoridades de Haití.", language="es"
    )
    event = only_event(extraction, "AID")
    assert event.actor is not None and event.actor.country == "CAN"
    assert event.recipient is not None and event.recipient.country == "HTI"


@pytest.mark.parametrize(
    ("text", "language", "held"),
    [
        ("La jueza envió a prisión provisional al exalcalde por malversación.", "es", "exalcalde"),
        ("Un juez mandó a la cárcel a tres dirigentes vecinales.", "es", "dirigentes"),
        ("El tribunal ordenó detención provisional para el exgobernador.", "es", "exgobernador"),
        ("The two students were sent to prison pending trial.", "en", "students"),
    ],
)
def test_spanish_real_a_judge_sending_someone_to_prison_holds_them(
    extract_text, text: str, language: str, held: str
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert held in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Organizaciones de derechos humanos advirtieron que la reforma podría "
            "derivar en nuevos abusos.",
            "es",
        ),
        ("Economists warned that the drought could cut the harvest by a tenth.", "en"),
    ],
)
def test_spanish_real_a_warning_of_what_may_happen_is_no_threat(
    extract_text, text: str, language: str
) -> None:
    assert "THREATEN" not in _types(extract_text(text, language=language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "La presidenta decretó el jueves el estado de excepción en tres provincias, con "
            "toque de queda nocturno en la capital, y luego lo extendió a otras dos.",
            "es",
        ),
        (
            "The president declared a state of emergency in the north with a nightly curfew "
            "in the capital.",
            "en",
        ),
    ],
)
def test_spanish_real_a_curfew_beside_a_state_of_emergency_is_a_second_measure(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    modes = sorted(e.mode or "" for e in extraction.events if e.type == "COERCE")
    assert modes == ["curfew", "martial-law"], modes
    curfew = next(e for e in extraction.events if e.mode == "curfew")
    assert curfew.actor is not None and curfew.actor.sector == "GOV"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Unos treinta presos que se amotinaron por el hacinamiento aceptaron volver a sus "
            "celdas.",
            "presos",
        ),
        (
            "Los reclusos del penal aceptaron volver a sus celdas tras dos días de motín.",
            "reclusos",
        ),
    ],
)
def test_spanish_real_prisoners_act(extract_text, text: str, word: str) -> None:
    event = only_event(extract_text(text, language="es"), "CONCEDE")
    assert event.actor is not None and word in event.actor.text


@pytest.mark.parametrize(
    "text",
    [
        "El personero municipal recibió amenazas de muerte por teléfono.",
        "La contralora del departamento recibió amenazas contra su vida.",
        "Un concejal del municipio recibió amenazas en un panfleto.",
    ],
)
def test_spanish_real_local_officials_are_government(extract_text, text: str) -> None:
    event = only_event(extract_text(text, language="es"), "THREATEN")
    assert event.recipient is not None and event.recipient.sector == "GOV"


@pytest.mark.parametrize(
    ("text", "event_type", "act"),
    [
        (
            "El Gobierno y los sindicatos firmaron el jueves en Lima el acta de entendimiento, "
            "con la mediación de la Iglesia católica.",
            "AGREE",
            "mediación",
        ),
        (
            "El mandatario decretó el estado de excepción por 30 días, con toque de queda "
            "nocturno.",
            "COERCE",
            "toque",
        ),
    ],
)
def test_spanish_real_an_act_told_with_an_event_is_not_its_recipient(
    extract_text, text: str, event_type: str, act: str
) -> None:
    extraction = extract_text(text, language="es")
    events = [e for e in extraction.events if e.type == event_type]
    assert events
    for event in events:
        assert event.recipient is None or act not in event.recipient.text, event.recipient


@pytest.mark.parametrize(
    "text",
    [
        "Durante el operativo militar cuatro personas fueron muertas, informó un vocero.",
        "Resultó muerto un soldado en el ataque contra la patrulla.",
    ],
)
def test_spanish_real_the_participle_of_killing_reports_an_attack(extract_text, text: str) -> None:
    event = only_event(extract_text(text, language="es"), "ASSAULT")
    assert event.recipient is not None


def test_spanish_real_the_dead_described_are_no_attack(extract_text) -> None:
    extraction = extract_text(
        "La organización contabiliza al menos seis civiles muertos desde el inicio del paro.",
        language="es",
    )
    assert "ASSAULT" not in _types(extraction)
