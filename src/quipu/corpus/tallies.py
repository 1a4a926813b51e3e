"""Running counts across reports become series: one per kind of count and place.

A report's count ("the ombudsman said on Monday that 26 people had died") is one point of a
series keyed by its kind and place (country, and first-level subdivision when the count has
one), dated by its as-of date, else its report's publication date. Points are never
averaged. Across a series:

- a figure a report gives beside a larger one from the same source for the same day is a
  part of that toll ("58 dead, 47 of them in clashes") and is left out;
- syndicated copies (documents of one story giving the same figure for the same day) are
  one point, kept from the earliest report, listing the other documents as `copies`;
- a source giving a lower figure than its previous one, for the same or a later day and in
  a later report, is a correction ("six, not seven"); a running toll going up is not, nor
  is a lower bound the previous figure meets ("more than 40" after 49);
- different sources giving figures for the same day that no one number satisfies are a
  conflict ("at least 17" and 18 are not; 17 and 18 are).

A crowd's size ("participants") is its event's, not a running count: different crowds of one
day do not disagree. Such series are made only when asked for by kind, without corrections
or conflicts.

The functions read record-format dicts (`Extraction.to_dict()`, one `quipu extract --format
jsonl` line) and do no I/O. `format_series` renders series for a terminal; the text it
prints comes from articles, so control characters are taken out (`printable`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pycountry

from quipu.corpus.values import fold, parse_day, printable
from quipu.records import COUNT_KINDS

Record = dict[str, Any]

_UNKNOWN_SOURCE = "unknown"
# Sizes of different crowds, not one running figure: two marches of one day do not disagree.
CROWD_KINDS = frozenset({"participants"})


@dataclass(slots=True)
class Point:
    """One report of a running figure: what it was, as of when, who said it, where."""

    as_of: dt.date | None
    best: int
    low: int | None
    high: int | None
    source: str
    official: bool
    document: str
    outlet: str | None
    published: dt.date | None
    sentence: str
    copies: list[str] = field(default_factory=list)
    correction_of: int | None = None
    conflict: bool = False


class Correction(NamedTuple):
    """A source lowering its own figure: `was` before, `now` in `document`."""

    as_of: dt.date
    source: str
    was: int
    now: int
    document: str


class Conflict(NamedTuple):
    """Sources that gave different figures for one day: each source's own figure."""

    as_of: dt.date
    values: dict[str, int]


@dataclass(slots=True)
class Series:
    """The points of one kind of count in one place, by as-of date then publication."""

    kind: str
    country: str | None
    admin1: str | None
    points: list[Point] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The series' name as printed: "killed · PER · Puno"."""
        parts = [self.kind, self.country or "—"]
        if self.admin1:
            parts.append(self.admin1)
        return " · ".join(parts)


def tally_series(
    records: Iterable[Record],
    *,
    kind: str | None = None,
    place: str | None = None,
    source: str | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[Series]:
    """Turn the counts of many reports into series, one per kind and place.

    Crowd sizes ("participants") are left out unless `kind` asks for them, and never marked
    as corrections or conflicts. Corrections and conflicts are found over every point of a
    series; the `source` filter
    then keeps the points it names, with the corrections of those points and the conflicts
    they take part in (a conflict lists every source's figure, filtered or not).

    Args:
        records: record-format dicts, one per document.
        kind: keep one kind of count ("killed", "injured", …).
        place: keep series whose country code, country name or admin1 is this
            (case- and accent-insensitive: "peru", "Perú", "PER", "puno").
        source: keep points whose source or outlet contains this (folded).
        stories: document id → story id; copies of one story collapse into one point.

    Returns:
        The series, by kind (in `COUNT_KINDS` order), country and admin1.
    """
    grouped: dict[tuple[str, str | None, str | None], list[Point]] = {}
    for record in records:
        document = record.get("document") or {}
        for count in record.get("counts") or []:
            if count.get("best") is None or (kind and fold(count.get("kind")) != fold(kind)):
                continue
            if not kind and count.get("kind") in CROWD_KINDS:
                continue  # crowd sizes only when asked for (see the module docstring)
            where = count.get("place") or {}
            key = (str(count.get("kind")), where.get("country"), where.get("admin1"))
            grouped.setdefault(key, []).append(_point(count, document))

    found = []
    for (count_kind, country, admin1), points in grouped.items():
        if place and not _place_matches(place, country, admin1):
            continue
        points.sort(key=lambda p: (p.as_of or dt.date.max, p.published or dt.date.max))
        points = _without_parts(points)
        if stories:
            points = _collapse_copies(points, stories)
        series = Series(count_kind, country, admin1, points)
        if count_kind not in CROWD_KINDS:
            series.corrections = _mark_corrections(points)
            series.conflicts = _mark_conflicts(points)
        if source:
            _keep_source(series, fold(source))
        if series.points:
            found.append(series)
    ranks = {name: rank for rank, name in enumerate(COUNT_KINDS)}
    found.sort(
        key=lambda s: (ranks.get(s.kind, len(ranks)), s.kind, s.country or "", s.admin1 or "")
    )
    return found


def format_series(series: Iterable[Series]) -> str:
    """Render series as tables for a terminal, one per series, blank-line separated.

    Each point is one line: as-of date, figure ("26", "at least 41", "41–50", "~300"),
    source, "official", outlet and document, then its markers ("correction (was 7)",
    "conflict", "+1 copy"); a table ends with its conflicts, each source's figure side by
    side. Text from the reports is passed through `printable`.

    Args:
        series: as `tally_series` returns them.

    Returns:
        The tables, ending in a newline ("" for no series).
    """
    tables = []
    for one in series:
        if not one.points:
            continue
        rows = [
            [
                point.as_of.isoformat() if point.as_of else "-",
                format_figure(point.best, point.low, point.high),
                printable(point.source),
                "official" if point.official else "",
                printable(" ".join(filter(None, [point.outlet, point.document[:8]]))),
                ", ".join(_markers(point)),
            ]
            for point in one.points
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        lines = [printable(one.title)]
        for row in rows:
            cells = [
                cell.rjust(w) if i == 1 else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  " + "  ".join(cells).rstrip())
        for conflict in one.conflicts:
            values = " vs ".join(
                f"{printable(name)} {best}" for name, best in conflict.values.items()
            )
            lines.append(f"  conflict {conflict.as_of.isoformat()}: {values}")
        tables.append("\n".join(lines) + "\n")
    return "\n".join(tables)


def format_figure(best: int, low: int | None, high: int | None) -> str:
    """Return a figure as a reader says it: "26", "at least 41", "41–50", "up to 200", "~300"."""
    if low is not None and high is not None:
        return str(best) if low == high else f"{low}–{high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"up to {high}"
    return f"~{best}"


def _point(count: Record, document: Record) -> Point:
    as_of = count.get("as_of") or {}
    published = parse_day(document.get("published"))
    said_by = count.get("source") or {}
    outlet = document.get("outlet")
    return Point(
        as_of=parse_day(as_of.get("start")) or published,
        best=int(count["best"]),
        low=count.get("low"),
        high=count.get("high"),
        source=said_by.get("name") or outlet or _UNKNOWN_SOURCE,
        official=bool(count.get("official")),
        document=str(document.get("id") or ""),
        outlet=outlet,
        published=published,
        sentence=(count.get("evidence") or {}).get("sentence") or "",
    )


def _place_matches(wanted: str, country: str | None, admin1: str | None) -> bool:
    names = [country, admin1]
    record = pycountry.countries.get(alpha_3=country) if country else None
    if record is not None:
        names += [
            getattr(record, attribute, None)
            for attribute in ("name", "common_name", "official_name")
        ]
    return fold(wanted) in {fold(name) for name in names if name}


def _collapse_copies(points: list[Point], stories: Mapping[str, str]) -> list[Point]:
    """One point per story, day and figure: the earliest report's, the others its copies."""
    kept: list[Point] = []
    first: dict[tuple[str, dt.date | None, int], Point] = {}
    for point in points:  # by as-of, then publication: the earliest report comes first
        key = (stories.get(point.document, point.document), point.as_of, point.best)
        original = first.setdefault(key, point)
        if original is point or original.document == point.document:
            # one report giving a figure twice is not a copy of itself
            kept.append(point)
        elif point.document not in original.copies:
            original.copies.append(point.document)
    return kept


def _reported(point: Point) -> dt.date:
    return point.published or point.as_of or dt.date.min


def _mark_corrections(points: list[Point]) -> list[Correction]:
    """Mark each point that lowers its source's previous figure (see the module docstring).

    A point's previous figure is its source's figure in an earlier report (published before
    the point's) for the same or an earlier day; of several, the one for the latest day, from
    the latest report, and the highest there. Figures within one report, or in two
    reports of the same day, are not put in order: there is no telling which came first.
    """
    corrections: list[Correction] = []
    by_source: dict[str, list[Point]] = {}
    for point in points:
        by_source.setdefault(fold(point.source), []).append(point)
    for own in by_source.values():
        for point, previous in zip(own, _previous_figures(own), strict=True):
            if point.as_of is None or previous is None:
                continue
            if point.high is None and point.low is not None and point.low <= previous.best:
                continue  # "more than 40" after 49 still holds; it corrects nothing
            if point.best < previous.best:
                point.correction_of = previous.best
                corrections.append(
                    Correction(point.as_of, point.source, previous.best, point.best, point.document)
                )
    found = list(dict.fromkeys(corrections))
    found.sort(key=lambda c: (c.as_of, c.source))
    return found


def _previous_figures(own: list[Point]) -> list[Point | None]:
    """For each of one source's points, its previous figure (see `_mark_corrections`), or
    None. The points are swept in report order, each day's best so far kept in a Fenwick tree
    over the days, so that a source of thousands of figures costs n log n, not n²."""
    days = sorted({point.as_of for point in own if point.as_of is not None})
    rank = {day: number for number, day in enumerate(days, start=1)}
    Key = tuple[dt.date, dt.date, int]
    tree: list[tuple[Key, Point] | None] = [None] * (len(days) + 1)

    def best_up_to(number: int) -> Point | None:
        found: tuple[Key, Point] | None = None
        while number > 0:
            kept = tree[number]
            if kept is not None and (found is None or kept[0] > found[0]):
                found = kept
            number -= number & -number
        return found[1] if found is not None else None

    def keep(number: int, item: tuple[Key, Point]) -> None:
        while number <= len(days):
            kept = tree[number]
            if kept is None or item[0] > kept[0]:
                tree[number] = item
            number += number & -number

    previous: list[Point | None] = [None] * len(own)
    order = sorted(range(len(own)), key=lambda index: _reported(own[index]))
    start = 0
    while start < len(order):
        # the points of one report day see only those reported before it
        end = start
        while end < len(order) and _reported(own[order[end]]) == _reported(own[order[start]]):
            end += 1
        dated = [(index, day) for index in order[start:end] if (day := own[index].as_of)]
        for index, day in dated:
            previous[index] = best_up_to(rank[day])
        for index, day in dated:
            point = own[index]
            keep(rank[day], ((day, _reported(point), point.best), point))
        start = end
    return previous


def _without_parts(points: list[Point]) -> list[Point]:
    """Leave out the figures a report gives beside a larger one of the same source for the
    same day: parts of the toll ("58 dead, 47 of them in clashes"; "41 protesters and the
    police officer, plus seven others" beside their sum), not tolls of their own."""
    largest: dict[tuple[str, str, dt.date | None], int] = {}
    for point in points:
        key = (point.document, fold(point.source), point.as_of)
        largest[key] = max(largest.get(key, point.best), point.best)
    return [p for p in points if p.best == largest[(p.document, fold(p.source), p.as_of)]]


def _mark_conflicts(points: list[Point]) -> list[Conflict]:
    """Find the days on which sources disagree, and mark the points that disagree.

    A source's figure for a day is the highest of its latest report for that day: a later
    report replaces an earlier one. Figures that one number could satisfy do not disagree
    ("at least 17" and 18; "cerca de 200" and 193).
    """
    by_day: dict[dt.date, dict[str, list[Point]]] = {}
    for point in points:
        if point.as_of is not None:
            by_day.setdefault(point.as_of, {}).setdefault(fold(point.source), []).append(point)
    conflicts = []
    for day, sources in by_day.items():
        figures: dict[str, Point] = {}
        for own in sources.values():
            latest = max(_reported(p) for p in own)
            figures[own[0].source] = max(
                (p for p in own if _reported(p) == latest), key=lambda p: p.best
            )
        if _compatible(list(figures.values())):
            continue
        for figure in figures.values():
            figure.conflict = True
        conflicts.append(Conflict(day, {name: p.best for name, p in figures.items()}))
    return conflicts


def _compatible(points: list[Point]) -> bool:
    """True when one number lies within every point's bounds. An open bound is open ("at
    least 17" has no ceiling); a figure with neither bound ("about 300") stands at its best."""
    floor, ceiling = 0.0, math.inf
    for point in points:
        exact = point.low is None and point.high is None
        floor = max(floor, point.best if exact else point.low or 0)
        ceiling = min(
            ceiling, point.best if exact else math.inf if point.high is None else point.high
        )
    return floor <= ceiling


def _keep_source(series: Series, wanted: str) -> None:
    series.points = [
        point
        for point in series.points
        if wanted in fold(point.source) or wanted in fold(point.outlet)
    ]
    corrected = {
        (p.document, p.as_of, p.source, p.best)
        for p in series.points
        if p.correction_of is not None
    }
    series.corrections = [
        c for c in series.corrections if (c.document, c.as_of, c.source, c.now) in corrected
    ]
    disputed = {(p.as_of, fold(p.source)) for p in series.points if p.conflict}
    series.conflicts = [
        c for c in series.conflicts if any((c.as_of, fold(name)) in disputed for name in c.values)
    ]


def _markers(point: Point) -> list[str]:
    markers = []
    if point.correction_of is not None:
        markers.append(f"correction (was {point.correction_of})")
    if point.conflict:
        markers.append("conflict")
    if point.copies:
        markers.append(f"+{len(point.copies)} {'copy' if len(point.copies) == 1 else 'copies'}")
    return markers
