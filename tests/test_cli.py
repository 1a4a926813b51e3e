"""The `quipu` command: outputs, exit codes, and one clear line per bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import socket
import sqlite3
from pathlib import Path

import pytest

from quipu.cli import main
from quipu.exports import ACLED_COLUMNS, UCDP_COLUMNS
from quipu.nlp import PIPELINE_VERSION
from quipu.records import Actor, Document, Evidence, Extraction, Stance
from quipu.store import open_store

REPORT = """---
title: "Police detain protesters in Lima"
outlet: "Test Wire"
url: "https://example.org/test-wire/1"
date: 2022-12-13
language: en
---
LIMA, Dec 13 (Test Wire) – Police arrested 12 protesters in Lima on Monday after they blocked a highway, the Interior Ministry said.

Mexico, Argentina, Bolivia and Colombia issued a statement expressing support for Pedro Castillo.
"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.md"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_extract_jsonl_prints_one_record_per_document(report, capsys):
    code, out, err = run(capsys, "extract", str(report), "--format", "jsonl")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {"document", "events", "counts", "stances", "places"}
    assert record["document"]["title"] == "Police detain protesters in Lima"
    assert record["document"]["published"] == "2022-12-13"
    arrest = next(e for e in record["events"] if e["type"] == "COERCE")
    assert arrest["mode"] == "arrest"
    assert "police" in arrest["actor"]["name"].lower()
    assert arrest["arrests"]["best"] == 12
    assert arrest["date"]["start"] == "2022-12-12"
    assert arrest["place"]["name"] == "Lima"


def test_cli_extract_evidence_offsets_point_into_the_document(report, capsys):
    code, out, _ = run(capsys, "extract", str(report))
    assert code == 0
    record = json.loads(out)
    body = REPORT.split("---", 2)[2].strip("\n")
    for event in record["events"]:
        evidence = event["evidence"]
        assert body[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_cli_extract_table_lists_events(report, capsys):
    code, out, _ = run(capsys, "extract", str(report), "--format", "table")
    assert code == 0
    assert "COERCE/arrest" in out
    assert "SUPPORT" in out


def test_cli_extract_reports_each_bad_input_on_one_line_and_processes_the_rest(
    report, tmp_path, capsys
):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        encoding="utf-8",
    )
    huge = tmp_path / "huge.txt"
    huge.write_text("Protesters marched in Lima. " * 800_000, encoding="utf-8")  # ~22 MB
    code, out, err = run(
        capsys, "extract", str(empty), str(binary), str(page), str(huge), str(report)
    )
    assert code == 1
    problems = err.strip().splitlines()
    assert len(problems) == 4
    assert all(line.startswith("quipu: E0") for line in problems)
    assert "Traceback" not in err
    assert len(out.splitlines()) == 1  # the good report was still processed


def test_cli_extract_missing_file_is_an_input_error(tmp_path, capsys):
    code, out, err = run(capsys, "extract", str(tmp_path / "nope.md"))
    assert code == 1
    assert out == ""
    assert err.startswith("quipu: E001")


def test_cli_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["events", "--since", "yesterday"])
    assert exit_info.value.code == 2
    assert "not a date" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", ["extract", "ingest", "events", "export", "eval", "demo", "merge"]
)
def test_cli_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: quipu " + command in capsys.readouterr().out


def test_cli_ingest_twice_changes_nothing(report, tmp_path, capsys):
    db = tmp_path / "q.db"
    url = f"sqlite:///{db}"
    code, out, _ = run(capsys, "ingest", str(report), "--db", url)
    assert code == 0
    assert out.startswith("1 document added, 0 already stored")
    with sqlite3.connect(db) as connection:
        before = connection.execute("select count(*) from events").fetchone()[0]
    assert before > 0
    code, out, _ = run(capsys, "ingest", str(report), "--db", url)
    assert code == 0
    assert out.startswith("0 documents added, 1 already stored")
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from events").fetchone()[0] == before
        assert connection.execute("select count(*) from documents").fetchone()[0] == 1


def test_cli_events_filters(report, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    run(capsys, "ingest", str(report), "--db", url)
    code, out, _ = run(capsys, "events", "--db", url, "--type", "coerce", "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(event["type"] == "COERCE" for event in events)
    _, out, _ = run(capsys, "events", "--db", url, "--actor", "Mexico", "--format", "jsonl")
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["SUPPORT"]
    _, out, _ = run(capsys, "events", "--db", url, "--since", "2023-01-01", "--format", "jsonl")
    assert out == ""


def test_cli_export_jsonl_and_acled_csv(report, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    run(capsys, "ingest", str(report), "--db", url)
    code, out, _ = run(capsys, "export", "--db", url, "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 1 and records[0]["events"]
    code, out, _ = run(capsys, "export", "--db", url, "--format", "acled-csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(csv.reader(io.StringIO(out)).__next__()) == ACLED_COLUMNS
    arrest = next(row for row in rows if row["sub_event_type"] == "Arrests")
    assert arrest["event_type"] == "Strategic developments"
    assert arrest["country"] == "Peru"
    assert arrest["iso"] == "604"
    assert arrest["event_date"] == "2022-12-12"
    # a statement of support is not an event ACLED codes
    assert all(row["event_type"] != "" for row in rows)
    assert not any("support" in row["notes"].lower() for row in rows)


def test_cli_export_geojson_ucdp_and_plover(report, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    run(capsys, "ingest", str(report), "--db", url)
    code, out, _ = run(capsys, "export", "--db", url, "--format", "geojson")
    assert code == 0
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lima = next(f for f in collection["features"] if f["properties"]["place"] == "Lima")
    lon, lat = lima["geometry"]["coordinates"]
    assert -78 < lon < -76 and -13 < lat < -11
    code, out, _ = run(capsys, "export", "--db", url, "--format", "ucdp-csv")
    assert code == 0
    assert tuple(next(csv.reader(io.StringIO(out)))) == UCDP_COLUMNS
    # an arrest and a statement of support are not organized violence
    assert list(csv.DictReader(io.StringIO(out))) == []
    code, out, _ = run(capsys, "export", "--db", url, "--format", "plover-json")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    arrest = next(event for event in events if event["event"] == ["COERCE"])
    assert arrest["mode"] == ["arrest"] and arrest["date"] == "2022-12-12"


def test_cli_export_since_filters_by_time_stored(report, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    run(capsys, "ingest", str(report), "--db", url)
    today = dt.datetime.now(dt.UTC).date()
    yesterday, tomorrow = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    code, out, _ = run(capsys, "export", "--db", url, "--since", yesterday.isoformat())
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _ = run(capsys, "export", "--db", url, "--since", f"{tomorrow}T00:00:00+00:00")
    assert code == 0 and out == ""


@pytest.mark.parametrize("since", ["yesterday", "2024-13-01", "", "12/01/2024"])
def test_cli_export_since_garbage_is_a_usage_error(since, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    code, out, err = run(capsys, "export", "--db", url, "--since", since)
    assert code == 2 and out == ""
    assert err.startswith("quipu: E301 --since") and len(err.strip().splitlines()) == 1


def test_cli_export_to_unwritable_file_is_a_clear_error(report, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    run(capsys, "ingest", str(report), "--db", url)
    code, _, err = run(capsys, "export", "--db", url, "--output", str(tmp_path / "no" / "x"))
    assert code == 2
    assert err.startswith("quipu: E301 cannot write")


def test_cli_bad_database_url_is_one_line(capsys):
    code, _, err = run(capsys, "events", "--db", "mysql://nowhere/x")
    assert code == 1
    assert err.startswith("quipu: E201") and len(err.strip().splitlines()) == 1


def test_cli_eval_scores_gold_against_reports(report, tmp_path, capsys):
    gold = {
        "document": report.name,
        "published": "2022-12-13",
        "events": [
            {
                "id": "arrest",
                "type": ["COERCE"],
                "actor": ["police"],
                "recipient": ["protest"],
                "evidence": "Police arrested 12 protesters",
            }
        ],
        "counts": [],
        "stances": [],
        "claims": [],
        "places": [{"text": "Lima", "country": "PER"}],
    }
    gold_path = tmp_path / "report.gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(gold_path), "--documents", str(tmp_path))
    assert code == 0
    assert "matched 1/1" in out
    assert "places 1/1" in out


def test_cli_places_file_adds_places_and_a_bad_one_is_one_line(report, tmp_path, capsys):
    places = tmp_path / "places.csv"
    places.write_text("name,country,precision\nhighway,PER,5\n", encoding="utf-8")
    code, out, err = run(
        capsys, "extract", str(report), "--format", "jsonl", "--places", str(places)
    )
    assert code == 0, err
    found = {p["text"]: p["place"] for p in json.loads(out)["places"]}
    assert (found["highway"]["country"], found["highway"]["precision"]) == ("PER", 5)
    broken = tmp_path / "broken.csv"
    broken.write_text("name,country\nhighway,Atlantis\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(report), "--places", str(broken))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "E103" in err and "place 1" in err


SECOND_REPORT = """---
title: "Peru: arrests in Lima as protests go on"
outlet: "Other Wire"
date: 2022-12-13
language: en
---
LIMA, Dec 13 (Other Wire) – Police in Lima arrested 12 protesters on Monday, officials said. The protesters had blocked a highway in the capital.
"""


@pytest.fixture
def stored(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    second = tmp_path / "second.md"
    second.write_text(SECOND_REPORT, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    code, _, err = run(capsys, "ingest", str(report), str(second), "--db", db)
    assert code == 0, err
    return db


def test_cli_tally_prints_each_kind_s_series_by_source(stored, capsys):
    code, out, _ = run(capsys, "tally", "--db", stored, "--kind", "arrested")
    assert code == 0
    assert out.startswith("arrested · PER")
    assert "12" in out and "Interior Ministry" in out
    code, out, _ = run(capsys, "tally", "--db", stored, "--kind", "killed")
    assert (code, out.strip()) == (0, "no counts match")


def test_cli_stances_prints_the_alignment_network(stored, capsys):
    code, out, _ = run(capsys, "stances", "--db", stored, "--actor", "castillo")
    assert code == 0
    assert "Pedro Castillo" in out and "support" in out
    assert "Mexico" in out


def test_cli_stances_level_country_folds_each_state_into_its_country(tmp_path, capsys):
    text = (
        "Peru's foreign ministry and President Dina Boluarte rejected Mexico's statement. "
        "The armed forces backed Boluarte."
    )
    document = Document(text=text, source="folded.md", published=dt.date(2022, 12, 16))
    said = Evidence(text, 0, len(text))
    president = Actor("President Dina Boluarte", "Dina Boluarte", "PER", "GOV")
    ministry = Actor("Peru's foreign ministry", "Ministry of Foreign Affairs of Peru", "PER", "GOV")
    mexico = Actor("Mexico", "Mexico", "MEX")
    military = Actor("The armed forces", "Armed Forces of Peru", "PER", "MIL")
    stances = [
        Stance(president, mexico, "oppose", "REJECT", said),
        Stance(ministry, mexico, "oppose", "REJECT", said),
        Stance(military, president, "support", "SUPPORT", said),
    ]
    db = f"sqlite:///{tmp_path / 'folded.db'}"
    with open_store(db) as store:
        store.add(Extraction(document, stances=stances), pipeline_version=PIPELINE_VERSION)
    code, out, _ = run(capsys, "stances", "--db", db)
    assert code == 0 and "Dina Boluarte —opposes→ Mexico" in out
    code, out, _ = run(capsys, "stances", "--db", db, "--level", "country")
    assert code == 0
    assert out.strip().splitlines() == [
        "Armed Forces of Peru —supports→ Peru  (1 source, 2022-12-16)",
        "Peru —opposes→ Mexico  (1 source, 2022-12-16)",
    ]


def test_cli_stances_refuses_an_unknown_level_in_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["stances", "--level", "region"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --level: invalid choice: 'region'" in err and "Traceback" not in err


def test_cli_export_merged_gives_one_record_per_real_event_with_its_sources(stored, capsys):
    code, out, _ = run(capsys, "export", "--db", stored, "--merged", "--format", "jsonl")
    assert code == 0
    events = [json.loads(line)["events"][0] for line in out.splitlines()]
    arrests = [e for e in events if e["type"] == "COERCE" and e["mode"] == "arrest"]
    # the same arrests told by two outlets: one event, two sources, both sentences kept
    assert len(arrests) == 1
    assert arrests[0]["sources"] == 2 and len(arrests[0]["mentions"]) == 2


def test_cli_export_jsonl_round_trips_through_ingest(stored, tmp_path, capsys):
    exported = tmp_path / "export.jsonl"
    code, _, err = run(capsys, "export", "--db", stored, "--format", "jsonl", "-o", str(exported))
    assert code == 0, err
    again = f"sqlite:///{tmp_path / 'again.db'}"
    code, out, err = run(capsys, "ingest", str(exported), "--db", again)
    assert code == 0, err
    assert out.startswith("2 documents added")
    first = run(capsys, "export", "--db", stored, "--format", "jsonl")[1]
    second = run(capsys, "export", "--db", again, "--format", "jsonl")[1]
    assert [json.loads(line) for line in second.splitlines()] == [
        json.loads(line) for line in first.splitlines()
    ]


def test_cli_reprocess_upgrades_what_an_older_pipeline_made(stored, capsys):
    code, out, _ = run(capsys, "reprocess", "--db", stored)
    assert (code, out.strip()) == (
        0,
        f"0 documents reprocessed, 2 already made by pipeline {PIPELINE_VERSION}",
    )
    before = run(capsys, "export", "--db", stored, "--format", "jsonl")[1]
    # as if an older pipeline had made the records of one document
    with open_store(stored) as store:
        meta = next(store.extractions())["document"]
        document = Document(
            text=store.document_text(meta["id"]) or "",
            source=meta["source"],
            url=meta["url"],
            outlet=meta["outlet"],
            title=meta["title"],
            published=dt.date.fromisoformat(meta["published"]),
            language=meta["language"],
        )
        # no events at all: what an older, weaker pipeline might have found
        assert store.replace(Extraction(document=document), pipeline_version="0.0.9")
    code, out, _ = run(capsys, "reprocess", "--db", stored)
    assert (code, out.strip()) == (
        0,
        f"1 document reprocessed, 1 already made by pipeline {PIPELINE_VERSION}",
    )
    after = run(capsys, "export", "--db", stored, "--format", "jsonl")[1]
    assert [json.loads(line) for line in after.splitlines()] == [
        json.loads(line) for line in before.splitlines()
    ]
    code, out, _ = run(capsys, "reprocess", "--db", stored, "--all")
    assert out.startswith("2 documents reprocessed")


def test_cli_export_merged_since_keeps_what_changed(stored, capsys):
    today = dt.datetime.now(dt.UTC).date()
    later = (today + dt.timedelta(days=1)).isoformat()
    earlier = (today - dt.timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "export", "--db", stored, "--merged", "--since", later)
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "export", "--db", stored, "--merged", "--since", earlier)
    everything = run(capsys, "export", "--db", stored, "--merged")[1]
    assert code == 0 and out.splitlines() and len(out.splitlines()) == len(everything.splitlines())


def _arrests(events: list[dict]) -> list[dict]:
    return [e for e in events if e["type"] == "COERCE" and e["mode"] == "arrest"]


def test_cli_ingest_updates_corpus_events_incrementally(report, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'grow.db'}"
    assert run(capsys, "ingest", str(report), "--db", db)[0] == 0
    before = [
        json.loads(line)["events"][0]
        for line in run(capsys, "export", "--db", db, "--merged")[1].splitlines()
    ]
    second = tmp_path / "second.md"
    second.write_text(SECOND_REPORT, encoding="utf-8")
    assert run(capsys, "ingest", str(second), "--db", db)[0] == 0
    after = [
        json.loads(line)["events"][0]
        for line in run(capsys, "export", "--db", db, "--merged")[1].splitlines()
    ]
    # the first report's corpus event keeps its id and gains the second report's mention
    assert [e["id"] for e in _arrests(after)] == [e["id"] for e in _arrests(before)]
    assert [len(e["mentions"]) for e in _arrests(after)] == [2]
    # ingesting the same reports again changes nothing
    assert run(capsys, "ingest", str(report), str(second), "--db", db)[1].startswith(
        "0 documents added"
    )
    again = [
        json.loads(line)["events"][0]
        for line in run(capsys, "export", "--db", db, "--merged")[1].splitlines()
    ]
    assert [(e["id"], e["mentions"]) for e in again] == [(e["id"], e["mentions"]) for e in after]


def test_cli_demo_ingests_the_sample_and_summarizes_the_corpus(capsys):
    code, out, err = run(capsys, "demo", "--db", "memory://")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "29 documents added, 0 already stored, 0 problems"
    # the reprints are one story each with their original, so fewer stories than reports
    stories = next(line for line in lines if "corpus events" in line)
    assert stories.startswith("27 stories; ")
    assert "killed · PER" in out and "quipu stances" in out
    assert "Andrés Manuel López Obrador —supports→ Pedro Castillo" in out


def test_cli_serve_refuses_missing_assets_and_a_busy_port_in_one_line(capsys, tmp_path):
    code, _out, err = run(capsys, "serve", "--assets", str(tmp_path / "none"))
    assert code == 2 and err.startswith("quipu: E301 no front-end packages in")
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        code, _out, err = run(capsys, "serve", "--db", "memory://", "--port", str(port))
    assert code == 2 and "cannot listen on 127.0.0.1:" in err and len(err.splitlines()) == 1


# -- which store a command opens (issue 17) ---------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["events", "--format", "jsonl"],
        ["tally"],
        ["stances"],
        ["export", "--format", "acled-csv"],
        ["export", "--merged"],
        ["reprocess"],
        ["serve", "--port", "PORT"],
        ["events", "--explain", "c1"],
        ["merge", "split", "c1", "e1"],
        ["merge", "join", "c1", "c2"],
    ],
)
def test_cli_read_commands_refuse_a_missing_store_and_create_none(command, tmp_path, capsys):
    path = tmp_path / "typo.db"
    argv = [str(_free_port()) if part == "PORT" else part for part in command]
    code, out, err = run(capsys, *argv, "--db", f"sqlite:///{path}")
    assert (code, out) == (1, "")
    assert (
        err == f"quipu: E208 no database at {path} (`quipu ingest` or `quipu demo` creates one)\n"
    )
    assert not path.exists()


def test_cli_the_default_store_is_quipu_db_here_unless_quipu_db_says(
    stored, tmp_path, monkeypatch, capsys
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("QUIPU_DB", raising=False)
    code, _, err = run(capsys, "events")
    assert code == 1 and f"E208 no database at {elsewhere / 'quipu.db'} " in err
    monkeypatch.setenv("QUIPU_DB", stored)
    code, out, err = run(capsys, "events", "--format", "jsonl")
    assert code == 0 and out.count("\n") >= 2, err
    assert not (elsewhere / "quipu.db").exists()


@pytest.mark.parametrize("url", ["sqlite://", "memory://", "sqlite:///:memory:"])
@pytest.mark.parametrize("command", ["events", "tally", "stances", "export", "reprocess"])
def test_cli_read_commands_refuse_a_store_in_memory(command, url, capsys):
    code, out, err = run(capsys, command, "--db", url)
    assert (code, out) == (2, "")
    assert err.startswith(f"quipu: E302 --db {url} is in memory") and err.count("\n") == 1


def test_cli_read_commands_refuse_a_sqlite_file_that_is_not_quipu_s(tmp_path, capsys):
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    code, _, err = run(capsys, "tally", "--db", f"sqlite:///{path}")
    assert code == 1 and err.startswith(f"quipu: E209 {path} is not a Quipu database")
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]


def test_cli_ingest_says_where_a_new_store_is_and_warns_when_in_memory(report, tmp_path, capsys):
    path = tmp_path / "new.db"
    code, _, err = run(capsys, "ingest", str(report), "--db", f"sqlite:///{path}")
    assert code == 0 and err == f"quipu: new store {path}\n"
    code, _, err = run(capsys, "ingest", str(report), "--db", f"sqlite:///{path}")
    assert code == 0 and err == ""  # not new any more
    code, _, err = run(capsys, "ingest", str(report), "--db", "sqlite://")
    assert code == 0
    assert err == (
        "quipu: warning: W004 --db sqlite:// is in memory: what `quipu ingest` stores is gone "
        "when it ends\n"
    )


def test_cli_events_says_when_nothing_matches_and_when_the_store_is_empty(stored, tmp_path, capsys):
    path = stored.removeprefix("sqlite:///")
    for output in ("table", "jsonl"):
        code, out, err = run(
            capsys, "events", "--db", stored, "--actor", "nobody at all", "--format", output
        )
        assert (code, out, err) == (0, "", f"quipu: no events match in {path}\n")
    empty = tmp_path / "empty.db"
    open_store(f"sqlite:///{empty}").close()
    code, out, err = run(capsys, "events", "--db", f"sqlite:///{empty}")
    assert (code, out) == (0, "")
    assert err == f"quipu: {empty} is empty; `quipu ingest` adds reports\n"
    code, out, _ = run(capsys, "tally", "--db", f"sqlite:///{empty}")
    assert out == f"no counts: {empty} is empty; `quipu ingest` adds reports\n"
    code, out, err = run(capsys, "export", "--db", f"sqlite:///{empty}", "--format", "geojson")
    assert code == 0 and err == f"quipu: {empty} is empty; nothing to export\n"


# -- eval's inputs (issue 17) -----------------------------------------------------------


def _one_gold(tmp_path: Path, **extra) -> Path:
    gold = {
        "document": "report.md",
        "events": [
            {"id": "arrest", "type": ["COERCE"], "evidence": "Police arrested 12 protesters"}
        ],
    }
    path = tmp_path / "report.gold.json"
    path.write_text(json.dumps(gold | extra), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("document,events\nreport.md,3\n", 1, "not JSON: Expecting value at column 1"),
        ('{"document": {"id": "a"}}\n\n{"document": {"id": "b"},\n', 3, "not JSON"),
        ('{"document": {"id": "a"}}\n[1, 2]\n', 2, "a JSON list, not an object"),
        ('{"document": "report.md"}\n', 1, "no 'document' object"),
        ('{"document": {}, "events": {"id": "e1"}}\n', 1, "'events' is not a list of objects"),
        ('{"document": {}, "stances": ["x"]}\n', 1, "'stances' is not a list of objects"),
        ("[" * 100_000 + "\n", 1, "nested too deeply"),
    ],
)
def test_cli_eval_refuses_predictions_that_are_not_record_lines(
    content, line, reason, tmp_path, capsys
):
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "eval", str(_one_gold(tmp_path)), "--documents", str(predictions))
    assert (code, out) == (1, "")
    assert err.startswith(f"quipu: E013 {predictions}: line {line} is not a record-format ")
    assert reason in err and err.count("\n") == 1


def test_cli_eval_refuses_predictions_that_are_not_utf8(tmp_path, capsys):
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_bytes('{"document": {}}\n'.encode("utf-16"))
    code, _, err = run(capsys, "eval", str(_one_gold(tmp_path)), "--documents", str(predictions))
    assert code == 1 and err.startswith(f"quipu: E004 {predictions}: cannot decode as text")


def test_cli_eval_scores_a_predictions_file(report, tmp_path, capsys):
    code, predictions, _ = run(capsys, "extract", str(report))
    path = tmp_path / "predictions.jsonl"
    path.write_text(predictions, encoding="utf-8")
    code, out, err = run(capsys, "eval", str(_one_gold(tmp_path)), "--documents", str(path))
    assert (code, err) == (0, "")
    assert "matched 1/1" in out


def test_cli_eval_refuses_a_gold_folder_without_gold_and_warns_of_unknown_fields(
    report, tmp_path, capsys
):
    empty = tmp_path / "no-gold"
    empty.mkdir()
    code, _, err = run(capsys, "eval", str(empty), "--documents", str(tmp_path))
    assert code == 1 and err == f"quipu: E010 {empty / '*.gold.json'}: no files match\n"
    gold = _one_gold(tmp_path, publishd="2022-12-13")
    code, out, err = run(capsys, "eval", str(gold), "--documents", str(tmp_path))
    assert code == 0 and "matched 1/1" in out
    assert err.startswith(f"quipu: warning: W005 {gold}: the file: 'publishd' is not a gold field")


def test_cli_ingest_skips_a_language_without_pipeline_and_agrees_in_number(
    report, tmp_path, capsys
):
    klingon = tmp_path / "klingon.md"
    klingon.write_text("---\nlanguage: klingon\n---\nPolice arrested 12 people.\n", "utf-8")
    db = f"sqlite:///{tmp_path / 'languages.db'}"
    code, out, err = run(capsys, "ingest", str(report), str(klingon), "--db", db)
    assert code == 0
    assert out == "1 document added, 0 already stored, 1 skipped, 0 problems\n"
    assert f"W007 {klingon}: no pipeline for language 'klingon'" in err
    with open_store(db) as store:
        assert [row["language"] for row in store.documents()] == ["en"]


def test_cli_extract_warns_of_relative_dates_in_an_undated_report(tmp_path, capsys):
    path = tmp_path / "undated.md"
    path.write_text("Police arrested 12 protesters in Lima on Monday.\n", "utf-8")
    code, out, err = run(capsys, "extract", str(path), "--language", "en")
    assert code == 0
    assert all(event["date"] is None for event in json.loads(out)["events"])
    assert f"W006 {path}: no publication date; 1 relative date ('Monday') left undated" in err


def test_cli_extract_table_certainty_column_is_aligned(tmp_path, capsys):
    path = tmp_path / "certainties.md"
    path.write_text(
        "---\ndate: 2023-01-16\nlanguage: en\n---\n"
        "Police arrested 12 protesters in Lima on Monday.\n\n"
        "Soldiers reportedly killed two farmers in Puno on Sunday, the ombudsman said.\n\n"
        "Unions plan a march on Lima.\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "extract", str(path), "--format", "table")
    assert code == 0
    rows = [line for line in out.splitlines() if " | " in line]
    cells = {line[: line.index(" | ")].rstrip().split("  ")[-1].strip() for line in rows}
    assert {"asserted", "hedged", "asserted (future)"} <= cells
    assert len({line.index(" | ") for line in rows}) == 1


def _merged_arrests(capsys: pytest.CaptureFixture[str], db: str) -> list[dict]:
    lines = run(capsys, "export", "--db", db, "--merged")[1].splitlines()
    return _arrests([json.loads(line)["events"][0] for line in lines])


def test_cli_events_explain_says_why_mentions_were_merged(report, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'why.db'}"
    second = tmp_path / "second.md"
    second.write_text(SECOND_REPORT, encoding="utf-8")
    assert run(capsys, "ingest", str(report), str(second), "--db", db)[0] == 0
    (arrest,) = _merged_arrests(capsys, db)
    code, out, err = run(capsys, "events", "--db", db, "--explain", arrest["id"])
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"corpus event {arrest['id']}: 2 mentions, 2 independent sources")
    assert "started the event" in lines[1] and "joined on its features" in out
    assert "score " in out and "actor +" in out and "place +" in out
    # by the id of one of its mentions too, and as JSON
    mention = arrest["mentions"][1]["event"]
    code, out, _ = run(capsys, "events", "--db", db, "--explain", mention, "--format", "jsonl")
    explained = json.loads(out)
    assert explained["event"] == arrest["id"]
    assert [m["how"] for m in explained["mentions"]] == ["first", "compared"]
    assert explained["mentions"][1]["features"]["score"] >= explained["threshold"]
    code, out, err = run(capsys, "events", "--db", db, "--explain", "c999")
    assert (code, out) == (1, "")
    assert err.startswith("quipu: E210 no corpus event c999 ") and err.count("\n") == 1


def test_cli_merge_corrections_survive_reprocess_and_ingesting_again(report, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'fix.db'}"
    second = tmp_path / "second.md"
    second.write_text(SECOND_REPORT, encoding="utf-8")
    assert run(capsys, "ingest", str(report), str(second), "--db", db)[0] == 0
    (arrest,) = _merged_arrests(capsys, db)
    mention = arrest["mentions"][1]["event"]
    code, out, err = run(capsys, "merge", "split", arrest["id"], mention, "--db", db)
    assert code == 0, err
    assert out.startswith(f"{mention} taken out of {arrest['id']}")
    split = _merged_arrests(capsys, db)
    assert [len(e["mentions"]) for e in split] == [1, 1]
    for argv in (["reprocess", "--all"], ["ingest", str(report), str(second)]):
        assert run(capsys, *argv, "--db", db)[0] == 0
        assert [[m["event"] for m in e["mentions"]] for e in _merged_arrests(capsys, db)] == [
            [m["event"] for m in e["mentions"]] for e in split
        ]
    explained = run(capsys, "events", "--db", db, "--explain", arrest["id"])[1]
    assert f"correction: merge split {arrest['id']} {mention}" in explained
    other = next(e["id"] for e in split if e["id"] != arrest["id"])
    code, out, err = run(capsys, "merge", "join", arrest["id"], other, "--db", db)
    assert code == 0, err
    assert run(capsys, "reprocess", "--all", "--db", db)[0] == 0
    (joined,) = _merged_arrests(capsys, db)
    assert (joined["id"], len(joined["mentions"])) == (arrest["id"], 2)
    code, out, err = run(capsys, "merge", "split", arrest["id"], "nope", "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith(f"quipu: E211 nope is not a mention of corpus event {arrest['id']}")
    assert err.count("\n") == 1
    code, out, err = run(capsys, "merge", "join", arrest["id"], arrest["id"], "--db", db)
    assert (code, err) == (1, f"quipu: E213 cannot join corpus event {arrest['id']} with itself\n")
