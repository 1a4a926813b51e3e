"""The in-memory twin answers exactly as the SQLite store does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quipu.records import Extraction
from quipu.store import EventQuery, MemoryStore, SqlStore


def _without_ingest_time(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in document.items() if k != "ingested_at"} for document in documents]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_memory_answers_like_sqlite(
    data: st.DataObject,
    named_extraction: st.SearchStrategy[Extraction],
    any_event_query: st.SearchStrategy[EventQuery],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    extractions = data.draw(st.lists(named_extraction, max_size=4))
    queries = data.draw(st.lists(any_event_query, min_size=1, max_size=6))
    url = f"sqlite:///{tmp_path_factory.mktemp('twin')}/quipu.db"

    with MemoryStore() as memory, SqlStore(url) as sql:
        for extraction in extractions:
            added = memory.add(extraction, pipeline_version="0.1.0")
            assert sql.add(extraction, pipeline_version="0.1.0") is added
        for query in queries:
            assert memory.events(query) == sql.events(query), query
        assert memory.counts() == sql.counts()
        assert memory.stances() == sql.stances()
        assert list(memory.extractions()) == list(sql.extractions())
        assert _without_ingest_time(memory.documents()) == _without_ingest_time(sql.documents())
