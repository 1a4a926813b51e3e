"""Figures (quipu.nlp.figures) beyond the sample corpus: the kind of a figure from the noun
counted or from what is said of it, missing people as a kind of their own, numbers in words
with "y"/"and", vague words with modifiers, and when a sentence's figure is official."""

from __future__ import annotations

import pytest

from quipu.nlp.figures import find_figures, is_official, totals
from quipu.nlp.lexicon import load_lexicon
from quipu.records import Actor

Found = tuple[str, int, int | None, int | None]


@pytest.fixture
def figures(run_pipeline):
    """Return `figures(text, language)`: each sentence's kinded quantities and sums."""

    def run(text: str, language: str = "en") -> list[Found]:
        lexicon = load_lexicon(language)
        found = []
        for sent in run_pipeline(text, language=language).sents:
            mentions = find_figures(sent, lexicon=lexicon)
            for mention in mentions + totals(mentions, lexicon=lexicon):
                figure = mention.figure
                found.append((mention.kind, figure.best, figure.low, figure.high))
        return found

    return run


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # what is said of the people counted: "resultaron heridas", "siguen detenidos"
        ("Decenas de vecinos resultaron heridos en Tarija.", "es", ("injured", 12, 12, 99)),
        ("Cientos de estudiantes siguen detenidos.", "es", ("arrested", 100, 100, 999)),
        (
            "Thousands of villagers are said to be fleeing towards the border.",
            "en",
            ("displaced", 1000, 1000, 9999),
        ),
        # the words describing the quantity itself
        ("La fiscalía informó de decenas de agentes heridos.", "es", ("injured", 12, 12, 99)),
        # nouns and inflections of arrest, injury and death
        ("La policía logró la aprehensión de 14 personas.", "es", ("arrested", 14, 14, 14)),
        ("Cientos fueron aprehendidas en Colón.", "es", ("arrested", 100, 100, 999)),
        ("El hospital atendió a 120 personas con lesiones.", "es", ("injured", 120, 120, 120)),
        ("Tres guardias perdieron la vida en el motín.", "es", ("killed", 3, 3, 3)),
        ("Four firefighters lost their lives in the blaze.", "en", ("killed", 4, 4, 4)),
        ("About 300 others were treated for smoke inhalation.", "en", ("injured", 300, None, None)),
        # who sought or got medical care are the injured, as those treated are
        ("Clinics said 45 people sought medical help overnight.", "en", ("injured", 45, 45, 45)),
        ("Nineteen marchers received treatment for burns.", "en", ("injured", 19, 19, 19)),
        (
            "Unas 60 personas requirieron atención médica en Quito.",
            "es",
            ("injured", 60, None, None),
        ),
        ("Doce vecinos recibieron atención en el hospital.", "es", ("injured", 12, 12, 12)),
    ],
)
def test_figures_kind_from_what_is_said_of_the_counted(
    figures, text: str, language: str, expected: Found
) -> None:
    assert figures(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Treinta y cinco agentes resultaron heridos.", "es", ("injured", 35, 35, 35)),
        ("One hundred and five people were detained.", "en", ("arrested", 105, 105, 105)),
        # "close to a million", "más de un centenar": a word for one number takes modifiers
        ("Close to a million people fled the fighting.", "en", ("displaced", 10**6, None, 10**6)),
        ("Más de un centenar de personas fueron detenidas.", "es", ("arrested", 101, 101, None)),
        (
            "Several hundred students marched to the ministry.",
            "en",
            ("participants", 300, 300, 900),
        ),
        ("Varios miles de maestros marcharon en Oaxaca.", "es", ("participants", 3000, 3000, 9000)),
    ],
)
def test_figures_numbers_in_words_and_vague_words_with_modifiers(
    figures, text: str, language: str, expected: Found
) -> None:
    assert figures(text, language) == [expected]


def test_figures_two_numbers_joined_by_y_stay_two(figures) -> None:
    found = figures("Murieron cinco y seis resultaron heridos.", "es")
    assert [best for _, best, _, _ in found] == [5, 6]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("About forty fishermen are still missing.", "en", ("missing", 40, None, None)),
        ("Al menos 12 campesinos siguen desaparecidos.", "es", ("missing", 12, 12, None)),
        ("Los vecinos denuncian 30 personas desaparecidas.", "es", ("missing", 30, 30, 30)),
    ],
)
def test_figures_the_missing_are_a_kind_of_their_own(
    figures, text: str, language: str, expected: Found
) -> None:
    assert figures(text, language) == [expected]


def test_figures_one_quantity_of_two_kinds_of_people(figures) -> None:
    found = figures("El colectivo registra cientos de heridos y detenidos en Managua.", "es")
    assert sorted(found) == [("arrested", 100, 100, 999), ("injured", 100, 100, 999)]


def test_figures_a_number_joined_to_a_word_is_not_what_that_word_counts(figures) -> None:
    found = figures("A leaked memo mentions 40 dead and more than 90 wounded.")
    assert found == [("killed", 40, 40, 40), ("injured", 91, 91, None)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a crowd: a protest's verb, a verb of gathering, or coming out to protest
        (
            "Thousands of farmers gathered outside parliament.",
            "en",
            ("participants", 1000, 1000, 9999),
        ),
        (
            "Miles de jubilados salieron a la calle para protestar contra el recorte.",
            "es",
            ("participants", 1000, 1000, 9999),
        ),
        ("The police put the crowd at 40,000.", "en", ("participants", 40000, 40000, 40000)),
    ],
)
def test_figures_crowds_are_participants(
    figures, text: str, language: str, expected: Found
) -> None:
    assert figures(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "official"),
    [
        # state bodies and UN offices
        ("The health ministry said 12 people were injured.", "en", True),
        ("The UN refugee agency said 3,000 people had fled.", "en", True),
        ("According to the police, 40 people were detained.", "en", True),
        ("Según la Fiscalía, 15 personas murieron.", "es", True),
        ("La ONU calcula que 5.000 personas huyeron.", "es", True),
        # rights groups, medical associations, residents; and the one who acted is no source
        ("A local rights group said 20 people were killed.", "en", False),
        ("Police killed six protesters in the square.", "en", False),
        (
            "El observatorio contabiliza 30 muertos; el gobierno no ha dado una cifra oficial.",
            "es",
            False,
        ),
        ("Según vecinos, 4 personas murieron.", "es", False),
    ],
)
def test_figures_official_sources(run_pipeline, text: str, language: str, official: bool) -> None:
    sent = next(run_pipeline(text, language=language).sents)
    assert is_official(sent, lexicon=load_lexicon(language)) is official


def test_figures_the_missing_are_counted_apart_from_the_dead(extract_text) -> None:
    extraction = extract_text(
        "Two fishermen drowned and nine others were missing after the storm.", language="en"
    )
    assert sorted((c.kind, c.best) for c in extraction.counts) == [("killed", 2), ("missing", 9)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Between twenty and thirty people were injured.", "en", ("injured", 20, 20, 30)),
        ("About a dozen people were arrested.", "en", ("arrested", 12, None, None)),
        ("Cerca de un millar de personas fueron evacuadas.", "es", ("displaced", 1000, None, 1000)),
        # a verb of exceeding sets a floor, as "more than" does
        (
            "La cifra de detenidos en la capital supera ya los 800.",
            "es",
            ("arrested", 801, 801, None),
        ),
        ("The number of people detained has exceeded 300.", "en", ("arrested", 301, 301, None)),
        # killed by the security forces
        (
            "La Marina informó que 14 presuntos sicarios fueron abatidos en el enfrentamiento.",
            "es",
            ("killed", 14, 14, 14),
        ),
        ("Two farm workers were gunned down near the border.", "en", ("killed", 2, 2, 2)),
        # people who disappeared are missing, whatever the words beside them
        (
            "Five journalists have been forcibly disappeared since their detention.",
            "en",
            ("missing", 5, 5, 5),
        ),
        ("Nueve campesinos desaparecieron tras el ataque.", "es", ("missing", 9, 9, 9)),
        ("Tres comerciantes murieron acribillados en el mercado.", "es", ("killed", 3, 3, 3)),
        # a span of days is no figure, wherever the parser hangs its number
        (
            "Durante las seis semanas de paro murieron al menos nueve personas.",
            "es",
            ("killed", 9, 9, None),
        ),
    ],
)
def test_figures_ranges_and_modifiers_of_number_words(
    figures, text: str, language: str, expected: Found
) -> None:
    assert figures(text, language) == [expected]


@pytest.mark.parametrize(
    ("source", "official"),
    [
        (Actor(text="the UN refugee agency", name="UN refugee agency", sector="IGO"), True),
        (Actor(text="la Policía", name="Policía", sector="COP"), True),
        (Actor(text="the state Human Rights Commission", name="Human Rights Commission"), True),
        (Actor(text="Amnesty International", name="Amnesty International", sector="NGO"), False),
        (Actor(text="the Observatory", name="Syrian Observatory for Human Rights"), False),
        # a person unknown to the directory, as their title introduced them
        (Actor(text="police chief Ana Ruiz", name="Ana Ruiz"), True),
        (Actor(text="opposition leader Ana Ruiz", name="Ana Ruiz"), False),
    ],
)
def test_figures_official_by_who_gives_the_figure(
    run_pipeline, lexicon, source: Actor, official: bool
) -> None:
    # the sentence's own words would say official: the source decides first
    sent = next(run_pipeline("The ministry was silent as 40 people were said to be dead.").sents)
    assert is_official(sent, lexicon=lexicon, source=source) is official


def test_figures_official_by_the_title_of_who_gives_it_in_spanish(run_pipeline) -> None:
    sent = next(run_pipeline("Siete personas murieron.", language="es").sents)
    lexicon = load_lexicon("es")
    chief = Actor(text="el director de la Policía, Ana Ruiz", name="Ana Ruiz")
    assert is_official(sent, lexicon=lexicon, source=chief) is True
    neighbour = Actor(text="la vecina Ana Ruiz", name="Ana Ruiz")
    assert is_official(sent, lexicon=lexicon, source=neighbour) is False


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # tolls of different places are not the parts of one toll
        (
            "Cuatro manifestantes en Juliaca y dos policías en Puno murieron.",
            "es",
            [("killed", 4, 4, 4), ("killed", 2, 2, 2)],
        ),
        # people joined to others are counted as those are
        (
            "The clashes killed four protesters in Lagos and two soldiers in Abuja.",
            "en",
            [("killed", 4, 4, 4), ("killed", 2, 2, 2)],
        ),
        # the parts of one toll still add up
        (
            "Bodies of five soldiers and six civilians were found.",
            "en",
            [("killed", 5, 5, 5), ("killed", 6, 6, 6), ("killed", 11, 11, 11)],
        ),
    ],
)
def test_figures_tolls_per_place_are_not_added_up(
    figures, text: str, language: str, expected: list[Found]
) -> None:
    assert figures(text, language) == expected
