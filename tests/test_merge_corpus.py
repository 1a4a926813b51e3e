"""The merge across independently written reports, on the merge corpus (issue 15).

`data/reports/merge-tuning/` (13 reports in 4 clusters, one a reprint) is the tuning part:
the merge may be fitted to it. `data/reports/merge-test/` (12 reports in 4 clusters) is the
test part, whose gold and expected merge were written before Quipu ran on it; nothing is
changed because of a miss there, and its floors only record what was measured. Both parts'
gold and expected merges are in `tests/gold/merge-*` (their READMEs say how they were made).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quipu.corpus.merge import merge_records
from quipu.corpus.scoring import MergeScore, load_expected_merge, score_merge
from quipu.corpus.syndication import group_stories
from quipu.evaluate import event_pairs, load_gold
from quipu.ingest import iter_documents
from quipu.nlp import extract

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("tuning", "test")
# part -> (pairwise precision, recall) floors, over the mentions Quipu extracted, set at their
# first measurement (2026-12-07, pipeline 0.4.0): tuning P 1.000 (11/11) R 0.458 (11/24 pairs,
# 66 gold pairs not extracted), test P 0.400 (2/5) R 0.154 (2/13, 42 not extracted). Issue
# 15's bars are P >= 0.85 and R >= 0.7 on the test part.
FLOORS = {"tuning": (0.95, 0.45), "test": (0.40, 0.15)}


def _documents(part: str) -> list[Any]:
    return list(iter_documents([ROOT / "data" / "reports" / f"merge-{part}"], on_error=print))


@pytest.fixture(scope="module", params=PARTS)
def merged(request: pytest.FixtureRequest) -> tuple[str, MergeScore, dict[str, Any]]:
    part = request.param
    documents = _documents(part)
    names = {document.id: Path(document.source).stem for document in documents}
    records = [extract(document).to_dict() for document in documents]
    stories = group_stories([(document.id, document.text) for document in documents])
    gold = ROOT / "tests" / "gold" / f"merge-{part}"
    pairings = {
        names[record["document"]["id"]]: event_pairs(
            load_gold(gold / f"{names[record['document']['id']]}.gold.json"), record
        )
        for record in records
    }
    expected = load_expected_merge(ROOT / "tests" / "gold" / f"merge-{part}.merge.json")
    events = merge_records(records, stories=stories)
    score = score_merge(expected, events, pairings, names=names)
    copies = sorted(
        sorted(names[d] for d in stories if stories[d] == story) for story in set(stories.values())
    )
    return part, score, {"copies": [group for group in copies if len(group) > 1]}


def test_merge_corpus_scores_stay_above_their_floors(merged):
    part, score, _ = merged
    precision, recall = FLOORS[part]
    assert score.precision >= precision, (part, score)
    assert score.recall >= recall, (part, score)


def test_merge_corpus_reprint_is_one_story_and_nothing_else_is(merged):
    part, _, found = merged
    reprints = {
        "tuning": [
            ["m01a-kazakhstan-almaty-city-hall-csto", "m01d-almaty-attackers-eliminated-reprint"]
        ],
        "test": [],
    }
    assert found["copies"] == reprints[part]


@pytest.mark.parametrize("part", PARTS)
def test_merge_corpus_gold_is_whole(part):
    """Every report has its gold, and every mention of the expected merge is a required gold
    event of its report, one per report per event, in clusters of both languages."""
    reports = sorted(p.stem for p in (ROOT / "data" / "reports" / f"merge-{part}").glob("*.md"))
    gold = ROOT / "tests" / "gold" / f"merge-{part}"
    assert reports == sorted(p.name.removesuffix(".gold.json") for p in gold.glob("*.gold.json"))
    expected = json.loads((ROOT / "tests" / "gold" / f"merge-{part}.merge.json").read_text())
    required = {}
    for name in reports:
        record = json.loads((gold / f"{name}.gold.json").read_text())
        required[name] = {e["id"] for e in record["events"] if not e.get("optional")}
    languages = {
        name: json.loads((gold / f"{name}.gold.json").read_text())["language"] for name in reports
    }
    cross = 0
    for event in expected["events"]:
        mentions = [mention.split("#") for mention in event["mentions"]]
        assert len({name for name, _ in mentions}) == len(mentions) >= 2, event["id"]
        for name, gold_id in mentions:
            assert gold_id in required[name], (event["id"], name, gold_id)
        cross += len({languages[name] for name, _ in mentions}) > 1
    assert len(expected["events"]) >= 30 and cross >= 10
