"""Events (quipu.nlp.events through the pipeline): who did what to whom, coded in PLOVER."""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.nlp.lexicon import fold

from expect import folded_name, only_event


def test_events_arrest_with_its_circumstances(extract_text) -> None:
    extraction = extract_text("Police arrested 12 protesters in Lima on Monday.")
    assert [(e.type, e.mode) for e in extraction.events] == [("COERCE", "arrest")]
    event = extraction.events[0]
    assert "police" in folded_name(event.actor)
    assert event.actor.sector == "COP"
    assert folded_name(event.recipient) == "protesters"
    assert event.recipient.sector == "PRO"
    assert event.arrests is not None
    assert (event.arrests.best, event.arrests.low, event.arrests.high) == (12, 12, 12)
    assert event.fatalities is None and event.injuries is None
    # Published on Wednesday 14 December 2022: "on Monday" is the 12th.
    assert event.date is not None
    assert (event.date.start, event.date.end, event.date.precision) == (
        dt.date(2022, 12, 12),
        dt.date(2022, 12, 12),
        1,
    )
    assert event.place is not None
    assert (event.place.name, event.place.country, event.place.precision) == ("Lima", "PER", 1)
    assert (event.certainty, event.aux) == ("asserted", None)


def test_events_arrest_maps_to_acled_and_cameo(extract_text) -> None:
    event = only_event(extract_text("Police arrested 12 protesters in Lima on Monday."), "COERCE")
    assert event.acled == {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    assert event.cameo == "17"


def test_events_passive_turns_actor_and_recipient_round(extract_text) -> None:
    extraction = extract_text("Former president Pedro Castillo was detained by police on Monday.")
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert "police" in folded_name(event.actor)
    assert folded_name(event.recipient) == "pedro castillo"


def test_events_coordinated_subjects_make_a_compound_actor(extract_text) -> None:
    extraction = extract_text(
        "President Pedro Castillo was removed from office on Wednesday. "
        "Mexico, Argentina, Bolivia and Colombia expressed support for Castillo."
    )
    event = only_event(extraction, "SUPPORT")
    assert event.actor is not None
    assert [m.country for m in event.actor.members] == ["MEX", "ARG", "BOL", "COL"]
    assert [m.name for m in event.actor.members] == ["Mexico", "Argentina", "Bolivia", "Colombia"]
    assert event.actor.country is None  # four countries, not one
    assert folded_name(event.recipient) == "pedro castillo"


def test_events_coordinated_subjects_of_a_plain_verb(extract_text) -> None:
    extraction = extract_text("Mexico, Argentina, Bolivia and Colombia supported Castillo.")
    event = only_event(extraction, "SUPPORT")
    assert event.actor is not None
    assert [m.country for m in event.actor.members] == ["MEX", "ARG", "BOL", "COL"]
    assert "castillo" in folded_name(event.recipient)


def test_events_nominal_crackdown_takes_actor_from_modifier(extract_text) -> None:
    extraction = extract_text(
        "A police crackdown against protesters in Cusco left three people dead."
    )
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "crowd-control"
    assert "police" in folded_name(event.actor)
    assert event.actor.sector == "COP"
    assert folded_name(event.recipient) == "protesters"
    assert event.fatalities is not None and event.fatalities.best == 3


def test_events_asylum_helps_the_seeker(extract_text) -> None:
    extraction = extract_text(
        "Former labour minister Ana Quispe sought asylum in the Mexican embassy."
    )
    event = only_event(extraction, "AID")
    assert event.mode == "asylum"
    # an embassy stands for its state; its words are kept
    assert (event.actor.name, event.actor.text) == ("Mexico", "the Mexican embassy")
    assert (event.actor.country, event.actor.sector) == ("MEX", "GOV")
    assert folded_name(event.recipient) == "ana quispe"


def test_events_refusal_to_follow_orders_is_a_rejection(extract_text) -> None:
    extraction = extract_text("Army units in Puno will not follow orders from the government.")
    event = only_event(extraction, "REJECT")
    assert event.aux != "negated"
    assert event.actor is not None and event.actor.sector == "MIL"
    assert folded_name(event.recipient) == "government"


def test_events_follow_orders_alone_is_no_event(extract_text) -> None:
    extraction = extract_text("The troops follow orders from the defence ministry.")
    assert extraction.events == []


def test_events_negated_attack(extract_text) -> None:
    event = only_event(extract_text("Troops did not attack the protesters in Puno."), "ASSAULT")
    assert event.aux == "negated"
    assert event.actor is not None and event.actor.sector == "MIL"


def test_events_planned_sentence_is_future(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo remains in custody. The court plans to sentence Castillo next year."
    )
    event = only_event(extraction, "COERCE")
    assert event.aux == "future"
    assert folded_name(event.recipient) == "pedro castillo"


def test_events_conditional_is_hypothetical(extract_text) -> None:
    extraction = extract_text("If the army intervened, it could arrest the lawmakers.")
    event = only_event(extraction, "COERCE")
    assert event.aux == "hypothetical"
    assert folded_name(event.actor) == "military"
    assert event.recipient is not None and event.recipient.sector == "LEG"


def test_events_background_year_is_historical(extract_text) -> None:
    extraction = extract_text("Soldiers killed dozens of farmers in Ayacucho in 1992.")
    event = only_event(extraction, "ASSAULT")
    assert event.aux == "historical"
    assert event.date is not None
    assert (event.date.start, event.date.end, event.date.precision) == (
        dt.date(1992, 1, 1),
        dt.date(1992, 12, 31),
        5,
    )


def test_events_ordered_detention_is_done_by_the_orderer(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo left the palace on Wednesday. "
        "A judge ordered the detention of Castillo that night."
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert folded_name(event.actor) == "judge"
    assert event.actor.sector == "JUD"
    assert folded_name(event.recipient) == "pedro castillo"
    assert not [e for e in extraction.events if e.type == "REQUEST"]


def test_events_later_definite_reference_is_a_mention(extract_text) -> None:
    text = (
        "Protesters marched through Juliaca on Monday.\n\n"
        "Police said the protests were largely peaceful."
    )
    extraction = extract_text(text)
    event = only_event(extraction, "PROTEST")
    assert event.evidence.sentence == "Protesters marched through Juliaca on Monday."
    assert [m.sentence for m in event.mentions] == [
        "Police said the protests were largely peaceful."
    ]
    mention = event.mentions[0]
    assert text[mention.start : mention.end] == mention.sentence


def test_events_protest_noun_after_about_is_no_event(extract_text) -> None:
    extraction = extract_text("Boluarte was asked about the protests by reporters.")
    assert [e for e in extraction.events if e.type == "PROTEST"] == []


def test_events_road_blockade_is_obstruction(extract_text) -> None:
    event = only_event(
        extract_text("Farmers blocked the highway to Arequipa on Tuesday."), "PROTEST"
    )
    assert event.mode == "obstruct"
    assert folded_name(event.actor) == "farmers"
    assert event.acled == {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    assert event.cameo == "14"


def test_events_blocking_by_lawmakers_is_a_rejection(extract_text) -> None:
    extraction = extract_text("Lawmakers blocked the government's proposal for early elections.")
    assert [e for e in extraction.events if e.type == "PROTEST"] == []
    event = only_event(extraction, "REJECT")
    assert event.actor is not None and event.actor.sector == "LEG"


def test_events_tear_gas_against_protesters_is_a_protest_with_intervention(extract_text) -> None:
    # ACLED: a protest dispersed with tear gas and no serious injury is an intervention;
    # excessive force is lethal or seriously injuring force
    extraction = extract_text("Police dispersed protesters with tear gas in Juliaca on Monday.")
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "crowd-control"
    assert event.acled == {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
    assert event.place is not None and event.place.name == "Juliaca"


def test_events_tear_gas_fired_at_protesters(extract_text) -> None:
    extraction = extract_text("Police fired tear gas at protesters in Juliaca on Monday.")
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "crowd-control"
    assert "police" in folded_name(event.actor)
    assert folded_name(event.recipient) == "protesters"


def test_events_expulsion_of_an_ambassador_is_a_sanction(extract_text) -> None:
    extraction = extract_text("Peru expelled the Mexican ambassador on Tuesday.")
    event = only_event(extraction, "SANCTION")
    assert event.mode == "expel"
    assert event.actor is not None and event.actor.country == "PER"
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("MEX", "GOV")


def test_events_ambassadors_called_home_is_a_withdrawal(extract_text) -> None:
    extraction = extract_text(
        "Peru has called its ambassadors in Argentina and Mexico home for consultations."
    )
    event = only_event(extraction, "SANCTION")
    assert event.mode == "withdraw"
    assert event.actor is not None and event.actor.country == "PER"
    # the envoys stand for the countries they serve in
    assert folded_name(event.recipient) == "argentina, mexico"


def test_events_vandalism_is_its_own_protest_mode(extract_text) -> None:
    extraction = extract_text("Protesters vandalized the prosecutor's offices in Huamanga.")
    event = only_event(extraction, "PROTEST")
    assert event.mode == "vandalize"
    assert event.actor is not None and event.actor.sector == "PRO"
    assert event.acled == {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    assert event.cameo == "14"


def test_events_trigger_phrase_may_hold_a_participle_modifier(extract_text) -> None:
    extraction = extract_text("The Chilean foreign minister cancelled a planned visit to Lima.")
    event = only_event(extraction, "SANCTION")
    assert event.mode == "withdraw"
    assert event.actor is not None and event.actor.country == "CHL"


def test_events_what_a_request_asks_for_is_hypothetical(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo is in prison. Protesters urged Congress to release Castillo."
    )
    request = only_event(extraction, "REQUEST")
    assert request.aux is None
    assert request.actor is not None and request.actor.sector == "PRO"
    assert folded_name(request.recipient) == "congress"
    release = only_event(extraction, "RETREAT")
    assert (release.mode, release.aux) == ("release", "hypothetical")
    assert folded_name(release.actor) == "congress"
    assert folded_name(release.recipient) == "pedro castillo"


@pytest.mark.parametrize(
    ("text", "language", "asked"),
    [
        (
            "The ombudsman urged prosecutors to investigate the deaths of the protesters.",
            "en",
            "prosecutors",
        ),
        (
            "La Defensoría pidió a la Fiscalía investigar las muertes de los manifestantes.",
            "es",
            "fiscalia",
        ),
        (
            "La ONU exhortó a las autoridades a investigar los asesinatos de los periodistas.",
            "es",
            "autoridades",
        ),
    ],
)
def test_events_an_act_asked_of_someone_is_theirs_to_do(extract_text, text, language, asked):
    # who asks is not who would investigate: the one the request is addressed to is
    extraction = extract_text(text, language=language)
    request = only_event(extraction, "REQUEST")
    inquiry = only_event(extraction, "ACCUSE")
    assert (inquiry.mode, inquiry.aux) == ("investigate", "hypothetical")
    assert request.recipient is not None and inquiry.actor is not None
    assert asked in fold(inquiry.actor.text) and inquiry.actor.text == request.recipient.text


def test_events_an_act_told_beside_a_request_stays_the_caller_s(extract_text) -> None:
    extraction = extract_text(
        "The army command called on demonstrators to open the roads while promising to "
        "protect them."
    )
    promise = only_event(extraction, "AGREE")
    assert promise.actor is not None and fold(promise.actor.text) == "the army command"


def test_events_evidence_offsets_match_the_text(extract_text) -> None:
    text = (
        "  Police arrested 12 protesters in Lima on Monday.\n\n"
        "Mexico, Argentina, Bolivia and Colombia expressed support for Castillo.\n\n"
        "   Troops did not attack the protesters in Puno. "
        "Protesters marched through Juliaca on Tuesday.\n\n"
        "Police said the protests were largely peaceful.\n"
    )
    extraction = extract_text(text)
    assert len(extraction.events) >= 4
    for event in extraction.events:
        for evidence in [event.evidence, *event.mentions]:
            assert text[evidence.start : evidence.end] == evidence.sentence
            assert evidence.sentence == evidence.sentence.strip()
            assert "\n\n" not in evidence.sentence


def test_events_ids_are_numbered_per_document(extract_text) -> None:
    extraction = extract_text(
        "Police arrested 12 protesters in Lima on Monday. "
        "Troops did not attack the protesters in Puno."
    )
    document_id = extraction.document.id
    assert [e.id for e in extraction.events] == [f"{document_id}-e1", f"{document_id}-e2"]


def test_events_sentence_without_trigger_has_none(extract_text) -> None:
    assert extract_text("The weather in Lima was mild on Monday.").events == []


def test_events_declared_persona_non_grata_is_done_by_the_declarer(extract_text) -> None:
    extraction = extract_text(
        "Peru has declared Mexico's ambassador, Pablo Monroy, persona non grata and given "
        "him 72 hours to leave the country."
    )
    expulsion = only_event(extraction, "SANCTION")
    assert expulsion.actor is not None and expulsion.actor.name == "Peru"
    assert expulsion.recipient is not None and "Monroy" in expulsion.recipient.name


def test_events_concern_over_an_arrest_is_support_for_the_arrested(extract_text) -> None:
    extraction = extract_text("Mexico expressed concern over the arrest of Pedro Castillo.")
    assert [
        (e.type, folded_name(e.actor), folded_name(e.recipient)) for e in extraction.events
    ] == [("SUPPORT", "mexico", "pedro castillo")]
    assert [(s.polarity, folded_name(s.recipient)) for s in extraction.stances] == [
        ("support", "pedro castillo")
    ]


def test_events_what_will_continue_is_happening_now(extract_text) -> None:
    extraction = extract_text("Mexico will continue to support Castillo.")
    support = only_event(extraction, "SUPPORT")
    assert support.aux is None and folded_name(support.actor) == "mexico"


def test_events_an_act_called_interference_is_held_against_whoever_did_it(extract_text) -> None:
    extraction = extract_text(
        "Foreign Minister Ana Cecilia Gervasi announced the decision on Tuesday. She cited "
        "what she described as repeated interference by Mexico's highest authorities in "
        "Peru's internal affairs."
    )
    [accusation] = [e for e in extraction.events if e.type == "ACCUSE"]
    # "she" is the minister named before
    assert accusation.actor is not None and accusation.actor.name.startswith("Ana Cecilia")
    assert accusation.recipient is not None
    assert (accusation.recipient.name, accusation.recipient.country) == ("Mexico", "MEX")
    # interference with no one named who did it accuses no one
    assert not [
        e
        for e in extract_text("She described the decision as interference.").events
        if e.type == "ACCUSE"
    ]


def test_events_safe_conduct_granted_so_that_someone_can_travel_is_given_to_them(
    extract_text,
) -> None:
    extraction = extract_text(
        "Gervasi said Peru would grant safe-conduct passes so that Castillo's wife, Lilia "
        "Paredes, and the couple's children could travel to Mexico."
    )
    aid = only_event(extraction, "AID")
    assert aid.recipient is not None and "Paredes" in aid.recipient.name
    # protection is no side taken
    assert not extraction.stances


def test_events_demonstrators_trying_to_enter_an_airport_obstruct_it(extract_text) -> None:
    protest = only_event(
        extract_text("In Arequipa, demonstrators again tried to enter the airport."), "PROTEST"
    )
    assert protest.mode == "obstruct"
    assert not extract_text("Passengers tried to reach the airport.").events


def test_events_where_recalled_ambassadors_serve_is_not_where_the_recall_happened(
    extract_text,
) -> None:
    extraction = extract_text(
        "LIMA, Dec 16 – Peru has called its ambassadors in Argentina, Bolivia, Colombia and "
        "Mexico home for consultations, Foreign Minister Ana Cecilia Gervasi said on Thursday.",
        published=dt.date(2022, 12, 16),
    )
    recall = only_event(extraction, "SANCTION")
    assert recall.place is not None and recall.place.country == "PER"
    assert recall.recipient is not None and len(recall.recipient.members) == 4


def test_events_refusal_to_resign_or_negotiate_is_a_rejection(extract_text) -> None:
    # a negated concession is a refusal that happened, not a concession that did not
    refusal = extract_text("The governor will not resign, his spokesman said.")
    event = only_event(refusal, "REJECT")
    assert event.aux != "negated"
    assert folded_name(event.actor) == "governor"
    assert not [e for e in refusal.events if e.type == "RETREAT"]
    talks = extract_text("The government will not negotiate with the rebels, the minister said.")
    rejection = only_event(talks, "REJECT")
    assert rejection.aux != "negated"
    assert folded_name(rejection.recipient) == "rebels"
    assert not [e for e in talks.events if e.type == "CONSULT"]


def test_events_a_label_inside_its_noun_and_a_government_by_its_leader(extract_text) -> None:
    # "calificó de «gobierno de facto» a la administración encabezada por X": an accusation of
    # X's government; "régimen de facto" likewise
    extraction = extract_text(
        "El gobierno de México calificó este miércoles de «gobierno de facto» a la "
        "administración encabezada por Roberto Micheletti en Honduras.",
        language="es",
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.recipient is not None
    assert "Micheletti" in accusation.recipient.name
    led = only_event(
        extract_text("India recognised the interim government led by Muhammad Yunus."), "SUPPORT"
    )
    assert led.recipient is not None and "Yunus" in led.recipient.name


def test_events_a_thing_called_unlawful_or_baseless_is_held_against_it(extract_text) -> None:
    # "calificó la demolición de ilegal": the parser hangs the label's "de" from the object;
    # a thing so called is disowned (English: "called the vote illegal")
    for text, kind, thing in [
        ("El alcalde calificó la demolición de ilegal.", "ACCUSE", "demolición"),
        ("La canciller calificó las acusaciones de «infundadas».", "REJECT", "acusaciones"),
        ("El senador calificó lo sucedido de escandaloso.", "ACCUSE", "sucedido"),
    ]:
        event = only_event(extract_text(text, language="es"), kind)
        assert event.actor is not None, text
        assert event.recipient is not None and thing in event.recipient.text, text
    # a label for what someone is, with no thing so called, is no such act
    assert not extract_text("El alcalde calificó de ilegal.", language="es").events


def test_events_the_dead_are_whom_an_attack_naming_no_one_struck(extract_text) -> None:
    # one event told twice: the attack's words tell it; the dead are its recipient when the
    # attack's own words name no one, and not when they do
    for text, language, sector in [
        ("Three protesters died after police opened fire.", "en", "PRO"),
        ("Four soldiers lost their lives in the attack.", "en", "MIL"),
        ("Dos policías murieron en los enfrentamientos.", "es", "COP"),
    ]:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.recipient is not None and event.recipient.sector == sector, text
    named = only_event(
        extract_text("Two villagers died when soldiers shelled rebel positions."), "ASSAULT"
    )
    assert named.recipient is not None and "villagers" not in named.recipient.text


def test_events_information_released_or_a_reaction_met_frees_and_meets_no_one(
    extract_text,
) -> None:
    for text, language in [
        ("The ministry released a statement on Monday.", "en"),
        ("No official toll has been released.", "en"),
        ("In a video message released Sunday, the president thanked the troops.", "en"),
        ("The protests have met an increasingly violent response.", "en"),
        ("La Fiscalía liberó un comunicado el lunes.", "es"),
    ]:
        kinds = {(e.type, e.mode) for e in extract_text(text, language=language).events}
        assert ("RETREAT", "release") not in kinds and ("CONSULT", "meet") not in kinds, text
    freed = only_event(extract_text("The army released 20 prisoners on Monday."), "RETREAT")
    assert freed.recipient is not None and "prisoners" in freed.recipient.text
    met = only_event(extract_text("The president met opposition leaders on Monday."), "CONSULT")
    assert met.recipient is not None and met.recipient.sector == "PTY"


def test_events_the_side_a_fight_was_with_struck_its_dead(extract_text) -> None:
    for text, language, doer, dead in [
        ("A protester died in clashes with police on Sunday.", "en", "COP", "PRO"),
        ("Un manifestante murió durante enfrentamientos con la policía.", "es", "COP", "PRO"),
        ("En enfrentamientos con el ejército murieron dos guerrilleros.", "es", "MIL", "REB"),
    ]:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.actor is not None and event.actor.sector == doer, text
        assert event.recipient is not None and event.recipient.sector == dead, text
    # an attack "on" someone is no fight "with" them: its target did not strike the dead
    event = only_event(extract_text("A guard died in an attack on the police station."), "ASSAULT")
    assert event.actor is None or event.actor.sector != "COP"


def test_events_banging_pots_is_a_protest(extract_text) -> None:
    for text, language in [
        ("Residents kept banging pots and pans every night.", "en"),
        ("Miles de personas salieron a las calles golpeando cacerolas.", "es"),
    ]:
        kinds = {e.type for e in extract_text(text, language=language).events}
        assert kinds == {"PROTEST"}, text


def test_events_an_armed_group_storming_a_building_attacks_it(extract_text) -> None:
    event = only_event(
        extract_text("Armed gangs stormed the country's two largest prisons."), "ASSAULT"
    )
    assert event.actor is not None and event.actor.sector == "UAF"
    protest = only_event(extract_text("Protesters stormed the Congress building."), "PROTEST")
    assert protest.mode == "obstruct"


def test_events_a_restriction_lifted_is_a_concession(extract_text) -> None:
    for text, language, sector in [
        ("Sudan's government on Sunday lifted a state of emergency in West Darfur.", "en", "GOV"),
        ("El presidente derogó el toque de queda en la capital.", "es", "GOV"),
        ("El Gobierno levantó el estado de excepción en cinco provincias.", "es", "GOV"),
    ]:
        extraction = extract_text(text, language=language)
        event = only_event(extraction, "CONCEDE")
        assert event.actor is not None and event.actor.sector == sector, text
        assert not [e for e in extraction.events if e.type == "COERCE"], text
    imposed = only_event(extract_text("The government imposed a curfew in Lagos."), "COERCE")
    assert imposed.mode == "curfew"


def test_events_who_blocks_or_burns_decides_what_it_is(extract_text) -> None:
    # rebels or state forces blocking a road restrict movement; protesters obstruct it
    for text, language in [
        ("Guerrilleros del ELN bloquearon la vía que conduce a Popayán.", "es"),
        ("Rebels blocked the main road to the capital.", "en"),
    ]:
        assert {e.type for e in extract_text(text, language=language).events} == {"COERCE"}
    blocked = only_event(extract_text("Protesters blocked the main road."), "PROTEST")
    assert blocked.mode == "obstruct"
    # an armed group setting fire destroys
    burned = only_event(extract_text("Militants torched a school in the north."), "ASSAULT")
    assert burned.mode == "destroy"
    armed = only_event(
        extract_text("Grupos de civiles armados incendiaron camiones.", language="es"), "ASSAULT"
    )
    assert armed.actor is not None and armed.actor.sector == "UAF"


def test_events_neutralised_is_killed_and_a_scuffle_a_fight(extract_text) -> None:
    for text, language in [
        ("Security forces neutralised several of the attackers.", "en"),
        ("El Ejército neutralizó a dos cabecillas del grupo armado.", "es"),
        ("Scuffles broke out between police and protesters near the park.", "en"),
    ]:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.actor is not None and event.actor.sector in ("MIL", "COP"), text
        assert event.recipient is not None, text


def test_events_who_one_act_struck_did_not_do_the_other(extract_text) -> None:
    # two acts of one type in a sentence are one event told twice only if the one struck by
    # the first is not the one who does the second
    extraction = extract_text(
        "Mohsen Shekari was executed on Thursday for wounding a member of the Basij militia."
    )
    for event in extraction.events:
        if event.actor is not None and event.recipient is not None:
            assert event.actor.name != event.recipient.name, event


def test_events_a_disappearance_done_to_someone_is_an_abduction(extract_text) -> None:
    passive = extract_text("Two student leaders were disappeared by soldiers in the province.")
    event = only_event(passive, "ASSAULT")
    assert event.mode == "abduct" and event.actor is not None
    gone = extract_text("The ballot boxes disappeared from the warehouse overnight.")
    assert not [e for e in gone.events if e.type == "ASSAULT"]


def test_events_a_protest_ended_by_its_makers_is_a_concession(extract_text) -> None:
    extraction = extract_text("The jailed activist ended her hunger strike on Friday.")
    assert only_event(extraction, "CONCEDE").actor is not None


def test_events_a_headline_in_capitals_is_read_in_sentence_case(extract_text) -> None:
    extraction = extract_text("GUNMEN ABDUCT THREE NURSES NEAR THE BORDER")
    event = only_event(extraction, "ASSAULT")
    assert event.mode == "abduct" and event.evidence.sentence.isupper()


def test_events_a_place_captured_or_taken_is_territory_taken_by_force(extract_text) -> None:
    captured = extract_text("Separatist fighters captured the town of Ras Kamboni on Sunday.")
    event = only_event(captured, "ASSAULT")
    assert (event.mode, folded_name(event.actor)) == ("territory", "separatist fighters")
    taken = extract_text("The militia said on Friday it had taken the regional capital.")
    assert only_event(taken, "ASSAULT").mode == "territory"
    # what is captured or seized that is no place stays an arrest or a confiscation, and
    # "taken" to a place takes nothing
    people = extract_text("Soldiers captured two smugglers and seized their rifles on Sunday.")
    assert {(e.type, e.mode) for e in people.events} == {("COERCE", "arrest"), ("COERCE", "seize")}
    assert not extract_text("The wounded were taken to hospital on Sunday.").events


def test_events_the_number_a_source_puts_on_the_dead_is_a_toll_not_an_event(extract_text) -> None:
    for text in [
        "Doctors at the main hospital put the number of dead at more than 40.",
        "A monitoring group puts the number of villagers killed at no fewer than 12.",
    ]:
        assert not [e for e in extract_text(text).events if e.type == "ASSAULT"], text


def test_events_a_chamber_approving_an_act_backs_it(extract_text) -> None:
    # a chamber by its own name is a legislature; what a passive approves is its subject
    approved = extract_text("The upper house approved the emergency budget on Tuesday night.")
    event = only_event(approved, "SUPPORT")
    assert event.actor is not None and event.actor.sector == "LEG"
    assert folded_name(event.recipient) == "emergency budget"
    passive = extract_text("The peace plan was approved by the African Union on Friday.")
    event = only_event(passive, "SUPPORT")
    assert (folded_name(event.actor), folded_name(event.recipient)) == (
        "african union",
        "peace plan",
    )
    # a thing approved is no side: no stance
    assert not approved.stances and not passive.stances
