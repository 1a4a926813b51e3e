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
