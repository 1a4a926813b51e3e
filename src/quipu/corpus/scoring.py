"""Hold the corpus view against hand-made expectations: the merge, tallies, alignments.

Merge: pairwise precision and recall.

The expected merge (`tests/gold/peru-2022.merge.json`) lists each real event told by two or
more reports as its mentions, "<document>#<gold event id>". Quipu's corpus events list
mentions as (document, predicted event id); `quipu.evaluate.event_pairs` says which gold
event each predicted event is, document by document. Two mentions in one corpus event are a
predicted pair; two mentions of one expected event a gold pair.

Only mentions the pipeline found are scored: a gold event the extraction missed cannot be
merged, and is counted apart (`unfound`) rather than as a merging error. A predicted pair
of two gold events that are different real events is a false merge, whether or not either
is in the expected merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from quipu.corpus.alignments import Edge
from quipu.corpus.events import CorpusEvent
from quipu.corpus.tallies import Series
from quipu.corpus.values import fold
from quipu.errors import Errors, InputError
from quipu.evaluate import read_gold_json

Record = dict[str, Any]
GoldMention = str  # "<document>#<gold event id>"


@dataclass(slots=True)
class MergeScore:
    """Pairs of mentions that are one event: predicted, expected, and both."""

    predicted: int
    expected: int
    right: int
    unfound: int

    @property
    def precision(self) -> float:
        return round(self.right / self.predicted, 3) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return round(self.right / self.expected, 3) if self.expected else 1.0

    def __str__(self) -> str:
        return (
            f"merge: pairwise P={self.precision:.3f} R={self.recall:.3f} "
            f"(predicted {self.predicted}, expected {self.expected}, right {self.right}; "
            f"{self.unfound} expected mentions not extracted)"
        )


def load_expected_merge(path: str | Path) -> list[list[GoldMention]]:
    """Read an expected merge file: the mention lists of its events.

    Raises:
        InputError: E001 when the file is missing, E012 when it is not a merge file.
    """
    events = _load(path, "events")
    if not all(isinstance(event.get("mentions"), list) for event in events):
        raise InputError(Errors.E012.format(path=path, reason="'events' with 'mentions' lists"))
    return [[str(mention) for mention in event["mentions"]] for event in events]


def score_merge(
    expected: Iterable[list[GoldMention]],
    events: Iterable[CorpusEvent],
    pairings: Mapping[str, Mapping[str, str]],
    *,
    names: Mapping[str, str],
) -> MergeScore:
    """Score corpus events against the expected merge.

    Args:
        expected: the expected events' mentions (`load_expected_merge`).
        events: Quipu's corpus events.
        pairings: document name → {gold event id: predicted event id}
            (`quipu.evaluate.event_pairs` per document).
        names: document id → document name, as the expected merge names documents.

    Returns:
        The pairwise score.
    """
    gold_of: dict[tuple[str, str], GoldMention] = {
        (document, predicted): f"{document}#{gold_id}"
        for document, pairs in pairings.items()
        for gold_id, predicted in pairs.items()
    }
    found = set(gold_of.values())
    groups = [sorted(set(mentions)) for mentions in expected]
    unfound = sum(1 for group in groups for mention in group if mention not in found)
    expected_pairs = {
        frozenset(pair)
        for group in groups
        for pair in combinations([m for m in group if m in found], 2)
    }
    predicted_pairs: set[frozenset[GoldMention]] = set()
    for event in events:
        golds = sorted(
            {
                gold_of[key]
                for mention in event.mentions
                if (key := (names.get(mention.document_id, ""), mention.event_id)) in gold_of
            }
        )
        predicted_pairs |= {frozenset(pair) for pair in combinations(golds, 2)}
    return MergeScore(
        predicted=len(predicted_pairs),
        expected=len(expected_pairs),
        right=len(predicted_pairs & expected_pairs),
        unfound=unfound,
    )


@dataclass(slots=True)
class Found:
    """Expected items found: tally points, corrections, conflicts, or alignment edges."""

    right: int
    expected: int

    def __str__(self) -> str:
        return f"{self.right}/{self.expected}"


def _load(path: str | Path, section: str) -> list[Record]:
    """Read a hand-made expectation file and the list of objects under `section`."""
    data = read_gold_json(path)
    items = data.get(section) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError(Errors.E012.format(path=path, reason=f"no '{section}' list"))
    return items


def load_expected_tallies(path: str | Path) -> list[Record]:
    """Read expected series (`tests/gold/peru-2022.tallies.json`)."""
    return _load(path, "series")


def load_expected_alignments(path: str | Path) -> list[Record]:
    """Read expected alignment edges (`tests/gold/peru-2022.alignments.json`)."""
    return _load(path, "edges")


def score_tallies(expected: list[Record], series: list[Series]) -> dict[str, Found]:
    """Count the expected points, corrections and conflicts that the series hold.

    A point is found when its series (kind, country, region) has a point of that day with
    the same best figure; a correction when the series records one of that day from the
    figure to the figure; a conflict when the series records one on that day.
    """
    by_key = {(s.kind, s.country, fold(s.admin1) or None): s for s in series}
    found = {"points": Found(0, 0), "corrections": Found(0, 0), "conflicts": Found(0, 0)}
    for want in expected:
        have = by_key.get((want["kind"], want["country"], fold(want.get("admin1")) or None))
        points = {(str(p.as_of), p.best) for p in have.points} if have else set()
        corrections = (
            {(c.as_of.isoformat(), c.was, c.now) for c in have.corrections} if have else set()
        )
        conflicts = {c.as_of.isoformat() for c in have.conflicts} if have else set()
        for point in want.get("points", []):
            found["points"].expected += 1
            found["points"].right += (point["as_of"], point["best"]) in points
        for correction in want.get("corrections", []):
            found["corrections"].expected += 1
            key = (correction["as_of"], correction["was"], correction["now"])
            found["corrections"].right += key in corrections
        for conflict in want.get("conflicts", []):
            found["conflicts"].expected += 1
            found["conflicts"].right += conflict["as_of"] in conflicts
    return found


def score_alignments(expected: list[Record], edges: list[Edge]) -> Found:
    """Count the expected edges found: an edge whose actor and recipient names hold one of
    the aliases, with the expected polarity at some point of its timeline."""
    right = 0
    for want in expected:
        actors = [fold(alias) for alias in want["actor"]]
        recipients = [fold(alias) for alias in want["recipient"]]
        right += any(
            any(alias in fold(edge.actor) for alias in actors)
            and any(alias in fold(edge.recipient) for alias in recipients)
            and any(seen.polarity == want["polarity"] for seen in edge.timeline)
            for edge in edges
        )
    return Found(right, len(expected))
