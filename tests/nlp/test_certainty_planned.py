"""Certainty: a collective action planned, called or threatened has not happened (issue 17)."""

from __future__ import annotations

import pytest

from quipu.exports import acled_rows


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Organizaciones sociales planean una gran movilización en Lima.", "es"),
        ("Las centrales obreras anunciaron un paro nacional indefinido en Bolivia.", "es"),
        ("The opposition announced a fresh rally in Tbilisi.", "en"),
        ("Organisers called for a national strike in Nairobi.", "en"),
    ],
)
def test_certainty_planned_action_is_future_and_not_exported(extract_text, text, language):
    extraction = extract_text(text, language=language)
    protests = [event for event in extraction.events if event.type == "PROTEST"]
    assert protests and all(event.aux == "future" for event in protests)
    assert not list(acled_rows([extraction.to_dict()]))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Los manifestantes marcharon por el centro de Lima.", "es"),
        ("Thousands joined the march in Lima.", "en"),
        # a march once planned that police fire on is happening
        ("Police fired tear gas at the planned march in Lima.", "en"),
        # naming a mobilization is not calling for it
        ('Organisers called the march in Lima the "Toma de Lima".', "en"),
    ],
)
def test_certainty_planned_leaves_a_march_that_happened(extract_text, text, language):
    extraction = extract_text(text, language=language)
    protests = [event for event in extraction.events if event.type == "PROTEST"]
    assert protests and all(event.aux is None for event in protests)
