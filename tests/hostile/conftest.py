"""Fixtures of the bad-input suite (helpers in `hostile.py`)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

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


POSTGRES_URL = os.environ.get(
    "QUIPU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL of the PostgreSQL server at QUIPU_TEST_POSTGRES_URL whose tables land in a new
    schema, dropped with them afterwards; skipped (failed in CI) if the server is not there."""
    engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"quipu_crash_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as connection:
            connection.execute(sa.schema.CreateSchema(schema))
    except (sa.exc.SQLAlchemyError, ImportError) as error:
        engine.dispose()
        shown = sa.make_url(POSTGRES_URL).render_as_string(hide_password=True)
        reason = f"PostgreSQL at {shown} is unreachable: {error.__class__.__name__}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this may not be skipped)")
        pytest.skip(reason)
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.schema.DropSchema(schema, cascade=True))
        engine.dispose()
