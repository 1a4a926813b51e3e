"""Runners: the same records whatever runs the pipeline (issue 16)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from quipu.cli import main
from quipu.corpus.view import read_corpus
from quipu.ingest import iter_documents
from quipu.runners import extractor, ingest, reprocess
from quipu.store import MemoryStore

REPORTS = {
    "a.md": "LIMA, Dec 13 (Test Wire) – Police arrested 12 protesters in Lima on Monday.",
    "b.md": "JULIACA, Jan 9 (Test Wire) – Seventeen people were killed in clashes near the "
    "airport on Monday, the ombudsman's office said.",
    "c.md": "QUITO, 20 jun (Agencia) – Miles de manifestantes marcharon el lunes en Quito "
    "contra el Gobierno.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "reports"
    path.mkdir()
    for name, text in REPORTS.items():
        language = "es" if name == "c.md" else "en"
        front = f"---\ndate: 2023-01-10\nlanguage: {language}\n---\n"
        (path / name).write_text(f"{front}{text}\n", encoding="utf-8")
    return path


def test_runners_two_workers_give_the_records_of_one(folder: Path) -> None:
    documents = list(iter_documents([folder], on_error=print))
    alone = [e.to_dict() for e in extractor(workers=1)(documents)]
    shared = [e.to_dict() for e in extractor(workers=2)(documents)]
    assert len(alone) == 3 and any(record["events"] for record in alone)
    assert shared == alone  # the same records, in the same order


def test_runners_ingest_with_workers_stores_what_one_process_stores(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = {}
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        assert main(["ingest", str(folder), "--db", f"sqlite:///{db}", "--workers", workers]) == 0
        assert capsys.readouterr().out == "3 documents added, 0 already stored, 0 problems\n"
        with sqlite3.connect(db) as connection:
            rows = connection.execute("select record from events order by pk").fetchall()
        stored[workers] = [json.loads(row[0]) for row in rows]
    assert stored["1"] and stored["2"] == stored["1"]


def test_runners_workers_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "x.md", "--workers", "0"])
    assert "--workers" in capsys.readouterr().err


def test_runners_local_dask_cluster_gives_the_records_of_one_process(folder: Path) -> None:
    documents = list(iter_documents([folder], on_error=print))
    alone = [e.to_dict() for e in extractor(workers=1)(documents)]
    on_dask = [e.to_dict() for e in extractor(workers=2, scheduler="local")(documents)]
    assert on_dask == alone


def test_runners_unreachable_scheduler_is_one_numbered_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", str(folder), "--scheduler", "tcp://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.startswith("quipu: E") and len(err.strip().splitlines()) == 1, err


def test_runners_ingest_stores_merges_and_reprocess_extracts_again(folder: Path) -> None:
    store = MemoryStore()
    problems: list[str] = []
    heard: list[str] = []

    first = ingest(
        [str(folder)], store, on_error=lambda e: problems.append(str(e)), on_stored=heard.append
    )
    again = ingest([str(folder)], store, on_error=lambda e: problems.append(str(e)))

    assert (first.added, first.kept, again.added, again.kept, problems) == (3, 0, 0, 3, [])
    assert len(heard) == 3
    with store.corpus_tables() as tables:
        assert tables.pending() == [] and len(tables.all_stories()) == 3
    before = read_corpus(store, remember=False)
    redone = reprocess(store, every=True)
    assert (redone.done, redone.kept) == (3, 0)
    assert reprocess(store).kept == 3  # made by this pipeline already
    after = read_corpus(store, remember=False)
    assert [e.to_dict() for e in after.events] == [e.to_dict() for e in before.events]
