"""The user's corrections of the merge, as constraints on mentions.

`quipu merge split EVENT MENTION` takes a mention out of a corpus event and `quipu merge
join EVENT EVENT` makes two corpus events one (`corpus.corrections`); the store keeps each
correction with the mentions it is about (`Store.merge_overrides`). `overrides_of` replays
them, oldest first, into `Overrides`, which the merger obeys however and whenever the
mentions arrive: after `quipu reprocess` has extracted a document again, or when a
correction's mentions come from documents ingested later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from quipu.store.base import MergeOverride

MentionKey = tuple[str, str]  # (document id, event id)


@dataclass(slots=True)
class Overrides:
    """A user's corrections of the merge (`quipu merge split` and `join`), as constraints
    on mentions that hold however the mentions arrive: the mentions of one `groups` value
    are one event, whatever their features say; a mention is never in an event with one it
    is kept `apart` from."""

    groups: dict[MentionKey, str] = field(default_factory=dict)
    apart: dict[MentionKey, set[MentionKey]] = field(default_factory=dict)

    def split(self, mention: MentionKey, others: Iterable[MentionKey]) -> None:
        """Take `mention` out of an event of `others`, for good."""
        self.groups.pop(mention, None)
        for other in others:
            if other != mention:
                self.apart.setdefault(mention, set()).add(other)
                self.apart.setdefault(other, set()).add(mention)

    def join(self, group: str, mentions: Iterable[MentionKey]) -> None:
        """Make `mentions` one event, with every mention already grouped with any of them."""
        chosen = set(mentions)
        old = {self.groups[key] for key in chosen if key in self.groups}
        chosen |= {key for key, value in self.groups.items() if value in old}
        for key in chosen:
            self.groups[key] = group
            self.apart[key] = self.apart.get(key, set()) - chosen
            if not self.apart[key]:
                del self.apart[key]


def overrides_of(kept: Iterable[MergeOverride]) -> Overrides:
    """The constraints the stored corrections make, each applied over those before it."""
    overrides = Overrides()
    for number, override in enumerate(kept, start=1):
        if override.kind == "split" and override.mentions:
            overrides.split(override.mentions[0], override.mentions[1:])
        elif override.kind == "join":
            overrides.join(f"join{number}", override.mentions)
    return overrides
