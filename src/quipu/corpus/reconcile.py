"""Figures of one kind across sources, reconciled without averaging them.

A corpus event's sources may give different tolls: `reconcile` keeps each source's own
figure, the range they span (a bound only if every source sets one), the figure most
sources gave (ties: the latest report's) and whether they disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

# The event fields that hold figures, and the count kind each one is.
FIGURE_FIELDS = {
    "fatalities": "killed",
    "injuries": "injured",
    "arrests": "arrested",
    "size": "participants",
}


@dataclass(slots=True)
class SourcedFigure:
    """One source's figure for one kind, as that source reported it."""

    story_id: str
    document_id: str
    outlet: str | None
    best: int
    low: int | None
    high: int | None


@dataclass(slots=True)
class Reconciled:
    """Figures of one kind across sources: the range they span, each source's own figure,
    and whether they disagree. `best` is the figure most sources gave (ties: the latest
    report's), never an average."""

    best: int
    low: int | None
    high: int | None
    conflict: bool
    sources: list[SourcedFigure]

    def to_dict(self) -> Record:
        return {
            "best": self.best,
            "low": self.low,
            "high": self.high,
            "conflict": self.conflict,
            "by_source": [
                {
                    "story": s.story_id,
                    "document": s.document_id,
                    "outlet": s.outlet,
                    "best": s.best,
                    "low": s.low,
                    "high": s.high,
                }
                for s in self.sources
            ],
        }


def reconcile(sources: list[SourcedFigure]) -> Reconciled:
    """Reconcile each source's figure of one kind (in report order; see `Reconciled`)."""
    votes: dict[int, int] = {}
    latest: dict[int, int] = {}  # each figure's last position: sources are in report order
    for position, source in enumerate(sources):
        votes[source.best] = votes.get(source.best, 0) + 1
        latest[source.best] = position
    best = max(votes, key=lambda value: (votes[value], latest[value]))
    # A bound holds across sources only if every source sets one ("at least 17" sets no
    # ceiling, "nearly 50" no floor).
    lows = [source.low for source in sources]
    highs = [source.high for source in sources]
    return Reconciled(
        best=best,
        low=None if None in lows else min(low for low in lows if low is not None),
        high=None if None in highs else max(high for high in highs if high is not None),
        conflict=len(votes) > 1,
        sources=sources,
    )
