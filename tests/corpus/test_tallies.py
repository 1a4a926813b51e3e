"""Running counts as series (quipu.corpus.tallies): tolls, corrections, conflicts, copies."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quipu.corpus.alignments import alignment_edges
from quipu.corpus.tallies import (
    Conflict,
    Correction,
    Point,
    Series,
    _previous_figures,
    format_series,
    printable,
    tally_series,
)
from quipu.ingest import iter_documents
from quipu.nlp import Gazetteer, extract

from records import document_record, tally_point

Record = dict[str, Any]

OMBUDSMAN = "Ombudsman's Office of Peru"
HEALTH = "Health officials in southern Puno region"
PERU = {"name": "Peru", "country": "PER", "admin1": None, "precision": 6}
JULIACA = {"name": "Juliaca", "country": "PER", "admin1": "Puno", "precision": 1}
CUSCO = {"name": "Cusco", "country": "PER", "admin1": "Cusco", "precision": 4}


def count(
    best: int,
    as_of: str | None,
    *,
    kind: str = "killed",
    source: str | None = OMBUDSMAN,
    low: int | None = -1,
    high: int | None = -1,
    place: Record | None = PERU,
    official: bool = True,
    sentence: str = "",
) -> Record:
    """A count of record format v1; low and high default to `best` (an exact figure)."""
    return {
        "kind": kind,
        "best": best,
        "low": best if low == -1 else low,
        "high": best if high == -1 else high,
        "evidence": {"sentence": sentence or f"{best} people have died.", "start": 0, "end": 10},
        "as_of": {"start": as_of, "end": as_of, "precision": 1} if as_of else None,
        "place": place,
        "source": {"text": source, "name": source, "country": "PER"} if source else None,
        "official": official,
        "certainty": "attributed",
    }


def report(name: str, published: str | None, *counts: Record, outlet: str | None = "") -> Record:
    """A document record with these counts; the outlet defaults to "<name> news"."""
    return document_record(name, published, outlet=outlet, counts=counts)


def only(series: list[Series]) -> Series:
    assert len(series) == 1, [s.title for s in series]
    return series[0]


def test_tallies_running_toll_going_up_is_one_series_without_corrections() -> None:
    records = [
        report("c", "2022-12-20", count(26, "2022-12-19")),
        report("a", "2022-12-12", count(2, "2022-12-11")),
        report("b", "2022-12-13", count(7, "2022-12-13", high=None)),
    ]
    series = only(tally_series(records))
    assert (series.kind, series.country, series.admin1) == ("killed", "PER", None)
    assert [(p.as_of, p.best, p.document) for p in series.points] == [
        (dt.date(2022, 12, 11), 2, "a"),
        (dt.date(2022, 12, 13), 7, "b"),
        (dt.date(2022, 12, 19), 26, "c"),
    ]
    assert series.corrections == []
    assert series.conflicts == []
    assert all(p.correction_of is None and not p.conflict for p in series.points)
    first = series.points[0]
    assert (first.source, first.official, first.outlet) == (OMBUDSMAN, True, "a news")
    assert first.published == dt.date(2022, 12, 12)
    assert first.sentence == "2 people have died."


def test_tallies_lower_figure_from_the_same_source_later_is_a_correction() -> None:
    records = [
        report("monday", "2022-12-13", count(7, "2022-12-12")),
        report("wednesday", "2022-12-14", count(6, "2022-12-14")),
        # another source's lower figure later on is not the ombudsman correcting itself
        report("ministry", "2022-12-16", count(5, "2022-12-15", source="Health Ministry")),
    ]
    series = only(tally_series(records))
    assert [(p.best, p.correction_of) for p in series.points] == [(7, None), (6, 7), (5, None)]
    assert series.corrections == [
        Correction(dt.date(2022, 12, 14), OMBUDSMAN, was=7, now=6, document="wednesday")
    ]


def test_tallies_figures_within_one_report_or_one_day_are_not_corrections() -> None:
    records = [
        # "18 people had died, a count that includes a police officer": parts of one toll
        report("wire", "2023-01-10", count(18, "2023-01-09"), count(1, "2023-01-09")),
        # two reports of the same day cannot be put in order
        report("other", "2023-01-10", count(17, "2023-01-09")),
    ]
    series = only(tally_series(records))
    assert series.corrections == []
    # the officer is a part of the wire's 18, not a toll of one
    assert [(p.best, p.correction_of) for p in series.points] == [(18, None), (17, None)]
    # and a later report that goes below the highest of those is a correction of it
    later = [*records, report("later", "2023-01-12", count(16, "2023-01-11"))]
    assert only(tally_series(later)).corrections == [
        Correction(dt.date(2023, 1, 11), OMBUDSMAN, was=18, now=16, document="later")
    ]


def test_tallies_figures_one_number_could_satisfy_are_no_conflict() -> None:
    records = [
        # "at least 17" and 18 agree; "cerca de 200" and 193 agree
        report("bulletin", "2023-01-10", count(17, "2023-01-09", high=None)),
        report("wire", "2023-01-10", count(18, "2023-01-09", source=HEALTH)),
        report("radio", "2023-01-22", count(200, "2023-01-21", low=None, kind="arrested")),
        report("wire", "2023-01-27", count(193, "2023-01-21", kind="arrested", source="Fiscalía")),
        # "more than 20" against 18 do not
        report("daily", "2023-01-11", count(21, "2023-01-09", high=None, source="Daily")),
    ]
    killed, arrested = tally_series(records)
    assert [c.values for c in killed.conflicts] == [{OMBUDSMAN: 17, HEALTH: 18, "Daily": 21}]
    assert arrested.conflicts == []


def test_tallies_sources_disagreeing_on_one_day_is_a_conflict_never_averaged() -> None:
    records = [
        report("bulletin", "2023-01-10", count(17, "2023-01-09")),
        report("wire", "2023-01-10", count(18, "2023-01-09", source=HEALTH)),
        # agreeing sources on another day are no conflict
        report(
            "next", "2023-01-11", count(41, "2023-01-10"), count(41, "2023-01-10", source=HEALTH)
        ),
    ]
    series = only(tally_series(records))
    assert series.conflicts == [Conflict(dt.date(2023, 1, 9), {OMBUDSMAN: 17, HEALTH: 18})]
    assert [(p.best, p.conflict) for p in series.points] == [
        (17, True),
        (18, True),
        (41, False),
        (41, False),
    ]
    assert sorted(p.best for p in series.points) == [17, 18, 41, 41]  # no 17.5 anywhere


def test_tallies_syndicated_copies_are_one_point_from_the_earliest_report() -> None:
    records = [
        report("reprint", "2022-12-21", count(26, "2022-12-19"), outlet="Reprint Daily"),
        report("wire", "2022-12-20", count(26, "2022-12-19"), outlet="Andes Wire"),
        report("own", "2022-12-20", count(26, "2022-12-19"), outlet="Altiplano Monitor"),
        report("late", "2022-12-22", count(26, "2022-12-19"), outlet="Late Edition"),
    ]
    stories = {"wire": "s1", "reprint": "s1", "late": "s1", "own": "s2"}
    series = only(tally_series(records, stories=stories))
    assert [(p.document, p.copies) for p in series.points] == [
        ("wire", ["reprint", "late"]),
        ("own", []),
    ]
    # without stories every report is its own point
    assert len(only(tally_series(records)).points) == 4


def test_tallies_copies_with_another_figure_or_day_stay_apart() -> None:
    records = [
        report("wire", "2022-12-20", count(26, "2022-12-19")),
        report("reprint", "2022-12-21", count(27, "2022-12-19"), count(26, "2022-12-20")),
    ]
    series = only(tally_series(records, stories={"wire": "s1", "reprint": "s1"}))
    assert [(p.document, p.best, p.copies) for p in series.points] == [
        ("wire", 26, []),
        ("reprint", 27, []),
        ("reprint", 26, []),
    ]


def test_tallies_filter_by_kind_place_and_source() -> None:
    records = [
        report(
            "wire",
            "2023-01-10",
            count(18, "2023-01-09", place=JULIACA, source=HEALTH),
            count(41, "2023-01-10"),
            count(70, "2023-01-09", kind="injured", place=JULIACA, source=HEALTH),
            count(3, "2023-01-09", place=CUSCO, source=None),
            outlet="Andes Wire",
        ),
        report(
            "bulletin",
            "2023-01-10",
            count(17, "2023-01-09", place=JULIACA),
            outlet="Boletín Andino",
        ),
    ]
    titles = [s.title for s in tally_series(records)]
    assert titles == [
        "killed · PER",
        "killed · PER · Cusco",
        "killed · PER · Puno",
        "injured · PER · Puno",
    ]
    assert [s.title for s in tally_series(records, kind="injured")] == ["injured · PER · Puno"]
    assert [s.title for s in tally_series(records, place="PUNÓ")] == [
        "killed · PER · Puno",
        "injured · PER · Puno",
    ]
    assert len(tally_series(records, kind="killed", place="Perú")) == 3
    assert len(tally_series(records, place="per")) == 4
    assert tally_series(records, place="Bolivia") == []
    assert tally_series(records, place="Juliaca") == []  # a town is not a series' place

    puno = only(tally_series(records, kind="killed", place="puno", source="health"))
    assert [p.best for p in puno.points] == [18]
    # the conflict it takes part in still shows the other source's figure
    assert puno.conflicts == [Conflict(dt.date(2023, 1, 9), {HEALTH: 18, OMBUDSMAN: 17})]
    by_outlet = tally_series(records, kind="killed", source="boletin")
    assert [(s.title, [p.document for p in s.points]) for s in by_outlet] == [
        ("killed · PER · Puno", ["bulletin"])
    ]
    # a source without a name is its outlet
    cusco = only(tally_series(records, place="cusco"))
    assert cusco.points[0].source == "Andes Wire"


def test_tallies_as_of_and_source_fall_back_to_the_report() -> None:
    records = [
        report("a", "2022-12-14", count(7, None, source=None), outlet=None),
        report("b", "2022-12-15", count(8, None, source=None), outlet="Andes Wire"),
    ]
    points = only(tally_series(records)).points
    assert [(p.as_of, p.source) for p in points] == [
        (dt.date(2022, 12, 14), "unknown"),
        (dt.date(2022, 12, 15), "Andes Wire"),
    ]


def test_tallies_format_series_prints_figures_and_markers() -> None:
    records = [
        report("monday", "2022-12-13", count(7, "2022-12-12"), outlet="Andes Wire"),
        report("wednesday", "2022-12-14", count(6, "2022-12-14")),
        report(
            "health", "2022-12-15", count(8, "2022-12-14", source="Puno Health", official=False)
        ),
        report("range", "2022-12-20", count(45, "2022-12-19", low=41, high=50)),
        report("least", "2022-12-21", count(46, "2022-12-20", high=None)),
        report("about", "2022-12-22", count(300, "2022-12-21", low=None, high=None)),
    ]
    text = format_series(tally_series(records))
    lines = text.splitlines()
    assert lines[0] == "killed · PER"
    assert lines[1].split() == [
        "2022-12-12",
        "7",
        "Ombudsman's",
        "Office",
        "of",
        "Peru",
        "official",
        "Andes",
        "Wire",
        "monday",
    ]
    assert lines[2].endswith("correction (was 7), conflict")
    assert lines[3].split() == [
        "2022-12-14",
        "8",
        "Puno",
        "Health",
        "health",
        "news",
        "health",
        "conflict",
    ]
    assert "41–50" in lines[4] and "at least 46" in lines[5] and "~300" in lines[6]
    assert lines[7] == f"  conflict 2022-12-14: {OMBUDSMAN} 6 vs Puno Health 8"
    assert format_series([]) == ""


def test_tallies_printable_strips_terminal_escapes() -> None:
    assert printable("\x1b[31mred\x1b[0m") == "[31mred[0m"
    assert printable("bell\x07 csi\x9b2J nul\x00 del\x7f") == "bell csi2J nul del"
    assert printable("two\nlines\tand tab") == "two lines and tab"
    assert printable("Defensoría — “26”") == "Defensoría — “26”"
    assert printable(None) == ""


def test_tallies_format_series_sanitizes_report_text() -> None:
    records = [
        report(
            "x\x1b]0;pwned\x07",
            "2022-12-13",
            count(7, "2022-12-12", source="\x1b[2JOmbudsman"),
            outlet="Wire\x9b31m",
        )
    ]
    text = format_series(tally_series(records))
    assert "Ombudsman" in text and "Wire31m" in text
    assert not any((ord(char) < 0x20 and char != "\n") or 0x7F <= ord(char) < 0xA0 for char in text)


# The sample corpus end to end: what a reader of its reports would expect to find.


@pytest.fixture(scope="module")
def sample_records() -> list[Record]:
    """The record of every sample report, read with the sample's own places."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    places = resources.files("quipu.resources").joinpath("sample/peru-2022.places.yaml")
    problems: list[object] = []
    with resources.as_file(folder) as path, resources.as_file(places) as places_file:
        documents = list(iter_documents([path], on_error=problems.append))
        gazetteer = Gazetteer.load(extra=[places_file])
    assert problems == []
    return [extract(document, gazetteer=gazetteer).to_dict() for document in documents]


def test_tallies_and_alignments_on_the_sample_corpus(sample_records: list[Record]) -> None:
    killed = tally_series(sample_records, kind="killed", place="PER")
    national = next(s for s in killed if s.admin1 is None)
    # "Twenty-six people have died …, the ombudsman's office said on Monday" (Dec 19)
    assert any(
        (p.as_of, p.best, p.source, p.official) == (dt.date(2022, 12, 19), 26, OMBUDSMAN, True)
        for p in national.points
    )
    # Juliaca, 9 Jan: health officials 18, the ombudsman 17; no joint figure. The deaths
    # were in Juliaca, so the figures are Puno's, not the national toll's.
    puno = next(s for s in killed if s.admin1 == "Puno")
    assert not [c for c in national.conflicts if c.as_of == dt.date(2023, 1, 9)]
    juliaca = [c for c in puno.conflicts if c.as_of == dt.date(2023, 1, 9)]
    assert len(juliaca) == 1
    assert juliaca[0].values[OMBUDSMAN] == 17
    assert juliaca[0].values[HEALTH] == 18

    # Mexico's president backs Castillo in 07, 08, 09, 25 and 28 (25 reprints 08: as one
    # story it is one source), and never turns; in February Boluarte accuses him (28).
    stories = {record["document"]["id"]: record["document"]["id"] for record in sample_records}
    reprint = {
        r["document"]["source"].rsplit("/", 1)[-1][:2]: r["document"]["id"] for r in sample_records
    }
    stories[reprint["25"]] = reprint["08"]
    edges = alignment_edges(sample_records, actor="lopez obrador", stories=stories)
    found = {(e.actor, e.recipient): (e.polarity, e.changed, e.sources) for e in edges}
    assert found[("Andrés Manuel López Obrador", "Pedro Castillo")] == ("support", False, 4)
    assert found[("Dina Boluarte", "Andrés Manuel López Obrador")][0] == "oppose"


def test_tallies_a_part_beside_its_whole_in_a_later_report_is_no_correction() -> None:
    records = [
        report("early", "2023-02-03", count(51, "2023-02-03")),
        # "at least 58 dead since December, 47 of them in clashes"
        report("later", "2023-02-10", count(58, "2023-02-10"), count(47, "2023-02-10")),
    ]
    series = only(tally_series(records))
    assert series.corrections == []
    assert [p.best for p in series.points] == [51, 58]


def test_tallies_a_part_from_another_source_or_day_is_a_point_of_its_own() -> None:
    records = [
        report(
            "wire",
            "2023-01-10",
            count(18, "2023-01-09", source=HEALTH),
            count(17, "2023-01-09"),
            count(1, "2023-01-10", source=HEALTH),
        )
    ]
    assert [(p.best, p.source) for p in only(tally_series(records)).points] == [
        (18, HEALTH),
        (17, OMBUDSMAN),
        (1, HEALTH),
    ]


def test_tallies_a_lower_bound_the_earlier_figure_meets_is_no_correction() -> None:
    records = [
        report("prosecutors", "2023-01-14", count(49, "2023-01-14")),
        # "more than 40 dead since December", a day later
        report("decree", "2023-01-15", count(41, "2023-01-15", high=None)),
        # "40 dead", from the same office, is one
        report("bulletin", "2023-01-16", count(40, "2023-01-16")),
    ]
    series = only(tally_series(records))
    assert series.corrections == [
        Correction(dt.date(2023, 1, 16), OMBUDSMAN, was=41, now=40, document="bulletin")
    ]


def test_tallies_crowd_sizes_are_shown_only_when_asked_and_never_disagree() -> None:
    records = [
        report(
            "a",
            "2023-01-20",
            count(1000, "2023-01-19", kind="participants", source=None),
            count(1, "2023-01-19"),
        ),
        # another march of that day, another crowd
        report("b", "2023-01-20", count(3000, "2023-01-19", kind="participants", source=None)),
    ]
    assert [s.kind for s in tally_series(records)] == ["killed"]
    crowds = only(tally_series(records, kind="participants"))
    assert [p.best for p in crowds.points] == [1000, 3000]
    assert crowds.conflicts == [] and not any(p.conflict for p in crowds.points)


def _day(point: Point) -> dt.date:
    """The day a point was reported (its as-of day if its report has none)."""
    return point.published or point.as_of or dt.date.min


def _previous_by_every_pair(own: list[Point]) -> list[int | None]:
    """The previous figure of each point, found by comparing it with every other one."""
    found: list[int | None] = []
    for point in own:
        earlier = [
            other
            for other in own
            if point.as_of is not None
            and other.as_of is not None
            and other.as_of <= point.as_of
            and _day(other) < _day(point)
        ]
        best = max(earlier, key=lambda p: (p.as_of, _day(p), p.best), default=None)
        found.append(best.best if best else None)
    return found


@given(
    st.lists(
        st.tuples(
            st.none() | st.integers(min_value=1, max_value=12),
            st.none() | st.integers(min_value=1, max_value=12),
            st.integers(min_value=0, max_value=9),
        ),
        max_size=25,
    )
)
def test_tallies_a_previous_figure_is_the_one_every_pair_would_give(
    drawn: list[tuple[int | None, int | None, int]],
) -> None:
    own = [tally_point(as_of or 1, best, "ombudsman") for as_of, _published, best in drawn]
    for point, (as_of, published, _) in zip(own, drawn, strict=True):
        point.as_of = dt.date(2022, 12, as_of) if as_of else None
        point.published = dt.date(2022, 12, published) if published else None
    found = [p.best if p else None for p in _previous_figures(own)]
    assert found == _previous_by_every_pair(own)
