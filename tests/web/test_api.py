"""The JSON API (quipu.web.api) on the sample corpus, through FastAPI's TestClient."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quipu.exports import ACLED_COLUMNS


def walk(client, path: str, **params) -> list[dict]:
    """Every item of a paged list, following next_cursor."""
    items: list[dict] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, params=query).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            assert len(items) == body["total"]
            return items


def test_api_events_page_through_every_corpus_event_once(client):
    first = client.get("/api/v1/events", params={"limit": 7}).json()
    assert len(first["items"]) == 7 and first["next_cursor"]
    every = walk(client, "/api/v1/events", limit=7)
    assert len({e["id"] for e in every}) == len(every) == first["total"] > 100
    dated = [e["date"]["start"] for e in every if e.get("date")]
    assert dated == sorted(dated)  # date order, undated last
    assert all(e["sources"] >= 1 and e["mentions"] for e in every)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "protest"}, lambda e: e["type"] == "PROTEST"),
        ({"certainty": "attributed"}, lambda e: e["certainty"] == "attributed"),
        ({"place": "puno"}, lambda e: "Puno" in (e["place"]["name"], e["place"].get("admin1"))),
        (
            {"actor": "castillo"},
            lambda e: (
                "Castillo" in json.dumps([e.get("actor"), e.get("recipient")], ensure_ascii=False)
            ),
        ),
        (
            {"since": "2023-01-09", "until": "2023-01-09"},
            lambda e: e["date"]["start"] <= "2023-01-09" <= e["date"]["end"],
        ),
    ],
)
def test_api_events_filters_keep_only_what_they_ask_for(client, params, check):
    found = walk(client, "/api/v1/events", limit=100, **params)
    assert found, params
    assert all(check(event) for event in found), params
    assert len(found) < client.get("/api/v1/events").json()["total"]


def test_api_event_by_id_carries_every_mention_at_its_offsets(client):
    told_twice = next(
        e for e in walk(client, "/api/v1/events", limit=500) if len(e["mentions"]) >= 3
    )
    event = client.get(f"/api/v1/events/{told_twice['id']}").json()
    assert event == told_twice
    for mention in event["mentions"]:
        text = client.get(f"/api/v1/documents/{mention['document']}").json()["text"]
        assert text[mention["start"] : mention["end"]] == mention["sentence"]


def test_api_documents_know_their_story(client):
    documents = walk(client, "/api/v1/documents", limit=10)
    assert len(documents) == 30  # 29 sample reports and the hostile one
    by_title = {d["title"]: d for d in documents}
    original = next(d for t, d in by_title.items() if "expels Mexico" in (t or ""))
    copy = client.get(f"/api/v1/documents/{original['id']}").json()["copies"]
    assert len(copy) == 1 and by_title  # the reprint (25) is one story with it
    assert client.get(f"/api/v1/documents/{copy[0]}").json()["story"] == original["story"]
    spanish = walk(client, "/api/v1/documents", language="es")
    assert spanish and all(d["language"] == "es" for d in spanish)


def test_api_tallies_keep_corrections_and_conflicts(client):
    series = walk(client, "/api/v1/tallies", kind="killed", place="PER")
    national = next(s for s in series if s["admin1"] is None)
    assert {(c["was"], c["now"]) for c in national["corrections"]} >= {(7, 6)}
    puno = next(s for s in series if s["admin1"] == "Puno")
    assert any(c["as_of"] == "2023-01-09" for c in puno["conflicts"])
    only = walk(client, "/api/v1/tallies", kind="killed", source="ombudsman")
    assert all("mbudsman" in p["source"] for s in only for p in s["points"])


def test_api_stances_give_the_alignment_network(client):
    edges = walk(client, "/api/v1/stances", actor="castillo")
    support = {(e["actor"], e["polarity"]) for e in edges if e["recipient"] == "Pedro Castillo"}
    assert {("Mexico", "support"), ("Argentina", "support"), ("Bolivia", "support")} <= support
    later = walk(client, "/api/v1/stances", since="2023-02-01")
    assert later and all(
        any(seen["date"] and seen["date"] >= "2023-02-01" for seen in e["timeline"]) for e in later
    )


def test_api_stances_fold_each_state_into_its_country_on_request(client):
    sides = walk(client, "/api/v1/stances")
    folded = walk(client, "/api/v1/stances", level="country")
    names = {name for e in sides for name in (e["actor"], e["recipient"])}
    assert {"Dina Boluarte", "Government of Peru", "protesters (Peru)"} <= names
    pairs = {(e["actor"], e["recipient"]) for e in folded}
    names = {name for pair in pairs for name in pair}
    assert "Dina Boluarte" not in names and "Government of Peru" not in names
    assert {("protesters (Peru)", "Peru"), ("Peru", "Mexico")} <= pairs
    assert "Armed Forces of Peru" in names  # the military is not the government
    assert all(actor != recipient for actor, recipient in pairs)
    assert len(pairs) == len(folded) < len(sides)
    window = walk(client, "/api/v1/stances", level="country", until="2022-12-31")
    assert window and all(e["last"] <= "2022-12-31" for e in window)


def test_api_places_search_and_map(client):
    places = walk(client, "/api/v1/places")
    assert places[0]["events"] >= places[-1]["events"] >= 1
    assert any(p["name"] == "Juliaca" for p in places)
    hits = walk(client, "/api/v1/search", q="Juliaca")
    assert {"event", "document"} <= {hit["kind"] for hit in hits}
    features = client.get("/api/v1/map").json()
    assert features["type"] == "FeatureCollection" and features["features"]
    assert all(len(f["geometry"]["coordinates"]) == 2 for f in features["features"])


def test_api_exports_download_the_cli_formats(client):
    acled = client.get("/api/v1/exports/acled-csv")
    assert acled.status_code == 200 and "attachment" in acled.headers["content-disposition"]
    header = next(csv.reader(io.StringIO(acled.text)))
    assert tuple(header) == ACLED_COLUMNS
    geojson = client.get("/api/v1/exports/geojson").json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    lines = client.get("/api/v1/exports/jsonl").text.splitlines()
    assert lines and all(json.loads(line)["events"][0]["mentions"] for line in lines)
    assert client.get("/api/v1/exports/docx").status_code == 400


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/events?limit=0", 400),
        ("/api/v1/events?limit=501", 400),
        ("/api/v1/events?since=yesterday", 400),
        ("/api/v1/events?cursor=not-a-cursor", 400),
        ("/api/v1/events/c0", 404),
        ("/api/v1/documents/nope", 404),
        ("/api/v1/search?q=a", 400),
        ("/api/v1/stances?level=region", 400),
        ("/api/v1/nothing", 404),
    ],
)
def test_api_errors_are_json_with_a_message(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and body["error"].startswith("E40")


def test_api_openapi_lists_every_route(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/tallies",
        "/api/v1/stances",
        "/api/v1/places",
        "/api/v1/map",
        "/api/v1/search",
        "/api/v1/exports/{format}",
    }
    # no interactive docs: they load their scripts from a CDN
    assert client.get("/docs").status_code == 404


def test_api_reading_never_writes_the_store(client, sample_store):
    before = sample_store.corpus_memory()
    walk(client, "/api/v1/events", limit=500)
    client.get("/api/v1/exports/jsonl")
    after = sample_store.corpus_memory()
    assert (after.stories, after.mentions) == (before.stories, before.mentions)


def test_api_answers_only_to_this_machine_s_names(app):
    from fastapi.testclient import TestClient

    elsewhere = TestClient(app, base_url="http://evil.example")
    assert elsewhere.get("/api/v1/events").status_code == 400
    assert elsewhere.get("/timeline/").status_code == 400  # no redirect to another host


def test_api_stances_in_a_window_show_the_side_taken_then(client):
    protesters = walk(client, "/api/v1/stances", actor="Pedro Castillo")
    window = walk(client, "/api/v1/stances", actor="Pedro Castillo", until="2022-12-13")
    assert window and len(window) <= len(protesters)
    for edge in window:
        assert all(seen["date"] <= "2022-12-13" for seen in edge["timeline"])
        assert edge["last"] <= "2022-12-13"
        assert edge["polarity"] == edge["timeline"][-1]["polarity"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events?since=20230101",
        "/api/v1/events?until=2023W011",
        "/api/v1/search?q=%20%20%20",
        "/api/v1/stances?since=01-09-2023",
    ],
)
def test_api_refuses_what_only_looks_like_a_date_or_a_query(client, path):
    assert client.get(path).status_code == 400


def test_api_documents_show_file_names_not_server_paths(client):
    for document in walk(client, "/api/v1/documents", limit=50):
        assert "/" not in document["source"], document["source"]


def test_api_errors_keep_the_security_headers_and_refuse_writes(client):
    response = client.post("/api/v1/events")
    assert response.status_code == 405 and response.json()["error"].startswith("E404")
    page = client.delete("/timeline")
    assert page.status_code == 405 and "content-security-policy" in page.headers
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "E403 no page at /nowhere" in missing.text


def test_api_a_cursor_outlives_no_change_of_the_corpus(client, app):
    first = client.get("/api/v1/events", params={"limit": 3}).json()
    data = app.state.data
    data.snapshot().version += 1  # as after an ingest
    try:
        stale = client.get("/api/v1/events", params={"limit": 3, "cursor": first["next_cursor"]})
        assert stale.status_code == 400 and "changed" in stale.json()["error"]
    finally:
        data.snapshot().version -= 1
