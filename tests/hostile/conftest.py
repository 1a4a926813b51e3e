"""Fixtures of the bad-input suite (helpers in `hostile.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import Run, seed_extraction
from quipu.cli import main
from quipu.nlp import PIPELINE_VERSION
from quipu.store import open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite store holding the seed document and its records."""
    path = tmp_path / "store" / "quipu.db"
    path.parent.mkdir()
    with open_store(f"sqlite:///{path}") as store:
        store.add(seed_extraction(), pipeline_version=PIPELINE_VERSION)
    return path


@pytest.fixture
def db(db_path: Path) -> str:
    """The URL of the seeded store."""
    return f"sqlite:///{db_path}"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `quipu ARGS…` in-process; usage errors (argparse's exit 2) come back as a Run."""

    def run(*argv: str) -> Run:
        try:
            code = main(list(argv))
        except SystemExit as exit_info:
            code = int(exit_info.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return Run(code, out, err)

    return run
