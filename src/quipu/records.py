"""The record types of record format v1: what Quipu reads and what it extracts.

A `Document` is one report as ingested. An `Extraction` is everything the pipeline found in
one document: events, counts, stances and place mentions, each carrying the `Evidence`
(sentence and character offsets into `Document.text`) it came from. `Extraction.to_dict()`
is exactly one line of `quipu extract --format jsonl`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import Errors, InputError

CERTAINTIES = ("asserted", "attributed", "hedged", "unverified", "disputed")
AUXILIARIES = ("historical", "future", "hypothetical", "negated")
COUNT_KINDS = ("killed", "injured", "arrested", "participants", "displaced", "missing")
POLARITIES = ("support", "oppose")
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
# Actor sectors that bear arms: state forces, intelligence, rebels and the armed side the
# text does not identify ("gunmen", "paramilitares").
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF"})


def normalize_text(text: str) -> str:
    """Return `text` in NFC with runs of white space folded, the basis of a document id."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_id(text: str) -> str:
    """Return the content id of a document: the SHA-256 of its normalized text (16 hex)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One report: its text after clean-up and what is known about where it came from."""

    text: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)
        self.published = _as_date(self.published, source=self.source)

    def to_dict(self) -> dict[str, Any]:
        """Return the `document` object of record format v1 (the text itself is left out)."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


def _as_date(value: object, *, source: str) -> dt.date | None:
    """A document's publication day from what a caller gave: a date, a datetime (its day)
    or an ISO string ("2022-12-15", "2022-12-15T08:30:00Z").

    Raises:
        InputError: E025 for anything else.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise InputError(Errors.E025.format(source=source, value=value))


@dataclass(slots=True)
class Evidence:
    """The sentence a record came from and its character offsets in `Document.text`."""

    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """Who acts or is acted upon: the words of the text and the canonical actor they name."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    members: list[Actor] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    """A resolved place; `precision` is UCDP's where_prec (1 exact point ... 6 country)."""

    name: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 6
    geonames_id: int | None = None


@dataclass(slots=True)
class DateSpan:
    """A resolved date range; `precision` is UCDP's date_prec (1 day ... 5 year)."""

    start: dt.date
    end: dt.date
    precision: int = 1


@dataclass(slots=True)
class Figure:
    """A reported number: best estimate with low and high bounds (None when open)."""

    best: int
    low: int | None
    high: int | None
    text: str


@dataclass(slots=True)
class Event:
    """One coded event (PLOVER type and mode) with its participants and circumstances."""

    id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: Actor | None = None
    recipient: Actor | None = None
    place: Place | None = None
    date: DateSpan | None = None
    fatalities: Figure | None = None
    injuries: Figure | None = None
    arrests: Figure | None = None
    size: Figure | None = None
    certainty: str = "asserted"
    aux: str | None = None
    attributed_to: Actor | None = None
    acled: dict[str, str] | None = None
    cameo: str | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Count:
    """A running figure as reported: "the official death toll was 26 as of Monday"."""

    kind: str
    best: int
    low: int | None
    high: int | None
    evidence: Evidence
    as_of: DateSpan | None = None
    place: Place | None = None
    source: Actor | None = None
    official: bool = False
    certainty: str = "asserted"


@dataclass(slots=True)
class Stance:
    """A signed, dated edge: `actor` supports or opposes `recipient`."""

    actor: Actor
    recipient: Actor
    polarity: str
    type: str
    evidence: Evidence
    date: DateSpan | None = None
    certainty: str = "asserted"

    @classmethod
    def of_event(
        cls, event: Event, *, actor: Actor, recipient: Actor, polarity: str, type: str = ""
    ) -> Stance:
        """The stance an event shows between two of its sides, with its evidence, date and
        certainty (and its type, unless `type` says which act the stance rests on)."""
        return cls(
            actor=actor,
            recipient=recipient,
            polarity=polarity,
            type=type or event.type,
            evidence=event.evidence,
            date=event.date,
            certainty=event.certainty,
        )


@dataclass(slots=True)
class PlaceMention:
    """A toponym in the text (offsets into `Document.text`) and the place it resolves to."""

    text: str
    start: int
    end: int
    place: Place


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document: one line of record format v1."""

    document: Document
    events: list[Event] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready data (dates as ISO strings)."""
        return {
            "document": self.document.to_dict(),
            "events": [_plain(event) for event in self.events],
            "counts": [_plain(count) for count in self.counts],
            "stances": [_plain(stance) for stance in self.stances],
            "places": [_plain(mention) for mention in self.places],
        }


def _plain(record: Any) -> dict[str, Any]:
    return _isoformat(asdict(record))


def _isoformat(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _isoformat(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_isoformat(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
