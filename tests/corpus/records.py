"""Record-format documents built by hand for the corpus tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from quipu.corpus.tallies import Point
from quipu.evaluate import CorpusScore
from quipu.records import Actor, DateSpan, Document, Event, Evidence, Extraction, Place

Record = dict[str, Any]


def document_record(
    name: str,
    published: str | None,
    *,
    outlet: str | None = "",
    counts: Iterable[Record] = (),
    stances: Iterable[Record] = (),
) -> Record:
    """A document record with these counts and stances; the outlet defaults to "<name>
    news", None gives none."""
    document = {
        "id": name,
        "source": f"{name}.md",
        "outlet": f"{name} news" if outlet == "" else outlet,
        "title": name,
        "published": published,
        "language": "en",
    }
    return {
        "document": document,
        "events": [],
        "counts": list(counts),
        "stances": list(stances),
        "places": [],
    }


def tally_point(day: int, best: int, source: str, **fields: Any) -> Point:
    """An exact, official point of a December 2022 series, reported that day."""
    return Point(
        as_of=dt.date(2022, 12, day),
        best=best,
        low=best,
        high=best,
        source=source,
        official=True,
        document="d",
        outlet=None,
        published=dt.date(2022, 12, day),
        sentence="",
        **fields,
    )


def measure(score: CorpusScore, name: str) -> float:
    """One measure of a corpus score by the name the corpus tests' floors use."""
    return {
        "event_precision": score.events.precision,
        "event_recall": score.events.recall,
        "event_f1": score.events.f1,
        "stance_f1": score.stances.f1,
        "counts": score.counts.rate,
        "places": score.places.rate,
        "certainty_field": score.events.fields.certainty.rate,
        "place_field": score.events.fields.place.rate,
        "date_field": score.events.fields.date.rate,
        "figures": score.figures.rate,
        "actor_country": score.events.fields.actor_country.rate,
    }[name]


JULIACA = Place("Juliaca", "PER", "Puno", None, -15.5, -70.13, 1)
WIRE = (
    "JULIACA – Police fired on protesters near the airport in Juliaca on Monday, killing "
    "seventeen people, the ombudsman's office said. Relatives gathered at the hospital as "
    "the regional government declared three days of mourning and called for calm."
)


def police_report(text: str, *, outlet: str, day: int = 10) -> Extraction:
    """A report from `outlet` whose first sentence tells one police attack in Juliaca."""
    document = Document(
        text=text, source=f"{outlet}.txt", outlet=outlet, published=dt.date(2023, 1, day)
    )
    sentence = text.split(". ")[0]
    event = Event(
        id=f"{document.id}-e1",
        type="ASSAULT",
        evidence=Evidence(sentence, 0, len(sentence)),
        actor=Actor(text="Police", name="police", sector="COP"),
        recipient=Actor(text="protesters", name="protesters", sector="PRO"),
        place=JULIACA,
        date=DateSpan(dt.date(2023, 1, 9), dt.date(2023, 1, 9), 1),
    )
    return Extraction(document=document, events=[event])
