"""Certainty and auxiliary (quipu.nlp.certainty): how far the text vouches for each record."""

from __future__ import annotations

import pytest

from expect import folded_name, only_event


def test_certainty_plain_statement_is_asserted(extract_text) -> None:
    event = only_event(
        extract_text("Police arrested 12 protesters in Juliaca on Monday."), "COERCE"
    )
    assert (event.certainty, event.attributed_to, event.aux) == ("asserted", None, None)


def test_certainty_reportedly_is_hedged(extract_text) -> None:
    extraction = extract_text("Police reportedly arrested 12 protesters in Juliaca.")
    assert only_event(extraction, "COERCE").certainty == "hedged"


def test_certainty_allegedly_is_hedged(extract_text) -> None:
    extraction = extract_text("Soldiers allegedly shot two farmers in Ayacucho on Monday.")
    assert only_event(extraction, "ASSAULT").certainty == "hedged"


def test_certainty_declaring_an_emergency_is_the_event_not_speech(extract_text) -> None:
    # "declared" is how a state of emergency happens, not reported speech about it.
    extraction = extract_text("The government declared a state of emergency in Lima on Sunday.")
    event = only_event(extraction, "COERCE")
    assert event.mode == "martial-law"
    assert (event.certainty, event.attributed_to) == ("asserted", None)
    assert event.actor is not None and event.actor.sector == "GOV"


def test_certainty_suggests_is_hedged(extract_text) -> None:
    extraction = extract_text("Footage suggests that soldiers shot protesters in Ayacucho.")
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "hedged"
    assert event.actor is not None and event.actor.sector == "MIL"


def test_certainty_could_not_be_verified_is_unverified(extract_text) -> None:
    extraction = extract_text(
        "Soldiers shot two farmers in Ayacucho on Monday, "
        "but the account could not be independently verified."
    )
    assert only_event(extraction, "ASSAULT").certainty == "unverified"


def test_certainty_said_is_attributed_to_the_speaker(extract_text) -> None:
    extraction = extract_text("The ombudsman said police shot two farmers in Ayacucho.")
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None
    assert event.attributed_to.name.casefold() == "ombudsman"
    assert event.attributed_to.sector == "GOV"
    # The speaker is the source, not the actor.
    assert event.actor is not None and event.actor.sector == "COP"


def test_certainty_according_to_is_attributed(extract_text) -> None:
    extraction = extract_text("According to the ombudsman, police shot two farmers in Ayacucho.")
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None
    assert event.attributed_to.name.casefold() == "ombudsman"


def test_certainty_denial_is_disputed(extract_text) -> None:
    extraction = extract_text("The army denied that soldiers shot protesters in Ayacucho.")
    assert only_event(extraction, "ASSAULT").certainty == "disputed"


def test_certainty_rejected_report_is_disputed(extract_text) -> None:
    extraction = extract_text(
        "The defence ministry rejected the report that soldiers shot protesters in Ayacucho."
    )
    assert only_event(extraction, "ASSAULT").certainty == "disputed"


def test_certainty_present_tense_speech_is_attributed(extract_text) -> None:
    extraction = extract_text("Police say they arrested 30 protesters in Cusco.")
    event = only_event(extraction, "COERCE")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None and event.attributed_to.sector == "COP"
    assert event.arrests is not None and event.arrests.best == 30
    assert all(count.certainty == "attributed" for count in extraction.counts)


def test_certainty_told_reporters_is_attributed_to_the_teller(extract_text) -> None:
    extraction = extract_text("Witnesses told reporters that police beat several students in Puno.")
    event = only_event(extraction, "ASSAULT")
    assert (event.mode, event.certainty) == ("beat", "attributed")
    assert event.attributed_to is not None
    assert event.attributed_to.name.casefold() == "witnesses"


def test_certainty_quotation_is_attributed_to_its_speaker(extract_text) -> None:
    extraction = extract_text('"The police attacked our march without warning," said Lucio Ccallo.')
    event = only_event(extraction, "ASSAULT")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None
    assert event.attributed_to.name == "Lucio Ccallo"
    assert all(e.attributed_to is not None for e in extraction.events)


def test_certainty_block_quotation_is_attributed_to_its_intro(extract_text) -> None:
    extraction = extract_text(
        "Farmer leader Lucio Ccallo wrote on Sunday:\n\n"
        "We will occupy the airport in Juliaca until our demands are met...\n"
    )
    event = only_event(extraction, "THREATEN")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None
    assert event.attributed_to.name == "Lucio Ccallo"


def test_certainty_sentence_after_a_quotation_is_the_outlets(extract_text) -> None:
    extraction = extract_text(
        '"We will march again," said Lucio Ccallo.\n\n'
        "Police arrested 12 protesters in Juliaca on Monday."
    )
    event = only_event(extraction, "COERCE")
    assert (event.certainty, event.attributed_to) == ("asserted", None)


def test_certainty_count_according_to_a_source(extract_text) -> None:
    extraction = extract_text(
        "According to the ombudsman, 26 people have died in the unrest so far."
    )
    assert len(extraction.counts) == 1
    count = extraction.counts[0]
    assert count.certainty == "attributed"
    assert count.source is not None and count.source.name.casefold() == "ombudsman"


def test_certainty_negation_is_auxiliary_not_certainty(extract_text) -> None:
    event = only_event(extract_text("Troops did not attack the protesters in Puno."), "ASSAULT")
    assert (event.certainty, event.aux) == ("asserted", "negated")


def test_certainty_instead_of_negates(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo was arrested on Wednesday. "
        "The army blamed Congress instead of condemning the arrest of Castillo."
    )
    events = [e for e in extraction.events if e.type == "ACCUSE"]
    assert [e.aux for e in events] == [None, "negated"]


def test_certainty_did_not_hesitate_is_not_negation(extract_text) -> None:
    extraction = extract_text("Ecuador did not hesitate to recognize Boluarte as president.")
    event = only_event(extraction, "SUPPORT")
    assert event.mode == "recognize"
    assert event.aux is None


def test_certainty_will_is_future(extract_text) -> None:
    extraction = extract_text("The ombudsman will visit Juliaca on Friday.")
    assert only_event(extraction, "CONSULT").aux == "future"


def test_certainty_protest_announced_by_its_actors_is_a_threat(extract_text) -> None:
    threat = extract_text('"We will block every road in Puno," said Lucio Ccallo.')
    assert only_event(threat, "THREATEN").aux is None
    plan = extract_text("Farmers in Puno plan to resume demonstrations in January.")
    assert only_event(plan, "PROTEST").aux == "future"


def test_certainty_may_is_hypothetical(extract_text) -> None:
    extraction = extract_text("The government may impose a curfew in Puno.")
    assert only_event(extraction, "COERCE").aux == "hypothetical"


def test_certainty_a_second_verb_of_saying_shares_its_speaker(extract_text) -> None:
    extraction = extract_text(
        "Lopez Obrador criticized the Congress and said that Mexico will continue to "
        "support Castillo."
    )
    support = only_event(extraction, "SUPPORT")
    assert support.certainty == "attributed"
    assert folded_name(support.attributed_to) == "lopez obrador"


def test_certainty_a_finite_verb_beside_a_demand_reports_its_own_act(extract_text) -> None:
    # the accusation and the blockade happened; what was demanded did not
    spanish = extract_text(
        "El gobernador exigió a la Federación una estrategia y acusó a las autoridades "
        "federales de abandonar a los municipios.",
        language="es",
    )
    assert only_event(spanish, "ACCUSE").aux is None
    english = extract_text("Protesters demanded his release and blocked the main road.")
    assert only_event(english, "PROTEST").aux is None
    # a bare verb beside a planned one is planned too
    planned = extract_text("The unions plan to march and block the roads next week.")
    assert {e.aux for e in planned.events if e.type == "PROTEST"} == {"future"}


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("The government denied using chemical weapons against the town.", "en", "ASSAULT"),
        ("El Ejército negó haber disparado contra los manifestantes.", "es", "ASSAULT"),
    ],
)
def test_certainty_an_act_denied_is_not_reported_as_done(
    extract_text, text, language, kind
) -> None:
    extraction = extract_text(text, language=language)
    assert only_event(extraction, kind).aux == "negated"
    assert only_event(extraction, "REJECT").aux is None
