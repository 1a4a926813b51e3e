"""The JSON API under `/api/v1/`: what the pages show, as data.

Every list takes `limit` (1–500) and `cursor` (opaque, from the previous page's
`next_cursor`) and answers `{"items": [...], "next_cursor": ..., "total": n}`. Events are
corpus events (one per real event, each with its `mentions` and number of `sources`); their
filters are the timeline's. Errors are JSON: `{"error": "E401 bad request: …", "status":
400}`. The exports of `quipu export --merged` are downloads under `/api/v1/exports/`.
The OpenAPI description is `/api/v1/openapi.json`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
from collections.abc import Sequence
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from quipu.corpus.alignments import LEVELS, Edge, Level, alignment_edges
from quipu.corpus.tallies import Series
from quipu.corpus.values import fold
from quipu.corpus.view import merged_records
from quipu.errors import Errors, RequestError
from quipu.exports import WRITERS
from quipu.web.data import (
    MAX_LIMIT,
    DashboardData,
    EventFilter,
    Snapshot,
    located_place,
    page,
)

Record = dict[str, Any]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=64, description="next_cursor of the last page")]
Text = Annotated[str | None, Query(max_length=200)]
# A form sends its empty date fields as "": read by `day`, "" is no date.
Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")]
# Read by `alignment_level`: "" (an empty form field) is the default, "actor".
LevelQuery = Annotated[
    str | None,
    Query(
        max_length=10,
        description="actor (default): one node per side; country: each state's government, "
        "ministries and heads and the country itself are one node",
    ),
]
ExportFormat = Literal["jsonl", "acled-csv", "ucdp-csv", "geojson", "plover-json"]
_MEDIA = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "acled-csv": ("text/csv", "csv"),
    "ucdp-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "plover-json": ("application/x-ndjson", "jsonl"),
}


def day(value: str | None, name: str) -> dt.date | None:
    """A YYYY-MM-DD query value; "" (an empty form field) is no date.

    Raises:
        RequestError: E401 when it is not a date.
    """
    if not value:
        return None
    reason = f"{name}: {value!r} is not a date (YYYY-MM-DD)"
    if not _ISO_DAY.fullmatch(value):
        raise RequestError(Errors.E401.format(reason=reason))
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise RequestError(Errors.E401.format(reason=reason)) from err


def alignment_level(value: str | None) -> Level:
    """A `level` query value of the alignment network; "" (an empty form field) is "actor".

    Raises:
        RequestError: E401 when it is neither "actor" nor "country".
    """
    wanted = value or "actor"
    for known in LEVELS:  # returns the `Level` itself, not the query's string
        if wanted == known:
            return known
    reason = f"level: {value!r} is not one of {', '.join(LEVELS)}"
    raise RequestError(Errors.E401.format(reason=reason))


def event_filter(
    type: Text = None,
    actor: Text = None,
    place: Text = None,
    certainty: Text = None,
    since: Day = None,
    until: Day = None,
    q: Text = None,
) -> EventFilter:
    """The event filters of a request, for the timeline page and `/api/v1/events` alike:
    PLOVER type, text in the actor's or recipient's names, in the place's, a certainty
    label, dates (YYYY-MM-DD) and words of the evidence."""
    return EventFilter(
        type=type or None,
        actor=actor or None,
        place=place or None,
        certainty=certainty or None,
        since=day(since, "since"),
        until=day(until, "until"),
        text=q or None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


def _listing(
    items: Sequence[Any], *, limit: int, cursor: str | None, version: int
) -> dict[str, Any]:
    found = page(items, limit=limit, cursor=cursor, version=version)
    return {"items": found.items, "next_cursor": found.next_cursor, "total": found.total}


def edges_between(
    snapshot: Snapshot, *, since: dt.date | None, until: dt.date | None, level: Level = "actor"
) -> list[Edge]:
    """The alignment network at `level` as the reports show it in [since, until] (open ends
    match everything): the snapshot's edges, or, for a window, edges built from that
    window's stances alone (`alignment_edges`)."""
    if since is None and until is None:
        return list(snapshot.edges[level])
    return alignment_edges(
        snapshot.corpus.records, stories=snapshot.stories, since=since, until=until, level=level
    )


def edge_record(edge: Edge) -> Record:
    """An alignment edge as JSON."""
    return {
        "actor": edge.actor,
        "recipient": edge.recipient,
        "polarity": edge.polarity,
        "changed": edge.changed,
        "first": edge.first.isoformat() if edge.first else None,
        "last": edge.last.isoformat() if edge.last else None,
        "sources": edge.sources,
        "timeline": [
            {
                "date": seen.date.isoformat() if seen.date else None,
                "polarity": seen.polarity,
                "document": seen.document,
            }
            for seen in edge.timeline
        ],
        "evidence": [{"document": q.document, "sentence": q.sentence} for q in edge.evidence],
    }


def file_name(source: object) -> str:
    """A document's source as the dashboard shows it: the file name, not the path where it
    lies on the server ("…/sample/03-andahuaylas-deaths.md" → "03-andahuaylas-deaths.md")."""
    text = str(source or "")
    return PurePath(text.split("#")[0]).name or text


def _shown(document: Record) -> Record:
    return {**document, "source": file_name(document.get("source"))}


def _place_matches(place: str, series: Series) -> bool:
    """A series is of a place when the place's words are in its country code or region
    ("PER", "puno", "Apur"), as the events' place filter reads them."""
    wanted = fold(place)
    return bool(wanted) and any(
        wanted in fold(name) for name in (series.country, series.admin1) if name
    )


def series_record(series: Series) -> Record:
    """A tally series as JSON."""
    return {
        "kind": series.kind,
        "country": series.country,
        "admin1": series.admin1,
        "points": [
            {
                "as_of": p.as_of.isoformat() if p.as_of else None,
                "best": p.best,
                "low": p.low,
                "high": p.high,
                "source": p.source,
                "official": p.official,
                "document": p.document,
                "outlet": p.outlet,
                "sentence": p.sentence,
                "copies": p.copies,
                "correction_of": p.correction_of,
                "conflict": p.conflict,
            }
            for p in series.points
        ],
        "corrections": [
            {
                "as_of": c.as_of.isoformat(),
                "source": c.source,
                "was": c.was,
                "now": c.now,
                "document": c.document,
            }
            for c in series.corrections
        ],
        "conflicts": [{"as_of": c.as_of.isoformat(), "values": c.values} for c in series.conflicts],
    }


def map_collection(snapshot: Snapshot) -> Record:
    """The located corpus events as a GeoJSON FeatureCollection, for the map."""
    features = []
    for event in snapshot.events:
        place = located_place(event)
        if place is None:
            continue
        fatalities = (event.get("fatalities") or {}).get("best")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": {
                    "id": event["id"],
                    "type": event["type"],
                    "date": (event.get("date") or {}).get("start"),
                    "place": place.get("name"),
                    "precision": place.get("precision"),
                    "fatalities": fatalities,
                    "sources": event.get("sources"),
                    "actor": (event.get("actor") or {}).get("name"),
                    "recipient": (event.get("recipient") or {}).get("name"),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _encoded(content: Any) -> bytes:
    """JSON as FastAPI's JSONResponse writes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def router(data: DashboardData) -> APIRouter:
    """The API's routes, reading `data`."""
    routes = APIRouter(prefix="/api/v1", tags=["api"])

    @routes.get("/events", summary="Corpus events, filtered, in date order")
    def events(wanted: Filters, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
        snapshot = data.snapshot()
        found = wanted.apply(snapshot.events, snapshot.words)
        return _listing(found, limit=limit, cursor=cursor, version=snapshot.version)

    @routes.get("/events/{event_id}", summary="One corpus event with every mention")
    def event(event_id: str) -> Record:
        found = data.snapshot().events_by_id.get(event_id)
        if found is None:
            raise RequestError(Errors.E402.format(kind="event", id=event_id), status=404)
        return found

    @routes.get("/documents", summary="Ingested documents with their story")
    def documents(
        language: Text = None, outlet: Text = None, limit: Limit = 50, cursor: Cursor = None
    ) -> dict[str, Any]:
        snapshot = data.snapshot()
        items = [
            {**_shown(document), "story": snapshot.stories.get(document["id"], document["id"])}
            for document in snapshot.documents
            if (not language or fold(document.get("language")) == fold(language))
            and (not outlet or fold(outlet) in fold(document.get("outlet")))
        ]
        return _listing(items, limit=limit, cursor=cursor, version=snapshot.version)

    @routes.get("/documents/{document_id}", summary="One document: metadata, text, its events")
    def document(document_id: str) -> Record:
        snapshot = data.snapshot()
        found = snapshot.documents_by_id.get(document_id)
        if found is None:
            raise RequestError(Errors.E402.format(kind="document", id=document_id), status=404)
        return {
            **_shown(found),
            "story": snapshot.stories.get(document_id, document_id),
            "copies": [d for d in snapshot.story_of(document_id) if d != document_id],
            "text": snapshot.texts.get(document_id, ""),
            "events": [
                e["id"]
                for e in snapshot.events
                if any(m["document"] == document_id for m in e.get("mentions") or [])
            ],
        }

    @routes.get("/tallies", summary="Running counts as series per kind and place")
    def tallies(
        kind: Text = None,
        place: Text = None,
        source: Text = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        snapshot = data.snapshot()
        items = [
            series_record(series)
            for series in snapshot.tally(kind)
            if not place or _place_matches(place, series)
        ]
        if source:
            for item in items:
                item["points"] = [p for p in item["points"] if fold(source) in fold(p["source"])]
            items = [item for item in items if item["points"]]
        return _listing(items, limit=limit, cursor=cursor, version=snapshot.version)

    @routes.get("/stances", summary="The alignment network's edges")
    def stances(
        actor: Text = None,
        since: Day = None,
        until: Day = None,
        level: LevelQuery = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        snapshot = data.snapshot()
        edges = edges_between(
            snapshot,
            since=day(since, "since"),
            until=day(until, "until"),
            level=alignment_level(level),
        )
        if actor:
            edges = [
                e for e in edges if fold(actor) in fold(e.actor) or fold(actor) in fold(e.recipient)
            ]
        return _listing(
            [edge_record(e) for e in edges], limit=limit, cursor=cursor, version=snapshot.version
        )

    @routes.get("/places", summary="Places of corpus events, with how many happened there")
    def places(limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
        snapshot = data.snapshot()
        found: dict[tuple[Any, ...], Record] = {}
        for event in snapshot.events:
            place = located_place(event)
            if place is None:
                continue
            key = (place.get("name"), place.get("country"), place.get("admin1"))
            entry = found.setdefault(key, {**place, "events": 0})
            entry["events"] += 1
        items = sorted(found.values(), key=lambda p: (-p["events"], fold(p.get("name"))))
        return _listing(items, limit=limit, cursor=cursor, version=snapshot.version)

    @routes.get(
        "/map",
        summary="Located corpus events as a GeoJSON FeatureCollection",
        response_class=JSONResponse,
    )
    def map_features() -> Response:
        snapshot = data.snapshot()
        # the same for every request until the store changes: encoded once (megabytes)
        body = snapshot.derived("api:map", lambda: _encoded(map_collection(snapshot)))
        return Response(body, media_type="application/json")

    @routes.get("/search", summary="Events and documents whose words hold the query")
    def search(
        q: Annotated[str, Query(min_length=2, max_length=200)],
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        snapshot = data.snapshot()
        needle = fold(q)
        if len(needle) < 2:
            raise RequestError(Errors.E401.format(reason="q: at least two letters to search for"))
        by_text, by_actor = EventFilter(text=q), EventFilter(actor=q)
        hits: list[Record] = [
            {"kind": "event", "id": e["id"], "type": e["type"], "sentence": m.get("sentence")}
            for e in snapshot.events
            for m in (e.get("mentions") or [])[:1]
            if by_text.matches(e, snapshot.words.get(e["id"]))
            or by_actor.matches(e, snapshot.words.get(e["id"]))
        ]
        hits += [
            {"kind": "document", "id": d["id"], "title": d.get("title"), "outlet": d.get("outlet")}
            for d in snapshot.documents
            if needle in fold(d.get("title")) or needle in fold(snapshot.texts.get(d["id"]))
        ]
        return _listing(hits, limit=limit, cursor=cursor, version=snapshot.version)

    @routes.get(
        "/exports/{format}",
        summary="Merged events in one of `quipu export`'s formats, as a download",
        response_class=Response,
    )
    def export(format: ExportFormat) -> Response:
        media, suffix = _MEDIA[format]
        out = io.StringIO()
        # each record's document as the API shows it: its file name, not the server's path
        records = (
            {**record, "document": _shown(record["document"])}
            for record in merged_records(data.snapshot().corpus)
        )
        with warnings.catch_warnings():
            # what an export leaves out (W008) is for the command line; a download has no
            # one to tell, and the counts are the CLI's to report
            warnings.simplefilter("ignore", UserWarning)
            WRITERS[format](records, out)
        return Response(
            out.getvalue(),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="quipu-events.{suffix}"'},
        )

    return routes
