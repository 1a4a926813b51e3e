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
# part -> (pairwise precision, recall) floors, over the mentions Quipu extracted. First
# measured 2026-12-07 (pipeline 0.4.0): tuning P 1.000 (11/11) R 0.458 (11/24 pairs, 66 gold
# mentions not extracted), test P 0.400 (2/5) R 0.154 (2/13, 42 not extracted). With the
# scored merge on the event's features (corpus/features.py, fitted to the sample and the
# tuning part only), measured 2026-12-07: tuning P 1.000 (16/16) R 0.667 (16/24); test
# P 0.333 (2/6) R 0.154 (2/13), recorded as measured, nothing changed because of it. With
# the gazetteer's other names and "Town, Region" merged in (same day): test P 0.429 (3/7)
# R 0.231 (3/13), tuning unchanged. Issue 15's bars are P >= 0.85 and R >= 0.7 on the test
# part. When events came to keep what they are aimed at as their recipient when it names no
# side (pipeline 0.5.0), more expected mentions were extracted (tuning 66 -> 63 not
# extracted, test 42 -> 41), so more pairs are expected: tuning R 0.643 (18/28, two more
# pairs right and none lost), test R 0.200 (3/15, the same 3 right); the recall floors follow
# the larger denominators, no pair that was merged before is lost. When a bare title came to
# name the person named before with it ("the president", "el mandatario"; same pipeline), the
# test part's precision went from 0.429 to 0.375 (3/8: one more pair merged, wrongly),
# recorded as measured; nothing was changed because of it.
# Pipeline 0.5.1 reads "su esposa, Martine Moïse, resultó herida de gravedad en el ataque" as
# the first lady wounded (a participle after a verb of outcome): the mentions of her wounding
# now join the assassination told by a third report, one attack in fact, two events in the
# gold; the tuning part's precision went from 1.000 to 0.905 (19/21).
# The floor goes down with it, stated, not tuned to. The geoparser's reading of a repeated name
# by the rest of the report (issue 14) now places the Spanish column's burning of Almaty's
# city hall in the city, rightly, while the English wire story still places its own in Almaty
# province, as before: the mentions no longer agree on the place and stay apart (recall 19/30
# -> 17/30). Precision 17/19 = 0.895.
# Pipeline 0.5.2 gives force used to break up a crowd, when the sentence names no one, the
# protesters the report told before as its recipient: the test part's recall went from 0.200
# (3/15) to 0.188 (3/16, one more expected pair among the mentions extracted, the same 3
# right), recorded as measured; the floor follows the larger denominator, nothing was
# changed because of it.
# The detector retrained on 0.5.2's triggers no longer finds one of the tuning part's expected
# mentions: one right pair fewer with it (17/19 -> 16/18 = 0.889, recall 16/28 = 0.571), the two
# wrong pairs (the first lady's wounding) unchanged; the precision floor follows, stated.
# A first-level region named after a town came to be one reading of the town's name, and a
# mention placed only in a region to be blocked at country level: the Spanish column's burning
# of Almaty's city hall (the city) meets the wire story's and the reprint's (Almaty oblysy)
# again, tuning P 0.900 (18/20) R 0.643 (18/28); the recall floor follows.
# With it the test part, looked at only through this score, went to P 0.444 (4/9) R 0.250
# (4/16); its floors follow.
# When "Karim Masímov, estaba detenido" came to be read as a passive (of state), and "First
# Lady Martine Moïse" as herself, not as Jovenel Moïse named before, her wounding no longer
# joins the assassination, which joins its telling by the third report; tuning P 1.000
# (19/19) R 0.679 (19/28), and its floors go up. The test part, seen only through this
# score, went to P 0.455 (5/11) R 0.278 (5/18), recorded as measured. A sentence the
# Spanish model cut at a comma parsed again as one ("Sonko, líder del partido Pastef y
# tercero en las presidenciales de 2019, | fue arrestado"): tuning P 1.000 (21/21) R 0.700
# (21/30, one more expected mention extracted); the test part unchanged.
# Pipeline 0.5.3 (the English and Spanish events, dates and places of that session, and the
# detector retrained on them): the test part, seen only through this score, went to P 0.600
# (9/15) R 0.450 (9/20); its floors follow. A rule tried on the way (an event in the perfect
# passive dated up to three days before its report) took this part's precision below its
# floor and was withdrawn, not narrowed to it; forces landing as deployed took the tuning
# part's below its floors and was withdrawn too (README, 0.5.3).
FLOORS = {"tuning": (0.95, 0.7), "test": (0.6, 0.45)}


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


SHELLED = (
    "KHARTOUM, June 12 (Nile Wire) – Paramilitary fighters shelled a crowded market in "
    "Omdurman on Sunday, killing 15 people, medics said.\n\nThe army and the paramilitary "
    "Rapid Support Forces have been fighting for control of the capital since April. "
    "Residents said the shelling lasted for more than an hour.\n"
)
REPORTS = {
    "wire": ("en", "Nile Wire", "2023-06-12", SHELLED),
    "reprint": ("en", "Sahel Daily Digest", "2023-06-13", SHELLED + "\n(Reporting by Nile Wire)\n"),
    "radio": (
        "es",
        "Radio Meridiano",
        "2023-06-13",
        "Al menos 15 personas murieron el domingo cuando paramilitares bombardearon un mercado "
        "concurrido de Omdurmán, según fuentes médicas.\n\nLos combates entre el ejército y las "
        "Fuerzas de Apoyo Rápido por el control de la capital sudanesa comenzaron en abril.\n",
    ),
}


def test_merge_an_english_and_a_spanish_report_of_one_event_and_a_reprint(tmp_path):
    """Written apart in two languages, the market shelling is one event; the reprint of the
    English report tells it too, but is no independent source."""
    for name, (language, outlet, day, text) in REPORTS.items():
        front = f'---\noutlet: "{outlet}"\ndate: {day}\nlanguage: {language}\n---\n'
        (tmp_path / f"{name}.md").write_text(front + text, encoding="utf-8")
    documents = sorted(
        iter_documents([tmp_path], on_error=pytest.fail),
        key=lambda document: list(REPORTS).index(Path(document.source).stem),
    )
    outlets = {document.id: document.outlet for document in documents}
    records = [extract(document).to_dict() for document in documents]
    stories = group_stories([(document.id, document.text) for document in documents])
    events = merge_records(records, stories=stories)
    shelling = [e for e in events if any(m.outlet == "Radio Meridiano" for m in e.mentions)]
    told = [e for e in shelling if len(e.mentions) > 1]
    assert len(told) == 1
    (event,) = told
    assert sorted(outlets[m.document_id] for m in event.mentions) == [
        "Nile Wire",
        "Radio Meridiano",
        "Sahel Daily Digest",
    ]
    assert event.sources == 2
    record = event.to_dict()
    assert record["fatalities"]["best"] == 15
    spanish = next(m for m in record["mentions"] if m["outlet"] == "Radio Meridiano")
    assert spanish["merged"]["how"] == "compared"
    assert spanish["merged"]["features"]["score"] >= 1.5
    copy = next(m for m in record["mentions"] if m["outlet"] == "Sahel Daily Digest")
    assert copy["merged"]["how"] == "retold"
