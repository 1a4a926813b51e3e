"""Progress of long commands: a bar and a closing line on a terminal, nothing elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from quipu import progress
from quipu.cli import main
from quipu.progress import Meter

REPORT = """---
title: Police detain protesters in Lima
date: 2022-12-13
language: en
---
LIMA, Dec 13 (Test Wire) – Police arrested 12 protesters in Lima on Monday.
"""


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=100), buffer


def test_meter_on_a_terminal_ends_with_count_time_and_throughput() -> None:
    console, buffer = _terminal()
    with Meter("ingest", quiet=False, total=3, console=console) as meter:
        for _ in range(3):
            meter.step()
    assert meter.shown and meter.count == 3
    last = buffer.getvalue().strip().splitlines()[-1]  # after the codes that wipe the bar
    assert "ingest: 3 documents in " in last and last.endswith(" documents/s")


def test_meter_quiet_draws_nothing() -> None:
    console, buffer = _terminal()
    with Meter("ingest", quiet=True, console=console) as meter:
        meter.step(2)
    assert not meter.shown and meter.count == 2 and buffer.getvalue() == ""
    assert meter.closing_line().startswith("ingest: 2 documents in ")


def test_meter_off_a_terminal_draws_nothing() -> None:
    assert not progress.shows_progress(io.StringIO(), quiet=False)
    assert not progress.shows_progress(io.StringIO(), quiet=True)


@pytest.mark.parametrize("quiet", [False, True])
def test_cli_ingest_closing_line_only_on_a_terminal_and_not_quiet(
    quiet: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    # stderr is captured, so no terminal: without this nothing would ever be drawn
    monkeypatch.setattr(progress, "shows_progress", lambda stream, *, quiet: not quiet)
    argv = ["ingest", str(report), "--db", f"sqlite:///{tmp_path / 'q.db'}"]
    code = main([*argv, "--quiet"] if quiet else argv)
    out, err = capsys.readouterr()
    assert code == 0
    assert out == "1 document added, 0 already stored, 0 problems\n"  # stdout unchanged
    assert ("ingest: 1 document in " in err) is not quiet


def test_cli_extract_off_a_terminal_keeps_stderr_for_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(report), "--format", "jsonl"]) == 0
    assert capsys.readouterr().err == ""
