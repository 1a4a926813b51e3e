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

__all__ = [
    "DEFAULT_URL",
    "MEMORY_URL",
    "EventQuery",
    "MemoryStore",
    "SqlStore",
    "Store",
    "open_store",
]

DEFAULT_URL = "sqlite:///quipu.db"
MEMORY_URL = "memory://"


def open_store(url: str) -> Store:
    """Open the store at `url`, upgrading its schema if it is older than this Quipu.

    Args:
        url: `memory://` for a MemoryStore; `sqlite:///PATH` or `postgresql://...` for a
            SqlStore (see `SqlStore`).

    Returns:
        The open store; close it, or use it as a context manager.

    Raises:
        StoreError: E201 if the database cannot be opened, E203 if it is newer than this
            Quipu.
    """
    if url == MEMORY_URL:
        return MemoryStore()
    return SqlStore(url)
