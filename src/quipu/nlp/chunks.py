"""Long documents in bounded memory: paragraph-aligned chunks and their records' offsets.

A text longer than `CHUNK_CHARACTERS` is parsed in pieces, each its own spaCy Doc, so that
memory grows with a chunk, not with the document (spaCy's parser needs about 1.3 GB for
300,000 characters in one piece, and refuses a text over its `max_length`). A chunk ends at
the last blank line ("\\n\\n") before the size; a paragraph longer than a chunk ends at its
last sentence end (". ") before the size, else it is cut at the size itself, so that every
text is split, however it is written. `shift` moves a chunk's records to the offsets of the
whole text.

What a report says once for all of it is taken from its first chunk (`Opening`): the focus
country, the scene its dateline and lede set, and the lede's date; the later chunks are
coded as paragraphs after the first. An event a later chunk tells again, with the same
sides, date, place and mood as one told in an earlier chunk, is folded into it as a mention
(`fold_told`), as the events stage does within a Doc; the stage's other folding, of a
definite "the protests" with no date of its own, needs the parse and stays within a chunk.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import DateSpan, Event, Evidence, Extraction, Place
from .candidates import actor_key

# Texts longer than this are parsed in chunks of at most this many characters.
CHUNK_CHARACTERS = 100_000
PARAGRAPH_BREAK = "\n\n"
SENTENCE_END = ". "


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a text: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Opening:
    """What the first chunk of a report says for all of it: its focus country, the scene
    its dateline or first paragraph sets, and the date of its lede."""

    focus: Place | None
    scene: Place | None
    lede: DateSpan | None


def split_text(text: str, *, size: int | None = None) -> list[Chunk]:
    """Return the chunks `text` is parsed in: one when it is not longer than `size`
    (`CHUNK_CHARACTERS` by default), else pieces of at most `size` characters that end
    after a blank line, else after a sentence end, else at `size`. The chunks cover the
    text exactly, in order, without overlap.
    """
    size = size or CHUNK_CHARACTERS
    chunks: list[Chunk] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        # a break ending exactly at the limit still fits: search up to it, inclusive
        cut = text.rfind(PARAGRAPH_BREAK, start + 1, limit)
        if cut != -1:
            end = cut + len(PARAGRAPH_BREAK)
        else:
            cut = text.rfind(SENTENCE_END, start + 1, limit)
            end = cut + len(SENTENCE_END) if cut != -1 else limit
        chunks.append(Chunk(start, end))
        start = end
    chunks.append(Chunk(start, len(text)))
    return chunks


def shift(extraction: Extraction, offset: int) -> None:
    """Move every offset of `extraction`'s records by `offset` characters, in place: from
    a chunk's text to the whole document's. Evidence shared between records (a stance
    rests on its event's sentence) moves once."""
    if not offset:
        return
    moved: set[int] = set()
    evidences: list[Evidence] = [event.evidence for event in extraction.events]
    evidences += [mention for event in extraction.events for mention in event.mentions]
    evidences += [count.evidence for count in extraction.counts]
    evidences += [stance.evidence for stance in extraction.stances]
    for evidence in evidences:
        if id(evidence) not in moved:
            moved.add(id(evidence))
            evidence.start += offset
            evidence.end += offset
    for mention in extraction.places:
        mention.start += offset
        mention.end += offset


def fold_told(earlier: list[Event], event: Event) -> bool:
    """Fold `event`, from a later chunk, into the event of `earlier` (the earlier chunks')
    it tells again, as a mention; return True if folded. An event without an actor is
    not folded: within a Doc only a definite mention of one is, which needs the parse."""
    if event.actor is None:
        return False
    for told in reversed(earlier):
        if (
            told.type == event.type
            and actor_key(told.actor) == actor_key(event.actor)
            and actor_key(told.recipient) == actor_key(event.recipient)
            and told.date == event.date
            and told.place == event.place
            and told.aux == event.aux
        ):
            told.mentions.append(event.evidence)
            told.mentions.extend(event.mentions)
            return True
    return False
