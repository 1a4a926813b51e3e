"""Plain text and Markdown files, front matter, decoding and the input errors of files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quipu.errors import InputError
from quipu.ingest import IngestOptions, iter_documents, read_text_document
from quipu.records import Document

BODY = (
    "Farmers blocked the southern highway near Arequipa on Wednesday, demanding lower "
    "fertilizer prices.\n\nThe transport ministry said that freight traffic was halted for "
    "most of the day."
)


def read(
    path: Path, *, options: IngestOptions | None = None
) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    documents = list(iter_documents([path], on_error=errors.append, options=options))
    return documents, errors


def read_one(path: Path, *, options: IngestOptions | None = None) -> Document:
    documents, errors = read(path, options=options)
    assert errors == []
    assert len(documents) == 1
    return documents[0]


def read_error(path: Path, *, options: IngestOptions | None = None) -> str:
    documents, errors = read(path, options=options)
    assert documents == []
    assert len(errors) == 1
    message = str(errors[0])
    assert "\n" not in message
    return message


def test_text_plain_file_becomes_a_document(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(BODY, encoding="utf-8")

    document = read_one(path)

    assert document.text == BODY
    assert document.source == str(path)
    assert (document.title, document.outlet, document.url, document.published) == (None,) * 4


def test_text_front_matter_fills_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "---\n"
        'title: "Highway blocked near Arequipa"\n'
        "source: Diario del Sur\n"
        "url: https://sur.example/arequipa\n"
        "date: 2023-03-08\n"
        "language: es-PE\n"
        "author: Someone Ignored\n"
        f"---\n{BODY}",
        encoding="utf-8",
    )

    document = read_one(path)

    assert document.text == BODY
    assert document.title == "Highway blocked near Arequipa"
    assert document.outlet == "Diario del Sur"
    assert document.url == "https://sur.example/arequipa"
    assert document.published == dt.date(2023, 3, 8)
    assert document.language == "es"


def test_text_front_matter_outlet_key_means_the_same_as_source() -> None:
    document = read_text_document(f"---\noutlet: Radio Onda\n---\n{BODY}", source="x")

    assert document.outlet == "Radio Onda"


@pytest.mark.parametrize(
    "value",
    [
        "2023-03-08",
        "2023-03-08T14:30:00Z",
        '"8 March 2023"',
        '"8 de marzo de 2023"',
        '"March 8, 2023"',
    ],
)
def test_text_front_matter_date_forms_are_parsed(value: str) -> None:
    document = read_text_document(f"---\ndate: {value}\n---\n{BODY}", source="x")

    assert document.published == dt.date(2023, 3, 8)


@pytest.mark.parametrize("value", ['"soon"', '"March 2023"', '"yesterday"', "42"])
def test_text_front_matter_bad_date_is_ignored_with_a_warning(value: str) -> None:
    with pytest.warns(UserWarning, match="W002"):
        document = read_text_document(f"---\ndate: {value}\n---\n{BODY}", source="x")

    assert document.published is None
    assert document.text == BODY


def test_text_front_matter_that_is_not_yaml_is_e008(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text(f"---\ntitle: [unclosed\n---\n{BODY}", encoding="utf-8")

    assert read_error(path).startswith(f"E008 {path}:")


def test_text_front_matter_that_is_not_a_mapping_is_e008() -> None:
    with pytest.raises(InputError, match="E008"):
        read_text_document(f"---\n- just\n- a list\n---\n{BODY}", source="x")


def test_text_keywords_win_over_front_matter() -> None:
    document = read_text_document(
        f"---\ntitle: Old title\ndate: 2020-01-01\n---\n{BODY}",
        source="<stdin>",
        title="New title",
        published=dt.date(2023, 3, 9),
    )

    assert (document.title, document.published, document.source) == (
        "New title",
        dt.date(2023, 3, 9),
        "<stdin>",
    )


def test_text_markdown_is_stripped_to_prose(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(
        "---\ntitle: Strike in the mines\n---\n"
        "# Strike in the *mines*\n\n"
        "Miners in **Cerro de Pasco** stopped work on Friday,\n"
        'according to [the union](https://union.example/statement "statement").\n\n'
        "![A picket line](picket.jpg)\n\n"
        "> Management has not answered us, said a _spokeswoman_.\n\n"
        "## Demands\n\n"
        "- higher wages\n"
        "- safety inspections\n",
        encoding="utf-8",
    )

    document = read_one(path)

    assert document.text == (
        "Miners in Cerro de Pasco stopped work on Friday, according to the union.\n\n"
        "Management has not answered us, said a spokeswoman.\n\n"
        "Demands\n\nhigher wages\n\nsafety inspections"
    )


def test_text_plain_text_keeps_markdown_characters(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Turnout was *very* low, said the [electoral] board.", encoding="utf-8")

    assert read_one(path).text == "Turnout was *very* low, said the [electoral] board."


def test_text_named_file_with_unknown_suffix_is_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "report.article"
    path.write_text(BODY, encoding="utf-8")

    assert read_one(path).text == BODY


def test_text_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Año de protestas en Perú: “paro” en Puno.".encode("cp1252"))

    assert read_one(path).text == "Año de protestas en Perú: “paro” en Puno."


def test_text_utf16_file_with_byte_order_mark_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(BODY.encode("utf-16"))

    assert read_one(path).text == BODY


def test_text_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(f"---\ntitle: With a mark\n---\n{BODY}".encode("utf-8-sig"))

    document = read_one(path)

    assert (document.title, document.text) == ("With a mark", BODY)


def test_text_missing_file_is_e001(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"

    assert read_error(path) == f"E001 {path}: no such file or directory"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  ", b"---\ntitle: Only metadata\n---\n\n"])
def test_text_empty_file_is_e002(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)

    assert read_error(path).startswith(f"E002 {path}:")


@pytest.mark.parametrize(
    "content",
    [b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(64), bytes(range(1, 32)) * 20],
)
def test_text_binary_file_is_e003(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(content)

    assert read_error(path).startswith(f"E003 {path}:")


@pytest.mark.parametrize(
    "content",
    [
        # 0x81 and 0x9d are not UTF-8 starts and are unassigned in cp1252.
        b"Protesters gathered in the square \x81\x9d before noon.",
        # Valid cp1252, but nothing like text: mostly accented letters, no words.
        bytes(range(0xC0, 0x100)) * 8,
    ],
)
def test_text_undecodable_file_is_e004(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(content)

    assert read_error(path).startswith(f"E004 {path}: cannot decode as text (not UTF-8")


def test_text_file_over_the_size_limit_is_e005(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(BODY * 20, encoding="utf-8")
    options = IngestOptions(max_megabytes=0.001)

    assert read_error(path, options=options).startswith(f"E005 {path}: 0.0 MB is over the")


def test_text_file_under_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(BODY, encoding="utf-8")

    assert read_one(path, options=IngestOptions(max_megabytes=0.001)).text == BODY


def test_text_same_text_gives_the_same_id(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    second = tmp_path / "second.md"
    first.write_text(BODY, encoding="utf-8")
    # Same report, different furniture: front matter, share widget, line endings.
    second.write_text(f"---\ntitle: Copy\n---\n{BODY}\r\n\r\nShare this:\r\n", encoding="utf-8")

    assert read_one(first).id == read_one(second).id
    assert read_one(first).id != read_text_document(BODY + " More.", source="x").id
