"""Exports of stored records in the formats conflict researchers use.

`jsonl` writes record format v1, one document a line. `acled-csv` writes ACLED's 31 columns,
one row per event that ACLED would code (political violence, demonstrations and strategic
developments that happened: negated, hypothetical and future events, planned or called
ones among them, are left out). ACLED has no undated events: an event the text gives no
date is dated by its report, at ACLED's lowest time precision, and left out when the report
has no date either; warning W008 counts what was left out. Columns the text does not
support stay empty rather than guessed (ACLED's `region` and `source_scale`, for example);
`tags` carries Quipu's certainty so it is not lost.
`geojson` writes the located events as an RFC 7946 FeatureCollection, `ucdp-csv` the lethal
ASSAULT events in UCDP GED's columns, and `plover-json` every event as a PLOVER event object
(JSON Lines). Each writer takes record-format dicts (as `Store.extractions()` yields them)
and a text stream, and returns how many rows, features or lines it wrote; `WRITERS` maps
each format name to its writer.

Article text reaches the output only through `json.dumps` and the `csv` module, never by
joining strings, so quotes, backslashes and new lines in a sentence cannot break a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import pycountry

from .errors import Warnings

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# ACLED's actor categories ("inter" codes) by Quipu sector. Legislatures and courts perform
# government functions, ACLED's state forces; opposition politicians, unarmed, are civilians.
_INTER = {
    "GOV": 1,
    "MIL": 1,
    "COP": 1,
    "LEG": 1,
    "JUD": 1,
    "REB": 2,
    "PTY": 3,
    "UAF": 3,
    "PRO": 6,
    "LAB": 6,
    "CVL": 7,
    "OPP": 7,
    "EDU": 7,
    "MED": 7,
    "NGO": 7,
    "BUS": 7,
    "IGO": 8,
}
# Demonstrators who riot are ACLED's rioters, not protesters.
_RIOTERS = 5
_DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Strategic developments": "Strategic developments",
}
_NOT_HAPPENED = frozenset({"negated", "hypothetical", "future"})
# ACLED's time_precision for an event dated only by its report: ACLED's coarsest level.
_REPORT_DATE_PRECISION = "3"
# Sides of no known sector, by ACLED event type: who protests, riots or is targeted as a
# civilian is so by the event's definition.
_INTER_BY_EVENT = {
    ("actor", "Protests"): 6,
    ("actor", "Riots"): _RIOTERS,
    ("recipient", "Violence against civilians"): 7,
}
# UCDP GED's columns, in GED's order, less its internal ids (conflict, dyad, side, country and
# Gleditsch-Ward codes, PRIO-GRID cell, WKT geometry) that only UCDP can assign.
UCDP_COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)
# UCDP where_prec (1 exact point ... 6 country) to PLOVER's location `resolution` (5 sub-city,
# 4 city, 3 district, 2 province, 1 country); 5 (an estimated area) and 7 (international
# waters or airspace) have no PLOVER level.
_RESOLUTION = {1: 4, 2: 4, 3: 3, 4: 2, 6: 1}
# Characters JSON allows raw inside strings but that str.splitlines() and JavaScript take as
# line breaks: escaped, so that a JSON Lines line is one line to every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# Quipu's auxiliaries by PLOVER's names for them (codebook 2.3, coded in `context`).
_PLOVER_AUX = {
    "historical": "historical",
    "future": "future",
    "hypothetical": "hypothetical",
    "negated": "negation",
}


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write record-format lines; return how many were written."""
    written = 0
    for record in records:
        out.write(_json(record) + "\n")
        written += 1
    return written


def _json(value: Any) -> str:
    """Return `value` as one line of JSON text, with no character any reader breaks lines at."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ACLED-column CSV rows for the events ACLED would code; return the row count.

    Events left out because they did not happen (negated, hypothetical, future, planned) or
    have no date at all are counted in warning W008.
    """
    left_out: Counter[str] = Counter()
    written = _write_csv(acled_rows(records, left_out=left_out), ACLED_COLUMNS, out)
    if left_out:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(left_out.items()))
        count = sum(left_out.values())
        noun = "event" if count == 1 else "events"
        message = Warnings.W008.format(format="acled-csv", count=count, noun=noun)
        warnings.warn(f"{message} ({reasons})", UserWarning, stacklevel=2)
    return written


def _write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """Write a header and the rows; return how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written


def acled_rows(
    records: Iterable[dict[str, Any]], *, left_out: Counter[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one ACLED row per codable event of the given record-format documents.

    Args:
        records: record-format documents.
        left_out: counts, when given, the events ACLED would code but that are left out,
            by reason ("not happened", "undated").
    """
    stamp = int(dt.datetime.now(tz=dt.UTC).timestamp())
    skipped: Counter[str] = Counter() if left_out is None else left_out
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            acled = event.get("acled")
            if not acled:
                continue
            if event.get("aux") in _NOT_HAPPENED:
                skipped["not happened"] += 1
            elif not (event.get("date") or {}).get("start") and not document.get("published"):
                skipped["undated"] += 1
            else:
                yield _acled_row(event, acled, document, stamp)


def _acled_row(
    event: dict[str, Any], acled: dict[str, str], document: dict[str, Any], stamp: int
) -> dict[str, Any]:
    place = event.get("place") or {}
    date = event.get("date") or {}
    actor = event.get("actor") or {}
    recipient = event.get("recipient") or {}
    inter1 = _inter(actor, acled, role="actor")
    inter2 = _inter(recipient, acled, role="recipient")
    iso3 = place.get("country")
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    fatalities = (event.get("fatalities") or {}).get("best")
    tags = [f"certainty={event.get('certainty')}"]
    if event.get("aux"):
        tags.append(f"aux={event['aux']}")
    day, precision = date.get("start"), _acled_precision(date.get("precision"))
    if not day:
        # the text gives no date: it happened by the report's day, ACLED's coarsest level
        day, precision = document.get("published"), _REPORT_DATE_PRECISION
        tags.append("date=report")
    if recipient and inter2 is None:
        # ACLED has no side without a category: an uncategorised one is named in the tags
        tags.append(f"actor2={recipient.get('name', '')}")
        recipient = {}
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event.get('id')}",
        "event_date": day,
        "year": str(day)[:4],
        "time_precision": precision,
        "disorder_type": _DISORDER.get(acled["event_type"], ""),
        "event_type": acled["event_type"],
        "sub_event_type": acled["sub_event_type"],
        "actor1": actor.get("name", ""),
        "assoc_actor_1": "; ".join(m.get("name", "") for m in actor.get("members") or []),
        "inter1": inter1 or "",
        "actor2": recipient.get("name", ""),
        "assoc_actor_2": "; ".join(m.get("name", "") for m in recipient.get("members") or []),
        "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if inter2 == 7 and _DISORDER.get(acled["event_type"]) == "Political violence"
        else "",
        "iso": int(country.numeric) if country is not None else "",
        "region": "",
        "country": country.name if country is not None else "",
        "admin1": place.get("admin1") or "",
        "admin2": place.get("admin2") or "",
        "admin3": "",
        "location": place.get("name", ""),
        "latitude": place.get("lat", ""),
        "longitude": place.get("lon", ""),
        "geo_precision": _acled_precision(place.get("precision")),
        "source": document.get("outlet") or document.get("source") or "",
        "source_scale": "",
        "notes": (event.get("evidence") or {}).get("sentence", ""),
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": stamp,
    }


def _inter(actor: dict[str, Any], acled: dict[str, str], *, role: str) -> int | None:
    """ACLED's inter code of a side (`role` "actor" or "recipient"), None if it has none.

    Its sector's, else the first of its members' (a compound actor), else the one the event
    type implies for a side in that role (who protests is a protester, who is the target of
    violence against civilians a civilian); demonstrators who riot are rioters (5).
    """
    if not actor:
        return None
    event_type = acled.get("event_type") or ""
    sectors = [actor.get("sector"), *(m.get("sector") for m in actor.get("members") or [])]
    code = next((_INTER[sector] for sector in sectors if sector in _INTER), None)
    if code is None:
        code = _INTER_BY_EVENT.get((role, event_type))
    return _RIOTERS if code == _INTER["PRO"] and event_type == "Riots" else code


def _interaction(first: int | None, second: int | None) -> str:
    codes = sorted(code for code in (first, second) if code)
    if not codes:
        return ""
    return "".join(str(code) for code in codes) if len(codes) == 2 else f"{codes[0]}0"


def _acled_precision(ucdp_prec: int | None) -> str:
    """UCDP precision to ACLED's three levels: date_prec (1 day ... 5 year) to time_precision
    (1 day, 2 week, 3 month), and where_prec (1 point ... 6 country) to geo_precision
    (1 town, 2 district, 3 region) map the same way."""
    if not ucdp_prec:
        return ""
    return "1" if ucdp_prec == 1 else "2" if ucdp_prec <= 3 else "3"


# -- GeoJSON ----------------------------------------------------------------------------


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the located events as a GeoJSON FeatureCollection (RFC 7946).

    One Point feature per event whose place has a latitude and a longitude in range, with
    coordinates in RFC 7946's order, [longitude, latitude] (WGS 84). Events without usable
    coordinates are left out, not written with a null geometry: map tools skip or reject
    those, and the `jsonl` export keeps every event. Features are written as they are read,
    one a line, so a large store is never held in memory, and the file is still one JSON
    document.

    Args:
        records: record-format documents.
        out: the text stream to write to.

    Returns:
        The number of features written.
    """
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for feature in geojson_features(records):
        if written:
            out.write(",\n")
        out.write(_json(feature))
        written += 1
    out.write("\n]}\n")
    return written


def geojson_features(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield one GeoJSON Point feature per event of the given documents that has coordinates."""
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            place = event.get("place") or {}
            position = _position(place)
            if position is None:
                continue
            feature: dict[str, Any] = {"type": "Feature"}
            if isinstance(event.get("id"), str):
                feature["id"] = event["id"]
            feature["geometry"] = {"type": "Point", "coordinates": position}
            feature["properties"] = _geojson_properties(event, place, document)
            yield feature


def _position(place: dict[str, Any]) -> list[float] | None:
    """Return a place's GeoJSON position, [lon, lat], or None if it has no usable one."""
    lat, lon = _degrees(place.get("lat")), _degrees(place.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


def _degrees(value: Any) -> float | None:
    # bool is an int, and NaN and the infinities are not JSON numbers
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _geojson_properties(
    event: dict[str, Any], place: dict[str, Any], document: dict[str, Any]
) -> dict[str, Any]:
    date = event.get("date") or {}
    fatalities = event.get("fatalities") or {}
    return {
        "event_id": event.get("id"),
        "document_id": document.get("id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_prec": date.get("precision"),
        "where_prec": place.get("precision"),
        "place": place.get("name"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "country": place.get("country"),
        "actor": (event.get("actor") or {}).get("name"),
        "recipient": (event.get("recipient") or {}).get("name"),
        "fatalities_best": fatalities.get("best"),
        "fatalities_low": fatalities.get("low"),
        "fatalities_high": fatalities.get("high"),
        "certainty": event.get("certainty"),
        "aux": event.get("aux"),
        "evidence": (event.get("evidence") or {}).get("sentence"),
        "url": document.get("url"),
        "outlet": document.get("outlet"),
    }


# -- UCDP GED ---------------------------------------------------------------------------


def write_ucdp_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write UCDP GED-column CSV rows for the events UCDP would code; return the row count.

    GED's unit is the use of armed force by an organized actor that kills at least one
    person at a given place and date. Quipu's counterpart is an ASSAULT (PLOVER's category
    for the use of force) that happened (not negated, hypothetical or future) with a
    fatality figure of at least 1; an ASSAULT without deaths is not a GED event. Deaths
    reported on an event of another type are left out too: they are caused by force, which
    Quipu codes as its own ASSAULT, so counting them again would double the toll.

    Filled from the record: `relid` (Quipu's event id, as the ACLED export fills
    `event_id_cnty`), `year`, `side_a`/`side_b` (actor and recipient as Quipu names them,
    not UCDP's government-first order), `number_of_sources` (a merged event's independent
    sources, `quipu export --merged`; else 1: one report per row),
    `source_article` (url, else source), `source_office` (outlet), `source_date`
    (published), `source_headline` (title), `source_original` (whom the report attributes
    the event to), `where_prec`, `where_coordinates` (the place name), `adm_1`, `adm_2`,
    `latitude`, `longitude`, `country` (name), `date_prec`, `date_start`, `date_end`, and
    `best`/`high`/`low` from the fatality figure (`high` empty for an open "at least").

    Always empty, because only UCDP's own coding can fill them: `id` (UCDP's number),
    `active_year`, `type_of_violence`, `conflict_name` and `dyad_name` (properties of a
    conflict or dyad over a year, set against UCDP's 25-death threshold and actor list, not
    of one report), `region` (UCDP's own grouping of countries) and `event_clarity` (a
    coder's judgement). `deaths_a`, `deaths_b`, `deaths_civilians` and `deaths_unknown`
    stay empty as Quipu does not split a toll by side; `best` carries the total.
    """
    return _write_csv(ucdp_rows(records), UCDP_COLUMNS, out)


def ucdp_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield one UCDP GED row per codable event of the given record-format documents."""
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            if _ucdp_codable(event):
                yield _ucdp_row(event, document)


def _ucdp_codable(event: dict[str, Any]) -> bool:
    best = (event.get("fatalities") or {}).get("best")
    return (
        str(event.get("type") or "").upper() == "ASSAULT"
        and event.get("aux") not in _NOT_HAPPENED
        and isinstance(best, int)
        and best >= 1
    )


def _ucdp_row(event: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    place = event.get("place") or {}
    date = event.get("date") or {}
    fatalities = event.get("fatalities") or {}
    row: dict[str, Any] = dict.fromkeys(UCDP_COLUMNS, "")
    row.update(
        {
            "relid": event.get("id") or "",
            "year": str(date.get("start") or "")[:4],
            "side_a": (event.get("actor") or {}).get("name") or "",
            "side_b": (event.get("recipient") or {}).get("name") or "",
            "number_of_sources": event.get("sources") or 1,
            "source_article": document.get("url") or document.get("source") or "",
            "source_office": document.get("outlet") or "",
            "source_date": document.get("published") or "",
            "source_headline": document.get("title") or "",
            "source_original": (event.get("attributed_to") or {}).get("name") or "",
            "where_prec": _or_empty(place.get("precision")),
            "where_coordinates": place.get("name") or "",
            "adm_1": place.get("admin1") or "",
            "adm_2": place.get("admin2") or "",
            "latitude": _or_empty(place.get("lat")),
            "longitude": _or_empty(place.get("lon")),
            "country": _country_name(place.get("country")),
            "date_prec": _or_empty(date.get("precision")),
            "date_start": date.get("start") or "",
            "date_end": date.get("end") or "",
            "best": _or_empty(fatalities.get("best")),
            "high": _or_empty(fatalities.get("high")),
            "low": _or_empty(fatalities.get("low")),
        }
    )
    return row


def _or_empty(value: Any) -> Any:
    return "" if value is None else value


def _country_name(iso3: str | None) -> str:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return country.name if country is not None else ""


# -- PLOVER -----------------------------------------------------------------------------


def write_plover_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one PLOVER event object a line for every event; return the line count.

    Field names are those of the PLOVER codebook (draft 2.0, chapter 6: tables 6.1 to 6.6);
    see `plover_event` for the mapping. Every event is written, including negated,
    hypothetical and future ones: PLOVER codes those as auxiliary modes in `context`
    (`historical`, `future`, `hypothetical`, `negation`), so a user can drop them.
    """
    written = 0
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            out.write(_json(plover_event(event, document)) + "\n")
            written += 1
    return written


def plover_event(event: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """Return a record-format event as a PLOVER event object.

    Mapping: `id` ← event id; `date`/`enddate` ← date start/end (null if undated); `event`
    ← [type]; `mode` ← [mode] or []; `context` ← Quipu's contexts plus its auxiliary under
    PLOVER's name; `actor`/`recipient` ← a list of entity objects (table 6.2), one per member
    of a compound actor, each with `code` (ISO 3166 alpha-3 country), `sector`,
    `entity_text` (the words of the text) and `identifier_text` (Quipu's canonical name);
    `event_loc` ← a location object (table 6.6: `resolved_place`, `geonameid`, `lat`, `lon`,
    `district` = admin2, `province` = admin1, `country`, `country_code`, `resolution` from
    where_prec); `event_text` ← the evidence sentence, then the other sentences that mention
    the event; `text_info` ← the evidence's character offsets; `cite_info` ← `citation`
    (document id), `url`, `title`, `language`, `publication` (outlet); `coder` ← "Quipu".
    Quipu adds, as the codebook allows: `size` (table 6.4: `dead`, `injured`, `arrested`,
    plus `participants`; best estimates), `certainty`, and `published` in `cite_info`.
    Left out because Quipu never has them: `time`, `quad_code`, `event_scale`, `link`, the
    full `text` (not ours to republish), Wikidata `identifier_id`, and `extracted_place`.
    """
    date = event.get("date") or {}
    evidence = event.get("evidence") or {}
    aux = _PLOVER_AUX.get(event.get("aux") or "")
    sentences = [evidence.get("sentence")] if evidence.get("sentence") is not None else []
    sentences += [m.get("sentence") for m in event.get("mentions") or [] if m.get("sentence")]
    return {
        "id": event.get("id"),
        "date": date.get("start"),
        "enddate": date.get("end"),
        "actor": _plover_entities(event.get("actor")),
        "recipient": _plover_entities(event.get("recipient")),
        "event": [event.get("type")],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": [*(event.get("context") or []), *([aux] if aux else [])],
        "event_loc": _plover_location(event.get("place")),
        "event_text": sentences,
        "text_info": {"start": evidence.get("start"), "end": evidence.get("end")},
        "cite_info": {
            "citation": document.get("id"),
            "url": document.get("url"),
            "title": document.get("title"),
            "language": document.get("language"),
            "publication": document.get("outlet"),
            "published": document.get("published"),
        },
        "coder": "Quipu",
        "size": {
            "dead": _best(event.get("fatalities")),
            "injured": _best(event.get("injuries")),
            "arrested": _best(event.get("arrests")),
            "participants": _best(event.get("size")),
        },
        "certainty": event.get("certainty"),
    }


def _plover_entities(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A compound actor is one PLOVER actor made of several entities (codebook 2.4.2)."""
    if not actor:
        return []
    return [_plover_entity(member) for member in actor.get("members") or [actor]]


def _plover_entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "entity_text": actor.get("text"),
        "identifier_text": actor.get("name"),
    }


def _plover_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonames_id"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "district": place.get("admin2"),
        "province": place.get("admin1"),
        "country": _country_name(place.get("country")) or None,
        "country_code": place.get("country"),
        "resolution": _RESOLUTION.get(place.get("precision") or 0),
    }


def _best(figure: dict[str, Any] | None) -> int | None:
    return figure.get("best") if figure else None


Writer = Callable[[Iterable[dict[str, Any]], TextIO], int]
# The one place a format is registered: `quipu export --format` offers exactly these.
WRITERS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "ucdp-csv": write_ucdp_csv,
    "plover-json": write_plover_jsonl,
}
FORMATS = tuple(WRITERS)
