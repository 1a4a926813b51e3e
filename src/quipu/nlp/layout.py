"""The layout of a report: its paragraphs and its dateline, in its text and in its Doc.

News reports open with a dateline ("LIMA, Dec 20 (Andes Wire) –"): it names where the report
was filed and when, which says what country the report is about but is not the date or
place of any event in it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Span

# Capitalized place, then up to 70 characters of date/outlet, then a dash.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ'’ ./-]{2,40}?)"
    r"(?:[,.]\s*[^\n–—]{0,70}?)?\s*[.]?\s*(?:–|—|--|-\s)\s*"
)


# A live page's entry stamp: a clock time opening a paragraph, before a dash ("09:10 –",
# "**8:05 a. m.** –", "14h20 -").
_ENTRY_STAMP = re.compile(
    r"^[*_]*\d{1,2}\s*[:.h]\s*\d{2}(?:\s*(?:[ap]\.?\s?m\.?|gmt|utc|h))?[*_]*\s*(?:–|—|--|-\s)",
    re.IGNORECASE,
)


def text_of(doc: Doc) -> str:
    """The text of `doc`, kept with it: spaCy's `Doc.text` joins every token again at each
    read, and the stages read it per sentence and per paragraph (a fifth of the pipeline's
    time went there). A Doc's tokens never change after tokenizing, so neither does this."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "quipu.text"


def stamped_entry(paragraph: str) -> bool:
    """True for a paragraph a live page opens with the time of day it was posted."""
    return _ENTRY_STAMP.match(paragraph) is not None


def dateline_end(text: str) -> int:
    """Return the offset where the dateline of `text` ends, or 0 when it has none."""
    match = _DATELINE.match(text)
    if match is None or not match.group("place").strip(" .-").isupper():
        return 0
    return match.end()


def dateline_place_span(text: str) -> tuple[int, int] | None:
    """Return the character span of the dateline's place name ("LIMA"), if any."""
    match = _DATELINE.match(text)
    if match is None or not match.group("place").strip(" .-").isupper():
        return None
    start, end = match.span("place")
    name = text[start:end].rstrip(" .-")
    return start, start + len(name)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the paragraphs of `text`, without their indent."""
    spans = []
    start = 0
    breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*\n", text)]
    for end, following in [*breaks, (len(text), 0)]:
        segment = text[start:end]
        if segment.strip():
            spans.append((start + len(segment) - len(segment.lstrip()), end))
        start = following
    return spans


def start_paragraphs(doc: Doc) -> None:
    """Start a sentence at every paragraph break, so no sentence spans two paragraphs.

    The dateline ("LIMA, Dec 14 (Andes Wire) –") is set apart as a sentence of its own, so
    that the parser does not take its place name for the subject of the first sentence; so
    is a parenthesis that opens a paragraph ("(In a video released later) Bobbio told ...").
    """
    end = dateline_end(text_of(doc))
    starts = [0]
    if end:
        first = doc.char_span(end, len(text_of(doc)), alignment_mode="expand")
        if first is not None and len(first):
            first[0].is_sent_start = True
            starts.append(first[0].i)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
            starts.append(token.i)
    for token in doc[:-1]:
        # "U.S. President Joe Biden", "EE. UU. condenó": an initialism's last period ends
        # no sentence before a capitalized word (the parsers split there), unless the word is
        # one that opens a sentence ("against the U.S. The Taliban denounced…", "EE.UU. El
        # Gobierno…")
        following = doc[token.i + 1]
        if _INITIALISM.fullmatch(token.text) and following.is_title and following.i not in starts:
            opens = following.pos_ in _OPENERS or following.tag_ in _OPENER_TAGS
            following.is_sent_start = opens
    _bound_sentences(doc, starts)
    for start in starts:
        _set_apart_opening_parenthesis(doc, start)
        # The Spanish model can end a sentence on a paragraph's first word ("Cientos | de
        # manifestantes intentaron ...", "MADRID, 3 de marzo — España | convocó ..."); a paragraph does not open with a one-word one.
        if start + 1 < len(doc) and doc[start].is_alpha and doc[start + 1].is_alpha:
            doc[start + 1].is_sent_start = False


# Words that open a sentence and never follow "U.S." inside one: articles, pronouns,
# prepositions and conjunctions, by the Spanish morphologizer's part of speech and the English
# tagger's Penn tags (English parts of speech come later in the pipeline).
_OPENERS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ"})
_OPENER_TAGS = frozenset({"DT", "PRP", "PRP$", "IN", "CC", "EX", "WDT", "WP", "WRB"})
# "U.S.", "U.K.", "EE.", "UU.": capitals each followed by a period.
_INITIALISM = re.compile(r"(?:[A-Z]{1,2}\.){1,3}")
# News sentences run to a hundred tokens at most. Past these lengths a run of text is cut
# at its next full stop, and past the hard one anywhere: the stages' work grows with the
# square of a sentence's length and more, and a 10,000-token "sentence" took minutes.
_LONG_SENTENCE = 200
_ENDLESS_SENTENCE = 400
_FULL_STOPS = frozenset(".!?")


def _bound_sentences(doc: Doc, starts: list[int]) -> None:
    """Start a sentence in runs of text too long to be one (see `_LONG_SENTENCE`): after a
    full stop and the closing quotes or brackets attached to it (`said.” Kirkwood`, but
    `office. "I do`), as the parser would, or anywhere once the run is endless."""
    fixed = set(starts)
    since = 0
    stopped = False
    for token in doc[1:]:
        since += 1
        previous = doc[token.i - 1]
        if token.i in fixed:
            since, stopped = 0, False
            continue
        stopped = stopped or previous.text in _FULL_STOPS
        closing = stopped and token.is_punct and not previous.whitespace_
        if since >= _ENDLESS_SENTENCE or (since >= _LONG_SENTENCE and stopped and not closing):
            token.is_sent_start = True
            since, stopped = 0, False
        elif not closing:
            stopped = False


def _set_apart_opening_parenthesis(doc: Doc, start: int) -> None:
    if start >= len(doc) or doc[start].text != "(":
        return
    depth = 0
    for token in doc[start:]:
        if "\n" in token.text:
            return  # the paragraph ended inside the parenthesis
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if depth == 0:
            following = token.i + 1
            if following < len(doc) and not doc[following].is_space:
                doc[following].is_sent_start = True
            return


# A line in capitals: at least this many words of letters, and no lower-case letter.
_CAPITAL_LINE_WORDS = 2
# Short words of a line in capitals kept so when not a common word: acronyms ("ONU", "ELN").
_ACRONYM_LENGTH = 3


def capital_lines(doc: Doc) -> list[Span]:
    """The lines of a Doc written all in capitals, as headlines often are ("HUELGAS EN
    ECUADOR", "UN FORCES THREATEN TO PULL OUT"): the models, trained on text in ordinary
    case, read their words as names. A dateline ends in ordinary text and is no such line."""
    lines = []
    start = 0
    for line in text_of(doc).split("\n"):
        words = re.findall(r"[^\W\d_]{2,}", line)
        if len(words) >= _CAPITAL_LINE_WORDS and not any(c.islower() for c in line):
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            if span is not None and len(span):
                lines.append(span)
        start += len(line) + 1
    return lines


def comma_cuts(doc: Doc) -> list[Span]:
    """Pairs of sentences of one paragraph that the parser cut at a comma, as one span: a
    comma ends no sentence, but the Spanish model can end one there ("Sonko, líder del
    partido Pastef y tercero en las presidenciales de 2019, | fue arrestado el miércoles",
    "Desde Bogotá, | el ministro de Defensa confirmó")."""
    cuts: list[Span] = []
    for one, other in pairwise(doc.sents):
        words = [token for token in one if not token.is_space]
        if not words or words[-1].text != "," or (cuts and cuts[-1].end > one.start):
            continue
        if "\n" not in doc[words[-1].i : other.start].text and not other[0].is_space:
            cuts.append(doc[one.start : other.end])
    return cuts


def sentence_case(line: Span, *, common: frozenset[str]) -> list[str]:
    """The words of a line in capitals as a sentence would have them: the first capitalized,
    the rest in lower case but for short ones that are no `common` word ("Las fuerzas de la
    ONU amenazan con retirarse de bosnia"). Each keeps its length, so offsets hold."""
    words = []
    first = True
    for token in line:
        text = token.text
        lower = text.lower()
        if not token.is_alpha or len(lower) != len(text):
            words.append(text)
            continue
        if len(text) <= _ACRONYM_LENGTH and lower not in common and not first:
            words.append(text)
        else:
            words.append(text[0] + lower[1:] if first else lower)
        first = False
    return words
