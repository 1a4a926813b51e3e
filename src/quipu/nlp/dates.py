"""Dates: DATE expressions resolved against the publication date, with UCDP precision.

Deictic expressions ("yesterday", "on Monday", "el 15 de diciembre") are resolved by
dateparser against the publication date. Narrative offsets ("one day before", "the day
after", "al día siguiente") are resolved against the last date the text itself gave, the way
a reader follows a story. Durations ("for 30 days") and vague spans ("the 90s") are not dates.

A report without a publication date has nothing to resolve "Monday" or "yesterday" against:
such expressions stay undated rather than being read against today's clock, and
`clock_relative` lists them so that the pipeline can say so (warning W006). Expressions that
name their own date ("15 December 2022") are resolved as usual.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span
from text_to_num import alpha2digit, text2num

from ..records import DateSpan
from .layout import dateline_end, text_of
from .lexicon import Lexicon, fold

# UCDP date_prec: 1 exact day, 2 within 2-6 days, 3 week, 4 month, 5 year.
_PRECISION = {"day": 1, "week": 3, "month": 4, "year": 5}
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|º|°|o)\b", re.IGNORECASE)
# Two publication dates that differ in year, month and weekday: an expression that resolves
# alike against both names its own date; one that does not depends on when it was written.
_PROBE_BASES = (dt.date(2001, 3, 14), dt.date(2013, 9, 2))


@dataclass(slots=True)
class DateMention:
    """A resolved date expression in the text."""

    span: Span
    date: DateSpan
    absolute: bool


@functools.lru_cache(maxsize=64)
def _parser(language: str, base: dt.date) -> DateDataParser:
    """Return a parser resolving relative dates against `base` (one per publication date)."""
    return DateDataParser(
        languages=[language],
        settings={
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        },
    )


def resolve_expression(
    text: str, *, published: dt.date | None, lexicon: Lexicon
) -> DateSpan | None:
    """Return the date an expression names, resolved against `published`, or None.

    Without a publication date only an expression that names its own date is resolved;
    "Monday", "yesterday" or "December 14" (which year?) give None.
    """
    if published is None:
        first, second = (
            resolve_expression(text, published=base, lexicon=lexicon) for base in _PROBE_BASES
        )
        return first if first == second else None
    folded = fold(text)
    head, _, rest = folded.partition(" ")
    if rest and head in lexicon.words("dates", "earlier_markers"):
        # "earlier this month": the period, up to the day before the report
        span = resolve_expression(rest, published=published, lexicon=lexicon)
        before = published - dt.timedelta(days=1)
        if span is None or not span.start <= before <= span.end:
            return span
        return DateSpan(span.start, before, span.precision)
    decade = _decade(fold(_digits(text, lexicon.language)), lexicon=lexicon)
    if decade is not None:
        return decade
    relative = lexicon.mapping("dates", "relative_days")
    if folded.strip() in relative:
        day = published + dt.timedelta(days=int(relative[folded.strip()]))
        return DateSpan(day, day, 1)
    words_in = set(re.findall(r"\w+", folded))
    if words_in & lexicon.words("dates", "duration_units") and not (
        words_in & lexicon.words("dates", "direction_markers")
    ):
        return None
    if not re.search(r"\d", folded) and not lexicon.pattern("dates", "date_words").search(folded):
        return None
    ordinal_free = _ORDINAL.sub(r"\1", text)
    strip = lexicon.words("dates", "strip_words")
    words = [w for w in re.split(r"[\s,]+", ordinal_free) if w]
    while words and fold(words[0]) in strip:
        words = words[1:]
    inner = lexicon.words("dates", "inner_strip_words")
    cleaned = " ".join(w for w in words if fold(w) not in inner)
    if not cleaned:
        return None
    weekdays = lexicon.mapping("dates", "weekdays")
    head, *parts = fold(cleaned).split()
    if parts and head in weekdays and set(parts) <= lexicon.words("dates", "day_parts"):
        cleaned = head  # "Saturday night" is the Saturday
    if fold(cleaned) in weekdays:
        # dateparser takes "Friday" in a Friday report for the week before; a reporter
        # means the latest such day, today included.
        back = (published.weekday() - int(weekdays[fold(cleaned)])) % 7
        day = published - dt.timedelta(days=back)
        return DateSpan(day, day, 1)
    parser = _parser(lexicon.language, published)
    data = parser.get_date_data(_digits(cleaned, lexicon.language))
    if data.date_obj is None:
        # "el mes pasado" needs its article
        data = parser.get_date_data(_digits(ordinal_free, lexicon.language))
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    has_year = bool(re.search(r"\b\d{4}\b", text))
    if not has_year:
        # A day without a year is its nearest occurrence: "December 14" in a report of
        # January is last year's, "el 10 de enero" in a report of December is next month.
        day = _nearest_year(day, published)
    if period == "year":
        return DateSpan(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), _PRECISION["year"])
    if period == "month":
        last = monthrange(day.year, day.month)[1]
        return DateSpan(dt.date(day.year, day.month, 1), dt.date(day.year, day.month, last), 4)
    if period == "week":
        # dateparser gives the week's day of the base date; a week runs Monday to Sunday
        monday = day - dt.timedelta(days=day.weekday())
        return DateSpan(monday, monday + dt.timedelta(days=6), _PRECISION["week"])
    return DateSpan(day, day, 1)


def clock_relative(doc: Doc, *, lexicon: Lexicon) -> list[str]:
    """Return the date expressions of `doc` that only a publication date could resolve
    ("Monday", "yesterday", "last week"), in text order: what a report without one leaves
    undated."""
    return [
        span.text
        for span in date_expressions(doc, lexicon=lexicon)
        if resolve_expression(span.text, published=None, lexicon=lexicon) is None
        and resolve_expression(span.text, published=_PROBE_BASES[0], lexicon=lexicon) is not None
    ]


def _nearest_year(day: dt.date, published: dt.date) -> dt.date:
    """Return `day` moved to the year that brings it nearest to `published`."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda candidate: abs((candidate - published).days))


def narrative_offset(text: str, *, anchor: DateSpan, lexicon: Lexicon) -> DateSpan | None:
    """Return the date of "one day before", "the day after" ... counted from `anchor`."""
    found = narrative_offsets(text, anchor=anchor, lexicon=lexicon)
    return found[0][1] if found else None


def narrative_offsets(
    text: str, *, anchor: DateSpan, lexicon: Lexicon
) -> list[tuple[tuple[int, int], DateSpan]]:
    """Every "one day before", "the day after" … of `text` with where it stands (character
    offsets into the folded text, which keeps the length of text with single spaces) and
    the date it gives counted from `anchor`, in the order of the lexicon's patterns."""
    folded = fold(text)
    directions = lexicon.mapping("dates", "direction_words")
    found = []
    for entry in lexicon.dates.get("narrative_offsets") or []:
        for match in re.finditer(entry["pattern"], folded):
            where = (match.start(), match.end())
            if entry.get("same"):
                found.append((where, DateSpan(anchor.start, anchor.end, anchor.precision)))
                continue
            groups = match.groupdict()
            sign = directions.get(groups.get("dir") or "", 0)
            if not sign:
                continue
            amount = _amount(groups.get("n"), language=lexicon.language)
            unit = groups.get("unit") or ""
            weeks = fold(unit).startswith(("week", "seman"))
            if amount is None:
                # "several days later": some time within a week (UCDP date_prec 2)
                near, far = (14, 42) if weeks else (2, 6)
                first, last = sorted((sign * near, sign * far))
                date = DateSpan(
                    anchor.start + dt.timedelta(days=first),
                    anchor.end + dt.timedelta(days=last),
                    max(anchor.precision, 3 if weeks else 2),
                )
            else:
                shift = dt.timedelta(days=sign * amount * (7 if weeks else 1))
                date = DateSpan(anchor.start + shift, anchor.end + shift, anchor.precision)
            found.append((where, date))
    return found


def weekday_offset(
    text: str, *, anchor: DateSpan, lexicon: Lexicon, earlier: Sequence[DateMention] = ()
) -> DateSpan | None:
    """Return the date of "the previous Friday", "el viernes anterior", "aquel lunes": that
    weekday just before, after or at `anchor`, the last date the text gave, not the
    publication date."""
    folded = fold(text)
    directions = lexicon.mapping("dates", "direction_words")
    weekdays = lexicon.mapping("dates", "weekdays")
    for pattern in lexicon.dates.get("weekday_offsets") or []:
        match = re.search(pattern, folded)
        if match is None:
            continue
        weekday, sign = int(weekdays[match["weekday"]]), directions.get(match["dir"])
        if sign is None:
            continue
        if sign < 0:
            day = anchor.start - dt.timedelta(days=(anchor.start.weekday() - weekday) % 7 or 7)
        elif sign > 0:
            day = anchor.end + dt.timedelta(days=(weekday - anchor.end.weekday()) % 7 or 7)
        else:
            # "aquel lunes", "that Monday": the last day the text gave that was a Monday,
            # else the Monday nearest the anchor
            named = next(
                (
                    m.date
                    for m in reversed(earlier)
                    if m.date.precision == 1 and m.date.start.weekday() == weekday
                ),
                None,
            )
            if named is not None:
                return named
            back = (anchor.start.weekday() - weekday) % 7
            day = anchor.start - dt.timedelta(days=back if back <= 3 else back - 7)
        return DateSpan(day, day, 1)
    return None


def _decade(folded: str, *, lexicon: Lexicon) -> DateSpan | None:
    """ "the 1990s", "los años noventa": a decade (precision 5, the year being unknown)."""
    for pattern in lexicon.dates.get("decade_patterns") or []:
        match = re.search(pattern, folded)
        if match is None:
            continue
        groups = match.groupdict()
        century = int(groups.get("century") or 19)
        decade = groups.get("decade")
        if decade is None:
            return None
        start = century * 100 + int(decade) * 10
        return DateSpan(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), 5)
    return None


def _digits(text: str, language: str) -> str:
    """ "hace dos días" → "hace 2 días": dateparser reads digits more reliably."""
    try:
        return str(alpha2digit(text, language, threshold=0))
    except (ValueError, KeyError):
        return text


def _offsets_within(sent: Span, dated: list[DateMention], *, lexicon: Lexicon) -> list[DateMention]:
    """The narrative offsets of a sentence that already gives a day, counted from it.

    An offset that governs what follows it dates that, on the other side of the day: in
    "died on Friday, three days after she was detained" the detention was three days before
    Friday, not after."""
    anchor = dated[0].date
    text = sent.text
    if len(fold(text)) != len(text):
        return []  # the folded text's offsets would not be the sentence's
    governing = lexicon.words("dates", "governing_offsets")
    found = []
    for (start, end), date in narrative_offsets(text, anchor=anchor, lexicon=lexicon):
        last = fold(text[start:end]).split()[-1]
        if last in governing and re.match(r"\s+\w", text[end:]):
            shift = date.start - anchor.start
            date = DateSpan(anchor.start - shift, anchor.end - shift, date.precision)
        span = sent.doc.char_span(
            sent.start_char + start, sent.start_char + end, alignment_mode="expand"
        )
        if span is not None and all(
            span.start >= m.span.end or span.end <= m.span.start for m in dated
        ):
            found.append(DateMention(span=span, date=date, absolute=True))
    return found


def _amount(word: str | None, *, language: str) -> int | None:
    if word is None or fold(word) in ("a", "one", "un", "una", "the"):
        return 1
    if word.isdigit():
        return int(word)
    if fold(word) in ("several", "varios", "varias", "few", "some", "unos", "unas"):
        return None
    try:
        return int(text2num(fold(word), language))
    except ValueError:
        return None


def find_dates(doc: Doc, *, published: dt.date | None, lexicon: Lexicon) -> list[DateMention]:
    """Resolve every DATE entity of `doc`, and narrative offsets against earlier dates."""
    found: list[DateMention] = []
    anchor: DateSpan | None = None
    durations = lexicon.words("dates", "duration_markers")
    since = lexicon.words("dates", "since_markers")
    skip_until = dateline_end(text_of(doc))
    by_sentence: dict[int, list[Span]] = {}
    for span in date_expressions(doc, lexicon=lexicon):
        by_sentence.setdefault(span.sent.start, []).append(span)
    for sent in doc.sents:
        absolute_here = []
        for span in by_sentence.get(sent.start, []):
            if span.start_char < skip_until:
                continue  # the dateline's date is when the report was filed
            before = fold(doc[span.start - 1].text) if span.start > 0 else ""
            if before in durations:
                continue
            around = doc[max(sent.start, span.start - 2) : min(span.end + 2, sent.end)].text
            offset = (
                weekday_offset(around, anchor=anchor, lexicon=lexicon, earlier=found)
                if anchor
                else None
            )
            date = offset or resolve_expression(span.text, published=published, lexicon=lexicon)
            if date is None:
                continue
            if before in since and published is not None and date.start <= published:
                date = DateSpan(date.start, published, max(date.precision, 4))
            absolute_here.append(DateMention(span=span, date=date, absolute=True))
        if not absolute_here:
            recalled = _recalled_event(sent, told=found, lexicon=lexicon)
            absolute_here = [recalled] if recalled is not None else []
        elif absolute_here[0].date.precision == 1:
            # "ordered on Sunday the release of those detained a day earlier": an offset in
            # a sentence that gives a day counts from that day, for its own clause
            absolute_here += _offsets_within(sent, absolute_here, lexicon=lexicon)
        found.extend(absolute_here)
        # "one day before" counts from a day, not from "in 2002" or "in December"
        if anchor is not None and anchor.precision <= 2 and not absolute_here:
            offset = narrative_offset(sent.text, anchor=anchor, lexicon=lexicon)
            if offset is not None:
                found.append(DateMention(span=sent, date=offset, absolute=False))
                anchor = offset
        # A story moves on from dates it tells, not from the future it is about
        # ("approved on Tuesday bringing elections forward to April 2024").
        told = [m for m in absolute_here if published is None or m.date.start <= published]
        if told:
            anchor = max(told, key=lambda m: m.span.start).date
    return found


def _recalled_event(sent: Span, *, told: list[DateMention], lexicon: Lexicon) -> DateMention | None:
    """Date "shortly after Castillo announced his decision to dissolve Congress" by the day
    the text gave that decision earlier ("Castillo made the decision on the 7th of December
    to dissolve the Congress").

    The clause after a same-day marker ("shortly after", "poco después de que") is held
    against the earlier sentences that carry a day; the one sharing the most content words
    (at least `event_anchor_overlap`, a name among them) lends its day.
    """
    folded = fold(sent.text)
    marker = next(
        (m for m in lexicon.words("dates", "same_day_markers") if f" {m} " in f" {folded} "), None
    )
    if marker is None:
        return None
    start = sent.start_char + f" {folded} ".index(f" {marker} ") + len(marker)
    clause = [t for t in sent if t.idx >= start]
    end = next((i for i, t in enumerate(clause) if t.text in (")", ";") or t.is_sent_end), None)
    clause = clause if end is None else clause[:end]
    words = {
        fold(t.lemma_) for t in clause if t.pos_ in ("NOUN", "PROPN", "VERB") and not t.is_stop
    }
    names = {fold(t.lemma_) for t in clause if t.pos_ == "PROPN"}
    need = int(lexicon.dates.get("event_anchor_overlap") or 3)
    best: tuple[int, DateMention] | None = None
    for mention in told:
        if not mention.absolute or mention.date.precision > 1:
            continue
        earlier = {fold(t.lemma_) for t in mention.span.sent}
        shared = words & earlier
        if len(shared) >= need and shared & names and (best is None or len(shared) >= best[0]):
            best = (len(shared), mention)
    if best is None or not clause:
        return None
    span = sent.doc[clause[0].i : clause[-1].i + 1]
    return DateMention(span=span, date=best[1].date, absolute=True)


def date_expressions(doc: Doc, *, lexicon: Lexicon) -> list[Span]:
    """Return DATE entities joined with neighbouring pieces of the same date.

    The recognizer splits "Monday, the 19th of December" into DATE, DATE and DATE, and
    "the 7th of December" into ORDINAL and DATE; a reader sees one date. A length of time
    after a comma is no part of the date before it: "on Friday, three days after she was
    detained" is Friday.
    """
    joiners = lexicon.words("dates", "date_joiners")
    units = lexicon.words("dates", "duration_units")
    if not any(ent.label_ == "DATE" for ent in doc.ents) and not _recognizes_dates(doc):
        return _word_runs(doc, lexicon=lexicon)
    pieces = [
        ent
        for ent in doc.ents
        if ent.label_ in ("DATE", "ORDINAL") or (ent.label_ == "TIME" and _day_time(ent, lexicon))
    ]
    spans: list[Span] = []
    current: list[int] | None = None
    for ent in pieces:
        if current is not None:
            between = doc[current[1] : ent.start]
            if (
                ent.sent == doc[current[0]].sent
                and all(fold(t.text) in joiners or t.is_space for t in between)
                and fold(ent[-1].text) not in units
            ):
                current[1] = ent.end
                current[2] = current[2] or ent.label_ != "ORDINAL"
                continue
            if current[2]:
                spans.append(doc[current[0] : current[1]])
        current = [ent.start, ent.end, ent.label_ != "ORDINAL"]
    if current is not None and current[2]:
        spans.append(doc[current[0] : current[1]])
    return spans


def _day_time(ent: Span, lexicon: Lexicon) -> bool:
    """True for a time that names its day: "this morning", "later today" (the report's day),
    "Saturday night" (the Saturday)."""
    folded = fold(ent.text)
    if folded in lexicon.mapping("dates", "relative_days"):
        return True
    words = [w for w in folded.split() if w not in lexicon.words("dates", "strip_words")]
    parts = lexicon.words("dates", "day_parts")
    weekdays = lexicon.mapping("dates", "weekdays")
    return len(words) > 1 and words[0] in weekdays and set(words[1:]) <= parts


def _recognizes_dates(doc: Doc) -> bool:
    """True when the language's recognizer labels dates (the Spanish model does not)."""
    return doc.lang_ == "en"


def _word_runs(doc: Doc, *, lexicon: Lexicon) -> list[Span]:
    """Find date expressions from the lexicon's date words, for models without DATE.

    A run of date words ("lunes", "diciembre", "ayer"), numbers and joiners ("de", "el")
    that holds at least one date word is one expression: "el lunes 19 de diciembre de 2022".
    """
    phrases = sorted(
        (fold(w).split() for w in lexicon.dates.get("date_words") or []), key=len, reverse=True
    )
    single = {p[0] for p in phrases if len(p) == 1}
    joiners = lexicon.words("dates", "date_joiners")
    units = lexicon.words("dates", "duration_units")
    directions = lexicon.words("dates", "direction_markers")
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        size = _date_word_at(doc, i, single=single, phrases=phrases)
        if not size:
            i += 1
            continue
        start, end = i, i + size
        # extend left over numbers and joiners ("19 de diciembre"), keeping a number
        while start > 0 and (doc[start - 1].like_num or fold(doc[start - 1].text) in joiners):
            start -= 1
        # extend right over numbers, joiners and more date words
        while end < len(doc):
            if (
                doc[end].like_num
                and end + 1 < len(doc)
                and fold(doc[end + 1].text) in units
                and fold(doc[end - 1].text) not in directions
            ):
                break  # "el jueves 18 meses de prisión" (but "hace dos días"): months
            more = _date_word_at(doc, end, single=single, phrases=phrases)
            if more:
                end += more
            elif doc[end].like_num or fold(doc[end].text) in joiners:
                end += 1
            else:
                break
        while (
            end - start > 1
            and doc[end - 1].like_num
            and end < len(doc)
            and fold(doc[end].text) in units
        ):
            end -= 1  # "el jueves 18 meses de prisión": the 18 counts months
        while start < end and not doc[start].like_num and fold(doc[start].text) in joiners:
            start += 1
        while end > start and not doc[end - 1].like_num and fold(doc[end - 1].text) in joiners:
            end -= 1
        if doc[start].sent == doc[end - 1].sent:
            spans.append(doc[start:end])
        i = end
    return spans


def _date_word_at(doc: Doc, i: int, *, single: set[str], phrases: list[list[str]]) -> int:
    """Return how many tokens from `i` form a date word or phrase (0 if none)."""
    first = fold(doc[i].text)
    for phrase in phrases:
        if phrase[0] != first or len(phrase) == 1:
            continue
        if [fold(t.text) for t in doc[i : i + len(phrase)]] == phrase:
            return len(phrase)
    return 1 if first in single else 0


def published_day(doc: Doc) -> DateSpan | None:
    """The day the report was published, as a one-day span (None when it has no date)."""
    published: dt.date | None = doc._.published
    return DateSpan(published, published, 1) if published is not None else None
