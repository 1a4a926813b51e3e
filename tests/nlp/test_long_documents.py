"""Long documents in bounded memory: a text over the chunk size is read in paragraph-aligned
chunks, and every record's offsets still point into the whole text.

The chunk size is made small (a few hundred or thousand characters) so that the pipeline never
reads more than about 10,000 characters here; the splitting itself is tested on a text over
spaCy's 1,000,000-character limit without parsing it.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from quipu.ingest import iter_documents
from quipu.nlp import ActorDirectory, build_pipeline, chunks, extract
from quipu.records import Document, Evidence, Extraction

PUBLISHED = dt.date(2022, 12, 14)
SAMPLES = (
    "03-andahuaylas-deaths.md",
    "06-ayacucho-deaths.md",
    "22-puno-army-convoy-blocked.md",
)
# Paragraphs that each name their actors, place and day in full: read alone or in one
# text, they give the same events.
INDEPENDENT = (
    "Police arrested 12 protesters in Lima on Monday after a march on Congress, "
    "the Interior Ministry said.",
    "Farmers blocked the Pan-American Highway near Arequipa on Tuesday to demand the "
    "release of former president Pedro Castillo.",
    "Soldiers fired tear gas at demonstrators who tried to occupy the airport of Cusco "
    "on Monday, witnesses said.",
    "Teachers marched through the streets of Puno on Tuesday against the government of "
    "President Dina Boluarte.",
    "The Peruvian government expelled the Mexican ambassador on Tuesday, accusing him of "
    "interfering in Peru's affairs.",
    "Protesters set fire to a police station in Juliaca on Monday, the ombudsman's office said.",
)


def _fail(error: Exception) -> None:
    raise error


def _sample_text() -> str:
    """Three English sample reports one after another, as one document's text."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    with resources.as_file(folder) as path:
        documents = list(iter_documents([str(path / name) for name in SAMPLES], on_error=_fail))
    return "\n\n".join(document.text for document in documents)


def make_document(text: str, *, published: dt.date | None = PUBLISHED) -> Document:
    return Document(text=text, source="tests/long.txt", published=published, language="en")


def _evidences(extraction: Extraction) -> list[Evidence]:
    found = [event.evidence for event in extraction.events]
    found += [mention for event in extraction.events for mention in event.mentions]
    found += [count.evidence for count in extraction.counts]
    found += [stance.evidence for stance in extraction.stances]
    return found


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of at most 2,000 characters."""
    monkeypatch.setattr(chunks, "CHUNK_CHARACTERS", 2_000)


def test_long_documents_split_covers_the_text_at_paragraph_breaks():
    text = "\n\n".join(f"Paragraph {n}. " + "Police marched in Lima. " * 10 for n in range(40))
    pieces = chunks.split_text(text, size=1_000)
    assert len(pieces) > 1
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert all(p.end - p.start <= 1_000 for p in pieces)
    assert all(text[: p.end].endswith("\n\n") for p in pieces[:-1])


def test_long_documents_paragraph_longer_than_a_chunk_is_split_without_losing_text():
    sentences = "Protesters marched in Lima on Monday. " * 100  # 3,800 characters
    endless = "and then they marched on " * 200  # 5,000 characters, no full stop
    text = "Short opening.\n\n" + sentences + "\n\n" + endless
    pieces = chunks.split_text(text, size=1_000)
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert all(p.end - p.start <= 1_000 for p in pieces)
    cut = [text[p.start : p.end] for p in pieces]
    # inside the long paragraph, at a sentence end; in the endless run, at the size itself
    assert any(piece.endswith("Monday. ") and "\n\n" not in piece for piece in cut)
    assert any(len(piece) == 1_000 and piece.startswith("and then") for piece in cut)


def test_long_documents_over_spacy_s_limit_are_split_not_refused():
    """A text over spaCy's 1,000,000 characters is read (no E015) and split into chunks
    the parser accepts; the pipeline is not run on it here."""
    paragraph = ("Protesters marched in Lima. " * 30).strip() + "\n\n"
    text = paragraph * (1_100_000 // len(paragraph))
    assert len(text) > 1_000_000
    document = Document(text=text, source="long.txt", language="en")
    pieces = chunks.split_text(document.text)
    assert len(pieces) >= len(text) // chunks.CHUNK_CHARACTERS
    assert all(text[: p.end].endswith("\n\n") for p in pieces)
    assert max(p.end - p.start for p in pieces) <= chunks.CHUNK_CHARACTERS
    assert build_pipeline("en").max_length >= chunks.CHUNK_CHARACTERS
    assert sum(p.end - p.start for p in pieces) == len(text)


def test_long_documents_ingest_reads_a_text_over_a_million_characters(tmp_path):
    path = tmp_path / "long.txt"
    paragraph = ("Protesters marched in Lima. " * 30).strip() + "\n\n"
    path.write_text(paragraph * (1_100_000 // len(paragraph)), encoding="utf-8")
    (document,) = iter_documents([str(path)], on_error=_fail)
    assert len(document.text) > 1_000_000


def test_long_documents_offsets_slice_the_whole_text(small_chunks):
    text = _sample_text()
    assert 4_000 < len(text) < 12_000
    document = make_document(text, published=None)
    with pytest.warns(UserWarning):  # W006: the text has relative dates and no date
        extraction = extract(document, directory=ActorDirectory())
    assert len(chunks.split_text(text)) > 2
    assert extraction.events and extraction.counts and extraction.places
    for evidence in _evidences(extraction):
        assert text[evidence.start : evidence.end] == evidence.sentence
    for mention in extraction.places:
        assert text[mention.start : mention.end] == mention.text
    ids = [event.id for event in extraction.events]
    assert len(set(ids)) == len(ids)
    assert all(event_id.startswith(document.id + "-e") for event_id in ids)


def test_long_documents_independent_paragraphs_give_the_same_events(monkeypatch):
    """Every paragraph names its actors, place and day: chunked at every paragraph or
    two, the events (type and evidence offset), their dates and places are those of the
    text read whole."""
    text = "\n\n".join(INDEPENDENT)
    document = make_document(text)
    whole = extract(document, directory=ActorDirectory())
    monkeypatch.setattr(chunks, "CHUNK_CHARACTERS", 300)
    assert len(chunks.split_text(text)) >= 3
    chunked = extract(document, directory=ActorDirectory())

    def seen(extraction: Extraction) -> list[tuple]:
        return [
            (
                event.type,
                event.evidence.start,
                event.date.start if event.date else None,
                event.place.name if event.place else None,
            )
            for event in extraction.events
        ]

    assert len(whole.events) >= len(INDEPENDENT) - 1
    assert seen(chunked) == seen(whole)
    assert [(c.kind, c.best, c.evidence.start) for c in chunked.counts] == [
        (c.kind, c.best, c.evidence.start) for c in whole.counts
    ]


def test_long_documents_later_chunks_keep_the_opening_s_country(small_chunks):
    """The focus country is the report's, from its first chunk: a later chunk that names
    no country places its events in Peru still."""
    text = _sample_text()
    extraction = extract(make_document(text), directory=ActorDirectory())
    later = [event for event in extraction.events if event.evidence.start > 2_000 and event.place]
    assert later
    assert {event.place.country for event in later if event.place} == {"PER"}


def test_long_documents_event_told_again_in_a_later_chunk_is_one_event(monkeypatch):
    """A report that tells its events twice (the wire copy pasted again) gives each event
    once, with the later telling as a mention, chunked as read whole."""
    text = "\n\n".join(INDEPENDENT + INDEPENDENT)
    document = make_document(text)
    whole = extract(document, directory=ActorDirectory())
    monkeypatch.setattr(chunks, "CHUNK_CHARACTERS", 300)
    chunked = extract(document, directory=ActorDirectory())

    def seen(extraction: Extraction) -> list[tuple]:
        return [
            (event.type, event.evidence.start, [m.start for m in event.mentions])
            for event in extraction.events
        ]

    assert seen(chunked) == seen(whole)
    assert any(event.mentions for event in chunked.events)
    for evidence in _evidences(chunked):
        assert text[evidence.start : evidence.end] == evidence.sentence
