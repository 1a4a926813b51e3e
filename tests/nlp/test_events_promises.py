"""Events (quipu.nlp.coding, quipu.nlp.events): help promised is coded as the promise
(PLOVER AGREE), weapons given up are a retreat, eased emergency measures a concession and a
withdrawal is aimed at the country left, in English and Spanish."""

from __future__ import annotations

from expect import event_types, folded_name, only_event


def test_events_aid_told_in_the_future_is_a_promise(extract_text) -> None:
    extraction = extract_text(
        "Norway will provide 5,000 tonnes of food aid to displaced families in Sudan."
    )
    event = only_event(extraction, "AGREE")
    assert folded_name(event.actor) == "norway"
    assert "AID" not in event_types(extraction)


def test_events_aid_given_stays_aid(extract_text) -> None:
    extraction = extract_text("Norway provided 5,000 tonnes of food aid to displaced families.")
    assert "AID" in event_types(extraction)
    assert "AGREE" not in event_types(extraction)


def test_events_a_meeting_to_come_stays_a_meeting(extract_text) -> None:
    extraction = extract_text(
        "The foreign ministers of Chile and Peru will meet in Lima on Friday."
    )
    assert event_types(extraction) == {"CONSULT"}


def test_events_troops_offered_to_a_peacekeeping_force_are_a_promise(extract_text) -> None:
    extraction = extract_text(
        "Ghana is ready to contribute 800 troops to the UN peacekeeping force in Mali."
    )
    assert folded_name(only_event(extraction, "AGREE").actor) == "ghana"


def test_events_contributing_to_a_collapse_is_no_event(extract_text) -> None:
    extraction = extract_text("Heavy rains contributed to the collapse of the bridge on Monday.")
    assert extraction.events == []


def test_events_restrictions_imposed_are_coercion(extract_text) -> None:
    extraction = extract_text("Hungary imposed restrictions on foreign journalists on Monday.")
    event = only_event(extraction, "COERCE")
    assert (event.mode, folded_name(event.actor)) == ("restrict", "hungary")


def test_events_weapons_laid_down_are_a_retreat(extract_text) -> None:
    extraction = extract_text("The rebels laid down their arms on Monday in the northern province.")
    assert event_types(extraction) == {"RETREAT"}


def test_events_weapons_to_be_handed_over_are_a_promise(extract_text) -> None:
    extraction = extract_text("The rebel movement said it would hand over its weapons to the army.")
    assert "AGREE" in event_types(extraction)


def test_events_emergency_measures_imposed_and_eased(extract_text) -> None:
    imposed = extract_text("The army imposed emergency measures in the Sinai on Tuesday.")
    assert only_event(imposed, "COERCE").mode == "martial-law"
    eased = extract_text("Egypt eased emergency measures in the Sinai on Tuesday.")
    assert folded_name(only_event(eased, "CONCEDE").actor) == "egypt"
    assert "COERCE" not in event_types(eased)


def test_events_deponer_las_armas_es_repliegue(extract_es) -> None:
    extraction = extract_es("Los guerrilleros depusieron las armas el lunes en la provincia.")
    assert event_types(extraction) == {"RETREAT"}


def test_events_withdrawal_is_aimed_at_the_country_left(extract_text) -> None:
    extraction = extract_text("Ghana withdrew its peacekeeping force from Mali on Tuesday.")
    assert folded_name(only_event(extraction, "SANCTION").recipient) == "mali"
    announced = extract_text(
        "Senegal said it would withdraw its election observers and aid workers from Guinea."
    )
    assert folded_name(only_event(announced, "THREATEN").recipient) == "guinea"


def test_events_troops_withdrawn_from_a_region_name_no_recipient(extract_text) -> None:
    extraction = extract_text("Russia withdrew its troops from the border region on Monday.")
    assert only_event(extraction, "RETREAT").recipient is None
