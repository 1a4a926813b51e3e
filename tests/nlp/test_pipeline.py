"""The pipeline (quipu.nlp): stages registered in one place, in order, and `extract` and
`extract_many` end to end."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from spacy.tokens.underscore import Underscore

from quipu.errors import PipelineError
from quipu.nlp import STAGES, ActorDirectory, build_pipeline, extract, extract_many
from quipu.records import Document


def test_pipeline_stages_registered_in_declared_order(nlp) -> None:
    declared = [name for name, *_ in STAGES]
    ours = [name for name in nlp.pipe_names if name.startswith("quipu_")]
    assert ours == ["quipu_paragraphs", *declared]


def test_pipeline_stages_run_after_the_recognizer(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("quipu_paragraphs") < names.index("parser")
    first_stage = names.index(STAGES[0][0])
    assert first_stage > names.index("ner")
    assert first_stage > names.index("lemmatizer")


def test_pipeline_requires_and_assigns_recorded_by_spacy(nlp) -> None:
    for name, _, requires, assigns in STAGES:
        meta = nlp.get_pipe_meta(name)
        assert (list(meta.requires), list(meta.assigns)) == (list(requires), list(assigns)), name


def test_pipeline_every_requirement_is_assigned_earlier(nlp) -> None:
    # What a stage reads is set by spaCy's own components, the caller, or an earlier stage.
    available = {
        *("doc.ents", "doc.sents", "token.dep", "token.pos"),
        *("doc._.document_id", "doc._.published", "doc._.directory", "doc._.gazetteer"),
        "doc._.opening",  # set by the caller for the later chunks of a long document
    }
    for name, _, requires, assigns in STAGES:
        assert set(requires) <= available, name
        available |= set(assigns)


def test_pipeline_stages_read_only_what_they_require(nlp, monkeypatch) -> None:
    # a stage reads from the Doc what it declares it requires, or what it assigns itself
    reads: dict[str, set[str]] = {}
    stage: list[str] = []
    read = Underscore.__getattr__

    def spy(underscore: Underscore, name: str) -> object:
        if stage and not name.startswith("_"):
            reads.setdefault(stage[-1], set()).add(f"doc._.{name}")
        return read(underscore, name)

    monkeypatch.setattr(Underscore, "__getattr__", spy)
    doc = nlp.make_doc(
        "LIMA, Dec. 12 - Police arrested 20 protesters in Lima on Monday, the ombudsman said. "
        '"We will not stop," said Ana Pérez, as at least seven people were killed in clashes.'
    )
    doc._.document_id, doc._.published = "d1", dt.date(2022, 12, 13)
    for name, component in nlp.pipeline:
        stage.append(name)
        doc = component(doc)
    assert doc._.events
    for name, _, requires, assigns in STAGES:
        assert reads.get(name, set()) <= {*requires, *assigns}, name


def test_pipeline_paragraph_stage_assigns_sentence_starts(nlp) -> None:
    assert nlp.get_pipe_meta("quipu_paragraphs").assigns == ["token.is_sent_start"]
    doc = nlp("Police arrested protesters\n\nin Lima on Monday.")
    sentences = [sent.text.strip() for sent in doc.sents]
    assert "in Lima on Monday." in sentences


def test_pipeline_is_built_once(nlp) -> None:
    assert build_pipeline("en") is nlp


def test_pipeline_unsupported_language() -> None:
    with pytest.raises(PipelineError, match="E102"):
        build_pipeline("xx")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Hello.", "The weather was mild."])
def test_pipeline_extract_without_content_is_empty(extract_text, text: str) -> None:
    extraction = extract_text(text)
    assert (extraction.events, extraction.counts, extraction.stances, extraction.places) == (
        [],
        [],
        [],
        [],
    )


def test_pipeline_extract_unknown_language_is_skipped_with_a_warning(nlp) -> None:
    document = Document(
        text="Police arrested 12 protesters in Lima on Monday.", source="t", language="fr"
    )
    with pytest.warns(UserWarning, match=r"^W007 t: no pipeline for language 'fr'"):
        extraction = extract(document)
    assert extraction.events == []
    assert extraction.document is document


def test_pipeline_extract_without_publication_date(extract_text) -> None:
    extraction = extract_text("Police arrested 12 protesters in Lima.", published=None)
    [event] = extraction.events
    assert event.date is None
    assert event.arrests is not None and event.arrests.best == 12


def test_pipeline_extraction_is_one_json_line(extract_text) -> None:
    extraction = extract_text(
        "Police arrested 12 protesters in Lima on Monday. "
        "Mexico and Bolivia expressed support for Pedro Castillo. "
        "So far, 18 people have died in the unrest."
    )
    record = json.loads(json.dumps(extraction.to_dict()))
    assert set(record) == {"document", "events", "counts", "stances", "places"}
    assert record["document"]["published"] == "2022-12-14"
    event = record["events"][0]
    assert event["date"] == {"start": "2022-12-12", "end": "2022-12-12", "precision": 1}
    assert event["evidence"]["sentence"] == "Police arrested 12 protesters in Lima on Monday."
    assert {s["polarity"] for s in record["stances"]} == {"support"}
    assert [c["kind"] for c in record["counts"] if c["best"] == 18] == ["killed"]


def test_pipeline_spanish_sentence_yields_an_event(extract_text) -> None:
    nlp_es = build_pipeline("es")
    assert nlp_es.lang == "es"
    assert [name for name, *_ in STAGES] == [
        name
        for name in nlp_es.pipe_names
        if name.startswith("quipu_") and name != "quipu_paragraphs"
    ]
    extraction = extract_text(
        "La policía detuvo a 12 manifestantes en Lima el lunes.", language="es"
    )
    event = next(e for e in extraction.events if e.type == "COERCE")
    assert event.mode == "arrest"
    assert event.actor is not None and event.actor.sector == "COP"
    assert event.recipient is not None and event.recipient.sector == "PRO"
    assert event.arrests is not None and event.arrests.best == 12
    # Published on Wednesday 14 December 2022: "el lunes" is the 12th.
    assert event.date is not None and event.date.start == dt.date(2022, 12, 12)
    assert [(p.text, p.place.country) for p in extraction.places] == [("Lima", "PER")]


_MIXED = [
    ("Police arrested 12 protesters in Lima on Monday.", "en"),
    ("La policía detuvo a 12 manifestantes en Lima el lunes.", "es"),
    ("Mexico and Bolivia expressed support for Pedro Castillo.", "en"),
    ("Los manifestantes bloquearon la carretera en Puno el martes.", "es"),
    ("So far, 18 people have died in the unrest.", "en"),
]


def _document(text: str, language: str) -> Document:
    return Document(
        text=text, source="tests/nlp.txt", published=dt.date(2022, 12, 14), language=language
    )


def _records(extractions) -> list[str]:
    return [json.dumps(extraction.to_dict(), sort_keys=True) for extraction in extractions]


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_pipeline_extract_many_matches_extract_in_order(nlp, batch_size: int) -> None:
    documents = [_document(text, language) for text, language in _MIXED]
    directory = ActorDirectory()
    one_by_one = [extract(document, directory=directory) for document in documents]
    batched = list(extract_many(documents, directory=directory, batch_size=batch_size))
    assert [extraction.document for extraction in batched] == documents
    assert _records(batched) == _records(one_by_one)
    assert any(extraction.events for extraction in batched)


def test_pipeline_extract_many_reads_lazily(nlp) -> None:
    documents = (_document(text, language) for text, language in _MIXED)
    first = next(extract_many(documents, directory=ActorDirectory(), batch_size=2))
    assert first.document.text == _MIXED[0][0]
    assert [document.text for document in documents] == [text for text, _ in _MIXED[2:]]


def test_pipeline_extract_many_of_nothing_is_nothing() -> None:
    assert list(extract_many([])) == []
