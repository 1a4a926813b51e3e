"""Bad command-line options: numbers out of range, impossible dates and times, markup,
files that are not stores, outputs that cannot be written.

A usage error exits 2 with one line (argparse's `error:` line for a value of the wrong
form, a numbered E301 for one of the right form that makes no sense); a store that is not
one is E201; nothing stored before changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hostile import REPORT, assert_numbered, fingerprint

# (arguments after the command, exit code, the error's number or None for argparse's line)
CASES = [
    (["ingest", "{report}", "--max-mb", "inf"], 2, "E301"),
    (["ingest", "{report}", "--max-mb", "1e400"], 2, "E301"),
    (["ingest", "{report}", "--max-mb", "nan"], 2, "E301"),
    (["ingest", "{report}", "--max-mb", "-1"], 2, "E301"),
    (["ingest", "{report}", "--max-mb", "0"], 2, "E301"),
    (["ingest", "{report}", "--max-mb", "five"], 2, None),
    (["ingest", "{report}", "--language", "klingon"], 2, None),
    (["ingest", "{tmp}/nowhere/*.md"], 1, "E010"),
    (["ingest", "{tmp}/../{tmp_name}/nowhere.md"], 1, "E001"),
    (["events", "--limit", "9" * 30], 0, None),
    (["events", "--limit", "0"], 2, None),
    (["events", "--limit", "-5"], 2, None),
    (["events", "--since", "99999-01-01"], 2, None),
    (["events", "--since", "-0001-01-01"], 2, None),
    (["events", "--until", "2023-02-30"], 2, None),
    (["events", "--type", "<script>alert(1)</script>"], 2, None),
    (["events", "--actor", "%_'; drop table events;--\x1b[31m"], 0, None),
    (["export", "--since", "0001-01-01T00:00:00+14:00"], 0, None),
    (["export", "--since", "9999-12-31T23:59:59-14:00"], 0, None),
    (["export", "--since", "99999-01-01"], 2, "E301"),
    (["export", "--since", "1e400"], 2, "E301"),
    (["export", "--output", "/dev/full"], 2, "E301"),
    (["export", "--output", "{tmp}"], 2, "E301"),
    (["export", "--format", "exe"], 2, None),
    (["tally", "--place", "\x00\x00", "--source", "<b>"], 0, None),
    (["stances", "--level", "<script>"], 2, None),
    (["serve", "--port", "99999"], 2, None),
    (["serve", "--port", "-1"], 2, None),
]


@pytest.mark.parametrize(
    ("argv", "code", "error"), CASES, ids=[" ".join(argv)[:60] for argv, _, _ in CASES]
)
def test_hostile_option_is_one_line_and_changes_nothing(
    argv, code, error, cli, db, db_path, tmp_path
):
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    values = {"report": str(report), "tmp": str(tmp_path), "tmp_name": tmp_path.name}
    arguments = [part.format(**values) for part in argv]
    before = fingerprint(db_path)
    run = cli(*arguments[:1], "--db", db, *arguments[1:])
    assert run.code == code, run.err
    if error is not None:
        assert_numbered(run, error)
    elif code == 2:
        # argparse's usage line, then its one-line error
        assert run.messages[-1].startswith(f"quipu {arguments[0]}: error: "), run.err
    assert fingerprint(db_path) == before


@pytest.mark.parametrize(
    "target", ["report.md", "../{tmp_name}/report.md", "image.png", "folder"], ids=str
)
def test_hostile_db_that_is_not_a_store_is_e201_and_untouched(target, cli, tmp_path):
    (tmp_path / "report.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "folder").mkdir()
    path = tmp_path / target.format(tmp_name=tmp_path.name)
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    run = cli("ingest", str(tmp_path / "report.md"), "--db", f"sqlite:///{path}")
    assert run.code == 1, run.err
    assert_numbered(run, "E201")
    if before is not None:
        assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == before
