"""Events (quipu.nlp.events): classes of Spanish report the world corpus codes and the lexicon
missed (removal from office, people taken to safety, condemning an act told before), and
the English counterpart where it applies."""

from __future__ import annotations

from expect import event_types, folded_name, only_event


def test_events_destituir_is_a_sanction(extract_es) -> None:
    event = only_event(
        extract_es("El gobernador destituyó el lunes al jefe de la policía regional."), "SANCTION"
    )
    assert "gobernador" in folded_name(event.actor)
    assert "jefe" in folded_name(event.recipient)
    assert "COERCE" not in event_types(extract_es("El gobernador destituyó al jefe de la policía."))


def test_events_cese_of_an_office_holder_only(extract_es) -> None:
    event = only_event(
        extract_es("El Gobierno decretó el cese del director de la policía."), "SANCTION"
    )
    assert "director" in folded_name(event.recipient)
    # the end of violence asked for dismisses no one
    assert "SANCTION" not in event_types(extract_es("La Defensoría pidió el cese de la violencia."))


def test_events_evacuar_people_is_aid(extract_es) -> None:
    event = only_event(
        extract_es("Helicópteros del Ejército evacuaron a los heridos desde la zona rural."), "AID"
    )
    assert "herido" in folded_name(event.recipient)
    # a building cleared is no help given to anyone
    assert "AID" not in event_types(extract_es("Los bomberos evacuaron el edificio."))


def test_events_condemning_a_seizure_opposes_who_seized(extract_es, extract_text) -> None:
    spanish = extract_es(
        "La policía incautó las actas electorales el viernes. La OEA condenó la incautación."
    )
    assert "polic" in folded_name(only_event(spanish, "ACCUSE").recipient)
    english = extract_text(
        "Police seized ballot boxes in the town on Friday. The European Union condemned "
        "the seizure."
    )
    assert "police" in folded_name(only_event(english, "ACCUSE").recipient)
