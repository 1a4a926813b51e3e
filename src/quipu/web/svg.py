"""Charts drawn on the server as SVG: the timeline of event types, the running tallies and
the alignment network. They need no script, so every page shows its chart with JavaScript
off and under a strict Content-Security-Policy (colors are presentation attributes, never
`style=`). Every word that comes from an article is escaped (`markupsafe.escape`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from quipu.corpus.alignments import Edge
from quipu.corpus.tallies import Series
from quipu.corpus.values import fold, parse_day

Record = dict[str, Any]

# One color per PLOVER type, grouped by kind: violence red, coercion purple, protest orange,
# verbal conflict pink and brown, cooperation green and blue.
TYPE_COLORS = {
    "ASSAULT": "#c0392b",
    "COERCE": "#8e44ad",
    "PROTEST": "#e67e22",
    "SANCTION": "#a0522d",
    "THREATEN": "#d35400",
    "MOBILIZE": "#7f8c3a",
    "ACCUSE": "#d6608c",
    "REJECT": "#7f7f7f",
    "REQUEST": "#c9a227",
    "SUPPORT": "#27ae60",
    "AID": "#16a085",
    "AGREE": "#2e86c1",
    "COOPERATE": "#1f618d",
    "CONSULT": "#5dade2",
    "CONCEDE": "#48c9b0",
    "RETREAT": "#a569bd",
}
OTHER_COLOR = "#999999"
POLARITY_COLORS = {"support": "#1e8449", "oppose": "#c0392b"}
# Series lines, one per source, in this order.
SOURCE_COLORS = ("#1f618d", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#7f8c3a", "#5d6d7e")


def type_color(kind: str | None) -> str:
    """The color of a PLOVER type on every page."""
    return TYPE_COLORS.get(str(kind), OTHER_COLOR)


def _svg(width: int, height: int, body: Iterable[str], *, label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" class="chart">' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, words: Any, *, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{escape(words)}</text>"
    )


def timeline_svg(events: Sequence[Record], *, width: int = 900, height: int = 240) -> Markup:
    """Merged events by type over time: one stacked bar per day, or per week when the
    events span more than 120 days. Undated events are left out (the caption says how many)."""
    dated = [(parse_day((e.get("date") or {}).get("start")), e) for e in events]
    days = sorted(day for day, _ in dated if day is not None)
    if not days:
        return _svg(width, 40, [_text(10, 24, "No dated events yet.")], label="timeline")
    first, last = _crisis_window(days)
    outside = sum(1 for day in days if not first <= day <= last)
    dated = [(day, e) for day, e in dated if day is None or first <= day <= last]
    days = [day for day in days if first <= day <= last]
    weekly = (last - first).days > 120
    step = 7 if weekly else 1
    start = first - dt.timedelta(days=first.weekday()) if weekly else first
    bins = (last - start).days // step + 1
    counts: list[Counter[str]] = [Counter() for _ in range(bins)]
    for day, event in dated:
        if day is not None:
            counts[(day - start).days // step][str(event.get("type"))] += 1
    left, bottom, top = 34, 36, 12
    plot_h = height - bottom - top
    bar_w = (width - left - 8) / bins
    peak = max((sum(c.values()) for c in counts), default=1) or 1
    body: list[str] = []
    for tick in _ticks(peak):
        y = top + plot_h - tick / peak * plot_h
        body.append(f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(_text(left - 4, y + 4, tick, anchor="end", size=10))
    order = {kind: rank for rank, kind in enumerate(TYPE_COLORS)}
    for index, counter in enumerate(counts):
        x = left + index * bar_w
        y = top + plot_h
        day = start + dt.timedelta(days=index * step)
        for kind, number in sorted(counter.items(), key=lambda kv: order.get(kv[0], 99)):
            h = number / peak * plot_h
            y -= h
            body.append(
                f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                f'height="{h:.1f}" fill="{type_color(kind)}"><title>'
                f"{escape(day.isoformat())}: {number} {escape(kind)}</title></rect>"
            )
    previous_month = None
    labelled = -100.0
    for index in range(bins):
        day = start + dt.timedelta(days=index * step)
        if (day.year, day.month) != previous_month:
            previous_month = (day.year, day.month)
            x = left + index * bar_w
            if x - labelled < 64:
                continue
            labelled = x
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" stroke="#333"/>'
            )
            body.append(_text(x + 2, top + plot_h + 16, day.strftime("%b %Y"), size=10))
    body.append(
        _text(
            left,
            height - 4,
            f"{len(days)} dated event{'' if len(days) == 1 else 's'}, "
            f"by {'week' if weekly else 'day'}"
            + (f"; {len(dated) - len(days)} undated not shown" if len(days) < len(dated) else "")
            + (f"; {outside} dated long before or after not shown" if outside else ""),
            size=10,
        )
    )
    return _svg(width, height, body, label="merged events by type over time")


def _crisis_window(days: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """The span the events crowd in: background dates far from the rest (a 1992 coup
    recalled in a 2022 report) are left out, at most one in twenty at each end."""
    first, last = 0, len(days) - 1
    most = len(days) // 20  # nothing is left out of fewer than twenty
    while first < most and first < last and (days[first + 1] - days[first]).days > 60:
        first += 1
    while len(days) - 1 - last < most and last > first and (days[last] - days[last - 1]).days > 60:
        last -= 1
    return days[first], days[last]


def _ticks(peak: int) -> list[int]:
    step = max(1, 10 ** int(math.log10(peak)) if peak >= 10 else 1)
    while peak / step > 5:
        step *= 2
    return list(range(0, peak + 1, step))


def tally_svg(series: Series, *, width: int = 860, height: int = 260) -> Markup:
    """One running count over time: a line per source, corrections ringed ("was 7"),
    conflicting days marked with a dashed line."""
    dated = [(p.as_of, p) for p in series.points if p.as_of is not None]
    if not dated:
        return _svg(width, 40, [_text(10, 24, "No dated figures.")], label=series.title)
    first = min(day for day, _ in dated)
    last = max(day for day, _ in dated)
    span = max((last - first).days, 1)
    peak = max(p.best for _, p in dated) or 1
    left, right, top, bottom = 44, 190, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(day: dt.date) -> float:
        return left + (day - first).days / span * plot_w

    def y_of(value: int) -> float:
        return top + plot_h - value / peak * plot_h

    body: list[str] = []
    for tick in _ticks(peak):
        y = y_of(tick)
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        body.append(_text(left - 4, y + 4, tick, anchor="end", size=10))
    for conflict in series.conflicts:
        x = x_of(conflict.as_of)
        values = ", ".join(f"{name} {best}" for name, best in conflict.values.items())
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#c0392b" '
            f'stroke-dasharray="4 3" class="conflict"><title>conflict {conflict.as_of.isoformat()}: '
            f"{escape(values)}</title></line>"
        )
    sources = list(dict.fromkeys(p.source for _, p in dated))
    for rank, source in enumerate(sources):
        color = SOURCE_COLORS[rank % len(SOURCE_COLORS)]
        own = sorted(((d, p) for d, p in dated if p.source == source), key=lambda dp: dp[0])
        path = " ".join(f"{x_of(day):.1f},{y_of(p.best):.1f}" for day, p in own)
        if len(own) > 1:
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
            )
        for day, point in own:
            x, y = x_of(day), y_of(point.best)
            note = f"{day.isoformat()}: {point.best} ({point.source})"
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}"><title>'
                f"{escape(note)}</title></circle>"
            )
            if point.correction_of is not None:
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="none" stroke="#111" '
                    f'stroke-width="1.5" class="correction"/>'
                )
                body.append(_text(x + 9, y - 6, f"was {point.correction_of}", size=10))
        legend_y = top + 14 + rank * 16
        body.append(
            f'<rect x="{left + plot_w + 14}" y="{legend_y - 9}" width="10" height="10" fill="{color}"/>'
        )
        body.append(_text(left + plot_w + 28, legend_y, _short(source, 26), size=11))
    body.append(_text(left, height - 8, first.isoformat(), size=10))
    body.append(_text(left + plot_w, height - 8, last.isoformat(), anchor="end", size=10))
    return _svg(width, height, body, label=series.title)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def network_svg(edges: Sequence[Edge], *, size: int = 900, most: int = 28) -> Markup:
    """The alignment network: actors on a circle, an arrow from each actor to whom it
    supports (green) or opposes (red), thicker with more sources. The `most` actors in the
    most edges are drawn."""
    degree: Counter[str] = Counter()
    shown: dict[str, str] = {}  # one node per name, however its case or accents differ
    for edge in edges:
        for name in (edge.actor, edge.recipient):
            degree[fold(name)] += edge.sources
            shown.setdefault(fold(name), name)
    names = [name for name, _ in degree.most_common(most)]
    if not names:
        return _svg(size, 40, [_text(10, 24, "No stances in this period.")], label="alignments")
    # labels need room at the sides, little above and below
    radius = size / 2 - 190
    centre, middle, height = size / 2, radius + 40, int(2 * radius + 80)
    where = {
        name: (
            centre + radius * math.cos(2 * math.pi * i / len(names) - math.pi / 2),
            middle + radius * math.sin(2 * math.pi * i / len(names) - math.pi / 2),
        )
        for i, name in enumerate(names)
    }
    body = [
        "<defs>"
        + "".join(
            f'<marker id="arrow-{polarity}" viewBox="0 0 10 10" refX="10" refY="5" '
            f'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
            for polarity, color in POLARITY_COLORS.items()
        )
        + "</defs>"
    ]
    for edge in edges:
        actor, recipient = fold(edge.actor), fold(edge.recipient)
        if actor not in where or recipient not in where or actor == recipient:
            continue
        (x1, y1), (x2, y2) = where[actor], where[recipient]
        # stop short of the node, and bend so that A→B and B→A do not overlap
        length = math.hypot(x2 - x1, y2 - y1) or 1
        x2s, y2s = x2 - (x2 - x1) / length * 9, y2 - (y2 - y1) / length * 9
        mx, my = (x1 + x2s) / 2 + (y2s - y1) * 0.12, (y1 + y2s) / 2 - (x2s - x1) * 0.12
        color = POLARITY_COLORS.get(edge.polarity, OTHER_COLOR)
        note = (
            f"{edge.actor} {edge.polarity}s {edge.recipient}: {edge.sources} source"
            f"{'s' if edge.sources != 1 else ''}"
            + (
                f", {edge.first.isoformat()} to {edge.last.isoformat()}"
                if edge.first and edge.last
                else ""
            )
            + (" (changed)" if edge.changed else "")
        )
        body.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2s:.1f},{y2s:.1f}" fill="none" '
            f'stroke="{color}" stroke-width="{1 + math.log2(1 + edge.sources):.1f}" '
            f'marker-end="url(#arrow-{escape(edge.polarity)})" class="edge {escape(edge.polarity)}">'
            f"<title>{escape(note)}</title></path>"
        )
    for name in names:
        x, y = where[name]
        # labels point away from the centre, so that neighbours at the top do not collide
        angle = math.atan2(y - middle, x - centre)
        lx, ly = x + 12 * math.cos(angle), y + 12 * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#34495e"><title>{escape(shown[name])}</title></circle>'
        )
        body.append(
            _text(
                lx,
                ly + (8 if math.sin(angle) > 0.8 else -4 if math.sin(angle) < -0.8 else 0),
                _short(shown[name], 26),
                anchor=anchor,
            )
        )
    return _svg(size, height, body, label="alignment network")


def certainty_words(certainty: str | None) -> str:
    """What a certainty label means, in words a reader uses."""
    return {
        "asserted": "reported as fact",
        "attributed": "according to a named source",
        "hedged": "reportedly (hedged)",
        "unverified": "could not be verified",
        "disputed": "disputed",
    }.get(str(certainty), str(certainty or "unknown"))
