"""Say why the merge kept apart the mentions an expected merge holds to be one event.

For the merge corpus's tuning part or the bundled sample (never the test part, which is
looked at only through its score), extracts every report, merges them as
`tests/test_merge_corpus.py` and `tests/test_corpus.py` do, and prints, for each expected
pair of mentions the pipeline extracted but did not merge, both mentions and the features
of holding the second against an event made of the first alone (`corpus.features`): what
ruled the pair out, or how far its score fell short. The expected mentions not extracted
follow, each with what the pipeline read in its sentence, if anything.

    .venv/bin/python scripts/merge_misses.py [tuning|sample]
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

from quipu.corpus.events import CorpusEvent, Mention
from quipu.corpus.features import with_sentences
from quipu.corpus.merge import EventMerger, merge_records
from quipu.corpus.scoring import load_expected_merge
from quipu.corpus.syndication import group_stories
from quipu.evaluate import event_pairs, load_gold
from quipu.ingest import iter_documents
from quipu.nlp import Gazetteer, extract

Record = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "quipu" / "resources" / "sample"
# part -> (reports, their gold, the expected merge, extra places for the gazetteer)
PARTS = {
    "tuning": (
        ROOT / "data" / "reports" / "merge-tuning",
        ROOT / "tests" / "gold" / "merge-tuning",
        ROOT / "tests" / "gold" / "merge-tuning.merge.json",
        None,
    ),
    "sample": (
        SAMPLE / "peru-2022",
        ROOT / "tests" / "gold" / "peru-2022",
        ROOT / "tests" / "gold" / "peru-2022.merge.json",
        SAMPLE / "peru-2022.places.yaml",
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", default="tuning", choices=sorted(PARTS))
    args = parser.parse_args()
    folder, gold, expected_file, places = PARTS[args.part]
    documents = list(iter_documents([folder], on_error=print))
    gazetteer = Gazetteer.load(extra=[places]) if places else None
    records = [extract(document, gazetteer=gazetteer).to_dict() for document in documents]
    names = {document.id: Path(document.source).stem for document in documents}
    stories = group_stories([(document.id, document.text) for document in documents])
    by_name = {names[record["document"]["id"]]: record for record in records}
    # "<report>#<gold id>" -> the predicted event it was paired with
    found: dict[str, tuple[Record, Record]] = {}
    for name, record in by_name.items():
        pairs = event_pairs(load_gold(gold / f"{name}.gold.json"), record)
        events = {str(event.get("id")): event for event in record.get("events") or []}
        for gold_id, event_id in pairs.items():
            found[f"{name}#{gold_id}"] = (record, events[event_id])
    # (document id, event id) -> its corpus event and how it came in (a reprint's sentence
    # follows its story's first telling: "retold")
    merged = {
        key: (event.id, link.how)
        for event in merge_records(records, stories=stories)
        for key, link in event.links.items()
    }
    merger = EventMerger()
    expected = load_expected_merge(expected_file)
    missed = 0
    for group in expected:
        for one, other in combinations(sorted(m for m in set(group) if m in found), 2):
            placed = [_placed(found[mention], merged) for mention in (one, other)]
            if placed[0][0] == placed[1][0]:
                continue
            missed += 1
            print(f"kept apart: {one}  ~  {other}")
            first, second = _mention(merger, found[one]), _mention(merger, found[other])
            for label, mention, (event_id, how) in zip(
                (one, other), (first, second), placed, strict=True
            ):
                print(f"  {label} ({event_id}, {how})\n    {_describe(mention)}")
            print(f"  features: {_features(merger, first, second)}")
    print(f"{missed} expected pairs of extracted mentions kept apart\n")
    for group in expected:
        for mention in sorted(set(group) - set(found)):
            name, gold_id = mention.split("#", 1)
            gold_event = next(
                e for e in load_gold(gold / f"{name}.gold.json")["events"] if e["id"] == gold_id
            )
            print(f"not extracted: {mention}: {gold_event.get('evidence')}")
    return 0


def _placed(
    pair: tuple[Record, Record], merged: dict[tuple[str, str], tuple[str, str]]
) -> tuple[str, str]:
    """The corpus event a mention went to and how (`corpus.events.Link`)."""
    record, event = pair
    return merged.get((str(record["document"]["id"]), str(event.get("id"))), ("-", "-"))


def _mention(merger: EventMerger, pair: tuple[Record, Record]) -> Mention:
    record, event = pair
    return merger.mention(event, record, story_id=str(record["document"]["id"]))


def _describe(mention: Mention) -> str:
    event = mention.event

    def side(role: str) -> str:
        actor = event.get(role)
        if not isinstance(actor, dict):
            return "-"
        return f"{actor.get('name')} ({actor.get('country')}, {actor.get('sector')})"

    place = event.get("place") or {}
    return (
        f"{event.get('type')}/{event.get('mode')} {side('actor')} -> {side('recipient')}; "
        f"{place.get('name')} (precision {place.get('precision')}); "
        f"days {mention.start}..{mention.end} (published {mention.published})\n"
        f"    {mention.sentence}"
    )


def _features(merger: EventMerger, first: Mention, second: Mention) -> Record:
    """The features of holding `second` against an event made of `first` alone."""
    event = CorpusEvent("explained", family=merger.family(first.event))
    event.absorb(first)
    features = event.fit(second, options=merger.options)
    if features.veto is None and merger.sentences is not None:
        features = with_sentences(
            features,
            event,
            second,
            sentences=merger.sentences,
            weights=merger.options.weights,
        )
    return features.to_dict()


if __name__ == "__main__":
    sys.exit(main())
