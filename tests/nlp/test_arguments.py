"""Arguments (quipu.nlp.arguments): who acts and who is acted upon, from the parse."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quipu.nlp.syntax import passive_subject, subject_of

from expect import folded_name, only_event


def test_arguments_a_place_after_on_is_the_recipient(extract_text) -> None:
    extraction = extract_text("The state governor imposed a night curfew on Lagos on Friday.")
    event = only_event(extraction, "COERCE")
    assert event.recipient is not None
    assert (event.recipient.name, event.recipient.country) == ("Lagos", "NGA")
    # its residents: no side the governor takes against his own city
    assert event.recipient.sector == "CVL"
    assert not extraction.stances


def test_arguments_a_capital_as_object_is_its_government(extract_text) -> None:
    extraction = extract_text(
        "El canciller venezolano acusó a Washington de injerencia en sus asuntos internos.",
        language="es",
    )
    event = only_event(extraction, "ACCUSE")
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("USA", "GOV")


def test_arguments_a_place_people_go_to_is_not_a_recipient(extract_text) -> None:
    extraction = extract_text("Miles de campesinos marcharon a Cochabamba el lunes.", language="es")
    event = only_event(extraction, "PROTEST")
    assert folded_name(event.recipient) != "cochabamba"


def test_arguments_force_used_to_push_back_is_used_against_them(extract_text) -> None:
    extraction = extract_text(
        "Dozens of students gathered outside the parliament on Monday. "
        "Riot police fired tear gas to push them back."
    )
    event = only_event(extraction, "ASSAULT")
    assert folded_name(event.actor) == "riot police"
    assert folded_name(event.recipient) == "students"


def test_arguments_force_used_for_an_infinitive_spanish(extract_text) -> None:
    extraction = extract_text(
        "Los agentes lanzaron gases lacrimógenos para hacer retroceder a los estudiantes.",
        language="es",
    )
    event = only_event(extraction, "ASSAULT")
    assert folded_name(event.recipient) == "estudiantes"


def test_arguments_them_after_using_tear_gas_is_not_the_police(extract_text) -> None:
    extraction = extract_text(
        "Several hundred protesters blocked the highway near the mine. "
        "Police used tear gas to disperse them."
    )
    event = only_event(extraction, "ASSAULT")
    assert folded_name(event.actor) == "police"
    assert folded_name(event.recipient) == "protesters"


def test_arguments_the_agent_of_a_participle_acts_in_the_noun_event(extract_text) -> None:
    extraction = extract_text(
        "Residents fled during the attack carried out by armed men against a police post."
    )
    event = only_event(extraction, "ASSAULT")
    assert folded_name(event.actor) == "armed men"
    assert folded_name(event.recipient) == "police post"


def test_arguments_the_agent_of_a_participle_spanish(extract_text) -> None:
    extraction = extract_text(
        "El ataque perpetrado por guerrilleros contra una patrulla militar dejó tres soldados "
        "heridos.",
        language="es",
    )
    event = only_event(extraction, "ASSAULT")
    assert folded_name(event.actor) == "guerrilleros"
    assert "patrulla" in folded_name(event.recipient)


def test_arguments_a_live_blog_time_stamp_is_not_the_subject() -> None:
    vocab = spacy.blank("en").vocab
    words = ["15:20", "–", "Envoy", "Berg", "urged", "calm", "."]
    heads = [4, 0, 3, 4, 4, 4, 4]
    deps = ["nsubj", "punct", "compound", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["NUM", "PUNCT", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    subject = subject_of(doc[4])
    assert subject is not None
    assert subject.text == "Berg"


def test_arguments_a_conjunction_is_no_subject_of_a_passive() -> None:
    # "informó que han sido liberadas 300 personas": the parser may take "que" for a second
    # subject of the participle; who was freed is the people
    vocab = spacy.blank("es").vocab
    words = ["informó", "que", "han", "sido", "liberadas", "300", "personas", "."]
    heads = [0, 4, 4, 4, 0, 6, 4, 0]
    deps = ["ROOT", "nsubj", "aux", "aux", "ccomp", "nummod", "nsubj", "punct"]
    pos = ["VERB", "SCONJ", "AUX", "AUX", "VERB", "NUM", "NOUN", "PUNCT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    subject = passive_subject(doc[4])
    assert subject is not None
    assert subject.text == "personas"


def test_arguments_a_live_blog_time_stamp_is_not_the_actor_spanish(extract_text) -> None:
    extraction = extract_text(
        "10:30 a. m. – Recordemos: el domingo, el presidente Luis Arce acusó a los "
        "transportistas de sabotaje.",
        language="es",
    )
    event = only_event(extraction, "ACCUSE")
    assert folded_name(event.actor) == "luis arce"
    assert folded_name(event.recipient) == "transportistas"


def test_arguments_what_someone_is_accused_of_is_the_accusers_claim(extract_text) -> None:
    extraction = extract_text("Ruto accused the police of killing protesters outside parliament.")
    killing = only_event(extraction, "ASSAULT")
    assert killing.actor is not None and killing.actor.name == "police"
    assert killing.certainty == "attributed"
    assert killing.attributed_to is not None and killing.attributed_to.name == "Ruto"


def test_arguments_people_named_after_their_body_are_the_body(extract_text) -> None:
    extraction = extract_text("ECOWAS leaders condemned the coup in Mali on Sunday.")
    actor = only_event(extraction, "ACCUSE").actor
    assert actor is not None and (actor.name, actor.sector) == ("ECOWAS", "IGO")


def test_arguments_what_an_act_is_aimed_at_is_its_recipient_but_no_side(extract_text) -> None:
    # the object names no actor: it is the recipient by its words, with no country or sector,
    # and no stance is drawn toward it
    cases = [
        ("Security forces have also occupied at least 36 hospitals.", "en", "COERCE", "hospitals"),
        ("Dodik rejected the arrest warrant on Tuesday.", "en", "REJECT", "arrest warrant"),
        ("Prime Minister Garry Conille welcomed the contingent.", "en", "SUPPORT", "contingent"),
        ("Los vecinos saquearon supermercados y comercios del centro.", "es", "PROTEST", None),
        ("El observatorio saluda el acuerdo firmado el jueves.", "es", "SUPPORT", "acuerdo"),
    ]
    for text, language, kind, name in cases:
        extraction = extract_text(text, language=language)
        event = only_event(extraction, kind)
        assert event.recipient is not None, text
        assert event.recipient.country is None and event.recipient.sector is None, text
        if name is not None:
            assert event.recipient.name == name, text
        else:
            assert "supermercados" in event.recipient.text, text
        assert not extraction.stances, text


def test_arguments_the_means_a_time_or_the_act_itself_is_no_recipient(extract_text) -> None:
    for text, language, kind in [
        ("Police fired tear gas on Monday.", "en", "ASSAULT"),
        ("A curfew from dusk to dawn was imposed in the capital.", "en", "COERCE"),
        ("The army launched an offensive.", "en", "ASSAULT"),
        ("Manifestantes lanzaron piedras durante la noche.", "es", "PROTEST"),
    ]:
        event = only_event(extract_text(text, language=language), kind)
        assert event.recipient is None, text
    # a release asked of roads backs no one
    extraction = extract_text(
        "El presidente pidió a los manifestantes liberar las carreteras.", language="es"
    )
    assert not [s for s in extraction.stances if "carreteras" in s.recipient.text]


def test_arguments_a_participle_after_a_noun_tells_what_it_underwent(extract_text) -> None:
    cases = [
        ("The opposition leader, arrested in Santiago on Sunday, remains in custody.", "en"),
        ("El opositor José Daniel Ferrer, arrestado en Santiago de Cuba, sigue preso.", "es"),
    ]
    for text, language in cases:
        event = only_event(extract_text(text, language=language), "COERCE")
        assert event.mode == "arrest", text
        assert event.recipient is not None, text
        # the one described, without the description
        assert "arrest" not in event.recipient.text.lower(), text
    described = only_event(
        extract_text("Witnesses saw a protester killed by police near the square."), "ASSAULT"
    )
    assert described.recipient is not None and described.recipient.text == "a protester"
    assert described.actor is not None and described.actor.name.lower().startswith("police")


def test_arguments_a_participle_that_only_says_who_someone_is_tells_nothing(extract_text) -> None:
    for text in [
        "The jailed former president appealed on Monday.",
        "Prosecutors ordered the release of 192 of the 193 people detained during the raid.",
        "The number of people killed since the protests began rose to 40.",
    ]:
        extraction = extract_text(text)
        assert not [e for e in extraction.events if e.type in ("COERCE", "ASSAULT")], text


def test_arguments_relations_broken_with_someone_on_a_day(extract_text) -> None:
    # the day inside the phrase, and "relaciones" its own word, not its object
    for text, language in [
        ("Colombia rompió este jueves relaciones diplomáticas con Israel.", "es"),
        ("Bolivia broke off diplomatic relations with Israel on Tuesday.", "en"),
    ]:
        event = only_event(extract_text(text, language=language), "SANCTION")
        assert event.recipient is not None and event.recipient.name == "Israel", text
    # envoys stay the object they are: recalled from where they serve
    recall = only_event(
        extract_text("Rwanda recalled its ambassador from Burundi for consultations."), "SANCTION"
    )
    assert recall.recipient is not None and recall.recipient.name == "Burundi"


def test_arguments_declared_persona_non_grata_however_parsed(extract_text) -> None:
    cases = [
        ("Estonia declared a Russian diplomat persona non grata on Sunday.", "en", "EST", "RUS"),
        ("Peru declared the Mexican ambassador persona non grata on Tuesday.", "en", "PER", "MEX"),
        ("Perú declaró a la embajadora de México persona non grata.", "es", "PER", "MEX"),
        (
            "El Gobierno de Perú declaró persona non grata al embajador de México.",
            "es",
            "PER",
            "MEX",
        ),
    ]
    for text, language, actor, recipient in cases:
        event = only_event(extract_text(text, language=language), "SANCTION")
        assert event.mode == "expel", text
        assert event.actor is not None and event.actor.country == actor, text
        assert event.recipient is not None and event.recipient.country == recipient, text


def test_arguments_a_name_taken_for_a_building_is_a_person(extract_text) -> None:
    # the recognizer tags "Prabowo Subianto" as a facility; "him" is still Prabowo
    extraction = extract_text(
        "Malaysian Prime Minister Anwar Ibrahim telephoned Prabowo Subianto on Thursday to "
        "congratulate him on his victory."
    )
    support = only_event(extraction, "SUPPORT")
    assert support.recipient is not None and support.recipient.name == "Prabowo Subianto"


def test_arguments_envoys_summoned_and_withdrawn_from_a_capital_of_two_words(extract_text) -> None:
    summoned = only_event(
        extract_text(
            "La Cancillería de Colombia citó el domingo al encargado de negocios de Estados "
            "Unidos.",
            language="es",
        ),
        "ACCUSE",
    )
    assert summoned.recipient is not None and summoned.recipient.country == "USA"
    withdrawn = only_event(
        extract_text("España retiró este martes a su embajadora en Buenos Aires.", language="es"),
        "SANCTION",
    )
    assert withdrawn.recipient is not None and withdrawn.recipient.country == "ARG"


def test_arguments_sides_named_as_a_pair_are_actor_and_recipient(extract_text) -> None:
    # "between X and Y": the first side acts on the second, whether the pair hangs from the
    # noun or from the verb the noun is the subject of
    cases = [
        ("Fighting between rebels and government troops displaced thousands.", "en"),
        ("Heavy clashes broke out between the rebels and the army on Sunday.", "en"),
        ("Los enfrentamientos entre los rebeldes y el ejército dejaron diez muertos.", "es"),
    ]
    for text, language in cases:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.actor is not None and "rebel" in event.actor.text.lower(), text
        assert event.recipient is not None, text
        assert event.recipient.sector == "MIL", text
        assert event.actor.sector == "REB", text


def test_arguments_an_ing_form_standing_as_a_noun_is_a_noun_trigger(extract_text) -> None:
    # the tagger calls a sentence-initial "Fighting" a verb; standing as the subject with
    # nothing a verb would govern, it is the noun
    event = only_event(
        extract_text("Fighting between insurgents and soldiers intensified on Monday."),
        "ASSAULT",
    )
    assert event.actor is not None and event.actor.sector == "REB"
    # a verb with its object is no noun
    assert not extract_text("Fighting corruption is the new cabinet's priority.").events


def test_arguments_a_participle_after_a_verb_of_outcome_tells_what_befell_the_subject(
    extract_text,
) -> None:
    # (text, type, who underwent it, who did it)
    for text, kind, undergoer, doer in [
        ("Un fotógrafo resultó herido por una bala de goma.", "ASSAULT", "fotógrafo", None),
        ("El líder opositor resultó detenido por la policía.", "COERCE", "líder", "policía"),
        ("Dos agentes quedaron heridos en el ataque.", "ASSAULT", "agentes", None),
        ("Cientos de personas siguen detenidas en la capital.", "COERCE", "personas", None),
    ]:
        event = only_event(extract_text(text, language="es"), kind)
        assert event.recipient is not None and undergoer in event.recipient.text, text
        if doer is None:
            assert event.actor is None, text
        else:
            assert event.actor is not None and doer in event.actor.text, text
    # a running total is a toll, not an event
    toll = extract_text("Desde diciembre, 531 personas resultaron heridas.", language="es")
    assert not toll.events


def test_arguments_a_participle_after_estar_is_a_passive_of_state(extract_text) -> None:
    # "estaba detenido" is what befell the subject, as "fue detenido" and "quedó detenido"
    for text, kind, undergoer in [
        (
            "El dirigente sindical, Pedro Quispe, estaba detenido por presunta sedición.",
            "COERCE",
            "Quispe",
        ),
        (
            "Según la fiscalía, el alcalde de la ciudad está detenido desde el lunes.",
            "COERCE",
            "alcalde",
        ),
    ]:
        event = only_event(extract_text(text, language="es"), kind)
        assert event.recipient is not None and undergoer in event.recipient.text, text
        assert event.actor is None or undergoer not in event.actor.text, text


def test_arguments_a_weapon_that_strikes_stands_for_whoever_wields_it(extract_text) -> None:
    for text, language, sector, country in [
        ("Russian warplanes struck Idlib city this morning.", "en", "MIL", "RUS"),
        ("Drones del cártel atacaron a los policías de Aguililla.", "es", "UAF", "MEX"),
    ]:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.actor is not None and event.actor.sector == sector, text
        assert event.actor.country == country, text
        assert event.recipient is not None, text
    # a protest noun that acts is the protesters, not a weapon: it acts on nothing it names
    extraction = extract_text("Las protestas ya han dejado más de 40 muertos.", language="es")
    assert all(e.recipient is None for e in extraction.events)


def test_arguments_a_first_word_taken_for_a_name_describes_the_noun(extract_text) -> None:
    event = only_event(
        extract_text("Coordinated airstrikes by the Somali army killed 50 militants."), "ASSAULT"
    )
    assert event.actor is not None and event.actor.sector == "MIL"
    assert event.recipient is not None and event.recipient.sector == "REB"


def test_arguments_who_keeps_up_or_begins_a_protest_makes_it(extract_text) -> None:
    kept = extract_text(
        "Los cocaleros de los Yungas conservan los bloqueos de carreteras en la zona.",
        language="es",
    )
    assert "cocaleros" in only_event(kept, "PROTEST").actor.text
    begun = extract_text(
        "La marcha de los jubilados, que comenzó el martes con bloqueos de vías, sigue en Quito.",
        language="es",
    )
    blockade = next(e for e in begun.events if e.type == "PROTEST" and e.mode == "obstruct")
    assert blockade.actor is not None and "jubilados" in blockade.actor.text
