"""Hold record-format predictions against hand-made gold files.

The gold format is described in docs/gold-format.md, the predictions' record format in
docs/record-format.md; tests and quality gates score extractions with this scorer. A
predicted event matches a gold event when its type is acceptable, the gold evidence occurs
in one of its sentences and the gold aliases occur in its actor and recipient; gold and
predictions are then paired one to one, as many pairs as possible.
Scores keep raw counts: a corpus score is the sum of its documents' (a micro-average). Rates
are derived from the counts when asked for, rounded to three decimals with F1 taken from the
rounded precision and recall, as the official scorer reports them: a gate on these numbers
and the official bar must never disagree about the same output. Quipu's gold adds keys of its
own, which the official scorer ignores: an event's `place` (country and first-level region)
and exact `figures`, and a count's `exact` [best, low, high] (tests/gold/README.md).
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self, cast

from quipu.gold import EVENT_FIGURES
from quipu.gold import gold_files as gold_files  # re-exported: the files `quipu eval` reads
from quipu.gold import load_gold as load_gold
from quipu.gold import load_predictions as load_predictions
from quipu.gold import read_gold_json as read_gold_json

Record = dict[str, Any]

# The official scorer's quote folding, so that our gates and its numbers agree.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# The text itself says these did not (or may not) happen: they claim no event, cost nothing.
_NOT_CLAIMED = ("hypothetical", "negated")


def fold(text: object) -> str:
    """Fold text for comparison: no case, accents or curly quotes; white space runs as one.

    Args:
        text: any value; None and "" fold to "".

    Returns:
        The folded string.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def _rate(part: float, whole: float) -> float:
    return round(part / whole, 3) if whole else 0.0


class _Summable:
    """A score whose fields add up one by one, so that documents sum to a corpus."""

    __slots__ = ()

    def __add__(self, other: Self) -> Self:
        plain = cast(Any, self)  # every subclass is a dataclass
        sums = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in dataclasses.fields(plain)
        }
        return cast(Self, dataclasses.replace(plain, **sums))


@dataclass(slots=True)
class Tally(_Summable):
    """Gold items got right: counts, claims, places, or one field of the paired events."""

    right: int = 0
    gold: int = 0

    @property
    def rate(self) -> float:
        """Share right (0.0 without gold items)."""
        return _rate(self.right, self.gold)

    def __str__(self) -> str:
        return f"{self.right}/{self.gold}"


@dataclass(slots=True)
class FieldScores(_Summable):
    """Fields of paired events, each scored over the gold events that state it."""

    mode: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    certainty: Tally = field(default_factory=Tally)
    fatalities: Tally = field(default_factory=Tally)
    place: Tally = field(default_factory=Tally)
    figures: Tally = field(default_factory=Tally)
    actor_country: Tally = field(default_factory=Tally)


@dataclass(slots=True)
class MatchScore(_Summable):
    """Stances, and the base of events: `supported` of the `counted` predictions match some
    gold item, `matched` of the `required` gold items are paired one to one."""

    predicted: int = 0
    counted: int = 0
    supported: int = 0
    required: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        """Predictions that match some gold over predictions that count."""
        return _rate(self.supported, self.counted)

    @property
    def recall(self) -> float:
        """Required gold items paired over required gold items."""
        return _rate(self.matched, self.required)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _rate(2 * self.precision * self.recall, self.precision + self.recall)


@dataclass(slots=True)
class EventScore(MatchScore):
    """Match counts plus `duplicates` (unpaired predictions of a required event) and fields."""

    duplicates: int = 0
    fields: FieldScores = field(default_factory=FieldScores)


@dataclass(slots=True)
class _Scores:
    events: EventScore
    stances: MatchScore
    counts: Tally
    claims: Tally
    places: Tally
    figures: Tally


@dataclass(slots=True)
class DocumentScore(_Scores):
    """One gold file held against one prediction; `misses` says what went wrong, one a line."""

    document: str
    found: bool
    misses: list[str]


@dataclass(slots=True)
class CorpusScore(_Scores):
    """The scores of documents and their sums: the micro-average over the corpus."""

    documents: list[DocumentScore]


@dataclass(slots=True)
class DocumentPair:
    """A gold file and the prediction for its document ({} with found=False when none)."""

    gold: Record
    prediction: Record
    found: bool


@dataclass(slots=True)
class _Seen:
    """A predicted record with the folded texts that matching reads, folded once."""

    record: Record
    sentences: list[str]
    actor: list[str]
    recipient: list[str]


def _actor_texts(actor: object) -> list[str]:
    if not isinstance(actor, dict):
        return []
    texts = [fold(actor.get("name")), fold(actor.get("text"))]
    for member in actor.get("members") or []:
        texts += _actor_texts(member)
    return [text for text in texts if text]


def _seen(record: Record) -> _Seen:
    evidence = [record.get("evidence"), *(record.get("mentions") or [])]
    sentences = [fold(e["sentence"]) for e in evidence if isinstance(e, dict) and e.get("sentence")]
    actor, recipient = (_actor_texts(record.get(key)) for key in ("actor", "recipient"))
    return _Seen(record, sentences, actor, recipient)


def _cites(seen: _Seen, evidence: str) -> bool:
    needle = fold(evidence)
    return any(needle in sentence for sentence in seen.sentences)


def _named(aliases: list[str] | None, texts: list[str]) -> bool:
    # An empty alias list means the gold does not care who it is.
    return not aliases or any(fold(alias) in text for alias in aliases for text in texts)


def _overlaps(date: object, start: str, end: str) -> bool:
    if not isinstance(date, dict) or not isinstance(date.get("start"), str) or not date["start"]:
        return False
    own_end = date["end"] if isinstance(date.get("end"), str) and date["end"] else date["start"]
    return bool(date["start"] <= end and own_end >= start)


def _number(value: object) -> float | None:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return cast(float, value) if is_number else None


def _figure_fits(want: Record, figure: object) -> bool:
    """Whether a predicted figure or count meets each condition the gold states on it."""
    if not isinstance(figure, dict):
        return False
    best, high = _number(figure.get("best")), _number(figure.get("high"))
    ceiling = best if high is None else high
    tests: dict[str, Callable[[int], bool]] = {
        "best": lambda goal: best == goal,
        # "at least two killed": right when the predicted range allows two.
        "low": lambda goal: ceiling is not None and ceiling >= goal,
        # "many hundreds injured": the best reading must not be a handful.
        "low_at_least": lambda goal: best is not None and best >= goal,
    }
    return all(test(want[key]) for key, test in tests.items() if key in want)


def _exact(want: list[int | None], figure: object) -> bool:
    """Whether a predicted figure has exactly the gold's [best, low, high]."""
    if not isinstance(figure, dict):
        return False
    return [figure.get(key) for key in ("best", "low", "high")] == want


def _place_fits(want: Record, place: object) -> bool:
    """Whether an event's place is in the gold's country and first-level region.

    A gold `admin1` of None says the text places the event in the country only, so a
    predicted region is as wrong as a missing one where the gold names the region.
    """
    if not isinstance(place, dict) or place.get("country") != want["country"]:
        return False
    regions = want.get("admin1")
    if regions is None:
        return place.get("admin1") is None
    return fold(place.get("admin1")) in {fold(region) for region in regions}


def _pairs(options: list[list[int]]) -> dict[int, int]:
    """Pair golds and predictions one to one, as many pairs as possible (Kuhn's algorithm).

    `options[gold]` lists the predictions that gold accepts; returns {gold: prediction}.
    """
    taken_by: dict[int, int] = {}

    def seat(gold: int, tried: set[int]) -> bool:
        for prediction in options[gold]:
            if prediction not in tried:
                tried.add(prediction)
                # A taken prediction is freed when its gold can move to another one.
                if prediction not in taken_by or seat(taken_by[prediction], tried):
                    taken_by[prediction] = gold
                    return True
        return False

    for gold in range(len(options)):
        seat(gold, set())
    return {gold: prediction for prediction, gold in taken_by.items()}


def _event_fits(gold: Record, seen: _Seen, *, check_actors: bool = True) -> bool:
    return (
        seen.record.get("type") in gold["type"]
        and _cites(seen, gold["evidence"])
        and (not check_actors or _named(gold.get("actor"), seen.actor))
        and (not check_actors or _named(gold.get("recipient"), seen.recipient))
    )


# Each field a gold event may state, and how a paired prediction is checked against it.
_FIELD_CHECKS: dict[str, Callable[[Any, Record], bool]] = {
    "mode": lambda want, event: event.get("mode") == want,
    "date": lambda want, event: _overlaps(event.get("date"), want["start"], want["end"]),
    "country": lambda want, event: (event.get("place") or {}).get("country") == want,
    "certainty": lambda want, event: event.get("certainty") in want,
    "fatalities": lambda want, event: _figure_fits(want, event.get("fatalities")),
    "place": lambda want, event: _place_fits(want, event.get("place")),
    "actor_country": lambda want, event: (event.get("actor") or {}).get("country") == want,
}


_NO_SENTENCE = "no event of that type from that sentence"


def _paired(golds: list[Record], seen: list[_Seen]) -> tuple[list[set[int]], dict[int, int]]:
    """Each gold's fitting predictions, and the one-to-one pairing of the required golds."""
    fits = [{j for j, one in enumerate(seen) if _event_fits(gold, one)} for gold in golds]
    required = [i for i, gold in enumerate(golds) if not gold.get("optional")]
    pairs = {required[r]: j for r, j in _pairs([sorted(fits[i]) for i in required]).items()}
    return fits, pairs


def event_pairs(gold: Record, prediction: Record) -> dict[str, str]:
    """Return which predicted event each required gold event was paired with, by id.

    Args:
        gold: a gold file as returned by `load_gold`.
        prediction: the record-format line of the same document.

    Returns:
        {gold event id: predicted event id} for the gold events the prediction found.
    """
    golds = gold.get("events", [])
    seen = [_seen(record) for record in prediction.get("events") or []]
    _, pairs = _paired(golds, seen)
    return {golds[i]["id"]: str(seen[j].record.get("id")) for i, j in pairs.items()}


def _score_events(golds: list[Record], seen: list[_Seen], misses: list[str]) -> EventScore:
    fits, pairs = _paired(golds, seen)
    required = [i for i, gold in enumerate(golds) if not gold.get("optional")]
    fitting = set().union(*fits)
    unclaimed = [j for j, one in enumerate(seen) if one.record.get("aux") in _NOT_CLAIMED]
    score = EventScore(
        predicted=len(seen),
        counted=len(seen) - len(set(unclaimed) - fitting),
        supported=len(fitting),
        required=len(required),
        matched=len(pairs),
        duplicates=len(set().union(*(fits[i] for i in required)) - set(pairs.values())),
    )
    for i in required:
        gold = golds[i]
        if i not in pairs:
            close = any(_event_fits(gold, one, check_actors=False) for one in seen)
            why = "actor/recipient did not match" if close else _NO_SENTENCE
            misses.append(f"event {gold['id']} missed: {why}")
            continue
        event = seen[pairs[i]].record
        for name, check in _FIELD_CHECKS.items():
            if gold.get(name):
                good = check(gold[name], event)
                setattr(score.fields, name, getattr(score.fields, name) + Tally(good, 1))
                place = event.get("place") or {}
                got = {
                    "country": place.get("country"),
                    "place": _place_words(place),
                    "actor_country": (event.get("actor") or {}).get("country"),
                }.get(name, event.get(name))
                if not good:
                    misses.append(f"event {gold['id']}: {name} is {got!r}, want {gold[name]!r}")
        for kind, want in (gold.get("figures") or {}).items():
            figure = event.get(EVENT_FIGURES[kind])
            good = _exact(want, figure)
            score.fields.figures += Tally(good, 1)
            if not good:
                got = [figure.get(key) for key in ("best", "low", "high")] if figure else None
                misses.append(f"event {gold['id']}: {kind} is {got}, want {want}")
    return score


def _place_words(place: Record) -> str | None:
    """ "Juliaca, Puno, PER" for a miss message."""
    parts = [place.get("name"), place.get("admin1"), place.get("country")]
    return ", ".join(dict.fromkeys(str(part) for part in parts if part)) or None


def _stance_fits(gold: Record, seen: _Seen) -> bool:
    return (
        seen.record.get("polarity") == gold["polarity"]
        and _named(gold["actor"], seen.actor)
        and _named(gold["recipient"], seen.recipient)
    )


def _score_stances(golds: list[Record], seen: list[_Seen], misses: list[str]) -> MatchScore:
    options = [[j for j, one in enumerate(seen) if _stance_fits(gold, one)] for gold in golds]
    pairs = _pairs(options)
    for i, gold in enumerate(golds):
        if i not in pairs:
            who, whom = (gold[key][0] if gold[key] else "anyone" for key in ("actor", "recipient"))
            misses.append(f"stance missed: {who} {gold['polarity']} {whom}")
    supported = len(set().union(*options)) if options else 0
    return MatchScore(len(seen), len(seen), supported, len(golds), len(pairs))


def _count_miss(gold: Record, seen: list[_Seen]) -> str | None:
    # Counts are not paired: one running tally may rightly be reported by several records.
    kind, evidence, as_of = gold["kind"], gold["evidence"], gold.get("as_of")
    cited = [one.record for one in seen if one.record.get("kind") == kind and _cites(one, evidence)]
    for count in cited:
        if (
            _figure_fits(gold, count)
            and (not as_of or _overlaps(count.get("as_of"), as_of, as_of))
            and (gold.get("official") is None or bool(count.get("official")) == gold["official"])
        ):
            return None
    return f"count {gold['id']}: {'wrong value/date/official' if cited else 'not found'}"


def _count_figure_miss(gold: Record, seen: list[_Seen]) -> str | None:
    """Whether some count of the gold's kind cited from its sentence has its exact figure."""
    kind, evidence = gold["kind"], gold["evidence"]
    cited = [one.record for one in seen if one.record.get("kind") == kind and _cites(one, evidence)]
    if any(_exact(gold["exact"], count) for count in cited):
        return None
    got = [[count.get(key) for key in ("best", "low", "high")] for count in cited]
    return f"count {gold['id']}: figure {got or 'not found'}, want {gold['exact']}"


def _claim_miss(gold: Record, seen: list[_Seen]) -> str | None:
    drawn = [one.record.get("certainty") for one in seen if _cites(one, gold["evidence"])]
    if drawn and 2 * sum(certainty in gold["certainty"] for certainty in drawn) >= len(drawn):
        return None
    got = sorted({str(certainty) for certainty in drawn}) or "no record"
    return f"claim {gold['id']}: certainty {got}; want {gold['certainty']}"


def _place_miss(gold: Record, mentions: list[Record]) -> str | None:
    for mention in mentions:
        country = (mention.get("place") or {}).get("country")
        if fold(gold["text"]) in fold(mention.get("text")) and country == gold["country"]:
            return None
    return f"place {gold['text']} not resolved to {gold['country']}"


def _tally(golds: list[Record], judge: Callable[[Record], str | None], misses: list[str]) -> Tally:
    wrong = [miss for gold in golds if (miss := judge(gold))]
    misses.extend(wrong)
    return Tally(len(golds) - len(wrong), len(golds))


def score_document(gold: Record, prediction: Record, *, found: bool = True) -> DocumentScore:
    """Score one document's prediction against its gold.

    Args:
        gold: a gold file as returned by `load_gold`.
        prediction: one record-format line ({"document", "events", "counts", ...}).
        found: False when no prediction was paired and `prediction` stands in as {}.

    Returns:
        The document's score, with a message for every miss.
    """
    misses: list[str] = [] if found else ["no prediction for this document"]
    events, counts, stances = (
        [_seen(record) for record in prediction.get(key) or []]
        for key in ("events", "counts", "stances")
    )
    mentions = prediction.get("places") or []
    event_score = _score_events(gold.get("events", []), events, misses)
    exact_counts = [one for one in gold.get("counts", []) if one.get("exact")]
    count_figures = _tally(exact_counts, lambda one: _count_figure_miss(one, counts), misses)
    return DocumentScore(
        events=event_score,
        stances=_score_stances(gold.get("stances", []), stances, misses),
        counts=_tally(gold.get("counts", []), lambda one: _count_miss(one, counts), misses),
        claims=_tally(
            gold.get("claims", []), lambda one: _claim_miss(one, events + counts + stances), misses
        ),
        places=_tally(gold.get("places", []), lambda one: _place_miss(one, mentions), misses),
        figures=event_score.fields.figures + count_figures,
        document=gold["document"],
        found=found,
        misses=misses,
    )


def score_corpus(pairs: Iterable[DocumentPair]) -> CorpusScore:
    """Score every pair and sum the counts (a micro-average: bigger documents weigh more).

    Args:
        pairs: gold files with their predictions, as from `pair_predictions`.

    Returns:
        The documents' scores and their sums.
    """
    documents = [score_document(pair.gold, pair.prediction, found=pair.found) for pair in pairs]
    empty = _Scores(EventScore(), MatchScore(), Tally(), Tally(), Tally(), Tally())
    totals = {
        f.name: sum((getattr(document, f.name) for document in documents), getattr(empty, f.name))
        for f in dataclasses.fields(_Scores)
    }
    return CorpusScore(**totals, documents=documents)


def _names(prediction: Record) -> set[str]:
    document = prediction.get("document") or {}
    return {os.path.basename(str(document.get("source") or "")), str(document.get("id") or "")}


def pair_predictions(golds: Sequence[Record], predictions: Sequence[Record]) -> list[DocumentPair]:
    """Find each gold file's prediction: the first whose source's basename or id is its name.

    Args:
        golds: gold files; their "document" is a file name.
        predictions: record-format lines.

    Returns:
        One pair per gold file, in order. A lone gold and a lone prediction pair even when
        the names differ (scoring one file by hand); an unmatched gold gets {} and
        found=False, so that it scores zero instead of silently vanishing.
    """
    pairs = []
    for gold in golds:
        named = [prediction for prediction in predictions if gold["document"] in _names(prediction)]
        if not named and len(golds) == 1 and len(predictions) == 1:
            named = list(predictions)
        pairs.append(DocumentPair(gold, named[0] if named else {}, found=bool(named)))
    return pairs


def _summary(name: str, score: _Scores) -> list[str]:
    events, stances = score.events, score.stances
    line = (
        f"{name}: events P={events.precision:.3f} R={events.recall:.3f} F1={events.f1:.3f} "
        f"(pred {events.predicted}, matched {events.matched}/{events.required}, "
        f"dup {events.duplicates}) | stances P={stances.precision:.3f} R={stances.recall:.3f} "
        f"F1={stances.f1:.3f} | counts {score.counts} | certainty {score.claims} | "
        f"places {score.places} | figures {score.figures}"
    )
    tallies = {f.name: getattr(events.fields, f.name) for f in dataclasses.fields(FieldScores)}
    # Event figures are part of the corpus-wide figures tally of the summary line.
    shown = [
        f"{key}={t.rate:.3f} ({t})" for key, t in tallies.items() if t.gold and key != "figures"
    ]
    return [line, "  fields on matched events: " + (", ".join(shown) or "none stated")]


def format_report(score: DocumentScore | CorpusScore, *, verbose: bool = False) -> str:
    """Render a score as text: a summary and a fields line per document, then the total.

    Args:
        score: one document's score or a corpus score.
        verbose: also list every miss: missed events with the reason, wrong fields, missed
            stances, counts, claims and places.

    Returns:
        The report, lines joined by newlines, without a trailing newline.
    """
    documents = [score] if isinstance(score, DocumentScore) else score.documents
    lines: list[str] = []
    for document in documents:
        name = document.document + ("" if document.found else " (no prediction)")
        lines += _summary(name, document)
        lines += [f"  - {miss}" for miss in document.misses] if verbose else []
    if isinstance(score, CorpusScore):
        lines += _summary(f"total over {len(documents)} documents", score)
    return "\n".join(lines)
