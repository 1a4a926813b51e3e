"""A time that names its day dates an event: "this morning", "later today", "esta mañana"
(the report's day), "Saturday night" (the Saturday)."""

from __future__ import annotations

import pytest

from expect import day, only_event


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        ("Soldiers detained two reporters this morning outside the palace.", "COERCE", day(14)),
        ("Riot police fired tear gas at students this afternoon.", "ASSAULT", day(14)),
        ("In a speech on Monday night, the mayor accused the army of abuses.", "ACCUSE", day(12)),
    ],
)
def test_dates_day_part_dates_the_event_english(extract_text, text, event_type, expected):
    # Published on Wednesday 14 December 2022.
    assert only_event(extract_text(text), event_type).date == expected


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("La policía detuvo esta mañana a dos periodistas frente al palacio.", "COERCE"),
        ("Los estudiantes marcharon esta tarde hacia el Congreso.", "PROTEST"),
    ],
)
def test_dates_day_part_dates_the_event_spanish(extract_text, text, event_type):
    assert only_event(extract_text(text, language="es"), event_type).date == day(14)


def test_dates_later_today_is_the_report_s_day(run_pipeline):
    doc = run_pipeline(
        "The foreign minister is expected in Beirut later today to meet the president."
    )
    assert [(m.span.text, m.date) for m in doc._.dates] == [("later today", day(14))]
