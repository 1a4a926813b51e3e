"""End to end over the bundled sample corpus, gated on its hand-made gold.

Every report in `src/quipu/resources/sample/peru-2022/` is read by the ingester, run
through the pipeline and scored with `quipu.evaluate` against `tests/gold/peru-2022/`.
The floors below are what the pipeline reached when they were last raised; they only move
up, on purpose, in the commit that earns it (trafilatura's eval gate works the same way).
They were set again when the corpus grew from 16 to 24 reports: the new ones are harder,
and again for counts when the gold gained seven counts and the place, date and exact-figure
annotations of every event, and once more when reports 25–29 (two reprints, a later toll,
a stance that changes, third reports of three events) took it to 29: three of them are
Spanish and harder (diplomatic exchanges told through reported speech), so the Spanish
floors went down with the corpus, not with the pipeline. On reports 1–24 alone the event
F1 is 0.820 in English and 0.720 in Spanish, above the bars of issue 3 (0.80, 0.70). The
corpus is read with its own user places, as `quipu demo` reads it.

One floor went down on purpose: the Spanish event-place floor, from 0.91 to 0.90, when the
foreign ministry's promise of safe conduct (09) began to be found: a new event placed in
Peru where the gold reads Lima from the embassy named a sentence before, not an event
placed worse than before.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from quipu.corpus.alignments import alignment_edges
from quipu.corpus.merge import merge_records
from quipu.corpus.scoring import (
    load_expected_alignments,
    load_expected_merge,
    load_expected_tallies,
    score_alignments,
    score_merge,
    score_tallies,
)
from quipu.corpus.syndication import group_stories
from quipu.corpus.tallies import tally_series
from quipu.evaluate import CorpusScore, event_pairs, load_gold, pair_predictions, score_corpus
from quipu.ingest import iter_documents
from quipu.nlp import Gazetteer, extract

from records import measure

GOLD = Path(__file__).parent / "gold" / "peru-2022"
# (language, measure) -> floor
FLOORS = {
    ("en", "event_precision"): 0.88,
    ("en", "event_recall"): 0.83,
    ("en", "event_f1"): 0.86,
    ("en", "stance_f1"): 0.75,
    ("en", "counts"): 0.95,
    ("en", "places"): 0.95,
    ("en", "certainty_field"): 0.91,
    ("en", "place_field"): 0.88,
    ("en", "date_field"): 0.94,
    ("en", "figures"): 0.93,
    ("es", "event_precision"): 0.83,
    ("es", "event_recall"): 0.73,
    ("es", "event_f1"): 0.78,
    ("es", "stance_f1"): 0.74,
    ("es", "counts"): 0.87,
    ("es", "places"): 0.94,
    ("es", "certainty_field"): 0.95,
    ("es", "place_field"): 0.90,
    ("es", "date_field"): 0.87,
    ("es", "figures"): 0.97,
}

# Pairwise "same event" on the mentions the pipeline found (issue 5 asks 0.9 for both).
MERGE_FLOORS = {"precision": 0.975, "recall": 0.93}


@pytest.fixture(scope="module")
def predictions() -> list[dict[str, Any]]:
    """The record of every sample report, read with the sample's own places."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    problems: list[object] = []
    places = resources.files("quipu.resources").joinpath("sample/peru-2022.places.yaml")
    with resources.as_file(folder) as path, resources.as_file(places) as places_file:
        documents = list(iter_documents([path], on_error=problems.append))
        gazetteer = Gazetteer.load(extra=[places_file])
    assert problems == []
    return [extract(document, gazetteer=gazetteer).to_dict() for document in documents]


@pytest.fixture(scope="module")
def corpus(predictions: list[dict[str, Any]]) -> dict[str, CorpusScore]:
    golds = [load_gold(path) for path in sorted(GOLD.glob("*.gold.json"))]
    scores = {}
    for language in ("en", "es"):
        subset = [gold for gold in golds if gold.get("language") == language]
        scores[language] = score_corpus(pair_predictions(subset, predictions))
    return scores


def test_corpus_every_report_has_gold_and_both_languages_are_present():
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    reports = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".md"))
    golds = sorted(path.name.removesuffix(".gold.json") for path in GOLD.glob("*.gold.json"))
    assert len(reports) >= 12
    assert [name.removesuffix(".md") for name in reports] == golds
    languages = {load_gold(path)["language"] for path in GOLD.glob("*.gold.json")}
    assert languages == {"en", "es"}


@pytest.mark.parametrize(("language", "name"), sorted(FLOORS))
def test_corpus_scores_stay_above_their_floors(corpus, language, name):
    value = measure(corpus[language], name)
    assert value >= FLOORS[(language, name)], f"{language} {name} fell to {value:.3f}"


def test_corpus_extractions_are_all_paired_with_gold(corpus):
    for score in corpus.values():
        assert len(score.documents) > 0
        assert score.events.required > 0


def test_corpus_no_event_is_dated_after_its_report_unless_still_to_come(predictions):
    for record in predictions:
        published = record["document"]["published"]
        for event in record["events"]:
            date = event["date"]
            if date is not None and date["start"] > published:
                assert event["aux"] in ("future", "hypothetical"), event["evidence"]["sentence"]


def test_corpus_every_event_has_a_place_and_every_figure_its_bounds(predictions):
    for record in predictions:
        for event in record["events"]:
            assert event["place"] is not None and 1 <= event["place"]["precision"] <= 6
        for count in record["counts"]:
            low, high = count["low"], count["high"]
            assert (low is None or low <= count["best"]) and (high is None or count["best"] <= high)


def test_corpus_merge_across_reports_stays_above_its_floors(predictions):
    """Corpus events against the hand-made expected merge (tests/gold/peru-2022.merge.json):
    pairwise precision and recall of "same event", over the mentions the pipeline found."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    with resources.as_file(folder) as path:
        documents = list(iter_documents([path], on_error=print))
    names = {document.id: Path(document.source).stem for document in documents}
    stories = group_stories([(document.id, document.text) for document in documents])
    # the reprints the corpus holds on purpose are found, and nothing else is one story
    copies = sorted(
        sorted(names[d] for d in stories if stories[d] == story) for story in set(stories.values())
    )
    assert [group for group in copies if len(group) > 1] == [
        ["08-mexican-ambassador-expelled", "25-mexico-envoy-told-to-leave"],
        ["10-death-toll-26", "26-peru-unrest-toll-climbs"],
    ]
    pairings = {
        names[record["document"]["id"]]: event_pairs(
            load_gold(GOLD / f"{names[record['document']['id']]}.gold.json"), record
        )
        for record in predictions
    }
    events = merge_records(predictions, stories=stories)
    score = score_merge(
        load_expected_merge(GOLD.parent / "peru-2022.merge.json"), events, pairings, names=names
    )
    assert score.precision >= MERGE_FLOORS["precision"], score
    assert score.recall >= MERGE_FLOORS["recall"], score


def test_corpus_tallies_and_alignments_are_as_annotated(predictions):
    """Running counts and the alignment network against their hand-made expectations
    (tests/gold/peru-2022.tallies.json and .alignments.json), reprints as one story: every
    expected point, correction, conflict and edge is found (issue 5 asks for all of them)."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    with resources.as_file(folder) as path:
        documents = list(iter_documents([path], on_error=print))
    stories = group_stories([(document.id, document.text) for document in documents])
    found = score_tallies(
        load_expected_tallies(GOLD.parent / "peru-2022.tallies.json"),
        tally_series(predictions, stories=stories),
    )
    for name in ("points", "corrections", "conflicts"):
        assert found[name].expected > 0 and found[name].right == found[name].expected, (
            name,
            found[name],
        )
    edges = score_alignments(
        load_expected_alignments(GOLD.parent / "peru-2022.alignments.json"),
        alignment_edges(predictions, stories=stories),
    )
    assert edges.right == edges.expected, edges
