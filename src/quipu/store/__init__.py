"""Where documents and their records are kept: SQLite, PostgreSQL or memory.

with open_store("sqlite:///quipu.db") as store:
    store.add(extraction, pipeline_version="0.1.0")
    for event in store.events(EventQuery(type="PROTEST")):
        ...
"""

from __future__ import annotations

from quipu.store.base import EventQuery, Store
from quipu.store.memory import MemoryStore
from quipu.store.sql import SqlStore
from quipu.store.urls import MEMORY_URL, check_existing, in_memory, sqlite_file, store_name

__all__ = [
    "DEFAULT_URL",
    "MEMORY_URL",
    "EventQuery",
    "MemoryStore",
    "SqlStore",
    "Store",
    "in_memory",
    "open_store",
    "sqlite_file",
    "store_name",
]

# In the folder a command runs in; `quipu` reads $QUIPU_DB first (see cli.py).
DEFAULT_URL = "sqlite:///quipu.db"


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the store at `url`, upgrading its schema if it is older than this Quipu.

    Args:
        url: `memory://` for a MemoryStore; `sqlite:///PATH` or `postgresql://...` for a
            SqlStore (see `SqlStore`).
        create: whether a SQLite file that does not exist yet may be created. Commands that
            only read pass False, so that a mistyped path is an error, not an empty store.

    Returns:
        The open store; close it, or use it as a context manager.

    Raises:
        StoreError: E201 if the database cannot be opened, E203 if it is newer than this
            Quipu, E208 if the SQLite file does not exist and `create` is False, E209 if
            the file is not a Quipu database (nothing is written then).
    """
    if url == MEMORY_URL:
        return MemoryStore()
    check_existing(url, create=create)
    return SqlStore(url)
