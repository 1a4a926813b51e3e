"""Places (quipu.nlp.places): toponyms in the text, resolved offline, and where events happen."""

from __future__ import annotations

from pathlib import Path

from quipu.nlp import Gazetteer
from quipu.nlp.places import setting_of

from expect import only_event


def test_places_toponym_with_offsets(extract_text) -> None:
    text = "Police arrested 12 protesters in Lima on Monday."
    extraction = extract_text(text)
    assert [(p.text, p.start, p.end) for p in extraction.places] == [("Lima", 33, 37)]
    place = extraction.places[0].place
    assert (place.name, place.country, place.precision) == ("Lima", "PER", 1)
    assert place.lat is not None and place.lon is not None


def test_places_offsets_index_the_document_text(extract_text) -> None:
    text = (
        "  Roads were blocked across the Apurímac and in Cusco on Monday.\n\n"
        "Farmers blocked the airport in Juliaca, in the Puno region, on Tuesday.\n"
    )
    extraction = extract_text(text)
    assert [p.text for p in extraction.places] == ["Apurímac", "Cusco", "Juliaca", "Puno"]
    for mention in extraction.places:
        assert text[mention.start : mention.end] == mention.text
    assert {p.place.country for p in extraction.places} == {"PER"}


def test_places_subdivision_missed_by_the_recognizer(extract_text) -> None:
    extraction = extract_text("Roads were blocked across the Apurímac and in Cusco on Monday.")
    apurimac = next(p for p in extraction.places if p.text == "Apurímac")
    assert (apurimac.place.country, apurimac.place.admin1, apurimac.place.precision) == (
        "PER",
        "Apurímac",
        4,
    )


def test_places_focus_country(run_pipeline) -> None:
    doc = run_pipeline(
        "Protesters blocked roads in Puno and Cusco on Monday. "
        "The Peruvian government sent troops to Juliaca."
    )
    assert doc._.focus is not None
    assert (doc._.focus.country, doc._.focus.precision) == ("PER", 6)


def test_places_ambiguous_name_follows_the_focus_country(extract_text) -> None:
    peru = extract_text(
        "Peru's government declared a state of emergency on Sunday. "
        "Soldiers patrolled the streets of Ayacucho on Monday."
    )
    [ayacucho] = [p for p in peru.places if p.text == "Ayacucho"]
    assert ayacucho.place.country == "PER"
    argentina = extract_text(
        "Argentina's farmers are angry. "
        "Farmers marched in Ayacucho on Monday, in Buenos Aires province."
    )
    [ayacucho] = [p for p in argentina.places if p.text == "Ayacucho"]
    assert (ayacucho.place.country, ayacucho.place.admin1) == ("ARG", "Buenos Aires")


def test_places_demonyms_name_countries_but_place_nothing(extract_text) -> None:
    extraction = extract_text("Peruvian police detained the Mexican ambassador on Tuesday.")
    # listed as mentions of their countries, as geoparsers list them...
    assert [(p.text, p.place.country, p.place.precision) for p in extraction.places] == [
        ("Peruvian", "PER", 6),
        ("Mexican", "MEX", 6),
    ]
    # ...but they place no event: the arrest is not "in Mexico"
    event = only_event(extraction, "COERCE")
    assert event.place is None or event.place.country == "PER"
    # The demonyms still give the actors their countries.
    assert event.actor is not None and event.actor.country == "PER"
    assert event.recipient is not None and event.recipient.country == "MEX"


def test_places_named_inside_bodies_and_world_regions(extract_text) -> None:
    extraction = extract_text(
        "The Kentucky State Police arrested two men in Louisville on Monday, the US "
        "Department of Justice said. The virus has spread across Africa, Asia and the "
        "Middle East."
    )
    named = {p.text: (p.place.country, p.place.precision) for p in extraction.places}
    assert named["Kentucky"] == ("USA", 4)
    assert named["Louisville"][0] == "USA"
    # a continent is named, with no country and no point, as is a looser region
    assert named["Africa"] == ("", 7) and named["Asia"] == ("", 7)
    points = {p.text: (p.place.lat, p.place.lon) for p in extraction.places}
    assert points["Africa"] == points["Asia"] == (None, None)
    assert points.get("the Middle East", points.get("Middle East")) == (None, None)
    event = only_event(extraction, "COERCE")
    assert event.place is not None and event.place.name == "Louisville"


def test_places_common_words_of_a_name_are_no_places(extract_text) -> None:
    extraction = extract_text("The Centre for Human Rights wrote to the African Union on Monday.")
    assert [p.text for p in extraction.places if p.place.precision < 7] == []


def test_places_institution_is_not_a_place(extract_text) -> None:
    extraction = extract_text("Protesters marched toward Congress in Lima on Monday.")
    assert [p.text for p in extraction.places] == ["Lima"]


def test_places_event_place_from_locative_phrase(extract_text) -> None:
    extraction = extract_text("Protesters blocked roads in Juliaca on Monday.")
    event = only_event(extraction, "PROTEST")
    assert event.place is not None
    assert (event.place.name, event.place.country, event.place.admin1, event.place.precision) == (
        "Juliaca",
        "PER",
        "Puno",
        1,
    )


def test_places_event_place_prefers_the_most_precise(extract_text) -> None:
    extraction = extract_text(
        "Farmers blocked the airport in Juliaca, in the Puno region, on Monday."
    )
    event = only_event(extraction, "PROTEST")
    assert event.place is not None and event.place.name == "Juliaca"


def test_places_event_place_direction(extract_text) -> None:
    extraction = extract_text("The army deployed troops to Puno on Monday.")
    event = only_event(extraction, "MOBILIZE")
    assert event.place is not None
    assert (event.place.name, event.place.precision) == ("Puno", 4)


def test_places_event_without_place_of_its_own_takes_its_paragraphs(extract_text) -> None:
    extraction = extract_text(
        "Protesters blocked roads in Juliaca on Monday. Police arrested 30 protesters."
    )
    arrest = only_event(extraction, "COERCE")
    assert arrest.place is not None and (arrest.place.name, arrest.place.admin1) == (
        "Juliaca",
        "Puno",
    )


def test_places_report_scene_places_later_material_events_but_not_statements(
    extract_text,
) -> None:
    extraction = extract_text(
        "Clashes broke out in Juliaca on Monday.\n\n"
        "Police arrested 30 protesters. The ombudsman's office urged the government to "
        "investigate."
    )
    arrest = only_event(extraction, "COERCE")
    assert arrest.place is not None and arrest.place.admin1 == "Puno"
    request = only_event(extraction, "REQUEST")
    assert request.place is not None
    assert (request.place.country, request.place.precision) == ("PER", 6)


def test_places_event_without_any_place_falls_back_to_focus_country(extract_text) -> None:
    extraction = extract_text(
        "Peru's Congress met on Monday.\n\nPolice arrested 30 protesters on Tuesday."
    )
    arrest = only_event(extraction, "COERCE")
    assert arrest.place is not None
    assert (arrest.place.country, arrest.place.precision) == ("PER", 6)


def test_places_origin_is_not_the_event_place(extract_text) -> None:
    extraction = extract_text(
        "The government has sent about 500 soldiers from army barracks in Tacna and Moquegua "
        "to the southern region of Puno to restore order."
    )
    deployment = only_event(extraction, "MOBILIZE")
    assert deployment.place is not None and deployment.place.admin1 == "Puno"


def test_places_statement_is_not_placed_by_what_it_is_about(extract_text) -> None:
    extraction = extract_text(
        "Peru's ombudsman called on prosecutors to investigate the deaths in Ayacucho."
    )
    assert extraction.events  # the call and the investigation, each placed
    for event in extraction.events:
        assert event.place is not None and event.place.precision == 6, event


def test_places_country_is_country_precision(extract_text) -> None:
    extraction = extract_text("Protests spread across Peru on Monday.")
    assert [(p.text, p.place.country, p.place.precision) for p in extraction.places] == [
        ("Peru", "PER", 6)
    ]


def test_places_user_places_are_found_in_the_text_and_placed(extract_text, tmp_path: Path) -> None:
    places = tmp_path / "places.yaml"
    places.write_text(
        "- {name: Pan-American Highway, country: PER, precision: 5}\n"
        "- name: Alfredo Rodríguez Ballón airport\n"
        "  country: PER\n"
        "  admin1: Arequipa\n"
        "  lat: -16.341\n"
        "  lon: -71.583\n"
        "  aliases: [aeropuerto Rodríguez Ballón]\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer.load(extra=[places])
    text = (
        "Farmers blocked the Pan American highway on Monday. On Tuesday, protesters clashed "
        "with police at the Alfredo Rodriguez Ballon airport."
    )
    extraction = extract_text(text, gazetteer=gazetteer)
    found = {p.text: p.place for p in extraction.places}
    assert found["Pan American highway"].precision == 5
    airport = found["Alfredo Rodriguez Ballon airport"]
    assert (airport.admin1, airport.precision) == ("Arequipa", 1)
    clash = only_event(extraction, "ASSAULT")
    assert clash.place == airport
    # Without the user's file the same text knows neither.
    assert not {p.text for p in extract_text(text).places} & set(found)


def test_places_georgia_in_a_report_about_atlanta_is_the_state(extract_text) -> None:
    extraction = extract_text(
        "ATLANTA, Dec 14 – Hundreds of protesters marched in downtown Atlanta on Monday. "
        "Police in Georgia arrested 12 people, the governor's office said."
    )
    georgia = next(p.place for p in extraction.places if p.text == "Georgia")
    assert (georgia.country, georgia.admin1, georgia.precision) == ("USA", "Georgia", 4)
    # and in a report about the Caucasus, the country
    caucasus = extract_text("Protesters marched in Tbilisi, Georgia, on Monday.")
    country = next(p.place for p in caucasus.places if p.text == "Georgia")
    assert (country.country, country.precision) == ("GEO", 6)


def test_places_parts_of_a_region_place_the_event_there(extract_text) -> None:
    extraction = extract_text(
        "A protester died in Lima on Saturday. Protesters blocked roads in parts of Puno."
    )
    blockade = only_event(extraction, "PROTEST")
    assert blockade.place is not None and blockade.place.admin1 == "Puno"


def test_places_a_list_of_regions_sets_no_one_scene(run_pipeline, lexicon) -> None:
    listed = run_pipeline("Clashes broke out in Lima, Ayacucho and Cusco on Monday.")
    single = run_pipeline("Clashes broke out in Ayacucho on Monday.")
    assert setting_of(next(listed.sents), toponyms=listed._.toponyms, lexicon=lexicon) is None
    scene = setting_of(next(single.sents), toponyms=single._.toponyms, lexicon=lexicon)
    assert scene is not None and scene.admin1 == "Ayacucho"


def test_places_abbreviated_region_and_initialism(extract_text) -> None:
    extraction = extract_text(
        "Two men were arrested in Surrey, B.C., on Monday. Aid reached the DRC on Tuesday."
    )
    named = {p.text: (p.place.country, p.place.precision) for p in extraction.places}
    assert named["B.C."] == ("CAN", 4)
    assert named["Surrey"][0] == "CAN"  # the town in the region the text names
    assert named["DRC"] == ("COD", 6)


def test_places_town_inside_the_region_written_after_it(extract_text) -> None:
    extraction = extract_text(
        "Paris, Texas, was quiet on Monday. Police in London, Ky., arrested two men."
    )
    named = {p.text: (p.place.country, p.place.admin1) for p in extraction.places}
    assert named["Paris"] == ("USA", "Texas")  # not the capital of France
    assert named["London"] == ("USA", "Kentucky")


def test_places_a_town_put_in_its_region_once_stays_there(extract_text) -> None:
    extraction = extract_text(
        "COLUMBIA, Ky. — Doctors opened a clinic on Monday after a visitor from Missouri fell "
        "ill. Columbia has seen dozens of new cases, and nurses in Columbia worked all week."
    )
    towns = {(p.place.country, p.place.admin1) for p in extraction.places if p.text == "Columbia"}
    assert towns == {("USA", "Kentucky")}  # not the bigger Columbia of Missouri


def test_places_a_region_named_like_a_bigger_town_after_a_comma(extract_text) -> None:
    extraction = extract_text("Firefighters in Spokane, Washington, contained the blaze.")
    named = {p.text: (p.place.admin1, p.place.precision) for p in extraction.places}
    assert named["Spokane"] == ("Washington", 1)
    assert named["Washington"] == ("Washington", 4)  # the state, not the capital


def test_places_the_last_word_of_an_unknown_place_is_no_place_of_its_own(extract_text) -> None:
    # "Park" alone is Park County, Wyoming; "Square" and "Bridge" are towns somewhere too
    extraction = extract_text(
        "Tens of thousands marched in Belgrade on Saturday. Later, scuffles broke out near "
        "Pionirski Park, where government supporters have camped for weeks."
    )
    assert {p.place.country for p in extraction.places} == {"SRB"}
    # a place named after another keeps it: "Prefectura de Lima" is in Lima
    spanish = extract_text(
        "Castillo pasó la noche en la sede de la Prefectura de Lima.", language="es"
    )
    assert [p.text for p in spanish.places] == ["Lima"]


def test_places_a_dateline_in_capitals_keeps_its_article(extract_text) -> None:
    # "LA PAZ" is La Paz, Bolivia; "la Defensoría del Pueblo" is no Puebla, Mexico
    extraction = extract_text(
        "LA PAZ, 3 de marzo — La Central Obrera Boliviana rechazó el decreto del Gobierno. La "
        "Defensoría del Pueblo pidió abrir un diálogo.",
        language="es",
    )
    assert {p.place.country for p in extraction.places} == {"BOL"}
    assert any(p.place.name == "La Paz" for p in extraction.places)


def test_places_a_repeated_name_is_read_by_the_rest_of_the_document(extract_text) -> None:
    # four "Cordoba"s, read first as Argentina's, would make Argentina the focus and so
    # vote for their own first reading; the rest of the report is about Spain
    extraction = extract_text(
        "Thousands marched in Cordoba on Monday. In Cordoba, police detained 12 protesters. "
        "Unions in Cordoba called a strike for Thursday. The government of Spain condemned "
        "the violence."
    )
    cordoba = {
        (p.place.country, p.place.precision) for p in extraction.places if p.text == "Cordoba"
    }
    assert cordoba == {("ESP", 1)}
    spanish = extract_text(
        "Miles de personas marcharon en Córdoba el lunes. En Córdoba, la policía detuvo a 12 "
        "manifestantes. Los sindicatos de Córdoba convocaron una huelga. Las protestas se "
        "extendieron a otras ciudades de España.",
        language="es",
    )
    assert {p.place.country for p in spanish.places if p.text == "Córdoba"} == {"ESP"}


def test_places_a_name_used_as_a_place_is_that_place_wherever_it_stands(extract_text) -> None:
    # the recognizer takes some of these for a body or a person; the document says otherwise
    extraction = extract_text(
        "Shelling hit Kharkiv on Monday, officials said. Kharkiv was without power for hours. "
        "The Kharkiv police force said two men were arrested, and the Kharkiv mayor called for "
        "calm."
    )
    kharkiv = [p for p in extraction.places if p.text == "Kharkiv"]
    assert len(kharkiv) == 4
    assert {p.place.country for p in kharkiv} == {"UKR"}
    spanish = extract_text(
        "Hubo enfrentamientos en Tumbes el sábado. Tumbes vivió una jornada tensa. El "
        "gobernador Tumbes dijo que Tumbes necesita diálogo.",
        language="es",
    )
    assert [p.place.country for p in spanish.places if p.text == "Tumbes"] == ["PER"] * 4


def test_places_a_small_town_cities1000_lacks_is_found_beside_its_neighbours(
    extract_text,
) -> None:
    extraction = extract_text(
        "Riots broke out in Tottenham on Saturday night. Police in London said 40 people were "
        "arrested in Tottenham and Peckham."
    )
    places = {p.text: (p.place.country, p.place.admin1) for p in extraction.places}
    assert places["Tottenham"] == ("GBR", "England")  # not Tottenham, Ontario
    assert places["Peckham"] == ("GBR", "England")
    spanish = extract_text(
        "La policía dispersó una marcha en Miraflores el lunes. Miles de personas protestaron "
        "en Lima contra el Congreso.",
        language="es",
    )
    [miraflores] = [p for p in spanish.places if p.text == "Miraflores"]
    assert (miraflores.place.country, miraflores.place.admin1) == ("PER", "Lima")


def test_places_a_feature_word_ending_an_unknown_name_is_no_place_of_its_own(
    extract_text,
) -> None:
    # "Delta" alone is Nigeria's Delta State, "East" a region of Cameroon
    extraction = extract_text(
        "Floods cut roads across the Mekong Delta and Moreton Bay on Monday, and tensions rose "
        "in the Middle East."
    )
    named = {p.text: p.place for p in extraction.places}
    assert "Delta" not in named and "East" not in named
    assert named["Middle East"].precision == 7  # a larger region: no point, no country
    assert named["Moreton Bay"].country == "AUS"  # a known name keeps its last word


def test_places_oceans_are_larger_regions_not_towns(extract_text) -> None:
    extraction = extract_text(
        "A cargo ship sank in the Pacific on Tuesday; another was lost in the Atlantic."
    )
    assert [(p.text, p.place.country, p.place.precision) for p in extraction.places] == [
        ("Pacific", "", 7),  # not Pacific, Missouri
        ("Atlantic", "", 7),  # not Atlantic, Iowa
    ]
    spanish = extract_text(
        "Un barco de carga se hundió en el Pacífico el martes; otro desapareció en el océano "
        "Índico.",
        language="es",
    )
    assert {p.place.precision for p in spanish.places} == {7}


def test_places_a_region_noun_beside_a_name_means_the_region(extract_text) -> None:
    extraction = extract_text(
        "A cow from a Washington state farm tested positive. The head of state of Niger spoke. "
        "Officials in Washington said more tests were due."
    )
    readings = [(p.place.admin1, p.place.country, p.place.precision) for p in extraction.places]
    assert readings == [
        ("Washington", "USA", 4),  # the state
        (None, "NER", 6),  # "head of state of Niger" is no Niger State of Nigeria
        ("District of Columbia", "USA", 1),  # the capital, in the region ISO names
    ]
    spanish = extract_text(
        "Los maestros bloquearon rutas en el departamento de La Paz el lunes.", language="es"
    )
    regions = {p.text: (p.place.country, p.place.precision) for p in spanish.places}
    assert regions == {"La Paz": ("BOL", 4)}  # the department, not the seat of government
    # "the Houston region": no region of that name, so no Houston County either
    houston = extract_text("Nine cases of the virus were found in the Houston region.")
    assert [p.place.precision for p in houston.places] == [1]


def test_places_a_name_listed_among_regions_is_the_region(extract_text) -> None:
    extraction = extract_text(
        "Farm workers fell ill in Idaho, Washington and Montana last week. In Canada, clinics "
        "in Saskatchewan, Ontario and New Brunswick saw cases. Officials in Washington said "
        "more tests were due."
    )
    readings = [
        (p.text, p.place.admin1, p.place.country, p.place.precision) for p in extraction.places
    ]
    assert ("Washington", "Washington", "USA", 4) in readings[:3]  # the state, not the capital
    assert ("Ontario", "Ontario", "CAN", 4) in readings  # not Ontario, California
    assert ("New Brunswick", "New Brunswick", "CAN", 4) in readings  # not New Jersey's
    assert readings[-1] == ("Washington", "District of Columbia", "USA", 1)  # no list: the capital
    # a town inside the region of its name stays the town
    spanish = extract_text("Hubo marchas en Lima, Cusco y Puno el lunes.", language="es")
    towns = {p.text: (p.place.country, p.place.precision) for p in spanish.places}
    assert towns["Lima"] == ("PER", 1)


def test_places_a_material_event_takes_a_place_deep_in_its_own_words(extract_text) -> None:
    # the town hangs from the people fired on, or from the last of the things burned
    fired = extract_text(
        "Soldiers opened fire on dozens of farmers who were camping at a market in Kumasi, "
        "Ghana, on Monday."
    )
    shooting = only_event(fired, "ASSAULT")
    assert shooting.place is not None and shooting.place.admin1 == "Ashanti"
    burned = extract_text(
        "Rioters set fire to two banks, a courthouse and several shops in Kumasi, Ghana."
    )
    arson = only_event(burned, "ASSAULT")
    assert arson.place is not None and arson.place.admin1 == "Ashanti"


def test_places_a_deep_place_in_spanish_and_several_regions_setting_none(extract_text) -> None:
    arrested = extract_text(
        "Grupos civiles han elaborado listas con decenas de detenidos, entre ellos el "
        "dirigente Juan Pérez, arrestado en Cochabamba.",
        language="es",
    )
    # the listed detainees are arrests of their own; Pérez's is the one placed in Cochabamba
    arrest = next(
        e for e in arrested.events if e.recipient is not None and "Pérez" in e.recipient.text
    )
    assert arrest.place is not None and arrest.place.admin1 == "Cochabamba"
    listed = extract_text(
        "Soldiers opened fire on dozens of farmers who were camping at markets in Kumasi "
        "and Tamale, Ghana."
    )
    arson = only_event(listed, "ASSAULT")
    assert arson.place is not None and arson.place.precision == 6


def test_places_the_capital_written_bare_is_the_report_country_s(extract_text) -> None:
    told = extract_text(
        "Ecuadorian teachers protested in Guayaquil on Monday. In the capital, thousands of "
        "teachers marched to the National Assembly."
    )
    march = told.events[-1]
    assert march.place is not None and march.place.name == "Quito"
    dicho = extract_text(
        "Miles de docentes ecuatorianos protestaron en Guayaquil. En la capital, miles de "
        "docentes marcharon hacia la Asamblea.",
        language="es",
    )
    marcha = dicho.events[-1]
    assert marcha.place is not None and marcha.place.name == "Quito"


def test_places_the_capital_before_a_name_is_that_name(extract_text) -> None:
    # Rwanda is the country most named, yet "the capital" here is the Congo's
    for text in (
        "Troops gathered in Rwanda on Monday and officials in Rwanda denied it, while in "
        "the capital Kinshasa crowds marched.",
        "Rwanda denied the claims on Monday, while in the capital, Kinshasa, crowds marched. "
        "Rwanda and Uganda were blamed.",
    ):
        named = [(p.text, p.place.name) for p in extract_text(text).places]
        assert ("capital", "Kigali") not in named
        assert ("Kinshasa", "Kinshasa") in named


def test_places_a_capital_qualified_is_no_country_s_capital(extract_text) -> None:
    extraction = extract_text(
        "Ecuadorian teachers protested in the provincial capital of Loja on Monday."
    )
    assert all(
        mention.place is None or mention.place.name != "Quito" for mention in extraction.places
    )


def test_places_a_word_for_a_site_is_no_place_on_its_own(extract_text) -> None:
    # "la Plaza de Mayo" cut short by the recognizer is not Plaza, a village in Poland
    extraction = extract_text(
        "La policía dispersó a los jubilados en la Plaza de Mayo de Buenos Aires.", language="es"
    )
    assert [(p.text, p.place.country) for p in extraction.places] == [("Buenos Aires", "ARG")]


def test_places_town_comma_region_abroad_is_read_in_the_region(extract_text) -> None:
    extraction = extract_text(
        "Samples from the ward were flown to a laboratory in Atlanta, Georgia, for tests. "
        "Doctors in Kinshasa and Goma said the outbreak was spreading in Congo."
    )
    georgia = next(p.place for p in extraction.places if p.text == "Georgia")
    assert (georgia.country, georgia.admin1, georgia.precision) == ("USA", "Georgia", 4)
