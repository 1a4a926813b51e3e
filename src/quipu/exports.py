"""Exports of stored records in the formats conflict researchers use.

`jsonl` writes record format v1, one document a line. `acled-csv` writes ACLED's 31 columns,
one row per event that ACLED would code (political violence, demonstrations and strategic
developments that happened: negated, hypothetical and future events are left out). Columns
the text does not support stay empty rather than guessed (ACLED's `region` and
`source_scale`, for example); `tags` carries Quipu's certainty so it is not lost.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import pycountry

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
# ACLED's actor categories ("inter" codes) by Quipu sector.
_INTER = {
    "GOV": 1,
    "MIL": 1,
    "COP": 1,
    "REB": 2,
    "PTY": 3,
    "UAF": 3,
    "PRO": 6,
    "CVL": 7,
    "MED": 7,
    "NGO": 7,
    "BUS": 7,
    "IGO": 8,
}
_DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Strategic developments": "Strategic developments",
}
_NOT_HAPPENED = frozenset({"negated", "hypothetical", "future"})
FORMATS = ("jsonl", "acled-csv")


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write record-format lines; return how many were written."""
    written = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ACLED-column CSV rows for the events ACLED would code; return the row count."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in acled_rows(records):
        writer.writerow(row)
        written += 1
    return written


def acled_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield one ACLED row per codable event of the given record-format documents."""
    stamp = int(dt.datetime.now(tz=dt.UTC).timestamp())
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            acled = event.get("acled")
            if not acled or event.get("aux") in _NOT_HAPPENED:
                continue
            yield _acled_row(event, acled, document, stamp)


def _acled_row(
    event: dict[str, Any], acled: dict[str, str], document: dict[str, Any], stamp: int
) -> dict[str, Any]:
    place = event.get("place") or {}
    date = event.get("date") or {}
    actor = event.get("actor") or {}
    recipient = event.get("recipient") or {}
    inter1, inter2 = _inter(actor), _inter(recipient)
    iso3 = place.get("country")
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    fatalities = (event.get("fatalities") or {}).get("best")
    tags = [f"certainty={event.get('certainty')}"]
    if event.get("aux"):
        tags.append(f"aux={event['aux']}")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event.get('id')}",
        "event_date": date.get("start", ""),
        "year": str(date.get("start", ""))[:4],
        "time_precision": _acled_precision(date.get("precision")),
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
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
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


def _inter(actor: dict[str, Any]) -> int | None:
    return _INTER.get(actor.get("sector") or "") if actor else None


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
