"""What a store URL names, and opening a store without creating or taking over a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quipu.errors import StoreError
from quipu.store import MEMORY_URL, MemoryStore, in_memory, open_store, sqlite_file, store_name


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("memory://", True),
        ("sqlite://", True),
        ("sqlite:///:memory:", True),
        ("sqlite:///file:x?mode=memory&uri=true", True),
        ("sqlite:///quipu.db", False),
        ("sqlite:////srv/quipu/crisis.db", False),
        ("postgresql://quipu@localhost/quipu", False),
        ("not a url", False),
    ],
)
def test_urls_in_memory_tells_stores_that_keep_nothing(url: str, expected: bool) -> None:
    assert in_memory(url) is expected


def test_urls_name_a_store_by_its_file_name_only() -> None:
    assert store_name("sqlite:////srv/private/crisis.db") == "crisis.db"
    assert store_name("sqlite:///quipu.db") == "quipu.db"
    assert store_name("postgresql+psycopg://user:secret@db.example/quipu") == (
        "postgresql database quipu"
    )
    assert store_name(MEMORY_URL) == store_name("sqlite://") == "memory"
    assert MemoryStore.url == MEMORY_URL


def test_urls_sqlite_file_is_the_path_a_url_names() -> None:
    assert sqlite_file("sqlite:///quipu.db") == Path("quipu.db")
    assert sqlite_file("sqlite:////srv/x.db") == Path("/srv/x.db")
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("postgresql://quipu@localhost/quipu") is None


def test_urls_reading_a_missing_file_is_e208_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match=r"^E208 no database at ") as caught:
        open_store(f"sqlite:///{path}", create=False)
    assert str(path) in str(caught.value)
    assert not path.exists()


def test_urls_reading_a_sqlite_file_of_another_program_is_e209_and_leaves_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    for create in (False, True):  # neither reading nor ingesting takes it over
        with pytest.raises(StoreError, match=r"^E209 .*other\.db is not a Quipu database"):
            open_store(f"sqlite:///{path}", create=create)
    assert path.read_bytes() == before


def test_urls_an_empty_file_is_a_new_store_only_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match=r"^E209 "):
        open_store(f"sqlite:///{path}", create=False)
    with open_store(f"sqlite:///{path}") as store:
        assert store.documents() == []
    with open_store(f"sqlite:///{path}", create=False) as store:  # now a Quipu database
        assert store.documents() == []


def test_urls_writing_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.documents() == []
    assert path.is_file()
