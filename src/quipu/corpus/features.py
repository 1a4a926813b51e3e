"""What says two mentions are one real event: the features of a merge decision.

`compare` holds a mention against what a corpus event is known to be (its sides, its
narrowest dates, its finest place, its sentences) and returns the `Features` of the
decision: how far the sides, place, dates and kind agree, what figures and named places the
two sentences share, and how alike the sentences are in the multilingual sentence encoder's
space (an English and a Spanish report of one event sit side by side there). A feature that
rules the pair out (two countries' armies, two towns 100 km apart, days that do not meet)
gives a `veto` and no score; otherwise the weighted features add up to `score`, which the
merger holds against its threshold. The features are kept with each merged mention, so
that `quipu events --explain` and the dashboard say why mentions were merged.

The sentence encoder costs milliseconds a sentence, so a sentence is embedded only when its
similarity can change the decision (`undecided`), once, and a report's in one batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from quipu.corpus.values import fold
from quipu.records import ARMED_SECTORS

if TYPE_CHECKING:
    import numpy as np

    from quipu.corpus.events import CorpusEvent, Mention

Record = dict[str, Any]

# Villagers blocking a road are protesters to one outlet, residents to another.
_CIVILIAN = frozenset({"PRO", "CVL"})
_UNIDENTIFIED = "UAF"
# A country acts through these: "Peru" and "the Ministry of Foreign Affairs of Peru".
_STATE = frozenset({"GOV"})
# A place's precision (UCDP's where_prec) when it is a first-level region or vaguer, short of
# the country: such a place may be one reading of a town's name (`same_place`).
REGION_WIDE = frozenset({4, 5})
# The event fields that hold figures.
_FIGURES = ("fatalities", "injuries", "arrests")


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each feature adds to a merge score; tuned on the sample corpus and the tuning
    part of the merge corpus (`tests/gold/merge-tuning.merge.json`), never on its test part.

    Sides: a shared name counts `named`, the same country and sector `kindred`, a side one
    report leaves unnamed (or gives no country or sector) `unnamed`. Places: the same town
    `town`, the same first-level region (a town within it, or the region itself) `region`,
    only the country `country`. The same mode `mode`; the same day `day`; the same figure
    ("two killed") `figure`; a place below the country named in both sentences `named_place`.
    The sentences' cosine similarity adds `sentence` times how far it is above `alike`, and
    takes at most `doubt` off below it; it is computed only where it can decide, two
    tellings of one event being at most `closest` alike short of a copy.
    """

    named: float = 1.0
    kindred: float = 0.5
    unnamed: float = 0.25
    town: float = 1.0
    region: float = 0.5
    country: float = 0.25
    mode: float = 0.5
    day: float = 0.5
    figure: float = 0.5
    named_place: float = 0.5
    sentence: float = 1.0
    alike: float = 0.5
    doubt: float = 0.0
    # how alike two tellings of one event are at most, short of a copy (the similarity is
    # not computed where only more would decide)
    closest: float = 0.9


@dataclass(frozen=True, slots=True)
class Features:
    """The features of one merge decision, each as the score it adds (`sentence` is the raw
    cosine similarity, None when it was not needed), their total, and what ruled the pair
    out, if anything."""

    actor: float = 0.0
    recipient: float = 0.0
    place: float = 0.0
    mode: float = 0.0
    day: float = 0.0
    figures: float = 0.0
    named_places: float = 0.0
    sentence: float | None = None
    score: float = 0.0
    veto: str | None = None

    def to_dict(self) -> Record:
        """The features as exported and explained (rounded to three places)."""
        return {
            "actor": round(self.actor, 3),
            "recipient": round(self.recipient, 3),
            "place": round(self.place, 3),
            "mode": round(self.mode, 3),
            "day": round(self.day, 3),
            "figures": round(self.figures, 3),
            "named_places": round(self.named_places, 3),
            "sentence": None if self.sentence is None else round(self.sentence, 3),
            "score": round(self.score, 3),
            "veto": self.veto,
        }


Embed = Callable[[Sequence[str]], "np.ndarray"]


class Sentences:
    """The sentence encoder's vectors of mentions' sentences, computed on demand, once each.

    Args:
        embed: texts → unit-length vectors; the detector's multilingual encoder if None.
    """

    def __init__(self, embed: Embed | None = None) -> None:
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}

    def prepare(self, texts: Iterable[str]) -> None:
        """Embed, in one batch, those of `texts` not embedded yet (the encoder costs 3 ms
        for one sentence and 0.6 ms a sentence in a batch of 64)."""
        missing = [text for text in dict.fromkeys(texts) if text and text not in self._vectors]
        if missing:
            embed = self._embed or _encoder_embed
            for text, vector in zip(missing, embed(missing), strict=True):
                self._vectors[text] = vector

    def __len__(self) -> int:
        """How many sentences are embedded."""
        return len(self._vectors)

    def similarity(self, one: str, other: str) -> float:
        """The cosine similarity of two sentences (0 when either is empty)."""
        if not one or not other:
            return 0.0
        self.prepare((one, other))
        return float(self._vectors[one] @ self._vectors[other])


def _encoder_embed(texts: Sequence[str]) -> np.ndarray:
    from quipu.nlp.detector import embed  # the encoder loads lazily, once per process

    return embed(texts)


def compare(
    event: CorpusEvent,
    mention: Mention,
    *,
    weights: Weights,
    near_km: float,
) -> Features:
    """The features of joining `mention` to `event` but the sentences' similarity (see
    `undecided` and `with_sentences`); see the module docstring.

    Args:
        event: the corpus event as known so far.
        mention: the candidate mention.
        weights: what each feature adds.
        near_km: how far apart two towns may be and still be one event's place.

    Returns:
        The features; `veto` says what rules the pair out, if anything.
    """
    if mention.habitual != event.habitual:
        return VETOES["habit"]
    window = event.window
    if window and mention.start and mention.end and not _meets(window, mention.start, mention.end):
        return VETOES["dates"]
    # a stray toponym gives its country to the sides as well: theirs then say nothing
    doubtful = mention.doubtful or event.doubtful
    place = same_place(
        mention.event.get("place"),
        event.place(),
        near_km=near_km,
        weights=weights,
        doubtful=doubtful,
    )
    if place is None:
        return VETOES["place"]
    sides: dict[str, float] = {}
    # in clashes "between protesters and police" both sides act: another report may
    # make either of them the one acted upon
    members = (event.side("actor") or {}).get("members") or []
    clash = len(members) > 1
    # a month-wide date says little: with it, a side one report names and the other
    # leaves out is no longer enough ("opened eight investigations" since December is
    # not the investigation of Castillo of 7 December)
    vague = _days(mention.start, mention.end) > 7 or (window is not None and _days(*window) > 7)
    for role in ("actor", "recipient"):
        actor = mention.event.get(role)
        proper, text = mention.proper.get(role, ""), mention.texts.get(role, "")
        if isinstance(actor, dict) and (
            mention.names[role] & event.names(role)
            or (proper and any(said_in(proper, known) for known in event.texts(role)))
            or any(said_in(known, text) for known in event.proper(role))
        ):
            sides[role] = weights.named
            continue
        if vague and isinstance(actor, dict) != isinstance(event.side(role), dict):
            return VETOES[f"vague {role}"]
        same = same_side(actor, event.side(role), weights=weights, doubtful=doubtful)
        if same is None and clash and _among(actor, members):
            same = weights.kindred
        if same is None:
            return VETOES[role]
        sides[role] = same
    first = event.first_mode
    mode = weights.mode if first and first == mention.event.get("mode") else 0.0
    day = weights.day if event.same_day(mention) else 0.0
    figures = weights.figure if mention.figures & event.figures_told() else 0.0
    named = weights.named_place if mention.toponyms & event.toponyms() else 0.0
    score = sides["actor"] + sides["recipient"] + place + mode + day + figures + named
    return Features(
        actor=sides["actor"],
        recipient=sides["recipient"],
        place=place,
        mode=mode,
        day=day,
        figures=figures,
        named_places=named,
        score=score,
    )


# What rules a pair out, one shared object each (merging meets them hundreds of thousands
# of times).
VETOES = {
    "habit": Features(veto="one tells a habit, the other an occasion"),
    "dates": Features(veto="dates do not meet"),
    "vague actor": Features(veto="actor named by one report only, at a vague date"),
    "vague recipient": Features(veto="recipient named by one report only, at a vague date"),
    "actor": Features(veto="actors differ"),
    "recipient": Features(veto="recipients differ"),
    "place": Features(veto="places differ"),
    "report": Features(veto="same report"),
}


def undecided(features: Features, *, weights: Weights, threshold: float) -> bool:
    """Whether the sentences' similarity can take the score across the threshold."""
    if features.veto is not None or not weights.sentence:
        return False
    gain = weights.sentence * (weights.closest - weights.alike)
    loss = min(weights.sentence * weights.alike, weights.doubt)
    return features.score - loss < threshold <= features.score + gain


def with_sentences(
    features: Features,
    event: CorpusEvent,
    mention: Mention,
    *,
    sentences: Sentences,
    weights: Weights,
) -> Features:
    """The features with the sentences' similarity added: the closest of the event's first
    sentences to the mention's."""
    similarity = max(
        (sentences.similarity(mention.sentence, other) for other in event.sentences()),
        default=0.0,
    )
    return replace(
        features,
        sentence=similarity,
        score=features.score + max(weights.sentence * (similarity - weights.alike), -weights.doubt),
    )


def sentences_of(event: CorpusEvent) -> list[str]:
    """The sentences of the event that a new mention's is compared with."""
    return list(event.sentences())


def names_of(actor: object) -> set[str]:
    """The folded names and texts an actor (and its members) goes by."""
    if not isinstance(actor, dict):
        return set()
    names = {folded(actor.get("name")), folded(actor.get("text"))}
    for member in actor.get("members") or []:
        names |= names_of(member)
    return {name for name in names if name}


def folded(text: object) -> str:
    """`values.fold` of a name, remembered: merging folds the same few names again and
    again."""
    return _fold_name(text) if isinstance(text, str) else fold(text)


@functools.lru_cache(maxsize=65536)
def _fold_name(text: str) -> str:
    return fold(text)


def proper_name(actor: object) -> str:
    """An actor's name, folded, if it is a proper name (written with a capital, four
    letters or more: "Moraes", "Congreso"), else ""."""
    name = str(actor.get("name") or "") if isinstance(actor, dict) else ""
    return folded(name) if name[:1].isupper() and len(name) >= 4 else ""


def said_in(name: str, text: str) -> bool:
    """Whether a (folded) name is said in a (folded) text, word for word: "moraes" in "el
    juez del supremo alexandre de moraes", not "paz" in "pazos"."""
    return bool(name) and name in text and _word(name).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def same_side(
    one: object, other: object, *, weights: Weights, doubtful: bool = False
) -> float | None:
    """How well two actors can be one side: `named` for a shared name; `kindred` for the same
    country and sector ("police" and "National Police of Peru", a unit, the army and the
    country's military) or a country and a government body named after it ("Peru" and
    "Ministry of Foreign Affairs of Peru"); `unnamed` when nothing tells them apart (one is
    unnamed, or one gives no country or no sector: "Gobierno" and "Peru"); None when they
    differ in a way both state (two countries, or two sectors). With `doubtful`, two
    countries do not rule the sides out (one may come from a stray toponym)."""
    if not isinstance(one, dict) or not isinstance(other, dict):
        return weights.unnamed
    if names_of(one) & names_of(other):
        return weights.named
    countries = (one.get("country"), other.get("country"))
    if all(countries) and countries[0] != countries[1]:
        if not doubtful:
            return None
        countries = (None, None)  # one may be the stray toponym's
    sectors = (one.get("sector"), other.get("sector"))
    if _UNIDENTIFIED in sectors and set(sectors) <= ARMED_SECTORS:
        # "paramilitares" coded as an unidentified armed force, "paramilitary fighters" as
        # rebels: an armed group the text does not identify can be any armed side
        return weights.unnamed
    if all(sectors) and sectors[0] != sectors[1] and not set(sectors) <= _CIVILIAN:
        return None
    if set(sectors) <= _CIVILIAN:
        # crowds of one country: every protest of a national crisis has them, so their
        # country and sector tell no more than an unnamed side
        return weights.unnamed
    if all(countries) and (all(sectors) or _organ_of(one, other) or _organ_of(other, one)):
        return weights.kindred
    return weights.unnamed


def _organ_of(state: Record, organ: Record) -> bool:
    """ "Peru" and "the Ministry of Foreign Affairs of Peru": a country (no sector) and one
    of its government bodies, named after it."""
    name = fold(state.get("name"))
    return (
        state.get("sector") is None
        and organ.get("sector") in _STATE
        and bool(name)
        and name in fold(organ.get("name"))
    )


def _among(actor: object, members: list[Record]) -> bool:
    """True when `actor` can be one of `members`: by name, or by sector where the member
    has the actor's sector or none the text gave ("fuerzas" is anyone's forces)."""
    if not isinstance(actor, dict):
        return False
    sector, country = actor.get("sector"), actor.get("country")
    return any(
        bool(names_of(actor) & names_of(member))
        or (
            sector is not None
            and member.get("sector") in (None, sector)
            and (None in (country, member.get("country")) or country == member.get("country"))
        )
        for member in members
    )


def same_place(
    one: object, other: object, *, near_km: float, weights: Weights, doubtful: bool = False
) -> float | None:
    """How well two places agree along the gazetteer's hierarchy, as far as both are precise
    (a town within its region within its country), or None if they cannot be one place.

    Args:
        doubtful: one of the places is in another country than its report is about (a
            stray toponym: "Rocha" read as Uruguay's department in a report on Brazil); a
            different country then says nothing rather than ruling the pair out.
    """
    if not isinstance(one, dict) or not isinstance(other, dict):
        return weights.country
    if one.get("country") != other.get("country"):
        return 0.0 if doubtful else None
    coarse = max(one.get("precision") or 6, other.get("precision") or 6)
    if coarse >= 6:
        return weights.country  # the country is all one of them says
    if (
        one.get("admin1")
        and other.get("admin1")
        and folded(one["admin1"]) != folded(other["admin1"])
    ):
        # a region named after a town is one reading of the town's name ("Almaty" read as
        # Almaty oblysy by one report, as the city, its own region, by another)
        return weights.region if _named_after(one, other) or _named_after(other, one) else None
    if coarse >= 3:
        return weights.region
    distance = km(one, other)
    if distance is not None and distance > near_km:
        return None
    return weights.town


def block_region(place: object, *, doubtful: bool = False) -> str:
    """The first-level region (folded) a place is held in when merging, "" when it is known
    only to the country or may be a stray toponym's (`doubtful`). A place that is a region
    or vaguer is held as the country-level ones are: it may be one reading of a town's name
    in another region (`_named_after`), and it meets every region's events as they do."""
    if not isinstance(place, dict) or doubtful:
        return ""
    precision = place.get("precision") or 7
    if precision >= 6 or precision in REGION_WIDE:
        return ""
    return folded(place.get("admin1"))


def _named_after(region: Record, town: Record) -> bool:
    """Whether a first-level region is named after a town, word for word ("Almaty oblysy"
    and Almaty, "Región de Lima" and Lima): the town's name then reads as either."""
    if (region.get("precision") or 6) not in REGION_WIDE or (town.get("precision") or 6) >= 3:
        return False
    return said_in(folded(town.get("name")), folded(region.get("name")))


def km(one: Record, other: Record) -> float | None:
    """The great-circle distance between two places, if both have coordinates."""
    try:
        lat1, lon1, lat2, lon2 = (
            math.radians(float(v)) for v in (one["lat"], one["lon"], other["lat"], other["lon"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def figures_of(event: Record) -> set[tuple[str, int]]:
    """The figures an event gives, as (field, best): ("fatalities", 2) for "two killed"."""
    found = set()
    for name in _FIGURES:
        figure = event.get(name)
        if isinstance(figure, dict) and figure.get("best"):
            found.add((name, int(figure["best"])))
    return found


def toponyms_in(record: Record, event: Record) -> frozenset[str]:
    """The places below the country named in an event's sentence, folded ("almaty")."""
    evidence = event.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return frozenset()
    return frozenset(
        fold((found.get("place") or {}).get("name"))
        for found in record.get("places") or []
        if isinstance(found.get("start"), int)
        and start <= found["start"] < end
        and ((found.get("place") or {}).get("precision") or 6) < 6
    )


def main_country(record: Record) -> str | None:
    """The country a report is about: the one most of its toponyms are in (ties: first)."""
    tally: dict[str, int] = {}
    for found in record.get("places") or []:
        country = (found.get("place") or {}).get("country")
        if country:
            tally[country] = tally.get(country, 0) + 1
    return max(tally, key=lambda country: tally[country]) if tally else None


def words(sentence: str) -> frozenset[str]:
    """The words of a folded sentence."""
    return frozenset(re.findall(r"\w+", sentence))


def _meets(window: tuple[dt.date, dt.date], start: dt.date, end: dt.date) -> bool:
    return start <= window[1] and window[0] <= end


def _days(start: Any, end: Any) -> int:
    return (end - start).days if start is not None and end is not None else 0
