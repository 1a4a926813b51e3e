"""Stances (quipu.nlp.stances): signed actor→recipient edges from the events that express them."""

from __future__ import annotations

import datetime as dt

from quipu.nlp.stances import stances_from_events
from quipu.records import Actor, DateSpan, Event, Evidence

from expect import folded_name, only_event

SENTENCE = Evidence(sentence="A sentence of the report.", start=0, end=25)
MEXICO = Actor(text="Mexico", name="Mexico", country="MEX")
BOLIVIA = Actor(text="Bolivia", name="Bolivia", country="BOL")
CASTILLO = Actor(text="Castillo", name="Pedro Castillo", country="PER", sector="GOV")
BOLUARTE = Actor(text="Boluarte", name="Dina Boluarte", country="PER", sector="GOV")
PROTESTERS = Actor(text="protesters", name="protesters", sector="PRO")
POLICE = Actor(text="police", name="police", country="PER", sector="COP")


def _event(event_type: str, actor: Actor | None, recipient: Actor | None, **fields) -> Event:
    return Event(
        id="e", type=event_type, evidence=SENTENCE, actor=actor, recipient=recipient, **fields
    )


def _edges(stances) -> list[tuple[str, str, str]]:
    return [(s.actor.name, s.polarity, s.recipient.name) for s in stances]


# -- from hand-built events ----------------------------------------------------------------


def test_stances_support_and_oppose_by_type() -> None:
    events = [
        _event("SUPPORT", MEXICO, CASTILLO),
        _event("AID", MEXICO, CASTILLO),
        _event("ACCUSE", BOLIVIA, BOLUARTE),
        _event("REJECT", MEXICO, BOLUARTE),
        _event("SANCTION", BOLUARTE, MEXICO),
    ]
    assert _edges(stances_from_events(events)) == [
        ("Mexico", "support", "Pedro Castillo"),
        ("Bolivia", "oppose", "Dina Boluarte"),
        ("Mexico", "oppose", "Dina Boluarte"),
        ("Dina Boluarte", "oppose", "Mexico"),
    ]


def test_stances_keep_type_date_certainty_and_evidence() -> None:
    date = DateSpan(dt.date(2022, 12, 12), dt.date(2022, 12, 12), 1)
    event = _event("ACCUSE", BOLIVIA, BOLUARTE, date=date, certainty="attributed")
    [stance] = stances_from_events([event])
    assert (stance.type, stance.date, stance.certainty, stance.evidence) == (
        "ACCUSE",
        date,
        "attributed",
        SENTENCE,
    )


def test_stances_one_per_member_of_a_compound_actor() -> None:
    group = Actor(text="Mexico and Bolivia", name="Mexico, Bolivia", members=[MEXICO, BOLIVIA])
    assert _edges(stances_from_events([_event("SUPPORT", group, CASTILLO)])) == [
        ("Mexico", "support", "Pedro Castillo"),
        ("Bolivia", "support", "Pedro Castillo"),
    ]


def test_stances_none_from_unreal_events() -> None:
    events = [
        _event("SUPPORT", MEXICO, CASTILLO, aux="negated"),
        _event("ACCUSE", MEXICO, BOLUARTE, aux="hypothetical"),
        _event("SANCTION", MEXICO, BOLUARTE, aux="future"),
    ]
    assert stances_from_events(events) == []


def test_stances_historical_events_still_count() -> None:
    [stance] = stances_from_events([_event("SUPPORT", MEXICO, CASTILLO, aux="historical")])
    assert stance.polarity == "support"


def test_stances_need_two_sides() -> None:
    events = [
        _event("SUPPORT", MEXICO, None),
        _event("ACCUSE", None, BOLUARTE),
        _event("PROTEST", PROTESTERS, None),
        _event("CONSULT", MEXICO, BOLIVIA),
        _event("SUPPORT", MEXICO, MEXICO),
    ]
    assert stances_from_events(events) == []


def test_stances_a_protest_against_someone_opposes_them() -> None:
    [stance] = stances_from_events([_event("PROTEST", PROTESTERS, BOLUARTE)])
    assert (stance.actor.name, stance.polarity, stance.recipient.name) == (
        "protesters",
        "oppose",
        BOLUARTE.name,
    )


def test_stances_crowds_are_not_a_side() -> None:
    events = [_event("COERCE", POLICE, PROTESTERS), _event("ASSAULT", POLICE, PROTESTERS)]
    assert stances_from_events(events) == []


def test_stances_force_is_a_side_taken_between_states_only() -> None:
    crowd = Actor(text="a crowd", name="crowd", country="PER", sector="CVL")
    army = Actor(text="Peruvian troops", name="military", country="PER", sector="MIL")
    events = [
        _event("ASSAULT", crowd, POLICE),
        _event("ASSAULT", PROTESTERS, POLICE, mode="destroy"),
        _event("ASSAULT", army, BOLIVIA),
    ]
    assert _edges(stances_from_events(events)) == [("military", "oppose", "Bolivia")]


def test_stances_none_from_enforcement_by_police_courts_or_arresting_troops() -> None:
    judge = Actor(text="a judge", name="judge", country="PER", sector="JUD")
    army = Actor(text="troops", name="military", country="PER", sector="MIL")
    rebels = Actor(text="rebels", name="rebels", country="PER", sector="REB")
    events = [
        _event("COERCE", judge, CASTILLO, mode="arrest"),
        _event("COERCE", POLICE, CASTILLO, mode="restrict"),
        _event("COERCE", army, rebels, mode="arrest"),
    ]
    assert stances_from_events(events) == []


def test_stances_coercion_by_a_government_or_legislature_still_opposes() -> None:
    congress = Actor(text="Congress", name="Congress", country="PER", sector="LEG")
    army = Actor(text="the army", name="military", country="PER", sector="MIL")
    events = [
        _event("COERCE", congress, CASTILLO, mode="restrict"),
        _event("COERCE", army, BOLUARTE, mode="seize"),
    ]
    assert _edges(stances_from_events(events)) == [
        ("Congress", "oppose", "Pedro Castillo"),
        ("military", "oppose", "Dina Boluarte"),
    ]


def test_stances_first_evidence_kept_once() -> None:
    later = Evidence(sentence="Another sentence.", start=30, end=47)
    events = [
        _event("SUPPORT", MEXICO, CASTILLO),
        Event(id="e2", type="AID", evidence=later, actor=MEXICO, recipient=CASTILLO),
    ]
    [stance] = stances_from_events(events)
    assert stance.evidence == SENTENCE


# -- through the pipeline ------------------------------------------------------------------


def test_stances_from_text_per_member(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina, Bolivia and Colombia expressed support for Pedro Castillo on Monday."
    )
    assert [(s.actor.country, s.polarity, s.recipient.name) for s in extraction.stances] == [
        ("MEX", "support", "Pedro Castillo"),
        ("ARG", "support", "Pedro Castillo"),
        ("BOL", "support", "Pedro Castillo"),
        ("COL", "support", "Pedro Castillo"),
    ]
    assert {s.date.start for s in extraction.stances if s.date} == {dt.date(2022, 12, 12)}


def test_stances_recognition_is_support(extract_text) -> None:
    extraction = extract_text("Ecuador recognized Dina Boluarte as president on Thursday.")
    assert _edges(extraction.stances) == [("Ecuador", "support", "Dina Boluarte")]
    assert extraction.stances[0].type == "SUPPORT"


def test_stances_withheld_recognition_is_opposition(extract_text) -> None:
    extraction = extract_text("Chile did not recognize Dina Boluarte as president.")
    assert _edges(extraction.stances) == [("Chile", "oppose", "Dina Boluarte")]
    assert extraction.stances[0].type == "REJECT"


def test_stances_criticism_of_two_countries(extract_text) -> None:
    extraction = extract_text("Mexico criticized Peru and Chile on Monday.")
    assert _edges(extraction.stances) == [
        ("Mexico", "oppose", "Peru"),
        ("Mexico", "oppose", "Chile"),
    ]


def test_stances_none_from_negated_hypothetical_or_future_text(extract_text) -> None:
    for text in (
        "Mexico did not condemn Dina Boluarte.",
        "Mexico could sanction Peru over the crisis.",
        "Congress plans to impeach Dina Boluarte.",
    ):
        extraction = extract_text(text)
        assert extraction.events, text
        assert extraction.stances == [], text


def test_stances_none_against_protesters(extract_text) -> None:
    extraction = extract_text("Police arrested 12 protesters in Lima on Monday.")
    assert extraction.events
    assert extraction.stances == []


def test_stances_parties_to_an_agreement_they_signed_back_each_other(extract_text) -> None:
    for text, language in (
        ("Cameroon and Chad officials signed a security agreement in Bangui.", "en"),
        ("Camerún y Chad firmaron un acuerdo de seguridad en Bangui.", "es"),
    ):
        extraction = extract_text(text, language=language)
        edges = {(s.actor.country, s.polarity, s.recipient.country) for s in extraction.stances}
        assert edges == {("CMR", "support", "TCD"), ("TCD", "support", "CMR")}, text


def test_stances_none_from_a_detention_order_or_a_raid(extract_text) -> None:
    for text, language in (
        (
            "A judge on Tuesday ordered the pre-trial detention of opposition leader Marta Quispe.",
            "en",
        ),
        ("Police raided the offices of the Green Party on Monday.", "en"),
        ("Un juez ordenó el martes la detención del dirigente opositor Mario Fuentes.", "es"),
        ("Agentes de la policía allanaron la sede del Partido Verde el lunes.", "es"),
    ):
        extraction = extract_text(text, language=language)
        assert [e.type for e in extraction.events] == ["COERCE"], text
        assert extraction.stances == [], text


def test_stances_none_from_a_crowd_attacking_the_police(extract_text) -> None:
    for text, language in (
        ("Protesters set fire to a police station in Tarija on Monday.", "en"),
        ("A crowd threw stones at police officers in Oruro on Tuesday.", "en"),
        ("Un grupo de manifestantes incendió una comisaría en Tarija el lunes.", "es"),
        ("Unos pobladores atacaron a pedradas a los policías en Oruro el martes.", "es"),
    ):
        extraction = extract_text(text, language=language)
        assert "ASSAULT" in [e.type for e in extraction.events], text
        assert extraction.stances == [], text


def test_stances_a_demand_for_removal_opposes_the_one_asked_to_go_made_or_planned(
    extract_text,
) -> None:
    for text, language, actor, recipient in (
        (
            "Opposition parties plan a march on Friday to demand the resignation of Interior "
            "Minister Carlos Vega.",
            "en",
            "Opposition parties",
            "Carlos Vega",
        ),
        (
            "Las comunidades de Sacapulas bloquean las carreteras del norte. No piden dinero: "
            "exigen la destitución del gobernador Julio Paredes.",
            "es",
            "comunidades",
            "Julio Paredes",
        ),
        (
            "Los sindicatos planean una huelga nacional para exigir la renuncia de la ministra "
            "Ana Ruiz.",
            "es",
            "sindicatos",
            "Ana Ruiz",
        ),
    ):
        extraction = extract_text(text, language=language)
        assert (actor, "oppose", recipient) in _edges(extraction.stances), text


def test_stances_calling_someone_a_victim_is_siding_with_them(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina, Bolivia and Colombia issued a joint statement describing Pedro "
        "Castillo as the victim of antidemocratic harassment."
    )
    support = only_event(extraction, "SUPPORT")
    assert folded_name(support.recipient) == "pedro castillo"
    assert sorted((s.actor.name, s.polarity) for s in extraction.stances) == [
        ("Argentina", "support"),
        ("Bolivia", "support"),
        ("Colombia", "support"),
        ("Mexico", "support"),
    ]


def test_stances_a_speaker_saying_someone_was_the_victim_backs_them(extract_text) -> None:
    extraction = extract_text("Ebrard said Castillo was the victim of a coup.")
    assert [
        (folded_name(s.actor), s.polarity, folded_name(s.recipient)) for s in extraction.stances
    ] == [("ebrard", "support", "castillo")]


def test_stances_the_narrators_victims_side_with_no_one(extract_text) -> None:
    extraction = extract_text("The victims of the clashes in Juliaca were buried on Sunday.")
    assert [e for e in extraction.events if e.type == "SUPPORT"] == []
    assert extraction.stances == []


def test_stances_what_a_demand_wants_says_whose_side_its_makers_are_on(extract_text) -> None:
    extraction = extract_text(
        "Protesters are demanding Castillo's release, the closure of Congress and early elections."
    )
    assert sorted((s.polarity, folded_name(s.recipient)) for s in extraction.stances) == [
        ("oppose", "congress"),
        ("support", "castillo"),
    ]
    assert {folded_name(s.actor) for s in extraction.stances} == {"protesters"}


def test_stances_a_march_demanding_a_resignation_opposes_the_one_asked_to_go(extract_text) -> None:
    extraction = extract_text(
        "Thousands of protesters marched through central Lima on Thursday demanding the "
        "resignation of President Dina Boluarte."
    )
    [stance] = extraction.stances
    assert (stance.polarity, folded_name(stance.recipient)) == ("oppose", "dina boluarte")
    assert stance.date is not None and stance.date.start == dt.date(2022, 12, 8)


def test_stances_recalling_ones_own_envoys_is_against_the_countries_they_serve_in(
    extract_text,
) -> None:
    extraction = extract_text(
        "Peru has called its ambassadors in Argentina, Bolivia and Mexico home for "
        "consultations, in protest at what it called interference."
    )
    recall = only_event(extraction, "SANCTION")
    assert recall.recipient is not None
    assert [m.name for m in recall.recipient.members] == ["Argentina", "Bolivia", "Mexico"]
    # "in protest at" says why: no one demonstrated
    assert [e for e in extraction.events if e.type == "PROTEST"] == []
    assert sorted(s.recipient.name for s in extraction.stances if s.polarity == "oppose") == [
        "Argentina",
        "Bolivia",
        "Mexico",
    ]


def test_stances_mexicos_ambassador_is_not_perus_own_envoy(extract_text) -> None:
    extraction = extract_text("Peru expelled Mexico's ambassador in Lima on Tuesday.")
    expulsion = only_event(extraction, "SANCTION")
    # the ambassador stands for Mexico, not for Peru, where he serves
    assert expulsion.recipient is not None and expulsion.recipient.name == "Mexico"


def test_stances_calling_someone_a_usurper_opposes_them(extract_text) -> None:
    extraction = extract_text("López Obrador called Boluarte a usurper on Friday.")
    accusation = only_event(extraction, "ACCUSE")
    assert (folded_name(accusation.actor), folded_name(accusation.recipient)) == (
        "lópez obrador",
        "boluarte",
    )


def test_stances_rejecting_the_raid_opposes_whoever_carried_it_out(extract_text) -> None:
    extraction = extract_text(
        "Police raided the university on Saturday and detained 200 people. Students and "
        "lecturers rejected the raid."
    )
    rejection = only_event(extraction, "REJECT")
    assert folded_name(rejection.recipient) == "police"


def test_stances_asking_someone_to_apologize_opposes_them(extract_text) -> None:
    extraction = extract_text("In his resignation letter, Garcia asked the president to apologize.")
    assert [
        (folded_name(s.actor), s.polarity, folded_name(s.recipient)) for s in extraction.stances
    ] == [("garcia", "oppose", "president")]


def test_stances_an_invitation_backs_the_invited(extract_text) -> None:
    extraction = extract_text(
        "The IACHR delegation came to Peru at the invitation of the government."
    )
    invitation = only_event(extraction, "AGREE")
    assert folded_name(invitation.actor) == "government"
    assert "iachr" in folded_name(invitation.recipient)


def test_stances_condemning_harm_to_someone_accuses_and_backs_them(extract_text) -> None:
    extraction = extract_text("Mexico condemned the arrest of Pedro Castillo.")
    condemnation = only_event(extraction, "ACCUSE")
    assert folded_name(condemnation.recipient) == "pedro castillo"
    assert [(s.polarity, folded_name(s.recipient)) for s in extraction.stances] == [
        ("support", "pedro castillo")
    ]


def test_stances_demanding_that_someone_resign_opposes_them_though_resign_is_read_as_a_noun(
    extract_text,
) -> None:
    # the small model tags "resign" as a noun with "Dina Boluarte" as its modifier
    extraction = extract_text("Protesters demanded that Dina Boluarte resign.")
    assert [(s.actor.name, s.polarity, s.recipient.name) for s in extraction.stances] == [
        ("protesters", "oppose", "Dina Boluarte")
    ]


def test_stances_a_denial_opposes_who_made_the_charge(extract_text) -> None:
    extraction = extract_text(
        "KINSHASA, January 27 — Congo accused Rwanda of backing the M23 rebels. "
        "Rwanda denies arming the group."
    )
    edges = {(s.actor.name, s.polarity, s.recipient.name) for s in extraction.stances}
    # "Congo" datelined Kinshasa is the Democratic Republic
    assert ("Rwanda", "oppose", "Democratic Republic of the Congo") in edges


def test_stances_a_claim_called_a_lie_opposes_who_made_it(extract_text) -> None:
    # what a claim or an announcement is called when it is disowned is held against its maker
    lie = extract_text(
        "Two opposition parties accused the army of shelling the market; the defence minister "
        "called the accusation an outright lie."
    )
    edges = {(folded_name(s.actor), s.polarity, folded_name(s.recipient)) for s in lie.stances}
    assert ("defence minister", "oppose", "opposition parties") in edges
    ploy = extract_text(
        "The rebels declared a truce on Friday. The government dismissed the announcement as "
        "a ploy to regroup."
    )
    rejection = only_event(ploy, "REJECT")
    assert (folded_name(rejection.actor), folded_name(rejection.recipient)) == (
        "government",
        "rebels",
    )


def test_stances_an_act_called_illegal_with_no_maker_is_what_it_is_aimed_at(extract_text) -> None:
    extraction = extract_text("The Georgian envoy called the referendum illegal on Monday.")
    event = only_event(extraction, "ACCUSE")
    assert folded_name(event.recipient) == "referendum"
    # a thing so called is no side: no stance
    assert not extraction.stances


def test_stances_a_charge_rejected_in_a_relative_clause_opposes_who_made_it(extract_text) -> None:
    # "a charge [that] X rejected": the clause's verb acts on the noun it describes
    extraction = extract_text(
        "Opposition leaders accused the army of burning ballot boxes, a charge the defence "
        "ministry rejected on Monday."
    )
    rejection = only_event(extraction, "REJECT")
    assert (folded_name(rejection.actor), folded_name(rejection.recipient)) == (
        "defence ministry",
        "opposition leaders",
    )


def test_stances_sanctions_adopted_against_someone_oppose_them(extract_text) -> None:
    # sanctions are harm done, not spoken of: no turning round of the sign
    extraction = extract_text(
        "On Tuesday the European Union adopted new sanctions against Belarusian officials."
    )
    assert [
        (folded_name(s.actor), s.polarity, folded_name(s.recipient)) for s in extraction.stances
    ] == [("european union", "oppose", "belarusian officials")]


def test_stances_refusing_to_is_no_denial(extract_text) -> None:
    # "negarse a" is to refuse: it denies no charge
    extraction = extract_text(
        "El presidente Andrés Manuel López Obrador acusó al Perú de injerencia. "
        "El mandatario también se ha negado a entregar la presidencia del bloque.",
        language="es",
    )
    rejections = [e for e in extraction.events if e.type == "REJECT"]
    assert all(
        e.recipient is None or e.recipient.name != "Andrés Manuel López Obrador" for e in rejections
    )


def test_stances_concern_told_with_an_adjective_backs_the_one_held(extract_text) -> None:
    extraction = extract_text(
        "Amnesty International said on Sunday it was deeply concerned about the detention of "
        "opposition activist Moses Kibalama."
    )
    assert [
        (folded_name(s.actor), s.polarity, folded_name(s.recipient)) for s in extraction.stances
    ] == [("amnesty international", "support", "moses kibalama")]
    # a concern about nothing named is no event
    worry = extract_text("He said his office was very concerned that a crisis could develop.")
    assert not [e for e in worry.events if e.type in ("ACCUSE", "SUPPORT")]


def test_stances_past_accusation_beside_a_conditional(extract_text) -> None:
    # a past-tense verb shares no "would" of the clause before it, however it is parsed
    extraction = extract_text(
        'The senator wrote that there would be "a heavy cost" and blamed Venezuela for '
        "arming the rebels."
    )
    assert ("senator", "oppose", "Venezuela") in _edges(extraction.stances)
    spanish = extract_text(
        "El ministro escribió que el país podría caer en el caos y acusó a Venezuela de "
        "financiar a los grupos armados.",
        language="es",
    )
    assert ("ministro", "oppose", "Venezuela") in _edges(spanish.stances)
