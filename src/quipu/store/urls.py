"""What a store URL names: a SQLite file, a database in memory, or a PostgreSQL database.

Commands that only read must not turn a mistyped `--db` into a new, empty database, and a
store that lives in memory keeps nothing once the process ends; these helpers let the
caller tell such URLs apart before anything is opened, and name a store in messages.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.request import pathname2url

import sqlalchemy as sa

from quipu.errors import Errors, StoreError

MEMORY_URL = "memory://"
# The table every Quipu database has from its first migration on (`migrations/`).
_QUIPU_TABLE = "quipu_migrations"


def _parsed(url: str) -> sa.URL | None:
    try:
        return sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None  # not a URL: opening it says so (E201)


def in_memory(url: str) -> bool:
    """Whether the store at `url` lives in memory: empty when opened, gone when closed.

    True for `memory://`, `sqlite://`, `sqlite:///:memory:` and SQLite URI names opened
    with `mode=memory`.
    """
    if url == MEMORY_URL:
        return True
    parsed = _parsed(url)
    if parsed is None or parsed.get_backend_name() != "sqlite":
        return False
    return parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"


def sqlite_file(url: str) -> Path | None:
    """The file a `sqlite:///PATH` URL names (`~` expanded), or None for any other store."""
    parsed = _parsed(url)
    if parsed is None or parsed.get_backend_name() != "sqlite" or in_memory(url):
        return None
    if parsed.query.get("uri") == "true" or not parsed.database:
        return None  # a SQLite URI name (file:…?mode=…) is not a plain path
    return Path(parsed.database).expanduser()


def store_name(url: str) -> str:
    """A store's short name for messages and pages: the SQLite file's name (not the folders
    it lies in, as documents show only their file name), the PostgreSQL database's name, or
    "memory"."""
    if in_memory(url):
        return "memory"
    path = sqlite_file(url)
    if path is not None:
        return path.name
    parsed = _parsed(url)
    if parsed is not None and parsed.database:
        return f"{parsed.get_backend_name()} database {parsed.database}"
    return "the store"


def check_existing(url: str, *, create: bool) -> None:
    """Refuse, before opening, a SQLite file that opening would wrongly create or take over.

    Args:
        url: a store URL; only `sqlite:///PATH` URLs are checked.
        create: whether a missing (or empty, 0-byte) file may become a new store.

    Raises:
        StoreError: E208 if the file does not exist and may not be created, E209 if it is
            not a Quipu database (another program's, or an empty file that is only read):
            opening it would add Quipu's tables. Nothing is written.
    """
    path = sqlite_file(url)
    if path is None:
        return
    if not path.exists():
        if create:
            return
        raise StoreError(Errors.E208.format(path=path.resolve()))
    if not path.is_file() or (create and path.stat().st_size == 0):
        return  # a folder is reported by SQLite when opened (E201); an empty file is new
    try:
        # read only, so that looking cannot create or change anything
        reading = sqlite3.connect(f"file:{pathname2url(str(path))}?mode=ro", uri=True)
        with closing(reading) as connection:
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_QUIPU_TABLE,)
            ).fetchone()
    except sqlite3.Error:
        return  # not a database, locked, unreadable: opening it reports that (E201)
    if found is None:
        raise StoreError(Errors.E209.format(path=path.resolve()))
