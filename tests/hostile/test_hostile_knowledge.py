"""Bad files of what Quipu is told besides reports: actor directories (`--actors`), place
files (`--places`), and the gold and prediction files of `quipu eval`.

A bad actor or place file stops the command before any report is read (E103), so the store
is left exactly as it was; gold and predictions are refused with E012 and E013.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile import REPORT, assert_numbered, fingerprint

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)
ACTOR = "actors:\n  - name: Dina Boluarte\n    country: PER\n"

ACTOR_FILES = {
    "billion-laughs.yaml": BILLION_LAUGHS + "\nactors:\n  - name: *i\n    aliases: *i\n",
    "self-alias.yaml": "actors: &a\n  - name: x\n    aliases: *a\n",
    "deep.yaml": "actors: " + "[" * 5000,
    "python-tag.yaml": "actors:\n  - name: !!python/object/apply:os.system ['true']\n",
    "latin-1.yaml": ("actors:\n  - name: Policía\n").encode("latin-1"),
    "binary.yaml": bytes(range(256)) * 4,
    "empty.yaml": b"",
    "not-a-list.yaml": "actors: 5\n",
    "year-zero.yaml": ACTOR + "    roles:\n      - sector: GOV\n        from: 0000-00-00\n",
    "year-99999.yaml": ACTOR + "    roles:\n      - sector: GOV\n        from: 99999-01-01\n",
    "february-30.yaml": ACTOR + "    roles:\n      - sector: GOV\n        from: 2023-02-30\n",
}

PLACE = "places:\n  - name: Valle del Mantaro\n    country: PER\n"
PLACE_FILES = {
    "billion-laughs.yaml": BILLION_LAUGHS
    + "\nplaces:\n  - name: x\n    country: PER\n    aliases: *i\n",
    "deep.yaml": "places: " + "{a: " * 5000,
    "latin-1.yaml": (PLACE + "    aliases: [Valle Mantaró]\n").encode("latin-1"),
    "nan-latitude.yaml": PLACE + "    lat: .nan\n    lon: -75.3\n",
    "infinite-longitude.yaml": PLACE + "    lat: -12.0\n    lon: .inf\n",
    "infinite-geonames-id.yaml": PLACE + "    geonames_id: .inf\n",
    "infinite-precision.yaml": PLACE + "    precision: .inf\n",
    "huge-precision.yaml": PLACE + "    precision: " + "9" * 400 + "\n",
    "binary.csv": bytes(range(256)) * 4,
    "latin-1.csv": "name,country\nValle Mantaró,PER\n".encode("latin-1"),
    "unknown-country.csv": "name,country\nAtlantis,ATL\n",
    "places.txt": "Valle del Mantaro\n",
}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize("name", sorted(ACTOR_FILES))
def test_hostile_actors_file_is_e103_and_stores_nothing(name, cli, db, db_path, tmp_path):
    actors = write(tmp_path / "actors" / name, ACTOR_FILES[name])
    report = write(tmp_path / "report.md", REPORT)
    before = fingerprint(db_path)
    run = cli("ingest", str(report), "--db", db, "--actors", str(actors))
    assert run.code == 1, run.err
    assert_numbered(run, "E103")
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("name", sorted(PLACE_FILES))
def test_hostile_places_file_is_e103_and_stores_nothing(name, cli, db, db_path, tmp_path):
    places = write(tmp_path / "places" / name, PLACE_FILES[name])
    report = write(tmp_path / "report.md", REPORT)
    before = fingerprint(db_path)
    run = cli("ingest", str(report), "--db", db, "--places", str(places))
    assert run.code == 1, run.err
    assert_numbered(run, "E103")
    assert fingerprint(db_path) == before


def test_hostile_missing_knowledge_files_are_e103(cli, db, db_path, tmp_path):
    report = write(tmp_path / "report.md", REPORT)
    before = fingerprint(db_path)
    for option in ("--actors", "--places"):
        run = cli("ingest", str(report), "--db", db, option, str(tmp_path / "nowhere.yaml"))
        assert run.code == 1
        assert_numbered(run, "E103")
    assert fingerprint(db_path) == before


GOLD = {"document": "report.md", "events": [], "counts": [], "stances": [], "places": []}
GOLD_FILES = {
    "deep.gold.json": "[" * 100_000,
    "binary.gold.json": bytes(range(256)),
    "truncated.gold.json": json.dumps(GOLD)[:-5],
    "huge-number-id.gold.json": '{"document": "report.md", "events": [{"id": 1e400, "type": ["PROTEST"], "evidence": "x"}]}',
    "no-document.gold.json": '{"events": []}',
    "array.gold.json": "[1, 2]",
    # a document outside --documents is never read
    "parent-document.gold.json": json.dumps({**GOLD, "document": "../outside.md"}),
    "absolute-document.gold.json": json.dumps({**GOLD, "document": "/etc/hostname"}),
}
PREDICTION_FILES = {
    "not-json.jsonl": "not json\n",
    "deep.jsonl": "[" * 100_000 + "\n",
    "binary.jsonl": bytes(range(256)),
    "events-not-a-list.jsonl": '{"document": {"source": "report.md"}, "events": "x"}\n',
    "events-of-numbers.jsonl": '{"document": {"source": "report.md"}, "events": [1, null]}\n',
}


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    write(folder / "report.md", REPORT)
    return folder


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_hostile_gold_file_is_one_numbered_line(name, cli, documents, tmp_path):
    gold = write(tmp_path / "gold" / name, GOLD_FILES[name])
    run = cli("eval", str(gold), "--documents", str(documents))
    assert run.code == 1, run.err
    assert_numbered(run, "E012")


@pytest.mark.parametrize("name", sorted(PREDICTION_FILES))
def test_hostile_predictions_file_is_one_numbered_line(name, cli, tmp_path):
    gold = write(tmp_path / "report.gold.json", json.dumps(GOLD))
    predictions = write(tmp_path / "predictions" / name, PREDICTION_FILES[name])
    run = cli("eval", str(gold), "--documents", str(predictions))
    assert run.code == 1, run.err
    assert_numbered(run)
    assert run.codes() and set(run.codes()) <= {"E004", "E013"}
