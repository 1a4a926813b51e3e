"""Where the merger finds the corpus events a mention may join, and keeps what it decided.

`EventMerger` (`corpus.merge`) asks an index for the corpus events of a block (type family,
country, week) by region, for the tellings of a story (to find a reprint's event), for an
event by id, and for the event a user's join put a group of mentions in; it tells the index
where it placed each mention. `MemoryIndex` keeps all of it in dicts, for one run over
records (`merge_records`); `corpus.stored.StoreIndex` reads it from a store and keeps what a
run adds, so that merging a new report reads only the events it may join.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence

from quipu.corpus.events import Block, CorpusEvent, Mention

# A mention's telling: (story, folded sentence, type, mode). A reprint tells an event in the
# same words as its story's first telling, or in words lightly edited.
Telling = tuple[str, str, str, str]


class MergeIndex(abc.ABC):
    """The corpus events merging has made or loaded, and how to find them."""

    def __init__(self) -> None:
        # every corpus event this index made or loaded, in the order first seen
        self.events: list[CorpusEvent] = []

    def prefetch(self, wanted: Iterable[tuple[Block, str | None]]) -> None:  # noqa: B027
        """Get ready to be asked for these blocks and regions (`near`); a store reads them
        in one query. (An optional hook: an index in memory has them at hand.)"""

    @abc.abstractmethod
    def near(
        self, block: Block, *, region: str | None = None
    ) -> Mapping[str, Sequence[CorpusEvent]]:
        """The corpus events placed in a block, by region ("" for those known only to the
        country); regions, and each region's events, in the order they were placed there.
        With `region`, that region's and the country-level ones are enough (an index may
        leave the others out)."""

    @abc.abstractmethod
    def place(self, block: Block, region: str, event: CorpusEvent, *, mention: Mention) -> None:
        """Place an event in a block under a region, as `mention` started it or moved it."""

    @abc.abstractmethod
    def tellings(self, story: str) -> Sequence[tuple[Telling, CorpusEvent]]:
        """The tellings of a story's mentions with their corpus events, in placing order."""

    @abc.abstractmethod
    def keep(self, mention: Mention, telling: Telling, event: CorpusEvent) -> None:
        """Keep that `mention`, telling `telling`, is in `event` now (see `CorpusEvent.links`
        for how it came in)."""

    @abc.abstractmethod
    def event(self, event_id: str) -> CorpusEvent | None:
        """The corpus event with this id, if there is one."""

    @abc.abstractmethod
    def new_event(self, event_id: str | None, *, family: str) -> CorpusEvent:
        """Start a corpus event: under an id given before, or the next number ("c17")."""

    @abc.abstractmethod
    def grouped(self, group: str) -> CorpusEvent | None:
        """The corpus event a user's join group (`corpus.overrides`) went to, if any yet."""

    @abc.abstractmethod
    def group(self, group: str, event: CorpusEvent) -> None:
        """Keep the event a join group went to, unless it went to one already."""


def last_number(ids: Iterable[str]) -> int:
    """The largest number of corpus event ids ("c17" is 17), 0 for none."""
    return max((int(known[1:]) for known in ids if known[1:].isdigit()), default=0)


def numbered(event_id: str | None, last: int) -> tuple[str, int]:
    """The id of a new corpus event, the next number after `last` when none is given, and
    the largest number given so far."""
    if event_id is None:
        return f"c{last + 1}", last + 1
    return event_id, max(last, last_number([event_id]))


class MemoryIndex(MergeIndex):
    """An index in dicts: what one run over records merges, kept for that run.

    Args:
        taken: corpus event ids given before, never to be given again.
    """

    def __init__(self, *, taken: Iterable[str] = ()) -> None:
        super().__init__()
        # (family, country, week) → region ("" for country level) → corpus events
        self._blocks: dict[Block, dict[str, list[CorpusEvent]]] = {}
        # story → (telling, corpus event), in placing order
        self._tellings: dict[str, list[tuple[Telling, CorpusEvent]]] = {}
        self._by_id: dict[str, CorpusEvent] = {}
        # a join group → the corpus event its first mention went to
        self._grouped: dict[str, CorpusEvent] = {}
        self._last_number = last_number(taken)

    def near(
        self, block: Block, *, region: str | None = None
    ) -> Mapping[str, Sequence[CorpusEvent]]:
        return self._blocks.get(block, {})

    def place(self, block: Block, region: str, event: CorpusEvent, *, mention: Mention) -> None:
        self._blocks.setdefault(block, {}).setdefault(region, []).append(event)

    def tellings(self, story: str) -> Sequence[tuple[Telling, CorpusEvent]]:
        return self._tellings.get(story, [])

    def keep(self, mention: Mention, telling: Telling, event: CorpusEvent) -> None:
        self._tellings.setdefault(telling[0], []).append((telling, event))

    def event(self, event_id: str) -> CorpusEvent | None:
        return self._by_id.get(event_id)

    def new_event(self, event_id: str | None, *, family: str) -> CorpusEvent:
        event_id, self._last_number = numbered(event_id, self._last_number)
        event = CorpusEvent(id=event_id, family=family)
        self.events.append(event)
        self._by_id[event_id] = event
        return event

    def grouped(self, group: str) -> CorpusEvent | None:
        return self._grouped.get(group)

    def group(self, group: str, event: CorpusEvent) -> None:
        self._grouped.setdefault(group, event)
