"""The user's corrections of the merge and why mentions were merged (quipu.corpus.corrections):
split and join kept in the store, through later ingests and extracting again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from quipu.corpus import corrections
from quipu.corpus.view import read_corpus
from quipu.errors import StoreError
from quipu.records import Actor, DateSpan, Document, Event, Evidence, Extraction, Place
from quipu.store import MemoryStore, SqlStore, Store

JULIACA = Place("Juliaca", "PER", "Puno", None, -15.5, -70.13, 1)
TOLD = {
    "wire": "Police fired on protesters near the airport in Juliaca on Monday, the ombudsman said.",
    "radio": "La policía disparó contra manifestantes en Juliaca el lunes, dijo la Defensoría.",
    "local": "Officers opened fire on a crowd at Juliaca airport on Monday, witnesses said.",
}


def report(outlet: str, *, day: int = 10) -> Extraction:
    text = TOLD[outlet]
    document = Document(
        text=text, source=f"{outlet}.txt", outlet=outlet, published=dt.date(2023, 1, day)
    )
    event = Event(
        id=f"{document.id}-e1",
        type="ASSAULT",
        evidence=Evidence(text, 0, len(text)),
        actor=Actor(text="Police", name="police", sector="COP"),
        recipient=Actor(text="protesters", name="protesters", sector="PRO"),
        place=JULIACA,
        date=DateSpan(dt.date(2023, 1, 9), dt.date(2023, 1, 9), 1),
    )
    return Extraction(document=document, events=[event])


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store = (
        MemoryStore()
        if request.param == "memory"
        else SqlStore(f"sqlite:///{tmp_path / 'quipu.db'}")
    )
    with opened:
        yield opened


def shape(store: Store) -> list[list[str]]:
    """Each corpus event's outlets, in order."""
    return [[m.outlet or "" for m in event.mentions] for event in read_corpus(store).events]


def test_corrections_a_split_mention_stays_out_through_reprocess_and_new_reports(
    store: Store,
) -> None:
    for outlet in ("wire", "radio"):
        store.add(report(outlet), pipeline_version="0.1.0")
    (clash,) = read_corpus(store).events
    radio = clash.mentions[1]
    assert radio.outlet == "radio"
    new_id = corrections.split(store, clash.id, radio.event_id)
    assert shape(store) == [["wire"], ["radio"]]
    assert [e.id for e in read_corpus(store).events] == [clash.id, new_id]
    # extracted again (`quipu reprocess`), its events are merged anew: the split holds
    assert store.replace(report("radio"), pipeline_version="0.2.0")
    assert shape(store) == [["wire"], ["radio"]]
    # ingesting the same report again changes nothing; a new report joins the wire's
    assert not store.add(report("radio"), pipeline_version="0.2.0")
    store.add(report("local", day=11), pipeline_version="0.2.0")
    corpus = read_corpus(store)
    assert [[m.outlet for m in e.mentions] for e in corpus.events] == [
        ["wire", "local"],
        ["radio"],
    ]
    assert [c.kind for c in store.merge_overrides()] == ["split"]


def test_corrections_a_join_holds_when_both_reports_are_extracted_again(store: Store) -> None:
    store.add(report("wire"), pipeline_version="0.1.0")
    store.add(report("radio", day=10), pipeline_version="0.1.0")
    (clash,) = read_corpus(store).events
    new_id = corrections.split(store, clash.id, clash.mentions[1].event_id)
    assert len(read_corpus(store).events) == 2
    corrections.join(store, clash.id, new_id)
    assert shape(store) == [["wire", "radio"]]
    for outlet in ("wire", "radio"):
        assert store.replace(report(outlet), pipeline_version="0.2.0")
    assert shape(store) == [["wire", "radio"]]
    assert [c.kind for c in store.merge_overrides()] == ["split", "join"]


def test_corrections_name_what_is_wrong_in_one_numbered_line(store: Store) -> None:
    for outlet in ("wire", "radio"):
        store.add(report(outlet), pipeline_version="0.1.0")
    (clash,) = read_corpus(store).events
    with pytest.raises(StoreError, match=r"^E210 no corpus event c99 "):
        corrections.split(store, "c99", clash.mentions[0].event_id)
    with pytest.raises(
        StoreError, match=rf"^E211 nope is not a mention of corpus event {clash.id} "
    ):
        corrections.split(store, clash.id, "nope")
    with pytest.raises(StoreError, match=rf"^E213 cannot join corpus event {clash.id} with itself"):
        corrections.join(store, clash.id, clash.id)
    new_id = corrections.split(store, clash.id, clash.mentions[1].event_id)
    with pytest.raises(StoreError, match=rf"^E212 corpus event {new_id} has one mention only"):
        corrections.split(store, new_id, clash.mentions[1].event_id)
    for error in ("E210", "E211", "E212", "E213"):
        assert "\n" not in getattr(corrections.Errors, error)
    assert [c.kind for c in store.merge_overrides()] == ["split"]


def test_corrections_explain_gives_each_mention_its_features_and_the_corrections(
    store: Store,
) -> None:
    for outlet in ("wire", "radio", "local"):
        store.add(report(outlet), pipeline_version="0.1.0")
    (clash,) = read_corpus(store).events
    corrections.split(store, clash.id, clash.mentions[2].event_id)
    event = corrections.find_event(read_corpus(store), clash.mentions[1].event_id, url="x")
    assert event.id == clash.id
    explanation = corrections.explain(event, corrections=store.merge_overrides())
    first, second = explanation.to_dict()["mentions"]
    assert first["how"] == "first" and first["features"] is None
    assert second["how"] == "compared"
    features = second["features"]
    assert features["actor"] == features["recipient"] == 1.0 and features["place"] == 1.0
    assert features["score"] >= explanation.threshold and features["veto"] is None
    assert [c["kind"] for c in explanation.to_dict()["corrections"]] == ["split"]
    text = corrections.format_explanation(explanation)
    assert f"corpus event {clash.id}: 2 mentions, 2 independent sources" in text
    assert "joined on its features" in text and "actor +1" in text
    assert f"correction: merge split {clash.id} {clash.mentions[2].event_id}" in text
