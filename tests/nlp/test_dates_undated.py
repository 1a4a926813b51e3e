"""Dates of a report without a publication date: never read against today's clock (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.nlp.dates import resolve_expression


@pytest.mark.parametrize("text", ["Monday", "yesterday", "last week", "December 14"])
def test_dates_undated_relative_expression_is_not_resolved(lexicon, text):
    assert resolve_expression(text, published=None, lexicon=lexicon) is None


@pytest.mark.parametrize(
    ("text", "start"),
    [("15 December 2022", dt.date(2022, 12, 15)), ("April 1992", dt.date(1992, 4, 1))],
)
def test_dates_undated_expression_naming_its_date_is_resolved(lexicon, text, start):
    date = resolve_expression(text, published=None, lexicon=lexicon)
    assert date is not None and date.start == start


def test_dates_undated_report_warns_and_leaves_relative_dates_out(extract_text):
    text = "Police arrested 12 protesters in Lima on Monday. Yesterday, soldiers fired on a march."
    with pytest.warns(UserWarning, match=r"^W006 tests/nlp.txt: no publication date; 2 relative"):
        extraction = extract_text(text, published=None)
    assert extraction.events and all(event.date is None for event in extraction.events)
    assert all(count.as_of is None for count in extraction.counts)
