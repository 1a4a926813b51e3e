"""Spanish (quipu.nlp with language="es"): the pipeline reads Spanish reports as it reads English.

Every sentence here is written for these tests. Unless a test says otherwise the report was
published on Wednesday 14 December 2022, so "el lunes" is 12 December and "ayer" the 13th.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from quipu.ingest import detect_language
from quipu.nlp import ActorDirectory
from quipu.records import DateSpan, Extraction

from expect import day, folded_name, only_event

PUBLISHED = dt.date(2022, 12, 14)  # a Wednesday

ExtractSpanish = Callable[..., Extraction]


@pytest.fixture(scope="module")
def extract_es(extract_text) -> ExtractSpanish:
    """Return `extract_es(text, published=...)`: the Extraction of a Spanish `text`."""

    def run(
        text: str, *, published: dt.date | None = PUBLISHED, directory: ActorDirectory | None = None
    ) -> Extraction:
        return extract_text(text, published=published, language="es", directory=directory)

    return run


# -- events, actors and figures ------------------------------------------------------------


def test_spanish_arrest_with_actor_recipient_count_and_date(extract_es) -> None:
    extraction = extract_es("La policía detuvo a 12 manifestantes en Lima el lunes.")
    assert [(e.type, e.mode) for e in extraction.events] == [("COERCE", "arrest")]
    event = extraction.events[0]
    assert folded_name(event.actor) == "police"
    assert event.actor.sector == "COP"
    assert folded_name(event.recipient) == "protesters"
    assert event.recipient.sector == "PRO"
    assert event.arrests is not None
    assert (event.arrests.best, event.arrests.low, event.arrests.high) == (12, 12, 12)
    assert event.fatalities is None and event.injuries is None
    assert event.date == day(12)
    assert event.place is not None
    assert (event.place.name, event.place.country, event.place.precision) == ("Lima", "PER", 1)
    assert (event.certainty, event.aux) == ("asserted", None)
    assert [(p.text, p.place.name, p.place.country) for p in extraction.places] == [
        ("Lima", "Lima", "PER")
    ]


def test_spanish_passive_agent_is_the_actor(extract_es) -> None:
    extraction = extract_es(
        "Un dirigente campesino fue detenido por la policía en Cusco el 7 de diciembre."
    )
    event = only_event(extraction, "COERCE")
    assert event.mode == "arrest"
    assert folded_name(event.actor) == "police"
    assert event.actor.sector == "COP"
    assert folded_name(event.recipient) == "dirigente campesino"
    assert event.date == day(7)


def test_spanish_cleft_subject_acts_and_quantified_object_is_the_recipient(extract_es) -> None:
    extraction = extract_es(
        "Fueron comuneros quienes rescataron a varios de los uniformados arrastrados por el río."
    )
    event = only_event(extraction, "AID")
    assert event.actor is not None and event.actor.text == "comuneros"
    assert folded_name(event.recipient) == "uniformados"
    assert event.recipient.sector == "MIL"


def test_spanish_vandalism_is_its_own_protest_mode(extract_es) -> None:
    extraction = extract_es("Manifestantes vandalizaron la sede del Poder Judicial en Puno.")
    event = only_event(extraction, "PROTEST")
    assert event.mode == "vandalize"
    assert event.actor is not None and event.actor.sector == "PRO"
    assert event.recipient is not None and event.recipient.sector == "JUD"


def test_spanish_agent_of_a_participle_does_not_act_for_its_noun(extract_es) -> None:
    # The press gathered the testimonies; it is not the press that blames the commanders.
    extraction = extract_es(
        "Otros testimonios recogidos por la prensa local responsabilizan a los mandos."
    )
    event = only_event(extraction, "ACCUSE")
    assert event.actor is None
    assert event.recipient is not None
    assert (event.recipient.text, event.recipient.sector) == ("los mandos", "MIL")
    assert extraction.stances == []


def test_spanish_day_of_month_is_not_an_arrest_count(extract_es) -> None:
    extraction = extract_es(
        "Un dirigente campesino fue detenido por la policía en Cusco el 7 de diciembre."
    )
    # One leader was detained: "un dirigente" is one person, the 7 is a day.
    arrests = only_event(extraction, "COERCE").arrests
    assert arrests is not None and (arrests.best, arrests.low, arrests.high) == (1, 1, 1)
    assert [c.best for c in extraction.counts if c.kind == "arrested"] == [1]


def test_spanish_thousands_marching_is_a_crowd_size(extract_es) -> None:
    extraction = extract_es("Miles de manifestantes marcharon en Arequipa el martes.")
    event = only_event(extraction, "PROTEST")
    assert event.mode == "demonstrate"
    assert folded_name(event.actor) == "protesters"
    assert event.actor.sector == "PRO"
    assert event.size is not None
    assert (event.size.best, event.size.low) == (1000, 1000)
    assert event.date == day(13)


def test_spanish_number_words_are_counted(extract_es) -> None:
    extraction = extract_es("Los enfrentamientos dejaron veintiséis muertos en Ayacucho.")
    event = only_event(extraction, "ASSAULT")
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (26, 26, 26)
    assert [(c.kind, c.best) for c in extraction.counts] == [("killed", 26)]


def test_spanish_reflexive_meeting_has_a_recipient(extract_es) -> None:
    extraction = extract_es(
        "La presidenta Dina Boluarte se reunió con el embajador de Estados Unidos el martes."
    )
    event = only_event(extraction, "CONSULT")
    assert event.mode == "meet"
    assert folded_name(event.actor) == "dina boluarte"
    # an envoy stands for the state it represents; its words are kept
    assert (event.recipient.name, event.recipient.text) == (
        "United States",
        "el embajador de Estados Unidos",
    )
    assert (event.recipient.country, event.recipient.sector) == ("USA", "GOV")
    assert event.date == day(13)


def test_spanish_relative_pronoun_acts_as_the_noun_before_it(extract_es) -> None:
    extraction = extract_es(
        "El canciller criticó a Pedro Castillo, quien acusó al Congreso de golpe."
    )
    accusations = {folded_name(e.recipient): e for e in extraction.events if e.type == "ACCUSE"}
    assert set(accusations) == {"pedro castillo", "congreso"}
    assert folded_name(accusations["pedro castillo"].actor) == "canciller"
    assert folded_name(accusations["congreso"].actor) == "pedro castillo"


def test_spanish_dropped_subject_is_the_speaker(extract_es) -> None:
    extraction = extract_es("La Fiscalía informó que investiga al exmandatario.")
    event = only_event(extraction, "ACCUSE")
    assert event.mode == "investigate"
    assert folded_name(event.actor) == "fiscalía"
    assert event.actor.sector == "JUD"
    assert folded_name(event.recipient) == "exmandatario"


def test_spanish_coordinated_countries_make_a_compound_actor(extract_es) -> None:
    extraction = extract_es("México, Argentina, Bolivia y Colombia respaldaron a Pedro Castillo.")
    event = only_event(extraction, "SUPPORT")
    assert event.actor is not None
    assert [m.country for m in event.actor.members] == ["MEX", "ARG", "BOL", "COL"]
    assert event.actor.country is None
    assert folded_name(event.recipient) == "pedro castillo"
    assert [(s.actor.country, s.polarity) for s in extraction.stances] == [
        ("MEX", "support"),
        ("ARG", "support"),
        ("BOL", "support"),
        ("COL", "support"),
    ]


def test_spanish_persona_non_grata_expels_the_ambassador(extract_es) -> None:
    extraction = extract_es("El gobierno peruano declaró persona non grata al embajador mexicano.")
    event = only_event(extraction, "SANCTION")
    assert event.mode == "expel"
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == ("PER", "GOV")
    assert (event.recipient.name, event.recipient.text) == ("Mexico", "embajador mexicano")
    assert (event.recipient.country, event.recipient.sector) == ("MEX", "GOV")


def test_spanish_state_of_emergency_is_martial_law(extract_es) -> None:
    extraction = extract_es("El gobierno declaró el estado de emergencia en Lima el domingo.")
    event = only_event(extraction, "COERCE")
    assert event.mode == "martial-law"
    assert event.actor is not None and event.actor.sector == "GOV"
    assert event.place is not None
    assert (event.place.name, event.place.country) == ("Lima", "PER")
    assert event.date == day(11)
    assert (event.certainty, event.attributed_to) == ("asserted", None)


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("el 15 de diciembre", dt.date(2022, 12, 20), day(15)),
        ("ayer", PUBLISHED, day(13)),
        ("el martes", PUBLISHED, day(13)),
        ("hace dos días", PUBLISHED, day(12)),
        ("anoche", PUBLISHED, day(13)),
    ],
)
def test_spanish_dates_resolved_against_publication(
    extract_es, expression: str, published: dt.date, expected: DateSpan
) -> None:
    extraction = extract_es(
        f"La policía detuvo a 12 manifestantes en Cusco {expression}.", published=published
    )
    assert only_event(extraction, "COERCE").date == expected


def test_spanish_duration_is_not_a_date(extract_es, run_pipeline) -> None:
    text = "El gobierno declaró el estado de emergencia en Puno durante 30 días."
    assert run_pipeline(text, language="es")._.dates == []
    event = only_event(extract_es(text), "COERCE")
    assert event.mode == "martial-law"
    assert event.date is None


# -- certainty and auxiliary ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Los soldados presuntamente dispararon contra los manifestantes en Ayacucho.",
        "Según versiones, la policía detuvo a 20 campesinos en Puno.",
    ],
)
def test_spanish_hedges(extract_es, text: str) -> None:
    extraction = extract_es(text)
    [event] = extraction.events
    assert event.certainty == "hedged"


def test_spanish_according_to_attributes_to_the_source(extract_es) -> None:
    extraction = extract_es("Según la Defensoría del Pueblo, la policía detuvo a 20 campesinos.")
    event = only_event(extraction, "COERCE")
    assert event.certainty == "attributed"
    assert event.attributed_to is not None
    assert event.attributed_to.text == "la Defensoría del Pueblo"
    assert folded_name(event.actor) == "police"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La Defensoría del Pueblo dijo que la policía detuvo a 20 campesinos en Puno.",
            "defensoría del pueblo",  # the institution's name runs on after its head word
        ),
        ("El ministro afirmó que los soldados dispararon contra los manifestantes.", "ministro"),
    ],
)
def test_spanish_reported_speech_is_attributed_to_the_speaker(
    extract_es, text: str, speaker: str
) -> None:
    [event] = extract_es(text).events
    assert event.certainty == "attributed"
    assert folded_name(event.attributed_to) == speaker
    assert event.attributed_to.sector == "GOV"
    # The speaker reports the event; the ones who did it are still its actor.
    assert event.actor is not None and event.actor.sector in ("COP", "MIL")


def test_spanish_could_not_be_verified_is_unverified(extract_es) -> None:
    extraction = extract_es(
        "Los soldados dispararon contra los manifestantes en Ayacucho, "
        "algo que no pudo ser verificado."
    )
    assert only_event(extraction, "ASSAULT").certainty == "unverified"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Los manifestantes planean bloquear las carreteras de Puno.", "PROTEST"),
        ("La policía detendrá a los dirigentes del paro.", "COERCE"),
        ("Los manifestantes marcharán a Lima.", "PROTEST"),
    ],
)
def test_spanish_plans_and_future_tense_are_future(extract_es, text: str, event_type: str) -> None:
    extraction = extract_es(text)
    assert only_event(extraction, event_type).aux == "future"
    assert extraction.stances == []


# -- places and language -------------------------------------------------------------------


def test_spanish_places_resolve_with_offsets_into_the_text(extract_es) -> None:
    text = (
        "  La policía detuvo a 12 manifestantes en Cusco el lunes.\n\n"
        "Miles de campesinos marcharon en Juliaca y Puno.\n\n"
        "  El gobierno declaró el estado de emergencia en Apurímac.\n"
    )
    extraction = extract_es(text)
    assert [p.text for p in extraction.places] == ["Cusco", "Juliaca", "Puno", "Apurímac"]
    for mention in extraction.places:
        assert text[mention.start : mention.end] == mention.text
        assert mention.place.country == "PER"
    for event in extraction.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence


def test_spanish_document_is_detected_as_spanish() -> None:
    text = (
        "La policía detuvo a doce manifestantes en Cusco el lunes por la noche, según informó "
        "la Defensoría del Pueblo, que además pidió al Gobierno que garantice el derecho a la "
        "protesta."
    )
    assert detect_language(text) == "es"


def test_spanish_negation_no_marks_the_event_negated(extract_es) -> None:
    extraction = extract_es("El ejército no disparó contra los manifestantes en Puno.")
    events = [e for e in extraction.events if e.type == "ASSAULT"]
    assert events and all(e.aux == "negated" for e in events)
    assert extraction.stances == []


def test_spanish_governments_of_listed_countries_are_members(extract_es) -> None:
    extraction = extract_es(
        "Los gobiernos de México, Argentina, Bolivia y Colombia emitieron un comunicado "
        "conjunto en respaldo a Pedro Castillo."
    )
    event = next(e for e in extraction.events if e.type == "SUPPORT")
    assert event.actor is not None
    assert [m.country for m in event.actor.members] == ["MEX", "ARG", "BOL", "COL"]


def test_spanish_paragraph_opening_quantity_stays_in_its_sentence(extract_es) -> None:
    extraction = extract_es(
        "Hubo enfrentamientos en Juliaca el lunes.\n\n"
        "Cientos de manifestantes intentaron ingresar al aeropuerto."
    )
    crowd = [(c.best, c.low, c.high) for c in extraction.counts if c.kind == "participants"]
    assert crowd == [(100, 100, 999)]


def test_spanish_treated_for_hypothermia_are_injured(extract_es) -> None:
    extraction = extract_es(
        "Siete soldados fueron atendidos por hipotermia en el hospital de Ilave y cuatro "
        "cuerpos fueron recuperados del río."
    )
    figures = sorted((c.kind, c.best) for c in extraction.counts)
    assert figures == [("injured", 7), ("killed", 4)]


def test_spanish_a_verb_without_subject_is_said_of_the_last_subject(extract_es) -> None:
    extraction = extract_es(
        "La presidenta Dina Boluarte rechazó las declaraciones del presidente mexicano. "
        "Lo acusó de injerencia en los asuntos internos del Perú."
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.actor is not None and accusation.actor.name == "Dina Boluarte"
    # "lo" is not the one who accuses
    assert accusation.recipient is None or accusation.recipient.name != "Dina Boluarte"


def test_spanish_impersonal_se_has_no_unstated_subject(extract_es) -> None:
    extraction = extract_es(
        "La policía llegó a la zona. Se registraron bloqueos en la carretera de Puno."
    )
    blockade = only_event(extraction, "PROTEST")
    assert blockade.actor is None or "polic" not in blockade.actor.name.casefold()


def test_spanish_an_attempt_that_was_made_is_not_hypothetical(extract_es) -> None:
    extraction = extract_es("En Arequipa, manifestantes intentaron tomar el aeropuerto el lunes.")
    attempt = only_event(extraction, "PROTEST")
    assert attempt.aux is None


def test_spanish_a_figure_the_text_denies_is_not_kept(extract_es) -> None:
    extraction = extract_es(
        "La Defensoría precisó que las personas fallecidas son seis y no siete. "
        "Siete personas murieron en dos jornadas de enfrentamientos."
    )
    assert sorted(c.best for c in extraction.counts if c.kind == "killed") == [6, 7]
    # "una entrevista en la que afirmó que murieron siete" is no single death
    interview = extract_es(
        "Revollar había afirmado en una entrevista que siete personas habían muerto."
    )
    assert [c.best for c in interview.counts if c.kind == "killed"] == [7]


def test_spanish_one_named_victim_is_one_death(extract_es) -> None:
    extraction = extract_es(
        "Esa noche, un grupo de personas incendió un patrullero en el que murió el suboficial "
        "José Luis Soncco."
    )
    assert [(c.kind, c.best) for c in extraction.counts] == [("killed", 1)]


def test_spanish_concern_over_an_arrest_is_support_for_the_arrested(extract_es) -> None:
    # "México" is tagged a person by the Spanish model; "su" is not who is concerned
    extraction = extract_es("México expresó su preocupación por la detención de Pedro Castillo.")
    assert [(e.type, e.actor.name if e.actor else None) for e in extraction.events] == [
        ("SUPPORT", "Mexico")
    ]
    assert [(s.polarity, s.recipient.name) for s in extraction.stances] == [
        ("support", "Pedro Castillo")
    ]


def test_spanish_the_four_countries_of_a_joint_statement_back_the_former_president(
    extract_es,
) -> None:
    # the recognizer sweeps "Los gobiernos de México" into one entity; "los cuatro países"
    # points back at the list, "el expresidente" at the man the report named
    extraction = extract_es(
        "Los gobiernos de México, Argentina, Bolivia y Colombia emitieron el lunes un "
        'comunicado conjunto en el que manifiestan su "profunda preocupación" por la '
        "destitución y detención de Pedro Castillo. Los cuatro países sostienen que el "
        'expresidente fue víctima de un "hostigamiento antidemocrático".',
        directory=ActorDirectory.load(),
    )
    assert sorted({(s.actor.name, s.polarity, s.recipient.name) for s in extraction.stances}) == [
        ("Argentina", "support", "Pedro Castillo"),
        ("Bolivia", "support", "Pedro Castillo"),
        ("Colombia", "support", "Pedro Castillo"),
        ("Mexico", "support", "Pedro Castillo"),
    ]
    assert {e.date.start for e in extraction.events if e.date} == {dt.date(2022, 12, 12)}


def test_spanish_persona_alone_is_no_expulsion(extract_es) -> None:
    extraction = extract_es(
        "Agentes de la Policía Nacional detuvieron el sábado a cerca de 200 personas."
    )
    arrest = only_event(extraction, "COERCE")
    assert arrest.recipient is not None and arrest.recipient.name == "personas"


def test_spanish_protests_demanding_her_exit_oppose_the_president(extract_es) -> None:
    extraction = extract_es(
        "Dina Boluarte juró como presidenta. Los ministros renunciaron el viernes en medio de "
        "las protestas que exigen la salida de la presidenta.",
        directory=ActorDirectory.load(),
    )
    assert [(s.actor.name, s.polarity, s.recipient.name) for s in extraction.stances] == [
        ("protesters", "oppose", "Dina Boluarte")
    ]


def test_spanish_recalling_ones_own_ambassadors_opposes_their_hosts(extract_es) -> None:
    extraction = extract_es(
        "Perú llamó a consultas a sus embajadores en Argentina y México en protesta por la "
        "injerencia."
    )
    recall = only_event(extraction, "SANCTION")
    assert recall.recipient is not None
    assert [m.name for m in recall.recipient.members] == ["Argentina", "Mexico"]
    assert [e for e in extraction.events if e.type == "PROTEST"] == []


def test_spanish_calling_the_president_spurious_accuses_her(extract_es) -> None:
    # "la mandataria" is Peru's president in a report about Peru, not the Mexican named nearer
    extraction = extract_es(
        "LIMA.– La presidenta del Perú, Dina Boluarte, retiró al embajador en México. Horas "
        "antes, López Obrador había calificado de espuria a la mandataria.",
        directory=ActorDirectory.load(),
    )
    accusation = only_event(extraction, "ACCUSE")
    assert (accusation.actor.name, accusation.recipient.name) == (
        "Andrés Manuel López Obrador",
        "Dina Boluarte",
    )


def test_spanish_an_object_pronoun_is_not_the_subject_the_verb_leaves_unstated(extract_es) -> None:
    extraction = extract_es(
        "Boluarte rechazó las declaraciones que el presidente mexicano, Andrés Manuel López "
        "Obrador, había hecho ese mismo día. Lo acusó de respaldar el intento de golpe de "
        "Pedro Castillo."
    )
    accusation = only_event(extraction, "ACCUSE")
    assert (accusation.actor.name, accusation.recipient.name) == (
        "Boluarte",
        "Andrés Manuel López Obrador",
    )
    # what she accuses him of is his support, not hers
    assert [
        (s.actor.name, s.polarity, s.recipient.name)
        for s in extraction.stances
        if s.polarity == "support"
    ] == [("Andrés Manuel López Obrador", "support", "Pedro Castillo")]


def test_spanish_count_sources_behind_a_misparsed_clause_a_tally_verb_and_la_entidad(
    extract_es,
) -> None:
    extraction = extract_es(
        "LIMA.– La Fiscalía de la Nación informó el viernes que desde diciembre han muerto 42 "
        "personas. La Defensoría del Pueblo, por su parte, cuenta a 41 manifestantes muertos. "
        "Después, la entidad precisó que los fallecidos son 40.",
        directory=ActorDirectory.load(),
    )
    sources = {c.best: c.source.name if c.source else None for c in extraction.counts}
    assert sources == {
        42: "Public Prosecutor's Office of Peru",
        41: "Ombudsman's Office of Peru",
        40: "Ombudsman's Office of Peru",
    }


def test_spanish_a_figure_given_in_that_same_interview_is_as_of_its_day(extract_es) -> None:
    extraction = extract_es(
        "La defensora había afirmado el lunes en una entrevista que siete personas habían "
        "muerto. En esa misma entrevista informó de 32 civiles heridos."
    )
    injured = next(c for c in extraction.counts if c.kind == "injured")
    assert injured.as_of is not None and injured.as_of.start == dt.date(2022, 12, 12)


def test_spanish_residents_burning_patrol_cars_in_protest_is_a_protest(extract_es) -> None:
    extraction = extract_es(
        "Vecinos encolerizados quemaron patrullas policiales en protesta por abusos de los "
        "uniformados."
    )
    assert "PROTEST" in {e.type for e in extraction.events}


def test_spanish_going_on_supporting_is_support_now_by_who_goes_on(extract_es) -> None:
    extraction = extract_es("López Obrador reiteró que México seguirá apoyando a Castillo.")
    support = only_event(extraction, "SUPPORT")
    assert support.aux is None
    assert (support.actor.name, support.recipient.name) == ("Mexico", "Castillo")


def test_spanish_a_role_that_resolves_to_the_actor_is_left_unnamed(extract_es) -> None:
    extraction = extract_es(
        "Horas antes, López Obrador había calificado de espuria a la mandataria.",
        directory=ActorDirectory.load(),
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.recipient is None


def test_spanish_a_reported_perfect_takes_the_speaker_s_subject(extract_es) -> None:
    extraction = extract_es(
        "El Ministerio Público precisó que ha abierto ocho investigaciones para identificar a "
        "los responsables de las muertes."
    )
    inquiry = only_event(extraction, "ACCUSE")
    assert inquiry.actor is not None and "Ministerio" in inquiry.actor.name


def test_spanish_the_missing_are_not_counted_as_dead(extract_es) -> None:
    extraction = extract_es("Un soldado murió ahogado y cinco siguen desaparecidos.")
    # "ahogado" is how he died, not what he did something to
    assert [(c.kind, c.best) for c in extraction.counts] == [("killed", 1), ("missing", 5)]


def test_spanish_a_toll_counted_as_parts_and_others_added_is_their_sum(extract_es) -> None:
    extraction = extract_es(
        "LIMA.– Miles de personas marcharon el jueves en el centro de Lima.\n\n"
        "La Defensoría del Pueblo cuenta a los 41 manifestantes muertos en enfrentamientos con "
        "las fuerzas del orden y al policía, pero suma otras siete personas que fallecieron en "
        "accidentes de tránsito."
    )
    killed = sorted(c.best for c in extraction.counts if c.kind == "killed")
    # 41 + the police officer + 7 others; each part is kept as given
    assert killed == [7, 41, 49]
    # a running toll: the country's, not the town the report was filed from
    [toll] = [c for c in extraction.counts if c.best == 49]
    assert toll.place is not None and (toll.place.country, toll.place.admin1) == ("PER", None)


def test_spanish_a_breakdown_beside_its_whole_counts_what_the_whole_counts(extract_es) -> None:
    extraction = extract_es(
        "La Fiscalía informó que desde diciembre han muerto 42 personas, 41 manifestantes y un "
        "policía."
    )
    kinds = {c.best: c.kind for c in extraction.counts}
    # the 41 protesters are among the dead, not a crowd; and nothing adds up to 43
    assert kinds == {42: "killed", 41: "killed"}


def test_spanish_reminding_commanders_of_their_duty_is_a_rebuke_that_was_made(extract_es) -> None:
    extraction = extract_es(
        "La Defensoría del Pueblo recordó que los mandos deben garantizar la vida de la tropa.",
        directory=ActorDirectory.load(),
    )
    rebuke = only_event(extraction, "ACCUSE")
    # "deben" is what the commanders owe, not a doubt on whether the rebuke was made
    assert rebuke.aux is None
    assert rebuke.recipient is not None and rebuke.recipient.sector == "MIL"
    assert [(s.polarity, s.recipient.text) for s in extraction.stances] == [
        ("oppose", "los mandos")
    ]


def test_spanish_saying_what_someone_must_do_is_a_demand_made_now(extract_es) -> None:
    extraction = extract_es("El sindicato dijo el lunes que la presidenta debe renunciar.")
    demand = only_event(extraction, "REQUEST")
    assert demand.aux is None


def test_spanish_soldiers_still_missing_are_not_dead_and_bodies_are(extract_es) -> None:
    extraction = extract_es(
        "El ministerio había dado cuenta de cuatro cuerpos recuperados y de dos militares "
        "desaparecidos."
    )
    assert [(c.kind, c.best) for c in extraction.counts] == [("killed", 4), ("missing", 2)]


def test_spanish_the_dead_of_a_relative_clause_stand_as_of_its_day(extract_es) -> None:
    extraction = extract_es(
        "Buzos de la Marina encontraron el lunes el cuerpo del último de los seis soldados que "
        "murieron ahogados el domingo al intentar cruzar el río Ilave, informó el Ministerio de "
        "Defensa.",
        published=dt.date(2023, 3, 7),
    )
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.best == 6
    assert toll.as_of is not None and toll.as_of.start == dt.date(2023, 3, 5)
    # the recognizer tags the ministry as a place; its name is whole all the same
    assert toll.source is not None and toll.source.name == "Ministerio de Defensa"


def test_spanish_ambulances_sent_to_tend_the_injured_are_not_injured(extract_es) -> None:
    extraction = extract_es(
        "El ministerio reportó ocho hospitalizados y movilizó 12 ambulancias para atender a "
        "los heridos."
    )
    assert [(c.kind, c.best) for c in extraction.counts] == [("injured", 8)]


def test_spanish_what_was_said_in_an_interview_and_then_reported_is_the_speaker_s(
    extract_es,
) -> None:
    extraction = extract_es(
        "La defensora, Eliana Revollar, había afirmado el lunes en una entrevista televisiva "
        "que siete personas habían muerto. En esa misma entrevista informó de 32 civiles "
        "heridos."
    )
    sources = {c.best: c.source.name if c.source else None for c in extraction.counts}
    assert sources == {7: "Eliana Revollar", 32: "Eliana Revollar"}


def test_spanish_a_part_of_a_group_another_number_counts_is_not_that_group(extract_es) -> None:
    extraction = extract_es(
        "La fiscalía ordenó la liberación de 192 de las 193 personas detenidas el sábado."
    )
    assert [(c.kind, c.best) for c in extraction.counts] == [("arrested", 193)]


def test_spanish_a_figure_of_those_same_events_is_as_of_their_day_not_of_its_reason(
    extract_es,
) -> None:
    extraction = extract_es(
        "La Defensoría del Pueblo registró 17 civiles muertos en los enfrentamientos del 9 de "
        "enero. La Dirección Regional de Salud de Puno, en cambio, eleva a 18 los civiles "
        "fallecidos a causa de esos hechos, porque incluye a un adolescente que fue herido de "
        "bala ese día y murió el 12 de enero.",
        published=dt.date(2023, 2, 10),
    )
    as_of = {c.best: c.as_of.start if c.as_of else None for c in extraction.counts}
    assert as_of == {17: dt.date(2023, 1, 9), 18: dt.date(2023, 1, 9)}


def test_spanish_the_government_of_a_country_the_recognizer_swept_up_is_that_country(
    extract_es,
) -> None:
    # the small model tags "El gobierno de Estados Unidos" as one MISC entity
    extraction = extract_es(
        "Estados Unidos saludó a la nueva presidenta. El gobierno de Estados Unidos saludó a la "
        "nueva presidenta."
    )
    actors = {(e.actor.name, e.actor.country) for e in extraction.events if e.actor is not None}
    assert actors == {("United States", "USA")}


def test_spanish_protests_that_followed_a_removal_did_not_remove_anyone(extract_es) -> None:
    extraction = extract_es(
        "La Defensoría corrigió el número de víctimas de las protestas que siguieron a la "
        "destitución de Pedro Castillo."
    )
    assert not [s for s in extraction.stances if "protest" in s.actor.name.lower()]
    # "seguir en huelga" is still a strike by those who go on with it
    strike = extract_es("Los vecinos de Juliaca siguen en huelga indefinida.")
    [protest] = [e for e in strike.events if e.type == "PROTEST"]
    assert protest.actor is not None and "vecinos" in protest.actor.text.lower()


def test_spanish_who_heads_a_state_body_gives_official_figures(extract_es) -> None:
    extraction = extract_es(
        "La Defensoría del Pueblo corrigió su cifra. La titular de la institución, Eliana "
        "Revollar, había afirmado el lunes que siete personas habían muerto. El director de la "
        "Red de Salud de El Collao, Fredy Cabana, informó que siete soldados fueron atendidos "
        "por hipotermia."
    )
    official = {
        (c.kind, c.source.name if c.source else None): c.official for c in extraction.counts
    }
    assert official == {("killed", "Eliana Revollar"): True, ("injured", "Fredy Cabana"): True}
    # a head of nothing named is no official
    plain = extract_es("La vecina, María Quispe, dijo que siete personas habían muerto.")
    assert [c.official for c in plain.counts] == [False]


def test_spanish_protesters_trying_to_enter_the_airport_obstruct_it(extract_es) -> None:
    extraction = extract_es(
        "Cientos de manifestantes intentaron ingresar al terminal aéreo, custodiado por la "
        "Policía Nacional."
    )
    protest = only_event(extraction, "PROTEST")
    assert protest.mode == "obstruct"
    # travellers trying to reach it protest nothing
    assert not extract_es("Los pasajeros intentaron llegar al aeropuerto.").events


def test_spanish_hundreds_of_protesters_after_a_day_are_still_a_crowd(extract_es) -> None:
    # the small model hangs "cientos" from "lunes"
    extraction = extract_es(
        "Aquel lunes, cientos de manifestantes intentaron llegar al aeropuerto Inca Manco Cápac."
    )
    assert [(c.kind, c.best, c.low, c.high) for c in extraction.counts] == [
        ("participants", 100, 100, 999)
    ]


def test_spanish_recalling_one_s_own_ambassadors_from_countries_opposes_those_countries(
    extract_es,
) -> None:
    extraction = extract_es(
        "La Cancillería peruana llamó en consulta a Talavera y a los embajadores peruanos en "
        "Argentina, Bolivia y Colombia."
    )
    assert sorted(s.recipient.name for s in extraction.stances) == [
        "Argentina",
        "Bolivia",
        "Colombia",
    ]
    # Mexico's ambassadors in Lima are Mexico's, not Peru's: expelling them opposes Mexico
    expelled = extract_es("El Gobierno peruano expulsó a los embajadores mexicanos en Lima.")
    assert [s.recipient.country for s in expelled.stances] == ["MEX"]


def test_spanish_a_body_named_by_who_leads_it_reads_as_spanish(extract_es) -> None:
    extraction = extract_es(
        "La ministra de Salud, Rosa Gutiérrez, habló. El lunes, su ministerio había reportado "
        "cuatro fallecidos."
    )
    [count] = extraction.counts
    assert count.source is not None and count.source.name == "ministerio de Rosa Gutiérrez"


def test_spanish_a_relative_clause_of_what_the_noun_does_names_no_recipient(extract_es) -> None:
    extraction = extract_es(
        "El Ministerio de Defensa condenó la actitud hostil de quienes impidieron el paso de la "
        "patrulla, que se dirigía a Juli."
    )
    accusation = only_event(extraction, "ACCUSE")
    # Juli is where the patrol went, not who is condemned: what is condemned is the attitude,
    # named by its words, no side and no stance
    assert accusation.recipient is not None
    assert (accusation.recipient.name, accusation.recipient.country) == ("actitud hostil", None)
    assert not extraction.stances
    # what someone did to the noun names its author
    rejection = extract_es(
        "Boluarte rechazó las declaraciones que el presidente mexicano, Andrés Manuel López "
        "Obrador, había hecho ese mismo día."
    )
    reject = only_event(rejection, "REJECT")
    assert reject.recipient is not None and "López Obrador" in reject.recipient.name


def test_spanish_the_personal_a_marks_a_person_not_a_town(extract_es) -> None:
    # Talavera is also a town of Apurímac
    extraction = extract_es("En Lima, la Cancillería llamó en consulta a Talavera.")
    assert [p.text for p in extraction.places] == ["Lima"]
    # a country so marked stays a place
    visit = extract_es("La presidenta visitó a Bolivia.")
    assert [p.text for p in visit.places] == ["Bolivia"]


def test_spanish_a_verb_with_an_enclitic_pronoun_is_a_trigger(extract_es) -> None:
    # the model lemmatizes "expulsarlo" as "expulsar él": the verb still tells the event
    extraction = extract_es("El Gobierno decidió expulsarlo del país el martes.")
    event = only_event(extraction, "SANCTION")
    assert event.mode == "expel"
    assert event.actor is not None and event.actor.text.casefold().endswith("gobierno")


def test_spanish_suspending_the_dialogue_is_a_rejection(extract_es) -> None:
    extraction = extract_es("El Gobierno suspendió el diálogo con los dirigentes campesinos.")
    event = only_event(extraction, "REJECT")
    assert event.recipient is not None and "dirigentes" in event.recipient.name.casefold()
    assert not [e for e in extraction.events if e.type in ("COERCE", "CONSULT")]


def test_spanish_declaring_oneself_worried_is_an_accusation(extract_es) -> None:
    # like "expresó su preocupación": a rebuke, or sympathy with whoever was harmed
    worried = extract_es("El Gobierno de Chile se declaró preocupado por la situación.")
    assert only_event(worried, "ACCUSE").actor is not None
    harmed = extract_es("La Unión Europea se mostró preocupada por la represión de las protestas.")
    assert only_event(harmed, "SUPPORT").actor is not None


def test_spanish_a_disappearance_done_to_someone_is_an_abduction(extract_es) -> None:
    # "desaparecer" with a victim names a forced disappearance, whoever did it; alone it may
    # be people gone missing
    passive = extract_es("Un dirigente campesino fue desaparecido en la vereda El Roble.")
    assert only_event(passive, "ASSAULT").mode == "abduct"
    done = extract_es("Hombres armados desaparecieron a un maestro en el corregimiento de Palmas.")
    assert only_event(done, "ASSAULT").mode == "abduct"
    gone = extract_es("Dos excursionistas desaparecieron en la montaña durante la tormenta.")
    assert not [e for e in gone.events if e.type == "ASSAULT"]


def test_spanish_a_protest_ended_by_its_makers_is_a_concession(extract_es) -> None:
    # PLOVER codes suspending a protest as CONCEDE, as "called off the strike"
    ended = extract_es("Los transportistas levantaron el paro tras doce días de bloqueos.")
    assert only_event(ended, "CONCEDE").actor is not None
    fasting = extract_es("El dirigente sindical puso fin a una huelga de hambre de tres semanas.")
    assert only_event(fasting, "CONCEDE").actor is not None
    assert not [e for e in ended.events + fasting.events if e.type == "RETREAT"]


def test_spanish_a_headline_in_capitals_is_read_in_sentence_case(extract_es) -> None:
    extraction = extract_es("MINEROS BLOQUEAN LA CARRETERA CENTRAL EN PROTESTA POR UN DECRETO")
    protests = [e for e in extraction.events if e.type == "PROTEST"]
    # the text keeps its capitals
    assert protests and all(e.evidence.sentence.isupper() for e in protests)


def test_spanish_a_comma_ends_no_sentence(extract_es) -> None:
    # the model ends a sentence at "Desde Caracas," when it opens a paragraph
    extraction = extract_es(
        "La huelga entró en su tercer día.\n\nDesde Caracas, el ministro de Defensa confirmó "
        "la detención de doce militares."
    )
    event = only_event(extraction, "COERCE")
    assert event.evidence.sentence.startswith("Desde Caracas, el ministro")


def test_spanish_threats_received_against_ones_life(extract_es) -> None:
    extraction = extract_es(
        "El alcalde de Ocaña denunció que viene recibiendo amenazas contra su vida."
    )
    event = only_event(extraction, "THREATEN")
    assert event.recipient is not None and "alcalde" in event.recipient.text.casefold()
