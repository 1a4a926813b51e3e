"""Actors (quipu.nlp.actors): from a noun phrase to a canonical actor with country and sector."""

from __future__ import annotations

from quipu.nlp import ActorDirectory

from expect import folded_name, only_event


def test_actors_title_gives_name_country_and_sector(extract_text) -> None:
    extraction = extract_text(
        "US ambassador Lisa Kenna met with Defense Minister Luis Otárola in Lima on Tuesday."
    )
    event = only_event(extraction, "CONSULT")
    actor = event.actor
    assert actor is not None
    assert (actor.name, actor.country, actor.sector) == ("Lisa Kenna", "USA", "GOV")
    assert actor.text == "US ambassador Lisa Kenna"
    recipient = event.recipient
    assert recipient is not None
    assert (recipient.name, recipient.sector) == ("Luis Otárola", "GOV")


def test_actors_demonym_before_title(extract_text) -> None:
    extraction = extract_text("Peruvian police detained the Mexican ambassador Pablo Monroy.")
    event = only_event(extraction, "COERCE")
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == ("PER", "COP")
    assert event.recipient is not None
    assert (event.recipient.name, event.recipient.country, event.recipient.sector) == (
        "Pablo Monroy",
        "MEX",
        "GOV",
    )


def test_actors_surname_resolves_to_full_name(extract_text) -> None:
    extraction = extract_text(
        "President Pedro Castillo dissolved Congress on Wednesday. "
        "Hours later, lawmakers impeached Castillo."
    )
    first, second = extraction.events
    assert first.actor is not None
    assert (first.actor.name, first.actor.sector) == ("Pedro Castillo", "GOV")
    assert first.recipient is not None and first.recipient.sector == "LEG"
    assert second.actor is not None and second.actor.sector == "LEG"
    assert second.recipient is not None
    assert (second.recipient.text, second.recipient.name) == ("Castillo", "Pedro Castillo")


def test_actors_another_given_name_before_the_surname_is_another_person(extract_text) -> None:
    # two of one family, or two ministers who share a surname
    for text, language, first, second in [
        (
            "Gunmen killed President Ariel Dumont on Monday. "
            "His wife, Celine Dumont, was wounded in the attack.",
            "en",
            "Ariel Dumont",
            "Celine Dumont",
        ),
        (
            "La policía detuvo al alcalde Jorge Quispe el lunes. "
            "El martes, la fiscalía acusó a la concejala Rosa Quispe de encubrimiento.",
            "es",
            "Jorge Quispe",
            "Rosa Quispe",
        ),
    ]:
        events = extract_text(text, language=language).events
        assert [e.recipient.name if e.recipient else None for e in events] == [first, second]


def test_actors_surname_mistagged_as_a_noun_is_still_the_person(extract_text) -> None:
    # The tagger reads this "Morales" as the plural of "morale"; the document named him.
    extraction = extract_text(
        "Peru has barred Evo Morales from entering the country. "
        "Morales condemned the measure on Twitter."
    )
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None
    assert (event.actor.text, event.actor.name) == ("Morales", "Evo Morales")


def test_actors_active_verb_joined_to_a_reported_passive_keeps_the_speaker(extract_text) -> None:
    # The parser joins "accused" to "would not be solved"; the government is accused, by him.
    extraction = extract_text(
        "Evo Morales spoke in La Paz. He wrote that the conflicts would not be solved with "
        "repression, and accused the government of distracting attention."
    )
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None and event.actor.name == "Evo Morales"
    assert event.recipient is not None and event.recipient.text == "the government"


def test_actors_lone_surname_is_a_person(extract_text) -> None:
    # The recognizer often misses a lone surname; it still names who was detained.
    extraction = extract_text("Castillo was detained by police.")
    event = only_event(extraction, "COERCE")
    assert event.recipient is not None and event.recipient.name == "Castillo"
    assert event.actor is not None and event.actor.sector == "COP"


def test_actors_possessive_country(extract_text) -> None:
    extraction = extract_text("Peru's police arrested dozens of protesters in Juliaca.")
    actor = only_event(extraction, "COERCE").actor
    assert actor is not None
    assert (actor.text, actor.country, actor.sector) == ("Peru's police", "PER", "COP")


def test_actors_demonym_gives_country(extract_text) -> None:
    extraction = extract_text("The Peruvian army deployed troops to the southern border.")
    actor = only_event(extraction, "MOBILIZE").actor
    assert actor is not None
    assert (actor.country, actor.sector) == ("PER", "MIL")
    # a generic group goes by its one name, its words kept
    assert (actor.name, actor.text) == ("military", "The Peruvian army")


def test_actors_of_phrase_gives_country(extract_text) -> None:
    extraction = extract_text("Amnesty International criticized the government of Peru.")
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None
    assert (event.actor.name, event.actor.sector) == ("Amnesty International", "NGO")
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("PER", "GOV")


def test_actors_international_organization(extract_text) -> None:
    extraction = extract_text("The United Nations urged the government to lift the curfew.")
    actor = only_event(extraction, "REQUEST").actor
    assert actor is not None
    assert (actor.name, actor.sector, actor.country) == ("United Nations", "IGO", None)


def test_actors_a_state_broadcaster_speaks_for_itself(extract_text) -> None:
    extraction = extract_text("State television on Tuesday called the gunmen terrorists.")
    event = only_event(extraction, "ACCUSE")
    assert event.actor is not None and event.actor.sector == "MED"
    assert folded_name(event.actor) == "state television"


def test_actors_pronoun_he_is_the_person_named_before(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo addressed the nation on Wednesday. He dissolved Congress."
    )
    actor = only_event(extraction, "COERCE").actor
    assert actor is not None
    assert (actor.text, actor.name) == ("He", "Pedro Castillo")


def test_actors_some_of_them_are_of_the_group_named_before(extract_text) -> None:
    # not the subject of the clause "them" is in, though a quantity and "of" stand between
    extraction = extract_text(
        "Gunmen stormed a village near the border on Monday. The army said on Tuesday that "
        "its soldiers had killed several of them."
    )
    killing = next(e for e in extraction.events if e.actor and e.actor.sector == "MIL")
    assert folded_name(killing.recipient) == "gunmen"


def test_actors_pronoun_they_is_the_group_named_before(extract_text) -> None:
    extraction = extract_text("The soldiers said they will not follow orders from the government.")
    actor = only_event(extraction, "REJECT").actor
    assert actor is not None
    assert (actor.text, actor.name, actor.sector) == ("they", "military", "MIL")


def test_actors_pronoun_prefers_the_subject_of_an_earlier_sentence(extract_text) -> None:
    extraction = extract_text(
        "On Thursday 300 police officers were sent to Marcocollo and cleared several "
        "roadblocks. When they reached Laraqueri, residents confronted them."
    )
    event = only_event(extraction, "ASSAULT")
    assert event.actor is not None and event.actor.name == "residents"
    recipient = event.recipient
    assert recipient is not None
    assert (recipient.text, recipient.name, recipient.sector) == ("them", "police", "COP")


def test_actors_pronoun_it_is_the_thing_named_before(extract_text) -> None:
    extraction = extract_text("If the army intervened, it could arrest the lawmakers.")
    actor = only_event(extraction, "COERCE").actor
    assert actor is not None
    assert (actor.text, actor.name, actor.sector) == ("it", "military", "MIL")


def test_actors_we_in_a_quotation_is_the_speaker(extract_text) -> None:
    extraction = extract_text(
        '"We will block every road in Puno," said farmer leader Lucio Ccallo.'
    )
    # a blockade its leader says they will mount is a threat (PLOVER THREATEN)
    actor = only_event(extraction, "THREATEN").actor
    assert actor is not None
    assert (actor.text, actor.name) == ("We", "Lucio Ccallo")


def test_actors_we_in_a_quotation_after_a_colon_is_the_speaker(extract_text) -> None:
    extraction = extract_text(
        'Farmer leader Lucio Ccallo said: "We will occupy the airport in Juliaca on Friday."'
    )
    actor = only_event(extraction, "THREATEN").actor
    assert actor is not None
    assert actor.name == "Lucio Ccallo"


def test_actors_listed_members_of_a_collective(extract_text) -> None:
    extraction = extract_text(
        "Several governments, including Mexico and Argentina, criticized Congress on Monday."
    )
    actor = only_event(extraction, "ACCUSE").actor
    assert actor is not None
    assert [(m.name, m.country) for m in actor.members] == [
        ("Mexico", "MEX"),
        ("Argentina", "ARG"),
    ]


def test_actors_possessor_is_not_the_actor(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo was arrested on Wednesday. "
        "Castillo's family sought asylum in the Mexican embassy."
    )
    recipient = only_event(extraction, "AID").recipient
    assert recipient is not None
    assert recipient.name != "Pedro Castillo"
    assert recipient.sector == "CVL"


def test_actors_protest_noun_stands_for_protesters(extract_text) -> None:
    actor = only_event(extract_text("Protests erupted in Puno on Monday."), "PROTEST").actor
    assert actor is not None
    assert (actor.name, actor.sector) == ("protesters", "PRO")


def test_actors_leader_names_government(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo won the election in 2021. "
        "The Castillo government dissolved Congress on Wednesday."
    )
    actor = only_event(extraction, "COERCE").actor
    assert actor is not None
    assert actor.sector == "GOV"
    assert "government" in actor.name.casefold()


def test_actors_the_four_countries_are_the_four_just_listed(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina, Bolivia and Colombia issued a joint statement on Monday. "
        "The four countries said Castillo was the victim of harassment."
    )
    support = only_event(extraction, "SUPPORT")
    assert support.actor is not None
    assert [m.name for m in support.actor.members] == ["Mexico", "Argentina", "Bolivia", "Colombia"]


def test_actors_a_count_that_does_not_fit_points_at_no_list(extract_text) -> None:
    extraction = extract_text(
        "Mexico, Argentina and Bolivia issued a joint statement on Monday. "
        "The two countries said Castillo was the victim of harassment."
    )
    assert [e for e in extraction.events if e.type == "SUPPORT"] == []


def test_actors_the_former_president_is_the_one_the_report_named(extract_text) -> None:
    extraction = extract_text(
        "Pedro Castillo was detained on December 7. Mexico said on Monday that the former "
        "president was the victim of a plot.",
        directory=ActorDirectory.load(),
    )
    support = only_event(extraction, "SUPPORT")
    assert folded_name(support.recipient) == "pedro castillo"
    assert support.recipient is not None and support.recipient.sector == "OPP"


def test_actors_a_role_names_no_one_the_report_did_not_name(extract_text) -> None:
    extraction = extract_text(
        "Mexico said on Monday that the former president was the victim of a plot.",
        directory=ActorDirectory.load(),
    )
    support = only_event(extraction, "SUPPORT")
    assert folded_name(support.recipient) == "former president"


def test_actors_a_pronoun_for_an_institution_takes_its_canonical_name(extract_text) -> None:
    extraction = extract_text(
        "In Lima, Peru, the attorney general's office said it had opened an investigation into "
        "President Dina Boluarte.",
        directory=ActorDirectory.load(),
    )
    inquiry = only_event(extraction, "ACCUSE")
    assert inquiry.actor is not None
    assert (inquiry.actor.text, inquiry.actor.name) == ("it", "Public Prosecutor's Office of Peru")


def test_actors_an_institution_keeps_its_whole_name_but_not_where_it_is(extract_text) -> None:
    extraction = extract_text(
        "Police in Lima arrested 20 protesters on Monday. Later, the Ministry of Health said "
        "two people had died."
    )
    arrest = only_event(extraction, "COERCE")
    assert folded_name(arrest.actor) == "police"
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.source is not None and toll.source.name == "Ministry of Health"


def test_actors_a_government_of_a_named_country_is_that_country(extract_text) -> None:
    extraction = extract_text("The government of Mexico welcomed the new president.")
    [support] = [e for e in extraction.events if e.type == "SUPPORT"]
    assert support.actor is not None
    assert (support.actor.name, support.actor.country) == ("Mexico", "MEX")


def test_actors_general_elections_are_no_general(extract_text) -> None:
    extraction = extract_text("Congress rejected proposals to hold general elections this year.")
    [rejection] = [e for e in extraction.events if e.type == "REJECT"]
    assert rejection.recipient is None or rejection.recipient.sector != "MIL"


def test_actors_he_is_the_resident_who_spoke_before(extract_text) -> None:
    extraction = extract_text(
        "One Laraqueri resident, speaking to a Lima newspaper, accused the president of "
        "sending soldiers. He said 21 people from Puno had been killed since the protests began."
    )
    [toll] = extraction.counts
    assert toll.source is not None and toll.source.name == "Laraqueri resident"


def test_actors_a_name_the_recognizer_cut_short_runs_on_to_its_head(extract_text) -> None:
    # only "Ana Cecilia" is tagged as a person; "Gervasi" is the head the name runs on to
    extraction = extract_text(
        "Foreign Minister Ana Cecilia Gervasi announced the decision on Tuesday. She cited "
        "what she described as repeated interference by Mexico's highest authorities."
    )
    [accusation] = [e for e in extraction.events if e.type == "ACCUSE"]
    assert accusation.actor is not None and accusation.actor.name == "Ana Cecilia Gervasi"


def test_actors_where_something_is_said_is_no_one(extract_text) -> None:
    extraction = extract_text(
        "Former Bolivian president Evo Morales condemned the measure on Twitter. He wrote that "
        "Peru's conflicts would not be solved with bans, and accused the government of trying "
        "to distract attention."
    )
    sides = [s for e in extraction.events for s in (e.actor, e.recipient) if s is not None]
    assert "Twitter" not in {s.name for s in sides}
    assert {s.name for s in sides if s.text == "He"} == {"Evo Morales"}


def test_actors_a_patrol_or_convoy_is_military_in_both_languages(extract_text) -> None:
    english = only_event(extract_text("Gunmen attacked an army convoy near the border."), "ASSAULT")
    assert english.recipient is not None
    assert english.recipient.sector == "MIL"
    spanish = only_event(
        extract_text("Hombres armados atacaron una patrulla cerca de la frontera.", language="es"),
        "ASSAULT",
    )
    assert spanish.recipient is not None
    assert spanish.recipient.sector == "MIL"


def test_actors_an_initialism_does_not_end_the_sentence(extract_text) -> None:
    # the parser splits after "U.S." unless told it ends nothing
    extraction = extract_text(
        "MEXICO CITY, June 3 — U.S. President Joe Biden congratulated Claudia Sheinbaum."
    )
    actor = only_event(extraction, "SUPPORT").actor
    assert actor is not None
    assert (actor.name, actor.country, actor.sector) == ("Joe Biden", "USA", "GOV")


def test_actors_an_initialism_before_a_sentence_opener_ends_the_sentence(extract_text) -> None:
    # "…against the U.S. The Taliban denounced…": the conditional of the sentence before is
    # not the denunciation's, which happened
    extraction = extract_text(
        "That would be the anniversary of the strikes against the U.S. The Taliban denounced "
        "the delay on Sunday."
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.evidence.sentence.startswith("The Taliban")
    assert accusation.aux is None
    spanish = extract_text(
        "Ese día se cumplirían veinte años de los ataques contra EE.UU. El Gobierno rechazó "
        "el plazo.",
        language="es",
    )
    assert only_event(spanish, "REJECT").evidence.sentence.startswith("El Gobierno")


def test_actors_a_bare_title_is_the_person_named_before_with_it(extract_text) -> None:
    cases = [
        (
            "U.N. Secretary-General Antonio Guterres condemned the killings on Friday. The "
            "secretary-general will continue to stand with the people of Myanmar.",
            "en",
            "SUPPORT",
            "Antonio Guterres",
        ),
        (
            "Kenyan President William Ruto spoke in Nairobi. The president welcomed the "
            "contingent on Tuesday.",
            "en",
            "SUPPORT",
            "William Ruto",
        ),
        (
            "El presidente Gustavo Petro habló en Bogotá. El mandatario acusó al ELN de "
            "crímenes de guerra.",
            "es",
            "ACCUSE",
            "Gustavo Petro",
        ),
        (
            "La presidenta Dina Boluarte habló en Lima. La mandataria rechazó las críticas de "
            "la oposición.",
            "es",
            "REJECT",
            "Dina Boluarte",
        ),
    ]
    for text, language, kind, name in cases:
        event = only_event(extract_text(text, language=language), kind)
        assert event.actor is not None and event.actor.name == name, text
        # its words stay the text's
        assert event.actor.text.split()[0] in ("The", "El", "La"), text


def test_actors_a_title_with_words_of_its_own_says_who_it_is(extract_text) -> None:
    # "the Colombian president" after Ruto is not Ruto; a title no one bore before is no one
    extraction = extract_text(
        "Kenyan President William Ruto spoke in Nairobi. The Colombian president welcomed the "
        "contingent. The minister rejected the plan."
    )
    names = {e.actor.name for e in extraction.events if e.actor is not None}
    assert "William Ruto" not in names


def test_actors_a_list_before_they_is_all_of_them(extract_text) -> None:
    extraction = extract_text(
        "Sweden, Norway and Finland said in a joint statement on Sunday that they stood firmly "
        "behind President Volodymyr Zelensky, and condemned Russia's latest missile strikes."
    )
    support = only_event(extraction, "SUPPORT")
    assert support.actor is not None
    assert {m.name for m in support.actor.members} == {"Sweden", "Norway", "Finland"}
    # "missile strikes" are an attack's, not protesters
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.recipient is not None and accusation.recipient.name == "Russia"


def test_actors_a_capital_taken_for_an_organization_is_its_government(extract_text) -> None:
    extraction = extract_text(
        "WARSAW, October 8 — The prime ministers of Poland, Lithuania and Latvia held a call on "
        "Tuesday after migrants crossed from Belarus. Those governments later accused Minsk of "
        "orchestrating the crossings."
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.recipient is not None
    assert (accusation.recipient.country, accusation.recipient.sector) == ("BLR", "GOV")


def test_actors_a_list_holding_a_pronoun_does_not_point_back_at_itself(extract_text) -> None:
    # "they" points back at "23 people as well as themselves", whose "themselves" points back
    # again: read without its pronoun, the list ends the search
    extraction = extract_text(
        "Two bombers killed 23 people as well as themselves on Sunday when they blew "
        "themselves up in a crowded market, police said."
    )
    assert any(event.type == "ASSAULT" for event in extraction.events)


def test_actors_people_of_a_body_named_after_them_are_the_body(extract_text) -> None:
    cases = [
        ("Fighters of the M23 rebel group clashed with the army near Goma.", "en", "M23"),
        (
            "Members of the Viv Ansanm gang coalition attacked the police station.",
            "en",
            "Viv Ansanm",
        ),
        ("Miembros del Tren de Aragua atacaron a los agentes.", "es", "Tren de Aragua"),
    ]
    for text, language, name in cases:
        event = only_event(extract_text(text, language=language), "ASSAULT")
        assert event.actor is not None and event.actor.name == name, text
    # residents of a town are not the town
    residents = only_event(extract_text("Residents of Goma attacked a police post."), "ASSAULT")
    assert residents.actor is None or residents.actor.name != "Goma"


def test_actors_one_name_that_reads_like_a_list_is_no_list(extract_text) -> None:
    # "they" after "Bosnia and Herzegovina" in a quotation is the senators, not the country
    extraction = extract_text(
        'Three U.S. senators wrote to the secretary of state on Monday. "We are deeply '
        'concerned about the recent actions of Milorad Dodik in Bosnia and Herzegovina," '
        "they wrote."
    )
    accusation = only_event(extraction, "ACCUSE")
    assert accusation.actor is not None and "Bosnia" not in accusation.actor.name
    assert accusation.recipient is not None and "Dodik" in accusation.recipient.name


def test_actors_whose_leaders_stand_for_the_states_listed_before(extract_text) -> None:
    for text, language in (
        (
            "The letter was signed by Brazil, Chile and Uruguay, whose leaders recognize "
            "Jorge Salas as president.",
            "en",
        ),
        (
            "La carta fue firmada por Brasil, Chile y Uruguay, cuyos líderes reconocen y "
            "respaldan a Jorge Salas.",
            "es",
        ),
    ):
        extraction = extract_text(text, language=language)
        edges = {(s.actor.country, s.polarity) for s in extraction.stances if s.type == "SUPPORT"}
        assert edges == {("BRA", "support"), ("CHL", "support"), ("URY", "support")}, text


def test_actors_whose_envoy_is_the_state_but_whose_son_is_not(extract_text) -> None:
    extraction = extract_text("The motion was drafted by Canada, whose ambassador criticized Iran.")
    assert [(s.actor.name, s.recipient.name) for s in extraction.stances] == [("Canada", "Iran")]
    extraction = extract_text(
        "La moción fue presentada por Canadá, cuyo embajador criticó a Irán.", language="es"
    )
    assert [(s.actor.country, s.recipient.country) for s in extraction.stances] == [("CAN", "IRN")]
    extraction = extract_text("The farmer, whose son was detained, criticized the police.")
    assert "farmer" not in {
        e.actor.name for e in extraction.events if e.type == "COERCE" and e.actor
    }
    detained = [e.recipient for e in extraction.events if e.type == "COERCE"]
    assert [r.name for r in detained if r] == ["son"]


def test_actors_a_backers_country_is_not_the_actors(extract_text) -> None:
    extraction = extract_text("Iran-backed militias fired rockets at a base in Erbil, Iraq.")
    event = only_event(extraction, "ASSAULT")
    assert event.actor is not None
    assert (event.actor.name, event.actor.country) == ("militias", "IRQ")
    extraction = extract_text(
        "Las milicias apoyadas por Irán atacaron una base en Erbil, Irak.", language="es"
    )
    event = only_event(extraction, "ASSAULT")
    assert event.actor is not None
    assert (event.actor.name, event.actor.country) == ("milicias", "IRQ")


def test_actors_armed_forces_keep_their_own_country(extract_text) -> None:
    extraction = extract_text("Peruvian armed forces attacked the rebels.")
    event = only_event(extraction, "ASSAULT")
    assert event.actor is not None
    assert event.actor.country == "PER"


def test_actors_nations_sharing_one_noun_are_one_member_each(extract_text) -> None:
    extraction = extract_text("Cameroon and Chad officials met in Bangui on Monday.")
    event = only_event(extraction, "CONSULT")
    assert event.actor is not None
    assert [(m.name, m.country) for m in event.actor.members] == [
        ("Cameroon", "CMR"),
        ("Chad", "TCD"),
    ]
    extraction = extract_text(
        "Los cancilleres peruano y chileno se reunieron en Lima.", language="es"
    )
    event = only_event(extraction, "CONSULT")
    assert event.actor is not None
    assert [m.country for m in event.actor.members] == ["PER", "CHL"]


def test_actors_the_governments_of_a_list_are_still_the_countries(extract_text) -> None:
    extraction = extract_text(
        "Los gobiernos de México y Colombia expresaron su apoyo a Jorge Salas.", language="es"
    )
    assert [(s.actor.name, s.polarity) for s in extraction.stances] == [
        ("Mexico", "support"),
        ("Colombia", "support"),
    ]
