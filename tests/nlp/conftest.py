"""Fixtures for the NLP tests: one English pipeline per session and small documents by hand.

Every test writes its own short news-style text, runs it through the pipeline and asserts what
a careful analyst reads in it. `published` defaults to Wednesday 14 December 2022, so "on
Monday" is 12 December 2022 and "yesterday" is 13 December 2022.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from quipu.nlp import ActorDirectory, Gazetteer, build_pipeline, extract
from quipu.nlp.lexicon import Lexicon, load_lexicon
from quipu.records import Document, Extraction

PUBLISHED = dt.date(2022, 12, 14)  # a Wednesday

ExtractText = Callable[..., Extraction]
RunPipeline = Callable[..., Doc]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English pipeline with Quipu's stages, built once for the whole session."""
    return build_pipeline("en")


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The English word lists."""
    return load_lexicon("en")


def make_document(
    text: str, *, published: dt.date | None = PUBLISHED, language: str = "en"
) -> Document:
    """Return a Quipu Document for `text`, as ingest would build it."""
    return Document(text=text, source="tests/nlp.txt", published=published, language=language)


@pytest.fixture(scope="session")
def extract_text(nlp: Language) -> ExtractText:
    """Return `extract_text(text, published=..., language=...)`: the Extraction of `text`.

    The stages are tested on what the text itself says: with an empty actor directory, so
    that the bundled one (tested in test_directory.py) does not rename anyone.
    """
    del nlp  # built once here, so that the first test does not pay for it

    def run(
        text: str,
        *,
        published: dt.date | None = PUBLISHED,
        language: str = "en",
        directory: ActorDirectory | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> Extraction:
        document = make_document(text, published=published, language=language)
        return extract(document, directory=directory or ActorDirectory(), gazetteer=gazetteer)

    return run


@pytest.fixture(scope="session")
def extract_es(extract_text: ExtractText) -> Callable[[str], Extraction]:
    """Return `extract_es(text)`: the Extraction of a Spanish `text`."""

    def run(text: str) -> Extraction:
        return extract_text(text, language="es")

    return run


@pytest.fixture(scope="session")
def run_pipeline(nlp: Language) -> RunPipeline:
    """Return `run_pipeline(text, published=..., language=...)`: the processed spaCy Doc,
    for stage output."""
    del nlp  # built once here, so that the first test does not pay for it

    def run(text: str, *, published: dt.date | None = PUBLISHED, language: str = "en") -> Doc:
        nlp = build_pipeline(language)
        doc = nlp.make_doc(text)
        doc._.document_id = make_document(text, published=published).id
        doc._.published = published
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc

    return run
