"""Figures (quipu.nlp.figures): how many were killed, injured, arrested or took part."""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.nlp import ActorDirectory
from quipu.nlp.figures import find_figures, is_official, is_tally


def _figures(run_pipeline, lexicon, text: str) -> list[tuple[str, int, int | None, int | None]]:
    doc = run_pipeline(text)
    found = []
    for sent in doc.sents:
        for mention in find_figures(sent, lexicon=lexicon):
            figure = mention.figure
            found.append((mention.kind, figure.best, figure.low, figure.high))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 26 people were killed in the clashes.", ("killed", 26, 26, None)),
        ("More than 40 people were injured in Juliaca.", ("injured", 41, 41, None)),
        ("Police detained nearly 50 protesters in Lima.", ("arrested", 50, None, 50)),
        ("Police injured between 20 and 30 protesters in Juliaca.", ("injured", 20, 20, 30)),
        ("Dozens of people were arrested in Cusco.", ("arrested", 12, 12, 99)),
        ("Twenty-six people died in the unrest.", ("killed", 26, 26, 26)),
        ("Hundreds of protesters gathered in Puno.", ("participants", 100, 100, 999)),
        ("Soldiers killed 12 farmers near Ayacucho.", ("killed", 12, 12, 12)),
        ("Six soldiers drowned in the Ilave river.", ("killed", 6, 6, 6)),
        ("A police officer was killed overnight in Juliaca.", ("killed", 1, 1, 1)),
        ("One protester died in Lima on Saturday.", ("killed", 1, 1, 1)),
        ("Police detained a union leader in Cusco.", ("arrested", 1, 1, 1)),
        # what the verb's complement says of the one person; a noun in apposition
        ("A shopkeeper was shot dead outside his store.", ("killed", 1, 1, 1)),
        ("A farmer was beaten to death by a mob.", ("killed", 1, 1, 1)),
        ("The last of them, a retired teacher, was killed near the bridge.", ("killed", 1, 1, 1)),
        # an article before a word for many people counts them, not one person
        ("A total of 85 people were detained on Friday.", ("arrested", 85, 85, 85)),
        # the attack is not one of the dead; the toll is not one death
        ("An attack killed three farmers near Ayacucho.", ("killed", 3, 3, 3)),
        ("A death toll of 26 was announced on Monday.", ("killed", 26, 26, 26)),
    ],
)
def test_figures_quantity_and_kind(
    run_pipeline, lexicon, text: str, expected: tuple[str, int, int | None, int | None]
) -> None:
    assert _figures(run_pipeline, lexicon, text) == [expected]


def test_figures_more_than_sets_a_floor_above_the_number(run_pipeline, lexicon) -> None:
    [(kind, best, low, high)] = _figures(
        run_pipeline, lexicon, "More than 40 people were injured in Juliaca."
    )
    assert kind == "injured"
    assert low is not None and low > 40 and best >= low
    assert high is None


def test_figures_range_bounds_the_best_estimate(run_pipeline, lexicon) -> None:
    [(_, best, low, high)] = _figures(
        run_pipeline, lexicon, "Police injured between 20 and 30 protesters in Juliaca."
    )
    assert (low, high) == (20, 30)
    assert low <= best <= high


def test_figures_years_and_dates_are_not_figures(run_pipeline, lexicon) -> None:
    text = "On 12 December 2022, police arrested 30 protesters in Lima."
    assert _figures(run_pipeline, lexicon, text) == [("arrested", 30, 30, 30)]


def test_figures_a_quantity_with_a_separator_is_no_year(run_pipeline, lexicon) -> None:
    text = "By Friday more than 2,000 people had been detained across the country."
    assert _figures(run_pipeline, lexicon, text) == [("arrested", 2001, 2001, None)]


def test_figures_number_without_a_kind_is_left_out(run_pipeline, lexicon) -> None:
    assert _figures(run_pipeline, lexicon, "Congress has 130 seats.") == []


def test_figures_event_casualties_go_to_the_event(extract_text) -> None:
    extraction = extract_text("Police killed six protesters in Juliaca on Monday.")
    [event] = extraction.events
    assert event.type == "ASSAULT"
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.text) == (6, "six")
    assert event.injuries is None and event.arrests is None


def test_figures_protest_size(extract_text) -> None:
    extraction = extract_text("Thousands of protesters marched in Lima on Monday.")
    [event] = extraction.events
    assert event.type == "PROTEST"
    assert event.size is not None
    assert (event.size.best, event.size.low) == (1000, 1000)
    assert event.fatalities is None


def test_figures_tally_is_a_count_not_an_event_figure(extract_text) -> None:
    extraction = extract_text("The death toll from the protests rose to 26 on Monday.")
    assert all(e.fatalities is None for e in extraction.events)
    [count] = extraction.counts
    assert (count.kind, count.best, count.low, count.high) == ("killed", 26, 26, 26)
    assert count.as_of is not None
    assert count.as_of.start == dt.date(2022, 12, 12)


def test_figures_tally_without_a_date_is_as_of_publication(extract_text) -> None:
    extraction = extract_text("So far, 18 people have died in the unrest.")
    [count] = extraction.counts
    assert count.kind == "killed" and count.best == 18
    assert count.as_of is not None
    assert (count.as_of.start, count.as_of.end) == (dt.date(2022, 12, 14), dt.date(2022, 12, 14))


def test_figures_official_tally(extract_text) -> None:
    extraction = extract_text("The health ministry said 26 people had died so far.")
    [count] = extraction.counts
    assert (count.kind, count.best, count.official) == ("killed", 26, True)
    assert count.certainty == "attributed"


def test_figures_unofficial_tally(extract_text) -> None:
    extraction = extract_text("Local residents said 30 people had died so far.")
    [count] = extraction.counts
    assert (count.kind, count.best, count.official) == ("killed", 30, False)


def test_figures_is_tally_and_is_official(run_pipeline, lexicon) -> None:
    tally = next(run_pipeline("The death toll rose to 26, according to the ombudsman.").sents)
    event = next(run_pipeline("Police killed six protesters in Juliaca.").sents)
    assert is_tally(tally, lexicon=lexicon)
    assert is_official(tally, lexicon=lexicon)
    assert not is_tally(event, lexicon=lexicon)
    assert not is_official(event, lexicon=lexicon)


def test_figures_counts_keep_their_evidence(extract_text) -> None:
    text = "Protests continued.\n\nSo far, 18 people have died in the unrest."
    [count] = extract_text(text).counts
    evidence = count.evidence
    assert evidence.sentence == "So far, 18 people have died in the unrest."
    assert text[evidence.start : evidence.end] == evidence.sentence


def test_figures_a_crowd_that_attacks_gives_the_attack_its_size(extract_text) -> None:
    extraction = extract_text("About 300 protesters attacked the police station in Juli.")
    [attack] = extraction.events
    assert attack.type == "ASSAULT"
    assert attack.size is not None
    assert (attack.size.best, attack.size.low, attack.size.high) == (300, None, None)


def test_figures_a_toll_given_only_as_its_parts_is_their_sum(extract_text) -> None:
    extraction = extract_text(
        "The ombudsman reported 32 civilians and 24 police officers injured on Monday."
    )
    assert sorted(c.best for c in extraction.counts if c.kind == "injured") == [24, 32, 56]


def test_figures_a_toll_that_gives_its_parts_is_not_added_twice(extract_text) -> None:
    extraction = extract_text(
        "Prosecutors said 42 people had died, 41 protesters and one police officer."
    )
    assert 83 not in [c.best for c in extraction.counts]


def test_figures_a_casualty_figure_is_its_event_s_region(extract_text) -> None:
    extraction = extract_text(
        "At least 17 people were killed in clashes near the airport in Juliaca, in the Puno "
        "region, according to the ombudsman."
    )
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.place is not None and toll.place.admin1 == "Puno"


def test_figures_a_running_toll_stays_national_and_people_from_a_region_are_its(
    extract_text,
) -> None:
    extraction = extract_text(
        "LIMA, Peru – The death toll in Peru since the protests began rose to 41 on Monday, "
        "the ombudsman said. A resident said 21 people from Puno had been killed."
    )
    places = {c.best: c.place for c in extraction.counts if c.kind == "killed"}
    assert places[41] is not None and places[41].admin1 is None
    assert places[21] is not None and places[21].admin1 == "Puno"


def test_figures_a_town_s_report_files_its_figures_under_its_region(extract_text) -> None:
    extraction = extract_text(
        "ILAVE, Peru, Mar 6 – One soldier drowned after an army patrol tried to cross the "
        "Ilave river in the southern region of Puno on Sunday, the Joint Command said.",
        published=dt.date(2023, 3, 6),
    )
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.place is not None and toll.place.admin1 == "Puno"
    # "tried to cross … on Sunday": the day of the attempt is the day of the death
    assert toll.as_of is not None and toll.as_of.start == dt.date(2023, 3, 5)


def test_figures_told_in_the_past_stand_as_of_the_story_s_day_and_running_totals_as_of_the_report(
    extract_text,
) -> None:
    extraction = extract_text(
        "One soldier drowned on Sunday when a patrol crossed the Ilave river.\n\n"
        "Five others were treated for hypothermia at the hospital. Officials said 60 people "
        "had been killed since the protests began.",
        published=dt.date(2023, 3, 6),
    )
    as_of = {c.best: c.as_of.start if c.as_of else None for c in extraction.counts}
    assert as_of[5] == dt.date(2023, 3, 5)
    assert as_of[60] == dt.date(2023, 3, 6)


def test_figures_a_date_of_the_clause_beside_does_not_date_a_figure(extract_text) -> None:
    extraction = extract_text(
        "Seven soldiers were treated for hypothermia on Sunday and six remained in hospital on "
        "Monday, health officials said.",
        published=dt.date(2023, 3, 7),
    )
    as_of = {c.best: c.as_of.start if c.as_of else None for c in extraction.counts}
    assert as_of.get(7) == dt.date(2023, 3, 5)
    assert as_of.get(6) == dt.date(2023, 3, 6)


def test_figures_people_detained_a_day_earlier_stand_as_of_that_day(extract_text) -> None:
    extraction = extract_text(
        "In Lima, prosecutors on Sunday ordered the release of 192 of the 193 people detained "
        "during the police raid a day earlier.",
        published=dt.date(2023, 1, 27),
    )
    as_of = {c.best: c.as_of.start if c.as_of else None for c in extraction.counts}
    assert as_of[193] == dt.date(2023, 1, 21)


def test_figures_the_missing_are_not_counted_as_dead(extract_text) -> None:
    extraction = extract_text(
        "One soldier drowned and five others were missing after the patrol crossed the river."
    )
    # the five are a count of their own kind, not dead
    assert [(c.kind, c.best) for c in extraction.counts] == [("killed", 1), ("missing", 5)]


def test_figures_the_office_that_goes_on_speaking_is_the_one_named_and_speaks_that_day(
    extract_text,
) -> None:
    extraction = extract_text(
        "Twenty-six people have died in two weeks of unrest, the ombudsman's office said on "
        "Monday, as the government struggled to contain protests.\n\n"
        "Hundreds of people, among them police officers, have been injured since the "
        "demonstrations began, the office said."
    )
    [injured] = [c for c in extraction.counts if c.kind == "injured"]
    assert injured.source is not None and "ombudsman" in injured.source.name.lower()
    # the office's statement of Monday, not the report's day (Wednesday 14 December)
    assert injured.as_of is not None and injured.as_of.start == dt.date(2022, 12, 12)


def test_figures_a_source_s_undated_figures_take_no_day_from_another_source(extract_text) -> None:
    extraction = extract_text(
        "Twenty-six people have died, the ombudsman's office said on Monday.\n\n"
        "Hundreds of people have been injured since the protests began, the health ministry "
        "said."
    )
    [injured] = [c for c in extraction.counts if c.kind == "injured"]
    assert injured.as_of is not None and injured.as_of.start == dt.date(2022, 12, 14)


def test_figures_a_part_of_a_group_another_number_counts_is_not_that_group(extract_text) -> None:
    extraction = extract_text(
        "In Lima, prosecutors on Sunday ordered the release of 192 of the 193 people detained "
        "during the police raid a day earlier."
    )
    # the 192 were released: only the 193 are a count of people detained
    assert [(c.kind, c.best) for c in extraction.counts] == [("arrested", 193)]


def test_figures_the_statement_is_who_made_it_and_a_named_domestic_body_is_official(
    extract_text,
) -> None:
    directory = ActorDirectory.load()
    extraction = extract_text(
        "ILAVE, Peru – One soldier drowned on Sunday, Peru's Joint Command of the Armed Forces "
        "said.\n\nAccording to the Joint Command, protesters blocked the road. Six soldiers were "
        "swept away. Five others were treated for hypothermia, the statement said.",
        directory=directory,
    )
    sources = {c.best: (c.source.name if c.source else None, c.official) for c in extraction.counts}
    assert sources == {1: ("Armed Forces of Peru", True), 5: ("Armed Forces of Peru", True)}


def test_figures_a_present_perfect_toll_stands_as_of_its_report(extract_text) -> None:
    extraction = extract_text(
        "Fighting broke out on Monday in the north of the country.\n\n"
        "Airstrikes by the army have killed at least 50 militants in the region, the "
        "intelligence agency said."
    )
    [toll] = [c for c in extraction.counts if c.best == 50]
    # a result told in the present perfect, not a happening of Monday
    assert toll.as_of is not None and toll.as_of.start == dt.date(2022, 12, 14)


def test_figures_a_present_perfect_toll_stands_as_of_its_report_in_spanish(extract_text) -> None:
    extraction = extract_text(
        "Los combates comenzaron el lunes en el norte del país.\n\n"
        "La Gobernación dijo que los bombardeos del ejército han dejado al menos 30 muertos "
        "en la región.",
        language="es",
    )
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.as_of is not None and toll.as_of.start == dt.date(2022, 12, 14)
    assert toll.official


def test_figures_a_toll_counted_since_a_day_stands_as_of_its_report(extract_text) -> None:
    extraction = extract_text(
        "Troops entered the regional capital on Monday.\n\n"
        "The refugee agency said more than 4,000 people had fled across the border since "
        "early December."
    )
    [fled] = [c for c in extraction.counts if c.kind == "displaced"]
    assert fled.as_of is not None and fled.as_of.start == dt.date(2022, 12, 14)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "**Nairobi, 14 December 2022.** The observatory recorded two attacks carried out "
            "on Monday 12 December.\n\n"
            "In the first, a truck loaded with explosives was detonated near a barracks. Six "
            "civilians died, according to the health department.",
            "en",
        ),
        (
            "**Bogotá, 14 de diciembre de 2022.** El Observatorio registra dos ataques "
            "perpetrados el lunes 12 de diciembre.\n\n"
            "Un camión cargado con explosivos fue detonado junto a un cuartel. Según la "
            "Secretaría de Salud, seis civiles murieron.",
            "es",
        ),
    ],
)
def test_figures_a_dateline_sentence_is_the_report_s_day_not_the_story_s(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    # the attacks of Monday, not the day the bulletin was filed
    assert toll.as_of is not None and toll.as_of.start == dt.date(2022, 12, 12)
    assert toll.official


def test_figures_a_second_clause_of_what_was_said_is_said_that_day(extract_text) -> None:
    extraction = extract_text(
        "El Ejército dijo el lunes que desde el 1 de diciembre han sido detenidas más de 800 "
        "personas en operaciones contra las bandas, y que cuatro presuntos miembros de esas "
        "bandas murieron en enfrentamientos.",
        language="es",
    )
    # the parser joins "y que ... murieron" to "dijo": it is still said on Monday, and the
    # "desde" of the detentions does not date it
    [toll] = [c for c in extraction.counts if c.kind == "killed"]
    assert toll.as_of is not None and toll.as_of.start == dt.date(2022, 12, 12)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("After the clashes, the police announced the arrest of five protesters.", "en"),
        ("Tras los disturbios, la Policía anunció la captura de cinco manifestantes.", "es"),
    ],
)
def test_figures_who_announces_an_arrest_gives_its_figure(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    [arrested] = [c for c in extraction.counts if c.kind == "arrested"]
    assert arrested.best == 5
    assert arrested.source is not None and "polic" in arrested.source.name.lower()
    assert arrested.official


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "U.N. Resident Coordinator for Chad Peter Holloway briefed reporters on Tuesday.\n\n"
            "Holloway said tens of thousands of people have fled to the border in recent days.",
            "en",
        ),
        (
            "El coordinador residente de la ONU en Chad, Pedro Holguín, habló el martes con la "
            "prensa.\n\nHolguín dijo que unas 20.000 personas han huido hacia la frontera en "
            "los últimos días.",
            "es",
        ),
    ],
)
def test_figures_a_person_is_as_official_as_the_report_introduced_them(
    extract_text, text: str, language: str
) -> None:
    extraction = extract_text(text, language=language)
    [fled] = [c for c in extraction.counts if c.kind == "displaced"]
    assert fled.source is not None and "Hol" in fled.source.text
    assert fled.official


def test_figures_a_few_people_harmed_are_a_count_a_few_who_acted_are_not(extract_text) -> None:
    harmed = extract_text("Several villagers were injured when the bridge was shelled.")
    assert [(c.kind, c.best, c.low, c.high) for c in harmed.counts] == [("injured", 3, 3, 9)]
    es = extract_text("Los choques en la plaza dejaron varios muertos.", language="es")
    assert [(c.kind, c.low) for c in es.counts] == [("killed", 3)]
    # a part of a group, and a few people who did something, are no toll
    part = extract_text("Many of the wounded were hit by rubber bullets.")
    assert part.counts == []
    acted = extract_text("Some protesters threw stones at the riot police.")
    assert acted.counts == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Soldiers detained a group of students near the campus.", "en"),
        ("Un grupo de vecinos fue detenido frente a la comisaría.", "es"),
    ],
)
def test_figures_a_group_is_not_one_person(extract_text, text: str, language: str) -> None:
    assert [c.best for c in extract_text(text, language=language).counts if c.best == 1] == []
