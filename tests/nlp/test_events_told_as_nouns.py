"""Events (quipu.nlp.happenings, events): an event noun that its clause tells as taking place,
carried on or there being reports its event; a denied, foreseen, asked-for or background one
does not, and one told again only as taking place is the event told before."""

from __future__ import annotations

from expect import event_types, folded_name, only_event


def test_events_a_noun_told_as_beginning_reports_its_event(extract_text) -> None:
    extraction = extract_text("The nightly raids began shortly after midnight in the north.")
    assert only_event(extraction, "COERCE").mode == "restrict"


def test_events_a_restriction_gone_into_effect_is_reported(extract_text) -> None:
    extraction = extract_text("A night curfew went into effect in the capital on Friday.")
    assert only_event(extraction, "COERCE").mode == "curfew"


def test_events_a_noun_told_as_hitting_something_is_an_attack_on_it(extract_text) -> None:
    extraction = extract_text("A second raid hit a fuel depot on the outskirts of the city.")
    event = only_event(extraction, "ASSAULT")
    assert "depot" in folded_name(event.recipient)
    assert "COERCE" not in event_types(extraction)


def test_events_the_pivot_of_an_existential_takes_its_own_sides(extract_text) -> None:
    extraction = extract_text(
        "There were clashes between students and riot police outside the university."
    )
    event = only_event(extraction, "ASSAULT")
    assert {folded_name(event.actor), folded_name(event.recipient)} >= {"students"}


def test_events_a_denied_or_foreseen_existential_reports_nothing(extract_text) -> None:
    assert "ASSAULT" not in event_types(extract_text("There were no clashes on Sunday."))
    assert "COERCE" not in event_types(extract_text("There will be arrests, the minister said."))


def test_events_a_noun_only_told_as_happening_needs_that_telling(extract_text) -> None:
    extraction = extract_text("The coordinated assault began at dawn at the central prison.")
    assert only_event(extraction, "ASSAULT")
    # "assault" and "violence" are no trigger where nothing tells them as taking place
    assert "ASSAULT" not in event_types(extract_text("The ministry condemned the violence."))


def test_events_a_noun_carried_on_by_the_subject_is_its_act(extract_text) -> None:
    extraction = extract_text("The militia has relaunched hostilities in the province.")
    assert folded_name(only_event(extraction, "ASSAULT").actor) == "militia"


def test_events_a_noun_told_beginning_in_the_background_reports_nothing(extract_text) -> None:
    extraction = extract_text("Since the violence began, thousands of families have fled.")
    assert "ASSAULT" not in event_types(extraction)


def test_events_spanish_nouns_told_as_repeated_or_there_being(extract_text) -> None:
    extraction = extract_text(
        "Los allanamientos se repitieron en varias ciudades del norte.", language="es"
    )
    assert only_event(extraction, "COERCE")
    extraction = extract_text("Hubo negociaciones con los dirigentes del paro.", language="es")
    assert only_event(extraction, "CONSULT")
    extraction = extract_text("Hubo caravanas y cacerolazos en varias ciudades.", language="es")
    assert only_event(extraction, "PROTEST")


def test_events_spanish_denied_or_other_closures_report_nothing(extract_text) -> None:
    assert "ASSAULT" not in event_types(
        extract_text("No hubo enfrentamientos en la frontera.", language="es")
    )
    assert "PROTEST" not in event_types(
        extract_text("El cierre de la frontera continúa.", language="es")
    )


def test_events_spanish_violence_stepped_up_is_its_subjects_act(extract_text) -> None:
    extraction = extract_text(
        "Los paramilitares intensificaron la violencia en la región.", language="es"
    )
    assert folded_name(only_event(extraction, "ASSAULT").actor) == "paramilitares"


def test_events_an_event_told_again_as_taking_place_is_one_event(extract_text) -> None:
    extraction = extract_text(
        "El Ejército capturó al líder del cartel en Culiacán. La captura se produjo en la "
        "madrugada del jueves.",
        language="es",
    )
    assert only_event(extraction, "COERCE")


def test_events_a_toll_counted_in_another_events_phrase_is_reported(extract_text) -> None:
    extraction = extract_text(
        "La Fiscalía abrió una investigación por los asesinatos de al menos siete líderes "
        "sociales.",
        language="es",
    )
    event = only_event(extraction, "ASSAULT")
    assert event.actor is None  # whoever investigates killed no one
    assert "líderes" in folded_name(event.recipient)


def test_events_a_killing_is_no_event_without_a_count_or_a_telling(extract_text) -> None:
    extraction = extract_text(
        "El gremio exigió justicia por el asesinato del dirigente.", language="es"
    )
    assert "ASSAULT" not in event_types(extraction)
    extraction = extract_text(
        "La crisis escaló tras los asesinatos de al menos seis campesinos.", language="es"
    )
    assert only_event(extraction, "ASSAULT")
