"""Crash safety: `quipu ingest` killed at any moment, a full disk and a read-only store.

Each case runs the real command in a subprocess. A SIGKILL may land while the models load,
while reports are extracted, in the middle of a document's transaction or while the corpus
is merged; whatever it interrupts, the next ingest must finish the work with every document
stored once and complete, and SQLite must find its file sound. A disk that fills up and a
store that cannot be written must be reported with a numbered line, the store as it was.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa

from hostile import NUMBERED, document_ids, fingerprint
from quipu.ingest import iter_documents
from quipu.nlp import extract_many

SAMPLE = resources.files("quipu.resources").joinpath("sample/peru-2022")
KILLED_RUNS = 10
SEED = 17
# The command, run by the interpreter running the tests (so, from the same environment).
QUIPU = [sys.executable, "-c", "import sys; from quipu.cli import main; sys.exit(main())"]


def sample_reports(folder: Path, count: int) -> list[Path]:
    """Copy the `count` shortest bundled reports to `folder`, one sub-folder each."""
    with resources.as_file(SAMPLE) as sample:
        reports = sorted(sample.glob("*.md"), key=lambda path: path.stat().st_size)[:count]
        copies = []
        for number, report in enumerate(sorted(reports)):
            target = folder / f"group-{number:02d}" / report.name
            target.parent.mkdir(parents=True)
            shutil.copy(report, target)
            copies.append(target)
    return copies


def ingest(
    paths: list[Path], db: Path | str, *, preexec: Callable[[], None] | None = None
) -> subprocess.Popen[str]:
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    return subprocess.Popen(
        [*QUIPU, "ingest", *map(str, paths), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
    )


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return str(result)


def rows_per_document(db: Path) -> dict[tuple[str, str], int]:
    """(source file name, table) → rows, for every record table."""
    found: dict[tuple[str, str], int] = {}
    with sqlite3.connect(db) as connection:
        for table in ("events", "counts", "stances", "places"):
            query = (
                f"SELECT d.source, count(r.document_id) FROM documents d "
                f"LEFT JOIN {table} r ON r.document_id = d.id GROUP BY d.id"
            )
            for source, rows in connection.execute(query):
                found[(Path(source).name, table)] = rows
    connection.close()
    return found


def test_hostile_ingest_killed_at_random_loses_nothing_and_stores_nothing_twice(tmp_path):
    reports = sample_reports(tmp_path / "reports", KILLED_RUNS + 1)
    db = tmp_path / "crash.db"
    # one run to the end, timed: the kills fall anywhere in a run of that length
    started = time.monotonic()
    first = ingest([reports[0]], db)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    duration = time.monotonic() - started
    chance = random.Random(SEED)
    killed = 0
    for report in reports[1:]:
        process = ingest([report], db)
        time.sleep(chance.uniform(0.3, 1.05) * duration)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        killed += process.returncode == -signal.SIGKILL
        assert integrity(db) == "ok"
    assert killed >= KILLED_RUNS // 2, f"only {killed} runs were still going when killed"
    # everything again, to the end: what the kills interrupted is done now, once
    final = ingest([tmp_path / "reports"], db)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert all(NUMBERED.match(line) or "new store" in line for line in err.splitlines()), err
    assert integrity(db) == "ok"
    ids = document_ids(db)
    assert len(ids) == len(set(ids)) == len(reports)
    # and each complete: the records of a run that was never interrupted
    expected = {}
    for extraction in extract_many(iter_documents(reports, on_error=pytest.fail)):
        name = Path(extraction.document.source).name
        for table in ("events", "counts", "stances", "places"):
            expected[(name, table)] = len(getattr(extraction, table))
    assert rows_per_document(db) == expected


# Rounds of two writers at once on PostgreSQL, each killed: at least KILLED_RUNS kills.
WRITER_ROUNDS = 7


def _mapping(url: str) -> dict[tuple[str, str], str]:
    """(document id, event id) → corpus event, of the documents merged."""
    with _connected(url) as connection:
        rows = connection.execute(
            sa.text(
                "SELECT m.document_id, m.event_id, m.corpus_event FROM corpus_mentions m "
                "WHERE NOT EXISTS (SELECT 1 FROM corpus_pending p "
                "WHERE p.document_id = m.document_id)"
            )
        )
        return {(document, event): corpus for document, event, corpus in rows}


@contextmanager
def _connected(url: str) -> Iterator[sa.Connection]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_hostile_two_ingests_on_postgresql_killed_at_random_store_each_report_once(
    tmp_path, postgres_schema_url
):
    url = postgres_schema_url
    reports = sample_reports(tmp_path / "reports", 1 + 3 * WRITER_ROUNDS)
    started = time.monotonic()
    first = ingest([reports[0]], url)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    duration = time.monotonic() - started
    chance = random.Random(SEED)
    killed = 0
    kept: dict[tuple[str, str], str] = {}
    for turn in range(WRITER_ROUNDS):
        # two writers at once, each with a report of its own and one they both try to add
        shared, own, other = reports[1 + 3 * turn : 4 + 3 * turn]
        writers = [ingest([shared, own], url), ingest([other, shared], url)]
        # each killed at its own random point within the time one report alone took, counted
        # from the round's start (not one after the other: the second would outlive its
        # point on a busy machine and finish)
        begun = time.monotonic()
        points = sorted((chance.uniform(0.2, 0.8) * duration, n) for n in range(len(writers)))
        for point, number in points:
            time.sleep(max(0.0, begun + point - time.monotonic()))
            writers[number].send_signal(signal.SIGKILL)
        for writer in writers:
            writer.communicate(timeout=60)
            killed += writer.returncode == -signal.SIGKILL
        # what is merged stays merged, in the corpus event it was merged into
        now = _mapping(url)
        assert {key: now.get(key) for key in kept} == kept
        kept = now
    assert killed >= KILLED_RUNS, f"only {killed} runs were still going when killed"
    # both again, at once, to the end: what the kills interrupted is done now, once
    finals = [ingest([tmp_path / "reports"], url) for _ in range(2)]
    for final in finals:
        _out, err = final.communicate(timeout=300)
        assert final.returncode == 0, err
        assert all(NUMBERED.match(line) for line in err.splitlines()), err

    expected: dict[tuple[str, str], int] = {}
    mergeable = 0
    for extraction in extract_many(iter_documents(reports, on_error=pytest.fail)):
        name = Path(extraction.document.source).name
        for table in ("events", "counts", "stances", "places"):
            expected[(name, table)] = len(getattr(extraction, table))
        mergeable += sum(
            1 for e in extraction.events if e.type and e.aux not in ("negated", "hypothetical")
        )
    with _connected(url) as connection:
        ids = list(connection.execute(sa.text("SELECT id FROM documents")).scalars())
        assert len(ids) == len(set(ids)) == len(reports)
        found = {}
        for table in ("events", "counts", "stances", "places"):
            query = (
                f"SELECT d.source, count(r.document_id) FROM documents d "
                f"LEFT JOIN {table} r ON r.document_id = d.id GROUP BY d.id, d.source"
            )
            for source, rows in connection.execute(sa.text(query)):
                found[(Path(source).name, table)] = rows
        assert found == expected
        # every document merged, every event in one corpus event, each event's profile
        # made of its mentions, and no corpus event without any
        for table in ("corpus_pending", "corpus_stale"):
            assert connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0
        mentions = dict(
            connection.execute(
                sa.text("SELECT corpus_event, count(*) FROM corpus_mentions GROUP BY corpus_event")
            ).all()
        )
        assert sum(mentions.values()) == mergeable
        profiles = {
            event: json.loads(profile)["count"]
            for event, profile in connection.execute(
                sa.text("SELECT id, profile FROM corpus_events")
            )
        }
        assert profiles == mentions
        stories = connection.execute(sa.text("SELECT count(*) FROM stories")).scalar()
        assert stories == len(reports)
    final = _mapping(url)
    assert {key: final.get(key) for key in kept} == kept
    # and reading it changes nothing
    exported = subprocess.run(
        [*QUIPU, "export", "--merged", "--db", url], capture_output=True, text=True, timeout=120
    )
    assert exported.returncode == 0, exported.stderr
    assert _mapping(url) == final


@pytest.fixture(scope="module")
def stored_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A store holding one sample report, and two more reports to add to it."""
    folder = tmp_path_factory.mktemp("stored")
    reports = sample_reports(folder / "reports", 3)
    db = folder / "quipu.db"
    process = ingest([reports[0]], db)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return db, reports[1:]


@pytest.fixture
def stored(stored_once: tuple[Path, list[Path]], tmp_path: Path) -> tuple[Path, list[Path]]:
    """A copy of `stored_once`'s store, for one test to try to write."""
    db, reports = stored_once
    copy = tmp_path / "store" / "quipu.db"
    copy.parent.mkdir()
    shutil.copy(db, copy)
    return copy, reports


def test_hostile_full_disk_is_a_numbered_error_and_the_store_is_as_it_was(stored):
    db, reports = stored
    before = fingerprint(db)
    limit = db.stat().st_size

    def small_disk() -> None:
        # Writing past the limit fails with EFBIG, as on a full disk, rather than killing
        # the process with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = ingest(reports, db, preexec=small_disk)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "Traceback" not in err
    assert any(line.startswith("quipu: E202 ") for line in err.splitlines()), err
    assert all(NUMBERED.match(line) for line in err.splitlines()), err
    assert integrity(db) == "ok"
    assert fingerprint(db) == before


def test_hostile_read_only_store_is_a_numbered_error_and_the_store_is_as_it_was(stored):
    db, reports = stored
    before = fingerprint(db)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        process = ingest(reports, db, preexec=obeying_file_modes)
        _, err = process.communicate(timeout=120)
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert process.returncode == 1, err
    assert "Traceback" not in err
    assert all(NUMBERED.match(line) for line in err.splitlines()), err
    assert any(line.startswith(("quipu: E201 ", "quipu: E202 ")) for line in err.splitlines())
    assert "readonly" in err or "read-only" in err or "read only" in err, err
    assert integrity(db) == "ok"
    assert fingerprint(db) == before


def obeying_file_modes() -> None:
    """Run the command as root without CAP_DAC_OVERRIDE, so that file modes bind it too (CI
    runs as root); for any other user they bind already."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    # prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE): the command exec'd next lacks it
    if libc.prctl(24, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")
