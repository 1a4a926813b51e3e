"""Exports: ACLED inter codes, GeoJSON, UCDP GED CSV and PLOVER JSON of hand-built records, and `since`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from typing import Any

import pytest

from quipu.exports import (
    FORMATS,
    UCDP_COLUMNS,
    WRITERS,
    acled_rows,
    write_geojson,
    write_plover_jsonl,
    write_ucdp_csv,
)
from quipu.records import (
    Actor,
    DateSpan,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Place,
)
from quipu.store import MemoryStore, SqlStore, Store

HOSTILE = 'He said "stop" \\ C:\\dir\\n\n</script><script>alert(1)</script>\t\u2028 end'
TEXT = "Soldiers shot dead three protesters in Ayacucho on Thursday, the ombudsman said."


def _event(event_id: str, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "type": "ASSAULT",
        "mode": "firearms",
        "evidence": Evidence(sentence=TEXT, start=0, end=len(TEXT)),
        "actor": Actor(text="Soldiers", name="Peruvian Army", country="PER", sector="MIL"),
        "recipient": Actor(text="protesters", name="protesters", country="PER", sector="PRO"),
        "place": Place(
            name="Ayacucho",
            country="PER",
            admin1="Ayacucho",
            admin2="Huamanga",
            lat=-13.15878,
            lon=-74.22321,
            precision=1,
            geonames_id=3947019,
        ),
        "date": DateSpan(start=dt.date(2022, 12, 15), end=dt.date(2022, 12, 15), precision=1),
        "fatalities": Figure(best=3, low=3, high=9, text="three"),
        "certainty": "attributed",
        "attributed_to": Actor(text="the ombudsman", name="Defensoría del Pueblo"),
    }
    values.update(fields)
    return Event(id=event_id, **values)


def _record(*events: Event, title: str = "Soldiers and protesters clash") -> dict[str, Any]:
    document = Document(
        text=TEXT,
        source="reports/ayacucho.md",
        url="https://example.org/ayacucho",
        outlet="Example Wire",
        title=title,
        published=dt.date(2022, 12, 16),
        language="en",
        id="d1",
    )
    return Extraction(document=document, events=list(events)).to_dict()


def _write(writer: Any, records: list[dict[str, Any]]) -> tuple[int, str]:
    out = io.StringIO()
    written = writer(records, out)
    return written, out.getvalue()


def _strict_json(text: str) -> Any:
    """Parse JSON as RFC 8259 has it: NaN and Infinity are not numbers."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _check_rfc7946(collection: Any) -> None:
    """Assert the structure RFC 7946 requires of a FeatureCollection of Point features."""
    assert isinstance(collection, dict)
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list)
    # RFC 7946 removed `crs`: coordinates are WGS 84 longitude, latitude
    assert "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature.get("id", ""), str | int | float)
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert all(isinstance(v, int | float) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_exports_formats_are_the_registered_writers() -> None:
    assert FORMATS == ("jsonl", "acled-csv", "geojson", "ucdp-csv", "plover-json")
    assert set(WRITERS) == set(FORMATS)


def test_exports_geojson_is_an_rfc7946_feature_collection() -> None:
    record = _record(_event("d1-e1"))

    written, text = _write(write_geojson, [record])

    collection = _strict_json(text)
    _check_rfc7946(collection)
    assert written == len(collection["features"]) == 1
    feature = collection["features"][0]
    assert feature["id"] == "d1-e1"
    # longitude first: Ayacucho is at 74° W, 13° S
    assert feature["geometry"]["coordinates"] == [-74.22321, -13.15878]
    assert feature["properties"] == {
        "event_id": "d1-e1",
        "document_id": "d1",
        "type": "ASSAULT",
        "mode": "firearms",
        "date_start": "2022-12-15",
        "date_end": "2022-12-15",
        "date_prec": 1,
        "where_prec": 1,
        "place": "Ayacucho",
        "admin1": "Ayacucho",
        "admin2": "Huamanga",
        "country": "PER",
        "actor": "Peruvian Army",
        "recipient": "protesters",
        "fatalities_best": 3,
        "fatalities_low": 3,
        "fatalities_high": 9,
        "certainty": "attributed",
        "aux": None,
        "evidence": TEXT,
        "url": "https://example.org/ayacucho",
        "outlet": "Example Wire",
    }


def test_exports_geojson_leaves_out_events_without_usable_coordinates() -> None:
    located = _event("d1-e1")
    unplaced = _event("d1-e2", place=None)
    country_only = _event("d1-e3", place=Place(name="Peru", country="PER", precision=6))
    record = _record(located, unplaced, country_only)
    broken = _record(_event("d1-e4"))
    broken["events"][0]["place"]["lat"] = math.nan
    swapped = _record(_event("d1-e5"))
    swapped["events"][0]["place"].update(lat=-120.0, lon=10.0)

    written, text = _write(write_geojson, [record, broken, swapped])

    collection = _strict_json(text)
    _check_rfc7946(collection)
    assert written == 1
    assert [feature["id"] for feature in collection["features"]] == ["d1-e1"]


def test_exports_geojson_of_nothing_is_an_empty_collection() -> None:
    written, text = _write(write_geojson, [])

    assert written == 0
    assert _strict_json(text) == {"type": "FeatureCollection", "features": []}


def test_exports_geojson_round_trips_hostile_text() -> None:
    hostile = Evidence(sentence=HOSTILE, start=0, end=len(HOSTILE))
    record = _record(_event("d1-e1", evidence=hostile), _event("d1-e2"), title=HOSTILE)

    _, text = _write(write_geojson, [record])

    collection = _strict_json(text)
    _check_rfc7946(collection)
    assert collection["features"][0]["properties"]["evidence"] == HOSTILE
    assert len(collection["features"]) == 2


def test_exports_acled_inter_codes_come_from_the_sides_sectors() -> None:
    force = {"event_type": "Protests", "sub_event_type": "Excessive force against protesters"}
    (row,) = acled_rows([_record(_event("e1", acled=force))])
    # soldiers (state forces, 1) firing on protesters (6)
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 6, "16")
    riot = _event(
        "e2",
        type="PROTEST",
        mode="riot",
        actor=Actor(text="protesters", name="protesters", country="PER", sector="PRO"),
        recipient=None,
        acled={"event_type": "Riots", "sub_event_type": "Violent demonstration"},
    )
    (row,) = acled_rows([_record(riot)])
    # protesters who riot are rioters (5), alone on their side
    assert (row["inter1"], row["inter2"], row["interaction"]) == (5, "", "50")


def test_exports_ucdp_csv_header_is_the_chosen_ged_columns() -> None:
    _, text = _write(write_ucdp_csv, [])

    assert next(csv.reader(io.StringIO(text))) == [
        "id", "relid", "year", "active_year", "type_of_violence", "conflict_name",
        "dyad_name", "side_a", "side_b", "number_of_sources", "source_article",
        "source_office", "source_date", "source_headline", "source_original", "where_prec",
        "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "region",
        "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
        "deaths_civilians", "deaths_unknown", "best", "high", "low",
    ]  # fmt: skip
    assert tuple(next(csv.reader(io.StringIO(text)))) == UCDP_COLUMNS


def test_exports_ucdp_csv_fills_what_quipu_knows_of_a_lethal_assault() -> None:
    written, text = _write(write_ucdp_csv, [_record(_event("d1-e1"), title=HOSTILE)])

    rows = list(csv.DictReader(io.StringIO(text)))
    assert written == len(rows) == 1
    assert rows[0] == {
        **dict.fromkeys(UCDP_COLUMNS, ""),
        "relid": "d1-e1",
        "year": "2022",
        "side_a": "Peruvian Army",
        "side_b": "protesters",
        "number_of_sources": "1",
        "source_article": "https://example.org/ayacucho",
        "source_office": "Example Wire",
        "source_date": "2022-12-16",
        "source_headline": HOSTILE,
        "source_original": "Defensoría del Pueblo",
        "where_prec": "1",
        "where_coordinates": "Ayacucho",
        "adm_1": "Ayacucho",
        "adm_2": "Huamanga",
        "latitude": "-13.15878",
        "longitude": "-74.22321",
        "country": "Peru",
        "date_prec": "1",
        "date_start": "2022-12-15",
        "date_end": "2022-12-15",
        "best": "3",
        "high": "9",
        "low": "3",
    }


def test_exports_ucdp_csv_keeps_only_lethal_assaults_that_happened() -> None:
    record = _record(
        _event("d1-e1"),
        _event("d1-e2", fatalities=None),
        _event("d1-e3", aux="negated"),
        _event("d1-e4", aux="hypothetical"),
        _event("d1-e5", type="PROTEST", mode="riot"),
        _event("d1-e6", fatalities=Figure(best=0, low=0, high=0, text="no one")),
        _event("d1-e7", aux="historical", place=None, date=None),
    )

    written, text = _write(write_ucdp_csv, [record])

    rows = list(csv.DictReader(io.StringIO(text)))
    assert written == 2
    assert [row["relid"] for row in rows] == ["d1-e1", "d1-e7"]
    assert rows[1]["latitude"] == rows[1]["date_start"] == rows[1]["country"] == ""


def test_exports_plover_lines_carry_the_codebook_fields() -> None:
    allies = Actor(
        text="Mexico and Bolivia",
        name="Mexico, Bolivia",
        members=[
            Actor(text="Mexico", name="Mexico", country="MEX", sector="GOV"),
            Actor(text="Bolivia", name="Bolivia", country="BOL", sector="GOV"),
        ],
    )
    support = _event(
        "d1-e2",
        type="SUPPORT",
        mode=None,
        actor=allies,
        recipient=Actor(text="Castillo", name="Pedro Castillo", country="PER", sector="GOV"),
        fatalities=None,
        place=None,
        date=None,
        aux="negated",
        evidence=Evidence(sentence=HOSTILE, start=5, end=5 + len(HOSTILE)),
    )

    written, text = _write(write_plover_jsonl, [_record(_event("d1-e1"), support)])

    assault, supported = (_strict_json(line) for line in text.splitlines())
    assert written == 2
    assert assault["id"] == "d1-e1"
    assert assault["event"] == ["ASSAULT"]
    assert assault["mode"] == ["firearms"]
    assert assault["date"] == assault["enddate"] == "2022-12-15"
    assert assault["actor"] == [
        {
            "code": "PER",
            "sector": "MIL",
            "entity_text": "Soldiers",
            "identifier_text": "Peruvian Army",
        }
    ]
    assert assault["recipient"][0]["identifier_text"] == "protesters"
    assert assault["event_loc"] == {
        "resolved_place": "Ayacucho",
        "geonameid": 3947019,
        "lat": -13.15878,
        "lon": -74.22321,
        "district": "Huamanga",
        "province": "Ayacucho",
        "country": "Peru",
        "country_code": "PER",
        "resolution": 4,
    }
    assert assault["event_text"] == [TEXT]
    assert assault["size"]["dead"] == 3
    assert assault["cite_info"]["citation"] == "d1"
    assert assault["cite_info"]["publication"] == "Example Wire"
    # a compound actor is one actor of several entities; negation is an auxiliary context
    assert [entity["code"] for entity in supported["actor"]] == ["MEX", "BOL"]
    assert supported["mode"] == []
    assert supported["context"] == ["negation"]
    assert supported["date"] is None and supported["event_loc"] is None
    assert supported["event_text"] == [HOSTILE]
    assert supported["text_info"] == {"start": 5, "end": 5 + len(HOSTILE)}


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    opened: Store = MemoryStore() if request.param == "memory" else SqlStore("sqlite://")
    with opened:
        yield opened


def test_exports_since_keeps_documents_stored_from_then_on(store: Store) -> None:
    document = Document(text=TEXT, source="reports/ayacucho.md")
    store.add(Extraction(document=document, events=[_event("e1")]), pipeline_version="0.1.0")
    now = dt.datetime.now(dt.UTC)
    hour = dt.timedelta(hours=1)

    assert [r["document"]["id"] for r in store.extractions(since=now - hour)] == [document.id]
    assert list(store.extractions(since=now + hour)) == []
    # a datetime without a zone is UTC, as stored times are
    naive = (now + hour).replace(tzinfo=None)
    assert list(store.extractions(since=naive)) == []
    # the same moment in another zone
    lima = dt.timezone(dt.timedelta(hours=-5))
    assert len(list(store.extractions(since=(now - hour).astimezone(lima)))) == 1
    assert len(list(store.extractions(since=(now + hour).astimezone(lima)))) == 0
    assert len(list(store.extractions())) == 1


def test_exports_ucdp_csv_counts_a_merged_event_s_independent_sources() -> None:
    merged = _record(_event("c1"))
    merged["events"][0]["sources"] = 3  # as `quipu export --merged` gives it
    _, text = _write(write_ucdp_csv, [merged])
    assert [row["number_of_sources"] for row in csv.DictReader(io.StringIO(text))] == ["3"]


def _acled(event_type: str, sub_event_type: str) -> dict[str, str]:
    return {"event_type": event_type, "sub_event_type": sub_event_type}


def _undated_record(*events: Event) -> dict[str, Any]:
    record = _record(*events)
    record["document"]["published"] = None
    return record


def test_exports_acled_dates_an_undated_event_by_its_report_at_the_coarsest_precision() -> None:
    march = _event("e1", date=None, acled=_acled("Protests", "Peaceful protest"))
    (row,) = acled_rows([_record(march)])
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2022-12-16", "2022", "3")
    assert "date=report" in row["tags"]


def test_exports_acled_leaves_out_and_counts_events_with_no_date_at_all() -> None:
    march = _event("e1", date=None, acled=_acled("Protests", "Peaceful protest"))
    dated = _event("e2", acled=_acled("Protests", "Peaceful protest"))
    planned = _event("e3", aux="future", acled=_acled("Protests", "Peaceful protest"))
    with pytest.warns(UserWarning, match=r"^W008 acled-csv export: 2 events left out") as caught:
        written, text = _write(WRITERS["acled-csv"], [_undated_record(march, dated, planned)])
    assert "1 not happened" in str(caught[0].message) and "1 undated" in str(caught[0].message)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert written == 1 and [row["event_id_cnty"] for row in rows] == ["PER-e2"]
    assert all(row["event_date"] and row["year"] and row["time_precision"] for row in rows)


def test_exports_acled_gives_every_actor2_an_inter2() -> None:
    congress = Actor(text="Congress", name="Congress of Peru", country="PER", sector="LEG")
    castillo = Actor(text="Castillo", name="Pedro Castillo", country="PER", sector="OPP")
    crowd = Actor(
        text="protesters and police",
        name="protesters, police",
        members=[Actor(text="protesters", name="protesters", sector="PRO")],
    )
    nobody = Actor(text="personnel", name="personnel")
    arrest = _acled("Strategic developments", "Arrests")
    attack = _acled("Violence against civilians", "Attack")
    events = [
        _event("e1", recipient=congress, acled=arrest),
        _event("e2", recipient=castillo, acled=arrest),
        _event("e3", recipient=crowd, acled=arrest),
        _event("e4", recipient=nobody, acled=attack),
        _event("e5", recipient=nobody, acled=arrest),
    ]
    rows = list(acled_rows([_record(*events)]))
    assert [row["inter2"] for row in rows] == [1, 7, 6, 7, ""]
    assert all(row["inter2"] for row in rows if row["actor2"])
    # a side with no ACLED category is no actor2; its name stays in the tags
    assert rows[4]["actor2"] == "" and "actor2=personnel" in rows[4]["tags"]
    # an arrested politician is no civilian targeting: that is for political violence
    assert rows[1]["civilian_targeting"] == "" and rows[3]["civilian_targeting"]
