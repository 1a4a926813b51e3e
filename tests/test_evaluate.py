"""Tests for quipu.evaluate: small gold files and predictions built by hand, exact scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quipu.errors import InputError
from quipu.evaluate import (
    CorpusScore,
    DocumentPair,
    EventScore,
    FieldScores,
    MatchScore,
    Tally,
    fold,
    format_report,
    load_gold,
    pair_predictions,
    score_corpus,
    score_document,
)

Record = dict[str, Any]

SENTENCE = "Protesters marched on the palace while student groups blocked the road."


def actor(name: str, *members: Record) -> Record:
    return {"text": name, "name": name, "country": None, "sector": None, "members": list(members)}


def evidence(sentence: str) -> Record:
    return {"sentence": sentence, "start": 0, "end": len(sentence)}


def event(kind: str, who: Record | None, whom: Record | None = None, **fields: Any) -> Record:
    record: Record = {"type": kind, "mode": None, "actor": who, "recipient": whom, "place": None}
    record |= {"date": None, "fatalities": None, "certainty": "asserted", "aux": None}
    record |= {"evidence": evidence(SENTENCE), "mentions": []}
    return record | fields


def gold_event(name: str, kinds: list[str], actors: list[str], **fields: Any) -> Record:
    return {
        "id": name,
        "type": kinds,
        "actor": actors,
        "recipient": [],
        "evidence": "marched",
    } | fields


def gold(**sections: list[Record]) -> Record:
    empty: Record = {"events": [], "counts": [], "stances": [], "claims": [], "places": []}
    return {"document": "report.txt", "published": "2022-12-21"} | empty | sections


def prediction(**sections: list[Record]) -> Record:
    return {"document": {"id": "0123", "source": "corpus/report.txt"}} | sections


def test_evaluate_pairs_one_to_one_and_counts_duplicates() -> None:
    golds = [gold_event("a", ["PROTEST"], ["protest"]), gold_event("b", ["PROTEST"], ["student"])]
    # The first prediction fits both golds; a greedy pairing would give it to "a" and miss "b".
    predicted = [
        event("PROTEST", actor("student protesters")),
        event("PROTEST", actor("protesters")),
        event("PROTEST", actor("Protesters")),
    ]
    score = score_document(gold(events=golds), prediction(events=predicted))
    assert score.events == EventScore(
        predicted=3, counted=3, supported=3, required=2, matched=2, duplicates=1
    )
    assert (score.events.precision, score.events.recall, score.events.f1) == (1.0, 1.0, 1.0)


def test_evaluate_optional_events_count_for_precision_not_recall() -> None:
    golds = [
        gold_event("a", ["PROTEST"], ["protest"]),
        gold_event("o", ["COERCE"], [], optional=True, evidence="blocked the road"),
    ]
    predicted = [
        event("PROTEST", actor("protesters")),
        event("COERCE", actor("students")),
        event("ASSAULT", actor("police")),
    ]
    score = score_document(gold(events=golds), prediction(events=predicted)).events
    assert (score.supported, score.counted, score.matched, score.required) == (2, 3, 1, 1)
    assert (score.precision, score.recall, score.f1) == (0.667, 1.0, 0.8)


def test_evaluate_negated_and_hypothetical_predictions_cost_no_precision() -> None:
    golds = [gold_event("a", ["PROTEST"], ["protest"])]
    predicted = [
        event("PROTEST", actor("protesters")),
        event("ASSAULT", actor("police"), aux="negated"),
        event("COERCE", actor("police"), aux="hypothetical"),
        event("PROTEST", actor("protesters"), aux="negated"),  # matches, so it counts
        event("ASSAULT", actor("army"), aux="historical"),  # claims an event that is not gold
    ]
    score = score_document(gold(events=golds), prediction(events=predicted)).events
    assert score == EventScore(
        predicted=5, counted=3, supported=2, required=1, matched=1, duplicates=1
    )


def test_evaluate_aliases_match_members_and_empty_lists_accept_anyone() -> None:
    mexico = {"text": "its government", "name": "Government of Mexico"}
    coalition = actor("four governments", actor("Argentina"), actor("two more", mexico))
    golds = [
        gold_event("mexico", ["SUPPORT"], ["mexico"]),
        gold_event("to-castillo", ["SUPPORT"], ["Argentina"], recipient=["Castillo"]),
    ]
    score = score_document(gold(events=golds), prediction(events=[event("SUPPORT", coalition)]))
    assert (score.events.matched, score.events.supported) == (1, 1)
    assert score.misses == ["event to-castillo missed: actor/recipient did not match"]


def test_evaluate_folds_case_accents_quotes_and_white_space() -> None:
    assert fold("Apurímac  ‘Pre-emptive’\n “Detention”") == "apurimac 'pre-emptive' \"detention\""
    assert fold(None) == ""
    sentence = "Congress ORDERED the 'pre-emptive'\n detention of president Pedro  Castíllo."
    golds = [
        {
            "id": "arrest",
            "type": ["COERCE"],
            "actor": ["congress"],
            "recipient": ["Castillo"],
            "evidence": "ordered the ‘pre-emptive’ detention of President Pedro Castillo",
        }
    ]
    predicted = [event("COERCE", actor("Congress"), actor("Pedro Castillo"))]
    predicted[0]["mentions"] = [evidence(sentence)]  # the evidence may come from a mention
    score = score_document(gold(events=golds), prediction(events=predicted))
    assert score.events.matched == 1


@pytest.mark.parametrize(
    ("date", "right"),
    [
        ({"start": "2022-12-01", "end": "2022-12-10", "precision": 3}, True),
        ({"start": "2022-12-15", "end": None, "precision": 1}, True),
        ({"start": "2022-12-22", "end": "2022-12-31", "precision": 3}, False),
        (None, False),
    ],
)
def test_evaluate_date_is_right_when_ranges_overlap(date: Record | None, right: bool) -> None:
    golds = [gold_event("a", ["PROTEST"], [], date={"start": "2022-12-10", "end": "2022-12-21"})]
    score = score_document(
        gold(events=golds), prediction(events=[event("PROTEST", None, date=date)])
    )
    assert score.events.fields == FieldScores(date=Tally(int(right), 1))


@pytest.mark.parametrize(
    ("want", "figure", "right"),
    [
        ({"low": 2}, {"best": 1, "low": 1, "high": 3}, True),
        ({"low": 2}, {"best": 2, "low": 2, "high": None}, True),
        ({"low": 2}, {"best": 1, "low": 1, "high": None}, False),
        ({"best": 26}, {"best": 26, "low": 26, "high": 26}, True),
        ({"best": 26}, {"best": 25, "low": 20, "high": 30}, False),
        ({"low": 2}, None, False),
    ],
)
def test_evaluate_fatalities_best_and_low(want: Record, figure: Record | None, right: bool) -> None:
    golds = [gold_event("a", ["ASSAULT"], ["police"], fatalities=want)]
    predicted = [event("ASSAULT", actor("police"), fatalities=figure)]
    score = score_document(gold(events=golds), prediction(events=predicted))
    assert score.events.fields == FieldScores(fatalities=Tally(int(right), 1))


PUNO = {"country": "PER", "admin1": ["Puno"]}


@pytest.mark.parametrize(
    ("want", "place", "right"),
    [
        (PUNO, {"name": "Juliaca", "country": "PER", "admin1": "Puno"}, True),
        (
            {"country": "PER", "admin1": ["Apurímac"]},
            {"country": "PER", "admin1": "APURIMAC"},
            True,
        ),
        (PUNO, {"name": "Cusco", "country": "PER", "admin1": "Cusco"}, False),
        (PUNO, {"name": "Peru", "country": "PER", "admin1": None}, False),
        (PUNO, {"name": "Puno", "country": "BOL", "admin1": "Puno"}, False),
        # The text gives the country only: a region the text did not give is wrong.
        ({"country": "PER", "admin1": None}, {"name": "Peru", "country": "PER"}, True),
        ({"country": "PER", "admin1": None}, {"country": "PER", "admin1": "Lima"}, False),
        (PUNO, None, False),
    ],
)
def test_evaluate_event_place_needs_country_and_region(
    want: Record, place: Record | None, right: bool
) -> None:
    golds = [gold_event("a", ["PROTEST"], [], place=want)]
    predicted = [event("PROTEST", None, place=place)]
    score = score_document(gold(events=golds), prediction(events=predicted))
    assert score.events.fields == FieldScores(place=Tally(int(right), 1))


def test_evaluate_figures_are_exact_on_events_and_counts() -> None:
    golds = [
        gold_event(
            "a", ["ASSAULT"], ["police"], figures={"killed": [26, 26, None], "injured": [3, 3, 9]}
        )
    ]
    # At least 26 killed is right; "several" injured read as exactly 3 is not.
    figures = {
        "fatalities": {"best": 26, "low": 26, "high": None},
        "injuries": {"best": 3, "low": 3, "high": 3},
    }
    predicted = [event("ASSAULT", actor("police"), **figures)]
    counts = [
        {"id": "toll", "kind": "killed", "best": 26, "exact": [26, 26, 26]} | {"evidence": "toll"},
        {"id": "hurt", "kind": "injured", "low_at_least": 100, "exact": [100, 100, 999]}
        | {"evidence": "many hundreds"},
        {"id": "plain", "kind": "killed", "best": 26, "evidence": "26"},  # no exact: not scored
    ]
    records = [count(), count("injured", 100, high=999, official=False)]
    score = score_document(
        gold(events=golds, counts=counts), prediction(events=predicted, counts=records)
    )
    assert score.events.fields == FieldScores(figures=Tally(1, 2))
    assert score.figures == Tally(3, 4)
    assert "event a: injured is [3, 3, 3], want [3, 3, 9]" in score.misses


def test_evaluate_fields_are_scored_on_paired_events_only() -> None:
    stated = {"mode": "obstruct", "country": "PER", "certainty": ["asserted", "hedged"]}
    golds = [
        gold_event("a", ["PROTEST"], ["protest"], **stated),
        gold_event("b", ["PROTEST"], ["farmers"], **stated),
    ]
    place = {"name": "Lima", "country": "PER"}
    predicted = [event("PROTEST", actor("protesters"), mode="demonstrate", place=place)]
    score = score_document(gold(events=golds), prediction(events=predicted))
    assert score.events.fields == FieldScores(
        mode=Tally(0, 1), country=Tally(1, 1), certainty=Tally(1, 1)
    )
    assert "event a: mode is 'demonstrate', want 'obstruct'" in score.misses


def test_evaluate_rates_are_rounded_like_the_official_scorer() -> None:
    # F1 of the rounded 0.857 and 0.263 is 0.402; of the exact 6/7 and 5/19 it would be 0.403.
    score = MatchScore(predicted=7, counted=7, supported=6, required=19, matched=5)
    assert (score.precision, score.recall, score.f1) == (0.857, 0.263, 0.402)
    assert Tally(2, 3).rate == 0.667 and Tally(0, 0).rate == 0.0


def stance(who: str, polarity: str, whom: str) -> Record:
    return {"actor": actor(who), "recipient": actor(whom), "polarity": polarity, "type": "SUPPORT"}


def test_evaluate_stances_precision_and_recall_pair_one_to_one() -> None:
    golds = [
        {"actor": ["United States", "Kenna"], "recipient": ["Boluarte"], "polarity": "support"},
        {"actor": ["Mexico"], "recipient": ["Castillo"], "polarity": "support"},
        {"actor": ["Bobbio"], "recipient": ["Castillo"], "polarity": "oppose"},
    ]
    predicted = [
        stance("United States", "support", "Dina Boluarte"),
        stance("Ambassador Lisa Kenna", "support", "Boluarte"),
        stance("Mexico", "oppose", "Pedro Castillo"),
    ]
    score = score_document(gold(stances=golds), prediction(stances=predicted))
    assert score.stances == MatchScore(predicted=3, counted=3, supported=2, required=3, matched=1)
    assert (score.stances.precision, score.stances.recall, score.stances.f1) == (
        0.667,
        0.333,
        0.444,
    )
    assert "stance missed: Mexico support Castillo" in score.misses


def count(kind: str = "killed", best: int = 26, **fields: Any) -> Record:
    sentence = "By Monday the official death toll was 26, with many hundreds injured."
    record = {"kind": kind, "best": best, "low": best, "high": best, "official": True}
    as_of = {"start": "2022-12-19", "end": "2022-12-19", "precision": 1}
    return (
        record | {"as_of": as_of, "certainty": "asserted", "evidence": evidence(sentence)} | fields
    )


TOLL = {"id": "toll", "kind": "killed", "best": 26, "as_of": "2022-12-19", "official": True}
INJURED = {"id": "injured", "kind": "injured", "low_at_least": 100}


@pytest.mark.parametrize(
    ("want", "record", "miss"),
    [
        (TOLL, count(), None),
        (TOLL, count(official=False), "count toll: wrong value/date/official"),
        (TOLL, count(as_of={"start": "2022-12-18"}), "count toll: wrong value/date/official"),
        (TOLL, count(as_of=None), "count toll: wrong value/date/official"),
        (TOLL, count(best=25), "count toll: wrong value/date/official"),
        (TOLL, count(kind="injured"), "count toll: not found"),
        (INJURED, count("injured", 300, official=False), None),
        (INJURED, count("injured", 50, high=500), "count injured: wrong value/date/official"),
    ],
)
def test_evaluate_counts_need_value_as_of_and_official(
    want: Record, record: Record, miss: str | None
) -> None:
    golds = [want | {"evidence": "the official death toll was 26"}]
    score = score_document(gold(counts=golds), prediction(counts=[record]))
    assert score.counts == Tally(int(miss is None), 1)
    assert score.misses == ([miss] if miss else [])


@pytest.mark.parametrize(
    ("certainties", "right"),
    [(["hedged", "asserted"], True), (["unverified", "asserted", "asserted"], False), ([], False)],
)
def test_evaluate_claims_need_half_the_records_right(certainties: list[str], right: bool) -> None:
    # One record of each kind drawn from the claim's sentence; only their certainty matters.
    drawn = evidence("They reportedly said so.")
    records: dict[str, list[Record]] = {kind: [] for kind in ("events", "counts", "stances")}
    for kind, certainty in zip(records, certainties, strict=False):
        records[kind].append({"certainty": certainty, "evidence": drawn})
    claim = {"id": "c", "evidence": "reportedly said", "certainty": ["hedged", "unverified"]}
    score = score_document(gold(claims=[claim]), prediction(**records))
    assert score.claims == Tally(int(right), 1)


def test_evaluate_places_resolve_toponyms_to_countries() -> None:
    golds = [
        {"text": "Apurímac", "country": "PER"},
        {"text": "Mexico", "country": "MEX"},
        {"text": "Chile", "country": "CHL"},
    ]
    mentions = [
        {"text": "the Apurimac region", "start": 0, "end": 19, "place": {"country": "PER"}},
        {"text": "New Mexico", "start": 30, "end": 40, "place": {"country": "USA"}},
    ]
    score = score_document(gold(places=golds), prediction(places=mentions))
    assert score.places == Tally(1, 3)
    assert score.misses[-1] == "place Chile not resolved to CHL"


def test_evaluate_corpus_micro_averages_over_documents() -> None:
    first = gold(events=[gold_event("a", ["PROTEST"], [])]) | {"document": "one.txt"}
    second_golds = [gold_event(name, ["PROTEST"], [name]) for name in ("x", "y", "z")]
    second = gold(events=second_golds) | {"document": "two.txt"}
    one = prediction(events=[event("PROTEST", None)]) | {"document": {"source": "one.txt"}}
    two_events = [event("PROTEST", actor("x")), event("ASSAULT", None), event("ASSAULT", None)]
    two = prediction(events=two_events) | {"document": {"id": "two.txt"}}
    score = score_corpus(pair_predictions([first, second], [two, one]))
    assert [document.events.precision for document in score.documents] == [1.0, 0.333]
    # Summed counts, not the mean of rates (which would give 0.667 precision).
    assert score.events == EventScore(predicted=4, counted=4, supported=2, required=4, matched=2)
    assert (score.events.precision, score.events.recall) == (0.5, 0.5)


def test_evaluate_pair_predictions_by_basename_or_id() -> None:
    golds = [gold() | {"document": name} for name in ("a.txt", "b.txt", "c.txt")]
    a = {"document": {"id": "x1", "source": "/data/news/a.txt"}}
    b = {"document": {"id": "b.txt", "source": "feed.jsonl#2"}}
    pairs = pair_predictions(golds, [b, a])
    assert pairs == [
        DocumentPair(golds[0], a, True),
        DocumentPair(golds[1], b, True),
        DocumentPair(golds[2], {}, False),
    ]
    # One gold and one prediction pair even when the names differ (scoring one file by hand).
    assert pair_predictions(golds[:1], [b]) == [DocumentPair(golds[0], b, True)]


def test_evaluate_format_report_summarizes_and_lists_misses() -> None:
    golds = [
        gold_event("a", ["PROTEST"], ["protest"], mode="obstruct"),
        gold_event("b", ["PROTEST"], ["farmers"]),
        gold_event("c", ["ASSAULT"], ["police"]),
    ]
    predicted = [event("PROTEST", actor("protesters"), mode="obstruct"), event("PROTEST", None)]
    score = score_corpus([DocumentPair(gold(events=golds), prediction(events=predicted), True)])
    assert isinstance(score, CorpusScore)
    lines = format_report(score, verbose=True).splitlines()
    assert lines[0] == (
        "report.txt: events P=0.500 R=0.333 F1=0.400 (pred 2, matched 1/3, dup 0) | "
        "stances P=0.000 R=0.000 F1=0.000 | counts 0/0 | certainty 0/0 | places 0/0 | "
        "figures 0/0"
    )
    assert lines[1] == "  fields on matched events: mode=1.000 (1/1)"
    assert lines[2:4] == [
        "  - event b missed: actor/recipient did not match",
        "  - event c missed: no event of that type from that sentence",
    ]
    assert lines[4].startswith("total over 1 documents: events P=0.500")
    assert len(format_report(score.documents[0], verbose=False).splitlines()) == 2


def write(path: Path, content: object) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_evaluate_load_gold_fills_missing_sections(tmp_path: Path) -> None:
    loaded = load_gold(write(tmp_path / "g.json", {"document": "a.txt", "events": []}))
    assert loaded["places"] == [] and loaded["document"] == "a.txt"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "E012"),
        ([], "no 'document' file name"),
        ({"document": "a.txt", "events": {}}, "'events' is not a list"),
        (gold(events=[{"id": "a", "type": ["RIOT"], "evidence": "x"}]), "events[0] (a): 'type'"),
        (gold(events=[gold_event("a", ["PROTEST"], ["x"], date={"start": "10 Dec"})]), "'date'"),
        (gold(events=[gold_event("a", ["PROTEST"], [""])]), "'actor' must be a list"),
        (gold(counts=[{"id": "t", "kind": "dead", "evidence": "x"}]), "'kind' must be one of"),
        (gold(counts=[TOLL | {"evidence": "x", "best": "26"}]), "'best' must be an integer"),
        (gold(stances=[{"actor": ["a"], "polarity": "support"}]), "stances[0]: 'recipient'"),
        (gold(claims=[{"id": "c", "evidence": "x", "certainty": []}]), "'certainty'"),
        (gold(events=[gold_event("a", ["PROTEST"], [], place={"admin1": ["Puno"]})]), "'place'"),
        (gold(events=[gold_event("a", ["PROTEST"], [], place=PUNO | {"admin1": []})]), "'place'"),
        (gold(events=[gold_event("a", ["ASSAULT"], [], figures={"dead": [1, 1, 1]})]), "'figures'"),
        (gold(events=[gold_event("a", ["ASSAULT"], [], figures={"killed": [1, 1]})]), "'figures'"),
        (gold(counts=[TOLL | {"evidence": "x", "exact": [None, 26, None]}]), "'exact' must be"),
    ],
)
def test_evaluate_load_gold_rejects_malformed_gold(
    tmp_path: Path, content: object, reason: str
) -> None:
    path = write(tmp_path / "bad.gold.json", content)
    with pytest.raises(InputError, match="E012") as caught:
        load_gold(path)
    assert reason in str(caught.value)
    assert str(path) in str(caught.value)


def test_evaluate_load_gold_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E001"):
        load_gold(tmp_path / "missing.json")


def test_evaluate_unpaired_gold_scores_zero() -> None:
    golds = [gold_event("a", ["PROTEST"], [])]
    score = score_document(gold(events=golds), {}, found=False)
    assert score.events == EventScore(required=1)
    assert score.misses[0] == "no prediction for this document"
    assert format_report(score).startswith("report.txt (no prediction): events P=0.000")
