"""Language detection from spaCy's stop-word lists: English, Spanish or neither."""

from __future__ import annotations

import pytest

from quipu.ingest import IngestOptions, detect_language, read_text_document

ENGLISH = (
    "Thousands of farmers marched on the capital on Tuesday, blocking the main roads and "
    "demanding that the new government step down before the elections were held."
)
SPANISH = (
    "Miles de campesinos marcharon hacia la capital el martes, bloquearon las principales "
    "carreteras y exigieron que el nuevo gobierno renuncie antes de las elecciones."
)
FRENCH = (
    "Des milliers d'agriculteurs ont marché sur la capitale mardi, bloquant les routes "
    "principales et exigeant que le nouveau gouvernement démissionne avant les élections."
)
PORTUGUESE = (
    "Milhares de agricultores marcharam sobre a capital na terça-feira, bloqueando as "
    "principais estradas e exigindo que o novo governo renuncie antes das eleições."
)


def test_language_english_text_is_en() -> None:
    assert detect_language(ENGLISH) == "en"


def test_language_spanish_text_is_es() -> None:
    assert detect_language(SPANISH) == "es"


@pytest.mark.parametrize("text", [FRENCH, PORTUGUESE])
def test_language_other_languages_are_none(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize("text", ["", "Lima, Perú", "Castillo detenido", "2022-12-07 18:40"])
def test_language_too_little_text_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_language_half_and_half_is_none() -> None:
    assert detect_language(f"{ENGLISH} {SPANISH}") is None


def test_language_is_detected_when_metadata_gives_none() -> None:
    assert read_text_document(SPANISH, source="x").language == "es"
    assert read_text_document(FRENCH, source="x").language is None


def test_language_from_front_matter_wins_over_detection() -> None:
    document = read_text_document(f"---\nlanguage: Spanish\n---\n{ENGLISH}", source="x")

    assert document.language == "es"


def test_language_forced_by_options_wins_over_everything() -> None:
    document = read_text_document(
        f"---\nlanguage: es\n---\n{SPANISH}", source="x", options=IngestOptions(language="EN")
    )

    assert document.language == "en"
