"""Numbered schema migrations, applied in order when a store opens a database.

Each migration is a module `mNNNN_<name>.py` here with `VERSION` (NNNN as an int), `NAME`
and `upgrade(connection)`, which changes the schema with SQLAlchemy Core. The versions
applied are recorded in `quipu_migrations`, so a migration runs once per database.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from quipu.errors import Errors, StoreError
from quipu.store.base import error_reason
from quipu.store.schema import migrations_table

_MODULE_NAME = re.compile(r"m(\d{4})_\w+")

# Any constant works; it only has to be the same for every Quipu process (see `migrate`).
_POSTGRES_LOCK_KEY = 0x51_55_49_50_55  # "QUIPU"


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: its version, its name and the function that applies it."""

    version: int
    name: str
    upgrade: Callable[[sa.Connection], None]


def discover() -> list[Migration]:
    """Return the migrations of this package, in version order.

    Raises:
        StoreError: E206 if a module lacks VERSION, NAME or upgrade, if its VERSION does
            not match its file name, or if the versions are not 1, 2, 3 ... without gaps.
    """
    migrations = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE_NAME.fullmatch(info.name)
        if match is None:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        version = getattr(module, "VERSION", None)
        name = getattr(module, "NAME", None)
        upgrade = getattr(module, "upgrade", None)
        if version != int(match[1]) or not isinstance(name, str) or not callable(upgrade):
            raise StoreError(
                Errors.E206.format(
                    module=info.name,
                    reason="needs VERSION equal to its number, a NAME and upgrade(connection)",
                )
            )
        migrations.append(Migration(version, name, upgrade))
    migrations.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(
            Errors.E206.format(module=__name__, reason=f"versions {versions} are not 1..n")
        )
    return migrations


def migrate(connection: sa.Connection, *, url: str, migrations: list[Migration]) -> list[int]:
    """Apply the migrations a database has not had yet, recording each one.

    Run it inside one transaction: if any migration fails, none of them is kept.

    Args:
        connection: a connection with a transaction begun.
        url: the database URL as shown in messages (password hidden).
        migrations: all known migrations, in version order.

    Returns:
        The versions applied now (empty if the database was up to date).

    Raises:
        StoreError: E203 if the database is newer than the newest known migration,
            E207 if a migration fails.
    """
    if connection.dialect.name == "postgresql":
        # Two processes opening a new database at once would both create the tables; a
        # transaction-scoped advisory lock makes the second wait and then find them.
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_POSTGRES_LOCK_KEY)))
    migrations_table.create(connection, checkfirst=True)
    applied = set(connection.execute(sa.select(migrations_table.c.version)).scalars())
    known = migrations[-1].version if migrations else 0
    found = max(applied, default=0)
    if found > known:
        raise StoreError(Errors.E203.format(url=url, found=found, known=known))
    done = []
    for migration in migrations:
        if migration.version in applied:
            continue
        try:
            migration.upgrade(connection)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(
                Errors.E207.format(
                    url=url,
                    version=migration.version,
                    name=migration.name,
                    reason=error_reason(error),
                )
            ) from error
        connection.execute(
            sa.insert(migrations_table).values(
                version=migration.version, name=migration.name, applied_at=dt.datetime.now(dt.UTC)
            )
        )
        done.append(migration.version)
    return done
