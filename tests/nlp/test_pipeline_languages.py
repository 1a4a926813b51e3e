"""Languages Quipu has no pipeline for are skipped with a numbered warning (issue 17)."""

from __future__ import annotations

import datetime as dt

import pytest

from quipu.ingest.language import other_language
from quipu.nlp import extract, extract_many
from quipu.records import Document

FRENCH = (
    "Des milliers de manifestants ont défilé lundi dans les rues de Paris pour protester "
    "contre la réforme des retraites. La police a interpellé une dizaine de personnes."
)
CHINESE = "周一，数千名抗议者在利马街头游行，反对政府。警方在冲突后逮捕了十多人。"
ENGLISH = "Police arrested 12 protesters in Lima on Monday."


def _document(text: str, language: str | None) -> Document:
    return Document(text=text, source="r.md", published=dt.date(2023, 1, 10), language=language)


def test_pipeline_languages_unsupported_language_is_skipped_with_w007():
    document = _document(ENGLISH, "klingon")
    with pytest.warns(UserWarning, match=r"^W007 r.md: no pipeline for language 'klingon'"):
        assert list(extract_many([document])) == []
    with pytest.warns(UserWarning, match=r"^W007"):
        assert extract(document).events == []


@pytest.mark.parametrize("text", [FRENCH, CHINESE])
def test_pipeline_languages_text_in_another_language_is_skipped_with_w009(text):
    with pytest.warns(UserWarning, match=r"^W009 r.md: text is neither English nor Spanish"):
        assert list(extract_many([_document(text, None)])) == []


def test_pipeline_languages_undetected_language_is_read_as_english_with_w001():
    documents = [_document(ENGLISH, None), _document(ENGLISH + " Again.", "en")]
    with pytest.warns(UserWarning, match=r"^W001 r.md: language not detected; assuming 'en'"):
        extractions = list(extract_many(documents))
    assert len(extractions) == 2 and extractions[0].events


@pytest.mark.parametrize("text", [ENGLISH, "Castillo detenido", "Lima, Perú", ""])
def test_pipeline_languages_short_english_or_spanish_is_not_another_language(text):
    assert not other_language(text)
