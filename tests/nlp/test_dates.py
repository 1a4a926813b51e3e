"""Dates (quipu.nlp.dates): date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.nlp.dates import narrative_offset, resolve_expression
from quipu.records import DateSpan

from expect import day, only_event


def _dates(run_pipeline, text: str, published: dt.date = dt.date(2022, 12, 14)):
    doc = run_pipeline(text, published=published)
    return [(m.span.text, m.date) for m in doc._.dates]


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Castillo was arrested on December 6, 2022.", "December 6, 2022", day(6)),
        ("Protesters marched in Lima on 12 December 2022.", "12 December 2022", day(12)),
        ("Police arrested 12 protesters on Monday.", "Monday", day(12)),
        ("Police arrested 12 protesters yesterday.", "yesterday", day(13)),
        ("Protesters marched on the 10th of December.", "the 10th of December", day(10)),
    ],
)
def test_dates_resolved_against_publication(
    run_pipeline, text: str, expression: str, expected: DateSpan
) -> None:
    # Published on Wednesday 14 December 2022.
    assert _dates(run_pipeline, text) == [(expression, expected)]


def test_dates_weekday_of_publication_is_that_day(run_pipeline) -> None:
    # A Wednesday report's "on Wednesday" is the same day, not a week before.
    found = _dates(run_pipeline, "Police arrested 12 protesters on Wednesday.")
    assert found == [("Wednesday", day(14))]


def test_dates_weekday_and_day_of_month_are_one_date(run_pipeline) -> None:
    found = _dates(
        run_pipeline,
        "The toll rose to 26 on Monday, the 19th of December.",
        published=dt.date(2022, 12, 20),
    )
    assert found == [("Monday, the 19th of December", day(19))]


def test_dates_weekday_with_month_and_day(run_pipeline) -> None:
    found = _dates(
        run_pipeline, "Protesters marched on Tuesday, December 13.", published=dt.date(2022, 12, 20)
    )
    assert found == [("Tuesday, December 13", day(13))]


@pytest.mark.parametrize(
    ("text", "language", "said", "when"),
    [
        # a length of time after the comma is no part of the date; what it governs lies
        # that long before the day
        ("A student died in hospital on Monday, two days after police detained her.", "en", 12, 10),
        ("The minister resigned on Tuesday, a week after troops fired on the crowd.", "en", 13, 6),
        (
            "El alcalde renunció el lunes, dos días después de que la policía detuvo al edil.",
            "es",
            12,
            10,
        ),
    ],
)
def test_dates_offset_after_a_day_dates_what_it_governs_before_that_day(
    run_pipeline, text: str, language: str, said: int, when: int
) -> None:
    # Published on Wednesday 14 December 2022.
    doc = run_pipeline(text, published=dt.date(2022, 12, 14), language=language)
    assert [m.date for m in doc._.dates] == [day(said), day(when)]


def test_dates_offset_counts_from_the_last_date_given(run_pipeline) -> None:
    doc = run_pipeline(
        "Castillo was arrested on December 7. One day before, Congress had met in Lima."
    )
    assert [(m.date, m.absolute) for m in doc._.dates] == [(day(7), True), (day(6), False)]


def test_dates_day_after_gives_the_event_its_date(extract_text) -> None:
    extraction = extract_text(
        "Congress impeached Pedro Castillo on December 7. "
        "The day after, protesters blocked the highway to Arequipa."
    )
    protest = next(e for e in extraction.events if e.type == "PROTEST")
    assert protest.date == day(8)


LIVE_PAGES = {
    "en": (
        "Key developments (all times local)\n\n"
        "- Protesters marched on the parliament in Nairobi on Sunday.\n\n"
        "09:40 – Police fired tear gas at students outside the university.\n\n"
        "**11:05** – The interior minister accused the opposition of inciting violence.\n"
    ),
    "es": (
        "Resumen de la jornada (hora local)\n\n"
        "- Miles de personas marcharon el domingo hacia el Congreso en Tegucigalpa.\n\n"
        "**8:15 a. m.** – La policía lanzó gases lacrimógenos contra los estudiantes.\n\n"
        "10:30 – El ministro del Interior acusó a la oposición de incitar a la violencia.\n"
    ),
}


@pytest.mark.parametrize("language", sorted(LIVE_PAGES))
def test_dates_a_live_page_entry_stamped_with_a_time_is_of_the_page_s_day(
    extract_text, language
) -> None:
    # Published on Wednesday 14 December 2022: the march was on Sunday the 11th; what the
    # entries posted at 09:40 and 11:05 tell without a day of their own, on the 14th.
    extraction = extract_text(LIVE_PAGES[language], language=language)
    dates = {event.type: event.date for event in extraction.events}
    assert dates["PROTEST"] == day(11)
    assert dates["ASSAULT"] == day(14) and dates["ACCUSE"] == day(14)


def test_dates_offset_without_an_earlier_date_is_not_resolved(run_pipeline) -> None:
    assert _dates(run_pipeline, "The day after, protesters blocked the highway.") == []


def test_dates_since_runs_to_publication(run_pipeline) -> None:
    found = _dates(run_pipeline, "The teachers have been on strike since July 2021.")
    assert len(found) == 1
    _, date = found[0]
    assert (date.start, date.end) == (dt.date(2021, 7, 1), dt.date(2022, 12, 14))
    assert date.precision >= 4


@pytest.mark.parametrize(
    "text",
    [
        "The government declared a state of emergency for 30 days.",
        "Protesters have blocked the road for two weeks.",
        "The court ordered 18 months of pre-trial detention.",
    ],
)
def test_dates_durations_are_not_dates(run_pipeline, text: str) -> None:
    assert _dates(run_pipeline, text) == []


def test_dates_duration_is_not_the_event_date(extract_text) -> None:
    extraction = extract_text("The government declared a state of emergency for 30 days.")
    assert [e.date for e in extraction.events] == [None]


def test_dates_month_without_year_in_next_year_report_is_last_year(run_pipeline) -> None:
    found = _dates(
        run_pipeline,
        "Police arrested 12 protesters on December 14.",
        published=dt.date(2023, 1, 10),
    )
    assert found == [("December 14", day(14, year=2022))]


def test_dates_last_week_is_the_calendar_week_before(run_pipeline) -> None:
    # published Wednesday 14 December 2022: last week ran Monday 5 to Sunday 11
    found = _dates(run_pipeline, "Police arrested 12 protesters last week.")
    assert found == [("last week", DateSpan(dt.date(2022, 12, 5), dt.date(2022, 12, 11), 3))]


def test_dates_this_week_does_not_start_on_the_day_of_the_report(run_pipeline) -> None:
    found = _dates(run_pipeline, "Police arrested 12 protesters this week.")
    assert found == [("this week", DateSpan(dt.date(2022, 12, 12), dt.date(2022, 12, 18), 3))]


def test_dates_earlier_this_month_ends_the_day_before_the_report(run_pipeline) -> None:
    found = _dates(run_pipeline, "Earlier this month, police arrested 12 protesters.")
    assert [date for _, date in found] == [DateSpan(dt.date(2022, 12, 1), dt.date(2022, 12, 13), 4)]


def test_dates_month_alone_is_a_month(run_pipeline) -> None:
    found = _dates(run_pipeline, "Protests began in December.")
    assert found == [("December", DateSpan(dt.date(2022, 12, 1), dt.date(2022, 12, 31), 4))]


def test_dates_year_alone_is_a_year(run_pipeline) -> None:
    found = _dates(run_pipeline, "Soldiers killed farmers in Ayacucho in 1992.")
    assert found == [("1992", DateSpan(dt.date(1992, 1, 1), dt.date(1992, 12, 31), 5))]


def test_dates_resolve_expression_directly(lexicon) -> None:
    published = dt.date(2022, 12, 14)
    assert resolve_expression("yesterday", published=published, lexicon=lexicon) == day(13)
    assert resolve_expression("the 7th of December", published=published, lexicon=lexicon) == (
        day(7)
    )
    assert resolve_expression("18 months", published=published, lexicon=lexicon) is None
    assert resolve_expression("two weeks", published=published, lexicon=lexicon) is None


def test_dates_narrative_offset_directly(lexicon) -> None:
    anchor = day(7)
    assert narrative_offset("One day before, Congress met.", anchor=anchor, lexicon=lexicon) == (
        day(6)
    )
    assert narrative_offset("That same day, police fired.", anchor=anchor, lexicon=lexicon) == (
        anchor
    )
    assert narrative_offset("Protesters met again.", anchor=anchor, lexicon=lexicon) is None


def test_dates_previous_weekday_counts_from_the_last_date_given(run_pipeline) -> None:
    # Published Friday 23 Dec: "the previous Friday" is the 16th, not the day of publication.
    found = _dates(
        run_pipeline,
        "Congress approved the reform on Tuesday. The previous Friday, lawmakers had "
        "rejected an earlier version.",
        published=dt.date(2022, 12, 23),
    )
    assert [date for _, date in found] == [day(20), day(16)]


def test_dates_story_date_carries_to_later_paragraphs(extract_text) -> None:
    extraction = extract_text(
        "Castillo announced on Monday that he was dissolving Congress.\n\n"
        "Police detained him hours later.\n\n"
        "Protesters tried to storm the airport in Arequipa."
    )
    coded = [(event.type, event.mode, event.date) for event in extraction.events]
    assert coded == [
        ("COERCE", "restrict", day(12)),
        ("COERCE", "arrest", day(12)),
        ("PROTEST", "obstruct", day(12)),
    ]


def test_dates_a_future_date_is_not_a_past_events_date(extract_text) -> None:
    extraction = extract_text(
        "Lawmakers voted on Tuesday to hold elections in April 2024. They rejected a motion."
    )
    rejection = only_event(extraction, "REJECT")
    assert rejection.date == day(13)


def test_dates_shortly_after_an_event_dated_earlier_is_that_day(extract_text) -> None:
    extraction = extract_text(
        "Protests continued on Monday across the south.\n\n"
        "Castillo made the decision on the 7th of December to dissolve the Congress.\n\n"
        "In a video released shortly after Castillo announced his decision to dissolve the "
        "Congress, the defence minister asked the armed forces to defend the constitution.",
        published=dt.date(2022, 12, 21),
    )
    assert only_event(extraction, "REQUEST").date == day(7)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("January 10", dt.date(2022, 12, 22), day(10, 1, 2023)),  # a plan for next month
        ("December 14", dt.date(2023, 1, 20), day(14)),  # last month
        ("December 14", dt.date(2022, 12, 20), day(14)),
    ],
)
def test_dates_a_day_without_a_year_is_its_nearest_occurrence(
    lexicon, text: str, published: dt.date, expected: DateSpan
) -> None:
    assert resolve_expression(text, published=published, lexicon=lexicon) == expected


def test_dates_that_monday_is_the_monday_the_text_named(run_pipeline) -> None:
    # Published Friday 10 Feb 2023: "that Monday" is 9 January, named just before.
    found = _dates(
        run_pipeline,
        "Relatives of those killed in the clashes of January 9 marched on Thursday. "
        "That Monday, hundreds of protesters had tried to reach the airport.",
        published=dt.date(2023, 2, 10),
    )
    assert [date for _, date in found] == [day(9, 1, 2023), day(9, 2, 2023), day(9, 1, 2023)]


def test_dates_an_offset_in_a_dated_sentence_counts_from_its_day(run_pipeline) -> None:
    found = _dates(
        run_pipeline,
        "Prosecutors on Sunday ordered the release of people detained in a raid a day earlier.",
    )
    assert found == [
        ("Sunday", DateSpan(dt.date(2022, 12, 11), dt.date(2022, 12, 11), 1)),
        ("a day earlier", DateSpan(dt.date(2022, 12, 10), dt.date(2022, 12, 10), 1)),
    ]
