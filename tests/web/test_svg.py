"""The server-drawn charts (quipu.web.svg) and the dashboard's data helpers (quipu.web.data)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from quipu.corpus.alignments import Edge, Observation, Quote
from quipu.corpus.tallies import Conflict, Series
from quipu.errors import RequestError
from quipu.records import PLOVER_TYPES
from quipu.web.data import EventFilter, by_day, decode_cursor, encode_cursor, latest_points, page
from quipu.web.svg import TYPE_COLORS, network_svg, tally_svg, timeline_svg

from records import tally_point


def event(day: str | None, kind: str = "PROTEST", **fields) -> dict:
    date = {"start": day, "end": day, "precision": 1} if day else None
    return {"id": f"c{day}", "type": kind, "date": date, "mentions": [], **fields}


def test_svg_every_plover_type_has_its_own_color():
    assert set(TYPE_COLORS) == set(PLOVER_TYPES)
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS)


def test_svg_timeline_leaves_out_far_background_dates_and_says_so():
    events = [event(f"2023-01-{day:02d}") for day in range(1, 29)] + [event("1992-04-05")]
    chart = str(timeline_svg([*events, event(None)]))
    assert "by day" in chart  # the 1992 coup does not stretch the axis to weeks
    assert "1 undated not shown" in chart and "1 dated long before or after not shown" in chart
    assert len(re.findall(r"<rect ", chart)) == 28


def test_svg_tally_rings_corrections_and_marks_conflicts():
    series = Series(
        "killed",
        "PER",
        None,
        points=[
            tally_point(12, 7, "ombudsman", conflict=True),
            tally_point(12, 4, "<b>ministry</b>", conflict=True),
            tally_point(14, 6, "ombudsman", correction_of=7),
        ],
        conflicts=[Conflict(dt.date(2022, 12, 12), {"ombudsman": 7, "<b>ministry</b>": 4})],
    )
    chart = str(tally_svg(series))
    assert chart.count('class="correction"') == 1 and "was 7" in chart
    assert chart.count('class="conflict"') == 1
    assert "<b>" not in chart and "&lt;b&gt;ministry" in chart


def _edge(actor: str, recipient: str, day: int, polarity: str, sources: int) -> Edge:
    """A one-observation edge of December 2022."""
    seen = dt.date(2022, 12, day)
    return Edge(
        actor=actor,
        recipient=recipient,
        timeline=[Observation(seen, polarity, "d")],
        polarity=polarity,
        changes=[],
        first=seen,
        last=seen,
        sources=sources,
        evidence=[Quote("d", "s")],
    )


def test_svg_network_colors_sides_and_escapes_names():
    edges = [
        _edge("<script>x</script>", "Pedro Castillo", 12, "support", sources=2),
        _edge("Peru", "Mexico", 20, "oppose", sources=1),
    ]
    chart = str(network_svg(edges))
    assert 'class="edge support"' in chart and 'class="edge oppose"' in chart
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "No stances" in str(network_svg([]))


def test_data_cursors_round_trip_and_foreign_ones_are_refused():
    assert decode_cursor(encode_cursor(40)) == 40
    items = list(range(10))
    first = page(items, limit=4, cursor=None)
    second = page(items, limit=4, cursor=first.next_cursor)
    last = page(items, limit=4, cursor=second.next_cursor)
    assert (first.items, second.items, last.items) == ([0, 1, 2, 3], [4, 5, 6, 7], [8, 9])
    assert last.next_cursor is None and last.total == 10
    for bad in ("xyz", encode_cursor(0).replace("o", "p"), "bzotMQ"):
        with pytest.raises(RequestError):
            decode_cursor(bad)


def test_data_event_filter_reads_dates_as_spans():
    spanning = event("2023-01-01") | {"date": {"start": "2023-01-01", "end": "2023-01-31"}}
    assert EventFilter(since=dt.date(2023, 1, 20)).matches(spanning)
    assert not EventFilter(since=dt.date(2023, 2, 1)).matches(spanning)
    assert not EventFilter(until=dt.date(2022, 12, 31)).matches(spanning)
    assert not EventFilter(since=dt.date(2023, 1, 1)).matches(event(None))
    assert EventFilter(type="protest").matches(spanning)


def test_data_timeline_groups_a_span_apart_from_its_first_day():
    month = event("2023-01-01") | {"date": {"start": "2023-01-01", "end": "2023-01-31"}}
    groups = by_day([event("2023-01-01"), month, event(None)])
    assert [day for day, _ in groups] == ["2023-01-01", "2023-01-01 to 2023-01-31", "undated"]


def test_svg_timeline_of_one_or_two_far_apart_events_keeps_them():
    assert "1 dated event," in str(timeline_svg([event("2023-01-09")]))
    two = str(timeline_svg([event("2022-10-01"), event("2023-01-09")]))
    assert "2 dated events" in two and "not shown" not in two


def test_data_latest_tally_of_a_source_is_its_whole_not_a_part():
    series = Series(
        "killed",
        "PER",
        None,
        points=[
            tally_point(3, 51, "ombudsman"),
            tally_point(10, 58, "ombudsman"),
            tally_point(10, 47, "ombudsman"),
        ],
    )
    assert [p.best for p in latest_points(series)] == [58]
