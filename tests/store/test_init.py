"""open_store picks the backend from the URL."""

from __future__ import annotations

import pytest

import quipu.store
from quipu.errors import StoreError
from quipu.store import MemoryStore, SqlStore, open_store


def test_init_open_store_memory_gives_the_twin() -> None:
    with open_store("memory://") as store:
        assert isinstance(store, MemoryStore)


def test_init_open_store_sqlite_gives_a_sql_store(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        assert isinstance(store, SqlStore)
        assert store.documents() == []


def test_init_open_store_bad_url_raises_e201() -> None:
    with pytest.raises(StoreError, match=r"^E201 "):
        open_store("memory")


def test_init_all_names_the_public_api() -> None:
    # The order of __all__ is ruff's (RUF022); what matters here is that it is complete.
    expected = {"DEFAULT_URL", "MEMORY_URL", "EventQuery", "MemoryStore", "SqlStore", "Store"}
    helpers = {"in_memory", "open_store", "sqlite_file", "store_name"}

    assert set(quipu.store.__all__) == expected | helpers
    assert all(hasattr(quipu.store, name) for name in quipu.store.__all__)
