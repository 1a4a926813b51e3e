"""Tell English from Spanish by counting each language's distinctive function words.

Quipu reads two languages, so the question is narrow: English, Spanish or neither. Function
words answer it well. They make up a third to a half of the running words of any prose, they
do not depend on the topic, and spaCy already ships a curated list for each language
(`spacy.lang.en.stop_words`, `spacy.lang.es.stop_words`), so no model, download or extra
dependency is needed. Only the words that are in one list and not the other count (the two
share "a", "no", "me"...), which makes every hit evidence for one side.

A language wins when it has enough hits, a clear margin over the other, and a large enough
share of all words. The share is what rejects French, Portuguese or Italian: they hit a few
Spanish words ("la", "que", "de") but far fewer than Spanish prose does.

"Neither" is two answers: too little text to tell, or text that is clearly in another
language. `other_language` tells the second, so that the pipeline skips a French or Chinese
report (warning W009) instead of reading it as English: it counts the function words of
neighbouring languages that are in neither the English nor the Spanish list ("les",
"gli", "und"), and letters outside the Latin script.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

# Fewer distinctive hits than this is too little text to judge.
MIN_HITS = 3
# The winner needs this many times the loser's hits.
MIN_MARGIN = 3.0
# ...and this share of all words; English and Spanish news prose score 0.4 to 0.5, related
# Romance languages about 0.2 against the Spanish list.
MIN_SHARE = 0.3
# The opening of a long text is as telling as the whole of it.
MAX_WORDS = 5000
_WORD = re.compile(r"[^\W\d_]+")
# Languages whose function words betray them; spaCy ships their lists as it does ours.
OTHER_LANGUAGES = ("fr", "pt", "it", "de", "nl", "ca")
# Their hits reach a tenth of the words of a short French or Portuguese paragraph and a
# fiftieth of any English or Spanish report of the sample and world corpora.
MIN_OTHER_SHARE = 0.08
# Past this share of letters outside the Latin script, text is not English or Spanish.
MAX_NON_LATIN_SHARE = 0.5


@lru_cache(maxsize=1)
def _distinctive_words() -> dict[str, frozenset[str]]:
    # Imported here: loading spaCy takes a second, and not every caller detects languages.
    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.es.stop_words import STOP_WORDS as spanish

    return {
        "en": frozenset(english - spanish),
        "es": frozenset(spanish - english),
    }


@lru_cache(maxsize=1)
def _other_words() -> dict[str, frozenset[str]]:
    # Imported here, as in `_distinctive_words`.
    import importlib

    from spacy.lang.en.stop_words import STOP_WORDS as english
    from spacy.lang.es.stop_words import STOP_WORDS as spanish

    ours = frozenset(english | spanish)
    return {
        language: frozenset(
            importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS - ours
        )
        for language in OTHER_LANGUAGES
    }


def other_language(text: str) -> bool:
    """Return True when `text` is clearly in a language other than English and Spanish.

    Args:
        text: prose of any length; only its first 5,000 words are read.

    Returns:
        True for text mostly in a non-Latin script, or with as many function words of
        French, Portuguese, Italian, German, Dutch or Catalan as their prose has; False
        for English, Spanish, and text too short to tell.
    """
    letters = [char for char in text[: MAX_WORDS * 10] if char.isalpha()]
    if not letters:
        return False
    non_latin = sum(1 for char in letters if not _latin(char))
    if non_latin > len(letters) * MAX_NON_LATIN_SHARE:
        return True
    words = [match.group().lower() for match in islice(_WORD.finditer(text), MAX_WORDS)]
    return any(
        hits >= MIN_HITS and hits >= len(words) * MIN_OTHER_SHARE
        for hits in (
            sum(1 for word in words if word in vocabulary) for vocabulary in _other_words().values()
        )
    )


def _latin(char: str) -> bool:
    # Basic Latin through Latin Extended-B, and Latin Extended Additional (Vietnamese)
    return char <= "\u024f" or "\u1e00" <= char <= "\u1eff"


def detect_language(text: str) -> str | None:
    """Return "en" or "es" when `text` is convincingly English or Spanish, else None.

    Args:
        text: prose of any length; only its first 5,000 words are read.

    Returns:
        "en", "es", or None when the text is too short, mixed, or in another language.
    """
    words = [match.group().lower() for match in islice(_WORD.finditer(text), MAX_WORDS)]
    if not words:
        return None
    hits = {
        language: sum(1 for word in words if word in vocabulary)
        for language, vocabulary in _distinctive_words().items()
    }
    best, runner_up = sorted(hits, key=hits.__getitem__, reverse=True)
    if (
        hits[best] >= MIN_HITS
        and hits[best] >= hits[runner_up] * MIN_MARGIN
        and hits[best] >= len(words) * MIN_SHARE
    ):
        return best
    return None
