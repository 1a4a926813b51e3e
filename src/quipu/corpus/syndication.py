"""Syndication: reprints and light edits of one report are one story, not many sources.

A wire report reprinted by five outlets, each with its own headline, a byline, a trimmed
last paragraph or a word changed, is one source; counting it five times would make one
agency's account look confirmed. `StoryIndex` links such copies to one story, whose id is
the id of its first document:

    >>> index = StoryIndex()
    >>> index.add("a1", wire_text)
    'a1'
    >>> index.add("b7", reprint_text)
    'a1'

How texts are compared. A text is case-folded, accent-folded ("Perú" is "peru") and cut
into words at anything that is not a letter or a digit, so punctuation, curly or straight
apostrophes and line breaks do not matter. Its shingles are its word 5-grams (a text of
fewer than five words is one shingle). Two texts are as alike as the Jaccard similarity of
their shingle sets, estimated with MinHash and looked up with MinHash LSH (datasketch), so
that adding a document costs about the same with ten or a hundred thousand indexed.

Why word 5-grams rather than character shingles: a copy keeps the wording, and an edit of
one word changes at most five 5-grams, so a light edit stays far above the threshold. Two
reports written independently about the same event share names, dates and figures but
rarely five words in a row, so they stay far below it; character shingles match on those
shared names and common words and bring independent reports much closer to copies. A
translation shares almost no 5-grams (only names), so it is an independent report, as it
should be: translations are not looked for. And a 400-word text has about 400 word
5-grams against some 2,400 character shingles, six times less hashing.

Why a threshold of 0.5: a 100-word reprint under a new headline and byline, with its last
sentence dropped and two words changed, is at about 0.7; reports written apart about one
event are under 0.1 (0.0 on the tests' texts, where character 5-grams give 0.26). The
estimate with 128 permutations is within about 0.05. A copy cut to half of the original
sits at 0.5, on the threshold; one cut further counts as a source of its own (Jaccard,
unlike containment, does not see a short copy inside a long original).

Short texts (fewer than `SHORT_WORDS` words: a headline, a caption, a one-line brief) join
a story, or are joined by another text, only at `SHORT_THRESHOLD` (0.9): with so few
5-grams that means a verbatim copy, give or take case, punctuation and a word at an end of
a longer one. Their few shingles make one stock phrase ("Congress removed President Pedro
Castillo") a large share of them, and short items are where outlets writing apart most
often land on the same words.

Determinism. MinHash uses a fixed seed and datasketch's default SHA-1 hash of each
shingle's UTF-8 bytes, never Python's salted `hash()`, so signatures are the same in every
process. A document matching several indexed ones joins the story of the most similar,
the earliest added among equals: LSH hands candidates back in a set's order, which is
never what decides. A story's id never changes once given: matching two stories does not
merge them. The price is that grouping depends on order when copies form a chain (A is
like B, B like C, but A not like C); for a clear copy or a clear independent report, it
does not. Merging chains into one story would let stories snowball through loose
resemblances, which is worse for counting sources.
"""

from __future__ import annotations

import array
import functools
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from quipu.errors import Errors, UsageError

SHINGLE_WORDS = 5
# Below this many words a text joins a story only when near-identical (see the docstring).
SHORT_WORDS = 20
SHORT_THRESHOLD = 0.9
_WORD = re.compile(r"\w+")
# What a store's corpus index hashes documents with (`StoryIndex`'s defaults).
THRESHOLD = 0.5
_NUM_PERM = 128
_SEED = 1


def words(text: str) -> list[str]:
    """Return the words of `text` case-folded and accent-folded, without punctuation."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():
        folded = "".join(char for char in folded if not unicodedata.combining(char))
    return _WORD.findall(folded)


def shingles(text: str) -> set[bytes]:
    """Return the word 5-grams of `text` as UTF-8 bytes (one shingle for a shorter text).

    Returns:
        The shingle set; empty when the text has no words.
    """
    return _shingles(words(text))


def _shingles(tokens: list[str]) -> set[bytes]:
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {
        " ".join(tokens[start : start + SHINGLE_WORDS]).encode("utf-8")
        for start in range(len(tokens) - SHINGLE_WORDS + 1)
    }


@dataclass(slots=True)
class _Entry:
    """One indexed document: its position, its story, its length and its signature."""

    order: int
    story: str
    words: int
    # None for a text without words, which is never compared.
    minhash: MinHash | None


@dataclass(frozen=True, slots=True)
class Signature:
    """A document as the index keeps it: its story, word count and MinHash values (bytes of
    little-endian 64-bit integers, None for a text with no words)."""

    story: str
    words: int
    minhash: bytes | None


class StoryIndex:
    """Documents grouped into stories as they are added: copies join, others start one.

    Args:
        threshold: the estimated Jaccard similarity of word 5-grams at or above which a
            document joins an indexed document's story, in (0, 1].
        num_perm: MinHash permutations; more is a closer estimate and slower hashing.
        seed: the MinHash seed; indexes with the same seed give the same signatures.

    Raises:
        UsageError: E301 when the threshold or the number of permutations is out of range.
    """

    def __init__(self, *, threshold: float = 0.5, num_perm: int = 128, seed: int = 1) -> None:
        if not 0.0 < threshold <= 1.0:
            raise UsageError(
                Errors.E301.format(reason=f"threshold must be in (0, 1], not {threshold!r}")
            )
        self.threshold = threshold
        try:
            # LSH only proposes candidates, each checked against the threshold after; its
            # band optimizer cannot tune for 1.0 (it would need a single band).
            lsh_threshold = min(threshold, SHORT_THRESHOLD)
            self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        except ValueError as error:
            reason = f"cannot index with num_perm={num_perm!r}: {error}"
            raise UsageError(Errors.E301.format(reason=reason)) from error
        # Copied for each document: the permutations are drawn from the seed once.
        self._template = MinHash(num_perm=num_perm, seed=seed)
        # Dicts keep insertion order, which is the order documents were added.
        self._entries: dict[str, _Entry] = {}
        self._stories: dict[str, list[str]] = {}

    def add(self, document_id: str, text: str) -> str:
        """Index a document and return the id of the story it belongs to.

        Args:
            document_id: the document's id; adding an id already indexed changes nothing
                (ids are content hashes, so the same id is the same text).
            text: the document's cleaned text.

        Returns:
            The id of the first document of its story: its own id when it starts one.
        """
        entry = self._entries.get(document_id)
        if entry is not None:
            return entry.story
        tokens = words(text)
        minhash = None
        story = document_id
        if tokens:
            minhash = self._template.copy()
            # The minimum of each permutation is the same in any order of the set.
            minhash.update_batch(_shingles(tokens))
            story = self._match(minhash, len(tokens)) or document_id
            self._lsh.insert(document_id, minhash, check_duplication=False)
        self._entries[document_id] = _Entry(
            order=len(self._entries), story=story, words=len(tokens), minhash=minhash
        )
        self._stories.setdefault(story, []).append(document_id)
        return story

    def signature(self, document_id: str) -> Signature:
        """Return what restores an indexed document without its text: its story, its word
        count and its MinHash values (None for a text with no words)."""
        entry = self._entries[document_id]
        values = entry.minhash.hashvalues.astype("<u8").tobytes() if entry.minhash else None
        return Signature(story=entry.story, words=entry.words, minhash=values)

    def restore(self, document_id: str, signature: Signature) -> str:
        """Index a document from its stored signature, as `add` indexed it; return its story.

        The story is the stored one: restoring documents in their first order rebuilds the
        index that `add` had built, without hashing any text again.
        """
        if document_id in self._entries:
            return self._entries[document_id].story
        minhash = None
        if signature.minhash is not None:
            values = array.array("Q")
            values.frombytes(signature.minhash)
            if sys.byteorder == "big":
                values.byteswap()  # stored little-endian
            minhash = MinHash(
                seed=self._template.seed, hashvalues=values, scheme=self._template.scheme
            )
            self._lsh.insert(document_id, minhash, check_duplication=False)
        self._entries[document_id] = _Entry(
            order=len(self._entries), story=signature.story, words=signature.words, minhash=minhash
        )
        self._stories.setdefault(signature.story, []).append(document_id)
        return signature.story

    def story_of(self, document_id: str) -> str | None:
        """Return the story id of an indexed document, or None if it was never added."""
        entry = self._entries.get(document_id)
        return entry.story if entry is not None else None

    def stories(self) -> dict[str, list[str]]:
        """Return every story id with its documents, both in the order they were added."""
        return {story: list(members) for story, members in self._stories.items()}

    def similarity(self, first_id: str, second_id: str) -> float:
        """Return the estimated Jaccard similarity of two indexed documents' 5-grams.

        Returns:
            A value in [0, 1]; 0.0 when either text has no words.

        Raises:
            KeyError: when either document is not indexed.
        """
        first = self._entries[first_id].minhash
        second = self._entries[second_id].minhash
        if first is None or second is None:
            return 0.0
        return float(first.jaccard(second))

    def _match(self, minhash: MinHash, word_count: int) -> str | None:
        """Return the story of the most similar indexed document over its threshold."""
        candidates = (self._entries[candidate_id] for candidate_id in self._lsh.query(minhash))
        return closest_story(
            minhash.hashvalues,
            word_count,
            (
                (entry.order, entry.story, entry.words, entry.minhash.hashvalues)
                for entry in candidates
                if entry.minhash is not None
            ),
            threshold=self.threshold,
        )


def closest_story(
    values: np.ndarray,
    word_count: int,
    candidates: Iterable[tuple[int, str, int, np.ndarray]],
    *,
    threshold: float,
) -> str | None:
    """Return the story of the candidate most similar to a document, if over the threshold.

    Args:
        values: the document's MinHash values.
        word_count: its number of words.
        candidates: (order added, story, word count, MinHash values) of documents that
            share a band with it (LSH candidates).
        threshold: as `StoryIndex`'s; `SHORT_THRESHOLD` when either text is short.

    Returns:
        The story of the most similar candidate (the earliest added among equals), or None.
    """
    best: tuple[float, int] | None = None
    story = None
    for order, candidate_story, candidate_words, candidate_values in candidates:
        # the share of equal MinHash values, as datasketch's `MinHash.jaccard` counts it
        similarity = float(np.count_nonzero(values == candidate_values)) / float(len(values))
        needed = threshold
        if min(word_count, candidate_words) < SHORT_WORDS:
            needed = max(needed, SHORT_THRESHOLD)
        if similarity < needed:
            continue
        # The most similar wins; among equals the earliest, whatever the set order.
        key = (-similarity, order)
        if best is None or key < best:
            best, story = key, candidate_story
    return story


def minhash_values(text: str) -> tuple[int, np.ndarray | None]:
    """Return a text's number of words and the MinHash values `StoryIndex` gives it (None for
    a text without words), with the default permutations and seed."""
    tokens = words(text)
    if not tokens:
        return 0, None
    minhash = _template().copy()
    minhash.update_batch(_shingles(tokens))
    return len(tokens), minhash.hashvalues


def values_bytes(values: np.ndarray) -> bytes:
    """MinHash values as stored: little-endian 64-bit integers (`StoryIndex.signature`)."""
    return values.astype("<u8").tobytes()


def values_of(stored: bytes) -> np.ndarray:
    """MinHash values from their stored bytes (`values_bytes`)."""
    return np.frombuffer(stored, dtype="<u8").astype(np.uint64)


def band_keys(values: np.ndarray) -> list[int]:
    """The keys under which a store finds a document's reprints: one per LSH band of its
    MinHash values (the bands `StoryIndex` uses), each a 64-bit hash of the band's number
    and values. Two documents share a key exactly when they share a band, as datasketch's
    LSH compares them (but for a hash collision, which only adds a candidate to check)."""
    raw = values_bytes(values)
    keys = []
    for number, (start, end) in enumerate(_lsh_bands()):
        digest = hashlib.blake2b(
            number.to_bytes(2, "little") + raw[start * 8 : end * 8], digest_size=8
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


@functools.cache
def _template() -> MinHash:
    return MinHash(num_perm=_NUM_PERM, seed=_SEED)


@functools.cache
def _lsh_bands() -> tuple[tuple[int, int], ...]:
    """The bands of MinHash values that `StoryIndex`'s LSH hashes, at the default threshold."""
    lsh = MinHashLSH(threshold=min(THRESHOLD, SHORT_THRESHOLD), num_perm=_NUM_PERM)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


def group_stories(
    documents: Iterable[tuple[str, str]],
    *,
    threshold: float = 0.5,
    num_perm: int = 128,
    seed: int = 1,
) -> dict[str, str]:
    """Group documents into stories in the order given.

    Args:
        documents: (document id, cleaned text) pairs, e.g. from a store's `documents()`
            and `document_text()`.
        threshold, num_perm, seed: as for `StoryIndex`.

    Returns:
        Each document id mapped to its story id (the id of the story's first document).
    """
    index = StoryIndex(threshold=threshold, num_perm=num_perm, seed=seed)
    return {document_id: index.add(document_id, text) for document_id, text in documents}
