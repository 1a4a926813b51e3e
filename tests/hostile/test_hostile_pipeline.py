"""Hostile text as the pipeline meets it: sentences too long to be sentences, words too
long to be words, documents longer than the parser reads."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from quipu.nlp import detector


def test_hostile_length_limit_is_the_pipeline_s(tmp_path):
    """A long text is parsed in chunks no longer than the parser reads."""
    from quipu.nlp import build_pipeline, chunks

    assert build_pipeline("en").max_length >= chunks.CHUNK_CHARACTERS
    assert build_pipeline("es").max_length >= chunks.CHUNK_CHARACTERS


def test_hostile_endless_sentence_is_cut_into_sentences_the_stages_can_afford():
    """The stages' work grows faster than a sentence's length (a 10,000-token one took
    over three minutes): a run of text without a full stop is cut every 400 tokens, and
    one with full stops at its first after 200."""
    from quipu.nlp import build_pipeline, parser_pipes

    nlp = build_pipeline("en")
    endless = "Police arrested 12 protesters in Lima on Monday and " * 200
    stopped = "Protesters marched in Lima on Monday and " * 30 + ". And then they left. " * 20
    with nlp.select_pipes(enable=parser_pipes(nlp, paragraphs=True)):
        for text in (endless, stopped):
            doc = nlp(text)
            assert max(len(sentence) for sentence in doc.sents) <= 400
        assert len(next(iter(nlp(stopped).sents))) < 250


def test_hostile_long_words_reach_the_encoder_cut_and_in_small_batches(monkeypatch):
    """The encoder pads a batch to its longest text: 100 sentences of 10,000-character
    "words" in one batch took 6 GB. It sees at most 64 texts of 1,000 characters at once."""
    batches: list[list[str]] = []

    class Encoder:
        def encode(self, texts: list[str]) -> np.ndarray:
            batches.append(texts)
            return np.ones((len(texts), 512), dtype=np.float32)

    monkeypatch.setattr(detector, "_encoder", lambda: Encoder())
    texts = ["x" * 10_000 + f" {number}" for number in range(150)]
    assert detector.embed(texts).shape == (150, 512)
    assert sum(map(len, batches)) == 150
    assert max(map(len, batches)) <= 64
    assert max(len(text) for batch in batches for text in batch) <= 1000
    assert detector.embed([]).shape == (0, 512)


@pytest.mark.parametrize("language", ["en", "es"])
def test_hostile_document_of_giant_words_is_extracted(language):
    from quipu.nlp import extract
    from quipu.records import Document

    text = " ".join(["x" * 5000] * 20) + ". " + "Police arrested 12 protesters in Lima on Monday."
    document = Document(
        text=text, source="giant.txt", language=language, published=dt.date(2023, 1, 10)
    )
    extraction = extract(document)
    assert extraction.document.text == text


@pytest.mark.parametrize("published", ["2024-03-01", "2024-03-01T22:30:00+00:00"])
def test_hostile_document_dated_by_a_string_reads_it_as_a_day(published):
    """A caller of the Python API who dates a document with an ISO string gets its day,
    and relative dates ("on Monday") are counted back from it, not a crash."""
    from quipu.nlp import extract
    from quipu.records import Document

    document = Document(
        text="Police arrested twelve activists in Lima on Monday.",
        source="api",
        language="en",
        published=published,
    )
    assert document.published == dt.date(2024, 3, 1)
    (event,) = extract(document).events
    assert event.date is not None and event.date.start == dt.date(2024, 2, 26)


@pytest.mark.parametrize("published", ["yesterday", "01/03/2024", 20240301, ["2024-03-01"]])
def test_hostile_document_dated_by_what_is_no_date_is_a_numbered_error(published):
    from quipu.errors import InputError
    from quipu.records import Document

    with pytest.raises(InputError, match=r"^E025 api: publication date .* is not a date"):
        Document(text="Police arrested twelve activists.", source="api", published=published)
