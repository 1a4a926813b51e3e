"""Fixtures for the store tests: hand-built extractions and a store of each kind."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import strategies as st

from quipu.records import (
    AUXILIARIES,
    CERTAINTIES,
    COUNT_KINDS,
    PLOVER_TYPES,
    POLARITIES,
    Actor,
    Count,
    DateSpan,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Stance,
)
from quipu.store import EventQuery, MemoryStore, SqlStore, Store

POSTGRES_URL = os.environ.get(
    "QUIPU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

MakeExtraction = Callable[..., Extraction]


def build_extraction(
    text: str = "Protesters marched in Lima on 12 December against Congress.",
    *,
    event_type: str = "PROTEST",
    actor: str = "Protesters",
    recipient: str = "Congress of Peru",
    day: dt.date | None = dt.date(2022, 12, 12),
    certainty: str = "asserted",
) -> Extraction:
    """Return one Extraction with an event, a count, a stance and a place mention."""
    sentence = Evidence(sentence=text, start=0, end=len(text))
    lima = Place(
        name="Lima",
        country="PER",
        admin1="Lima Province",
        admin2=None,
        lat=-12.04318,
        lon=-77.02824,
        precision=1,
        geonames_id=3936456,
    )
    start = text.find("Lima")
    document = Document(
        text=text,
        source="tests/peru.txt",
        url="https://example.org/peru",
        outlet="Example News",
        title="Protests in Peru",
        published=dt.date(2022, 12, 20),
        language="en",
    )
    acting = Actor(text=actor, name=actor, country="PER", sector="PRO")
    receiving = Actor(
        text=recipient,
        name=recipient,
        country="PER",
        sector="LEG",
        members=[Actor(text="lawmakers", name="Peruvian lawmakers", country="PER")],
    )
    date = DateSpan(start=day, end=day, precision=1) if day else None
    event = Event(
        id="e1",
        type=event_type,
        evidence=sentence,
        mode="demonstrate",
        context=["political"],
        actor=acting,
        recipient=receiving,
        place=lima,
        date=date,
        size=Figure(best=2000, low=1000, high=None, text="thousands"),
        certainty=certainty,
        acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        cameo="14",
        mentions=[sentence],
    )
    count = Count(
        kind="killed",
        best=26,
        low=26,
        high=None,
        evidence=sentence,
        as_of=date,
        place=lima,
        source=Actor(text="the ombudsman", name="Defensoría del Pueblo", country="PER"),
        official=True,
        certainty="attributed",
    )
    stance = Stance(
        actor=acting,
        recipient=receiving,
        polarity="oppose",
        type="PROTEST",
        evidence=sentence,
        date=date,
    )
    mention = PlaceMention(text="Lima", start=start, end=start + 4, place=lima)
    return Extraction(
        document=document, events=[event], counts=[count], stances=[stance], places=[mention]
    )


@pytest.fixture
def make_extraction() -> MakeExtraction:
    """Return the builder of small extractions (see `build_extraction`)."""
    return build_extraction


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return the URL of a fresh SQLite file."""
    return f"sqlite:///{tmp_path}/quipu.db"


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[Store]:
    """Yield an empty store of each kind: the in-memory twin and SQLite."""
    opened: Store = MemoryStore() if request.param == "memory" else SqlStore(sqlite_url)
    with opened:
        yield opened


@pytest.fixture
def postgres_url() -> str:
    """Return QUIPU_TEST_POSTGRES_URL if the server answers; skip (fail in CI) if not."""
    try:
        engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except (sa.exc.SQLAlchemyError, ImportError) as error:
        shown = sa.make_url(POSTGRES_URL).render_as_string(hide_password=True)
        reason = f"PostgreSQL at {shown} is unreachable: {error.__class__.__name__}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this may not be skipped)")
        pytest.skip(reason)
    return POSTGRES_URL


def extraction_strategy(names: st.SearchStrategy[str]) -> st.SearchStrategy[Extraction]:
    """Return a Hypothesis strategy for whole extractions, actors named from `names`."""
    words = st.text(max_size=12)
    offsets = st.integers(min_value=0, max_value=100_000)
    numbers = st.integers(min_value=0, max_value=10**9)
    evidence = st.builds(Evidence, sentence=words, start=offsets, end=offsets)
    figure = st.builds(Figure, best=numbers, low=st.none() | numbers, high=st.none() | numbers)
    member = st.builds(Actor, text=names, name=names)
    actor = st.builds(
        Actor,
        text=names,
        name=names,
        country=st.none() | st.sampled_from(["PER", "BOL", "MEX"]),
        sector=st.none() | st.sampled_from(["GOV", "PRO", "MIL"]),
        members=st.lists(member, max_size=2),
    )
    coordinate = st.none() | st.floats(min_value=-180, max_value=180)
    place = st.builds(
        Place,
        name=words,
        country=words,
        admin1=st.none() | words,
        admin2=st.none() | words,
        lat=coordinate,
        lon=coordinate,
        precision=st.integers(min_value=1, max_value=7),
        geonames_id=st.none() | numbers,
    )
    days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2024, 12, 31))
    span = st.builds(
        lambda first, second, precision: DateSpan(
            min(first, second), max(first, second), precision
        ),
        days,
        days,
        st.integers(min_value=1, max_value=5),
    )
    certainty = st.sampled_from(CERTAINTIES)
    event = st.builds(
        Event,
        id=words,
        type=st.sampled_from(PLOVER_TYPES),
        evidence=evidence,
        mode=st.none() | words,
        context=st.lists(words, max_size=2),
        actor=st.none() | actor,
        recipient=st.none() | actor,
        place=st.none() | place,
        date=st.none() | span,
        fatalities=st.none() | figure,
        injuries=st.none() | figure,
        arrests=st.none() | figure,
        size=st.none() | figure,
        certainty=certainty,
        aux=st.none() | st.sampled_from(AUXILIARIES),
        attributed_to=st.none() | actor,
        acled=st.none() | st.fixed_dictionaries({"event_type": words, "sub_event_type": words}),
        cameo=st.none() | words,
        mentions=st.lists(evidence, max_size=2),
    )
    count = st.builds(
        Count,
        kind=st.sampled_from(COUNT_KINDS),
        best=numbers,
        low=st.none() | numbers,
        high=st.none() | numbers,
        evidence=evidence,
        as_of=st.none() | span,
        place=st.none() | place,
        source=st.none() | actor,
        official=st.booleans(),
        certainty=certainty,
    )
    stance = st.builds(
        Stance,
        actor=actor,
        recipient=actor,
        polarity=st.sampled_from(POLARITIES),
        type=st.sampled_from(PLOVER_TYPES),
        evidence=evidence,
        date=st.none() | span,
        certainty=certainty,
    )
    mention = st.builds(PlaceMention, text=words, start=offsets, end=offsets, place=place)
    # No NUL in document fields: every store refuses one there (see test_base).
    clean = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
    fields = st.text(clean, max_size=12)
    document = st.builds(
        Document,
        text=st.text(clean, min_size=1, max_size=60),
        source=fields,
        url=st.none() | fields,
        outlet=st.none() | fields,
        title=st.none() | fields,
        published=st.none() | days,
        language=st.none() | st.sampled_from(["en", "es"]),
    )
    return st.builds(
        Extraction,
        document=document,
        events=st.lists(event, max_size=4),
        counts=st.lists(count, max_size=2),
        stances=st.lists(stance, max_size=2),
        places=st.lists(mention, max_size=2),
    )


# Few names, some with LIKE wildcards and accents, so random queries often find something.
ACTOR_NAMES = ("Protesters", "Congress of Peru", "Policía Nacional", "50% Union", "under_score")


@pytest.fixture(scope="session")
def any_extraction() -> st.SearchStrategy[Extraction]:
    """Return a strategy for extractions with arbitrary text everywhere."""
    return extraction_strategy(st.text(max_size=12))


@pytest.fixture(scope="session")
def named_extraction() -> st.SearchStrategy[Extraction]:
    """Return a strategy for extractions whose actors have one of `ACTOR_NAMES`."""
    return extraction_strategy(st.sampled_from(ACTOR_NAMES))


@pytest.fixture(scope="session")
def any_event_query() -> st.SearchStrategy[EventQuery]:
    """Return a strategy for event queries likely to match some `named_extraction` events."""
    fragment = st.builds(
        lambda name, start, length, upper: (
            name[start : start + length].upper() if upper else name[start : start + length]
        ),
        st.sampled_from(ACTOR_NAMES),
        st.integers(min_value=0, max_value=8),
        st.integers(min_value=0, max_value=6),
        st.booleans(),
    )
    days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2024, 12, 31))
    return st.builds(
        EventQuery,
        type=st.none() | st.sampled_from(PLOVER_TYPES).map(str.lower),
        actor=st.none() | fragment | st.text(max_size=3),
        since=st.none() | days,
        until=st.none() | days,
        certainty=st.none() | st.sampled_from(CERTAINTIES),
        limit=st.none() | st.integers(min_value=0, max_value=4),
    )


def _as_stored(extraction: Extraction, version: str = "0.1.0") -> dict[str, Any]:
    record = extraction.to_dict()
    record["document"]["pipeline_version"] = version
    return record


@pytest.fixture(scope="session")
def as_stored() -> Callable[..., dict[str, Any]]:
    """Return `as_stored(extraction, version="0.1.0")`: the record a store gives back for
    an extraction, its own plus the version of the pipeline that made it."""
    return _as_stored
