"""Events (quipu.nlp.events): classes of construction the PLOVER codebook codes by what is
acted on or said (withdrawing missions, cutting aid, letting others act, demands in a
clause), in English and Spanish."""

from __future__ import annotations

import pytest

from expect import event_types, folded_name, only_event


def test_events_withdrawing_peacekeepers_is_a_sanction(extract_text) -> None:
    event = only_event(
        extract_text("Ghana withdrew its peacekeeping force from Mali on Tuesday."), "SANCTION"
    )
    assert (event.type, event.mode) == ("SANCTION", "withdraw")
    assert "RETREAT" not in event_types(extract_text("Ghana withdrew its peacekeeping force."))


def test_events_announced_withdrawal_of_inspectors_is_a_threat(extract_text) -> None:
    extraction = extract_text(
        "Kenya said on Monday that it will withdraw the election observers from Uganda."
    )
    assert "THREATEN" in event_types(extraction)
    assert "AGREE" not in event_types(extraction)


def test_events_withdrawing_troops_stays_a_retreat(extract_text) -> None:
    extraction = extract_text("Ghana withdrew its troops from the border town on Tuesday.")
    assert "RETREAT" in event_types(extraction)
    assert "SANCTION" not in event_types(extraction)


def test_events_retirar_observadores_es_sancion(extract_es) -> None:
    extraction = extract_es("El Gobierno de Nicaragua retiró a los observadores de la OEA.")
    assert "SANCTION" in event_types(extraction)


def test_events_suspending_aid_is_a_sanction(extract_text) -> None:
    event = only_event(
        extract_text("Germany suspended part of its development aid program for Niger."),
        "SANCTION",
    )
    assert event.mode == "discontinue"
    assert folded_name(event.actor) == "germany"


def test_events_a_suspension_of_flights_is_a_sanction(extract_text) -> None:
    extraction = extract_text("Egypt announced a suspension of flights to Libya on Sunday.")
    assert "SANCTION" in event_types(extraction)


def test_events_reducing_supplies_is_a_sanction_and_reducing_else_nothing(extract_text) -> None:
    assert "SANCTION" in event_types(
        extract_text("The World Bank reduced fuel supplies to the northern province.")
    )
    assert not extract_text("The army reduced the number of checkpoints in the north.").events


def test_events_suspending_a_mayor_stays_a_restriction(extract_text) -> None:
    event = only_event(extract_text("The government suspended the mayor of Cusco."), "COERCE")
    assert event.mode == "restrict"


def test_events_suspender_la_ayuda_es_sancion(extract_es) -> None:
    event = only_event(
        extract_es("Alemania suspendió la ayuda militar a Níger el martes."), "SANCTION"
    )
    assert event.mode == "discontinue"
    assert not extract_es("El Ejército redujo el número de patrullas en la frontera.").events


def test_events_allowing_an_opponent_to_act_is_a_concession(extract_text) -> None:
    event = only_event(
        extract_text("The electoral court allowed the opposition candidate to run in June."),
        "CONCEDE",
    )
    assert event.actor is not None and event.actor.sector == "JUD"
    assert "CONCEDE" in event_types(extract_text("Turkey allowed the aid convoys to cross."))


def test_events_allowing_by_no_authority_is_nothing(extract_text) -> None:
    assert "CONCEDE" not in event_types(
        extract_text("The new rules allow farmers to sell their crops abroad.")
    )


def test_events_not_allowing_stays_a_refusal(extract_text) -> None:
    assert "REJECT" in event_types(
        extract_text("The students said they would not allow the rector to enter the campus.")
    )


def test_events_announced_permission_is_an_agreement(extract_text) -> None:
    extraction = extract_text("Jordan said it would allow the inspectors to return.")
    assert "AGREE" in event_types(extraction)


def test_events_must_after_reiterated_is_a_demand(extract_text) -> None:
    event = only_event(
        extract_text("The foreign minister reiterated that Syria must release the journalists."),
        "REQUEST",
    )
    assert "foreign minister" in folded_name(event.actor)
    assert "syria" in folded_name(event.recipient)


def test_events_must_in_a_statement_is_a_demand_by_its_issuer(extract_text) -> None:
    event = only_event(
        extract_text("The bishops issued a statement that the government must resume talks."),
        "REQUEST",
    )
    assert "bishops" in folded_name(event.actor)


def test_events_concluyo_que_deben_es_exigencia(extract_es) -> None:
    extraction = extract_es(
        "La Defensoría concluyó que las autoridades deben liberar a los presos."
    )
    assert "REQUEST" in event_types(extraction)


def test_events_handing_over_medicine_is_aid(extract_text) -> None:
    extraction = extract_text("A Danish charity handed over two tons of medicine to the Red Cross.")
    assert "AID" in event_types(extraction)
    assert "RETREAT" not in event_types(extraction)


def test_events_providing_intelligence_is_aid_and_providing_details_nothing(extract_text) -> None:
    event = only_event(
        extract_text("France is providing intelligence to Chad, the newspaper said."), "AID"
    )
    assert folded_name(event.actor) == "france"
    assert "AID" not in event_types(extract_text("The ministry provided details of the budget."))


def test_events_handing_over_weapons_stays_a_retreat(extract_text) -> None:
    extraction = extract_text("The militia handed over its weapons to the army on Friday.")
    assert "AID" not in event_types(extraction)


def test_events_entregar_medicinas_es_ayuda(extract_es) -> None:
    assert "AID" in event_types(extract_es("La Cruz Roja entregó medicinas a los damnificados."))
    assert "AID" not in event_types(extract_es("El ministro entregó su informe al Congreso."))


def test_events_readiness_to_talk_is_an_agreement(extract_text) -> None:
    # what someone is ready to do is an offer, even as the narrator tells it
    extraction = extract_text(
        "Jordan would be ready to host a meeting between Israel and the Palestinian Authority."
    )
    assert "AGREE" in event_types(extraction)
    assert "CONSULT" not in event_types(extraction)


def test_events_preparing_an_attack_is_no_offer(extract_text) -> None:
    extraction = extract_text("The army prepared to resume shelling the northern villages.")
    assert "AGREE" not in event_types(extraction)
    assert "THREATEN" not in event_types(extraction)


def test_events_dispuesto_a_negociar_es_un_acuerdo(extract_es) -> None:
    extraction = extract_es("El Gobierno de Chile está dispuesto a negociar con los camioneros.")
    assert "AGREE" in event_types(extraction)


def test_events_se_manifestaron_es_una_protesta(extract_es) -> None:
    extraction = extract_es("Cientos de estudiantes se manifestaron frente al Congreso en Bogotá.")
    assert "PROTEST" in event_types(extraction)


@pytest.mark.parametrize(
    "text",
    [
        "El ministro manifestó su apoyo al alcalde de Quito.",
        "El ministro manifestó que no renunciará a su cargo.",
        "El senador se manifestó en contra de la reforma tributaria.",
    ],
)
def test_events_manifestar_algo_no_es_una_protesta(extract_es, text: str) -> None:
    assert "PROTEST" not in event_types(extract_es(text))


def test_events_demonstrating_something_is_no_protest(extract_text) -> None:
    extraction = extract_text("The army demonstrated its new drones to the press on Monday.")
    assert "PROTEST" not in event_types(extraction)


def test_events_evacuating_people_is_aid(extract_text) -> None:
    extraction = extract_text("Red Cross helicopters evacuated the injured from Mosul on Monday.")
    assert "AID" in event_types(extraction)
    assert "RETREAT" not in event_types(extraction)


def test_events_evacuating_a_place_stays_a_retreat(extract_text) -> None:
    extraction = extract_text("The army evacuated the border post on Monday.")
    assert "RETREAT" in event_types(extraction)
    assert "AID" not in event_types(extraction)


def test_events_dismissing_an_appeal_rejects_who_made_it(extract_text) -> None:
    event = only_event(
        extract_text("The rebels dismissed an appeal from the governor to hand in their weapons."),
        "REJECT",
    )
    assert folded_name(event.actor) == "rebels"
    assert "governor" in folded_name(event.recipient)


def test_events_dismissing_demands_is_a_rejection(extract_text) -> None:
    extraction = extract_text("The cabinet dismissed the farmers' demands as too costly.")
    assert only_event(extraction, "REJECT").actor is not None


def test_events_dismissing_a_minister_is_no_rejection(extract_text) -> None:
    extraction = extract_text("The prime minister dismissed his finance minister on Friday.")
    assert "REJECT" not in event_types(extraction)
