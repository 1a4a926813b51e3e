"""Schema migrations: applied once, in order, atomically, and never downgraded."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from quipu.errors import StoreError
from quipu.store import SqlStore, migrations
from quipu.store.migrations import Migration
from quipu.store.schema import SCHEMA_VERSION, metadata, migrations_table


def _recorded(url: str) -> list[tuple[int, str, dt.datetime]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            statement = sa.select(migrations_table).order_by(migrations_table.c.version)
            return [tuple(row) for row in connection.execute(statement)]  # type: ignore[misc]
    finally:
        engine.dispose()


def test_migrations_discover_numbered_modules_in_order() -> None:
    found = migrations.discover()

    assert [migration.version for migration in found] == list(range(1, SCHEMA_VERSION + 1))
    assert found[0].name == "initial"


def test_migrations_build_the_schema_the_store_queries(sqlite_url: str) -> None:
    SqlStore(sqlite_url).close()
    engine = sa.create_engine(sqlite_url)
    try:
        inspector = sa.inspect(engine)
        built = {
            name: {column["name"] for column in inspector.get_columns(name)}
            for name in inspector.get_table_names()
        }
    finally:
        engine.dispose()

    expected = {
        table.name: {column.name for column in table.columns} for table in metadata.sorted_tables
    }
    assert built == expected


def test_migrations_recorded_once_and_not_rerun_on_reopen(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    SqlStore(sqlite_url).close()
    first = _recorded(sqlite_url)
    calls: list[int] = []
    known = migrations.discover()
    counted = [
        Migration(m.version, m.name, lambda connection, v=m.version: calls.append(v)) for m in known
    ]
    monkeypatch.setattr(migrations, "discover", lambda: counted)

    SqlStore(sqlite_url).close()

    assert [(version, name) for version, name, _ in first] == [
        (1, "initial"),
        (2, "corpus"),
        (3, "feed_entries"),
        (4, "merge_overrides"),
        (5, "corpus_index"),
    ]
    assert _recorded(sqlite_url) == first
    assert calls == []


def test_migrations_refuse_a_newer_database(sqlite_url: str) -> None:
    SqlStore(sqlite_url).close()
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as connection:
        row = {"version": 999, "name": "from the future", "applied_at": dt.datetime.now(dt.UTC)}
        connection.execute(sa.insert(migrations_table), [row])
    engine.dispose()

    with pytest.raises(
        StoreError, match=rf"^E203 .* schema version 999, newer .*\({SCHEMA_VERSION}\)$"
    ):
        SqlStore(sqlite_url)


def test_migrations_failed_upgrade_keeps_nothing_of_itself(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    SqlStore(sqlite_url).close()

    def half_done(connection: sa.Connection) -> None:
        table = sa.Table("half_done", sa.MetaData(), sa.Column("x", sa.Integer))
        table.create(connection)
        # Creating `documents` again fails after `half_done` exists.
        sa.Table("documents", sa.MetaData(), sa.Column("x", sa.Integer)).create(connection)

    known = migrations.discover()
    monkeypatch.setattr(
        migrations,
        "discover",
        lambda: [*known, Migration(SCHEMA_VERSION + 1, "half_done", half_done)],
    )

    with pytest.raises(
        StoreError, match=rf"^E207 .* schema version {SCHEMA_VERSION + 1} \(half_done\): "
    ):
        SqlStore(sqlite_url)

    engine = sa.create_engine(sqlite_url)
    try:
        assert "half_done" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert [version for version, _, _ in _recorded(sqlite_url)] == list(
        range(1, SCHEMA_VERSION + 1)
    )
