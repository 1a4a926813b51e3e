"""Scoring a corpus merge against an expected merge (quipu.corpus.scoring)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from quipu.corpus.alignments import Edge, Observation
from quipu.corpus.merge import CorpusEvent, Mention
from quipu.corpus.scoring import load_expected_merge, score_alignments, score_merge, score_tallies
from quipu.corpus.tallies import Conflict, Correction, Series
from quipu.errors import InputError

from records import tally_point

NAMES = {"id-a": "a", "id-b": "b", "id-c": "c"}
PAIRINGS = {"a": {"clash": "a-e1"}, "b": {"clash": "b-e1", "march": "b-e2"}, "c": {}}


def corpus_event(*mentions: tuple[str, str]) -> CorpusEvent:
    event = CorpusEvent(id="c1", family="force")
    for document_id, event_id in mentions:
        event.absorb(Mention(document_id, event_id, document_id, None, None, None, {}, None, None))
    return event


def test_scoring_a_right_merge_is_perfect_and_unextracted_mentions_are_counted_apart() -> None:
    expected = [["a#clash", "b#clash", "c#clash"]]
    score = score_merge(
        expected, [corpus_event(("id-a", "a-e1"), ("id-b", "b-e1"))], PAIRINGS, names=NAMES
    )
    assert (score.predicted, score.expected, score.right, score.unfound) == (1, 1, 1, 1)
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_scoring_a_false_merge_costs_precision_and_a_split_costs_recall() -> None:
    expected = [["a#clash", "b#clash"]]
    merged_too_much = corpus_event(("id-a", "a-e1"), ("id-b", "b-e1"), ("id-b", "b-e2"))
    score = score_merge(expected, [merged_too_much], PAIRINGS, names=NAMES)
    assert (score.right, score.predicted) == (1, 3)
    split = [corpus_event(("id-a", "a-e1")), corpus_event(("id-b", "b-e1"))]
    score = score_merge(expected, split, PAIRINGS, names=NAMES)
    assert (score.recall, score.predicted) == (0.0, 0)


def test_scoring_load_expected_merge_checks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "merge.json"
    path.write_text(json.dumps({"events": [{"id": "x", "mentions": ["a#1", "b#2"]}]}))
    assert load_expected_merge(path) == [["a#1", "b#2"]]
    path.write_text(json.dumps({"events": [{"id": "x"}]}))
    with pytest.raises(InputError, match="E012"):
        load_expected_merge(path)
    with pytest.raises(InputError, match="E001"):
        load_expected_merge(tmp_path / "missing.json")


def test_scoring_tallies_counts_points_corrections_and_conflicts() -> None:
    series = Series(kind="killed", country="PER", admin1=None)
    series.points = [tally_point(12, 7, "ombudsman"), tally_point(14, 6, "ombudsman")]
    series.corrections = [Correction(dt.date(2022, 12, 14), "ombudsman", 7, 6, "d")]
    series.conflicts = [Conflict(dt.date(2022, 12, 12), {"ombudsman": 7, "ministry": 4})]
    expected = [
        {
            "kind": "killed",
            "country": "PER",
            "admin1": None,
            "points": [{"as_of": "2022-12-12", "best": 7}, {"as_of": "2022-12-12", "best": 4}],
            "corrections": [{"as_of": "2022-12-14", "was": 7, "now": 6}],
            "conflicts": [{"as_of": "2022-12-12"}, {"as_of": "2022-12-13"}],
        },
        {
            "kind": "killed",
            "country": "PER",
            "admin1": "Puno",
            "points": [{"as_of": "2023-01-09", "best": 17}],
        },
    ]
    found = score_tallies(expected, [series])
    assert {name: (f.right, f.expected) for name, f in found.items()} == {
        "points": (1, 3),
        "corrections": (1, 1),
        "conflicts": (1, 2),
    }


def test_scoring_alignments_need_both_sides_and_the_polarity() -> None:
    day = dt.date(2022, 12, 12)
    edge = Edge(
        actor="Andrés Manuel López Obrador",
        recipient="Pedro Castillo",
        timeline=[Observation(day, "support", "d")],
        polarity="support",
        changes=[],
        first=day,
        last=day,
        sources=1,
        evidence=[],
    )
    expected = [
        {"actor": ["Lopez Obrador"], "recipient": ["Castillo"], "polarity": "support"},
        {"actor": ["Lopez Obrador"], "recipient": ["Castillo"], "polarity": "oppose"},
        {"actor": ["Petro"], "recipient": ["Castillo"], "polarity": "support"},
    ]
    found = score_alignments(expected, [edge])
    assert (found.right, found.expected) == (1, 3)
