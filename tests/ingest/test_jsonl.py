"""JSON Lines files: one document per good line, one error per bad line, nothing lost."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quipu.errors import InputError
from quipu.ingest import IngestOptions, iter_documents
from quipu.records import Document

FIRST = "Dockworkers in Callao walked out on Monday over unpaid overtime, the union said."
SECOND = (
    "Los estibadores del Callao paralizaron el lunes por horas extras impagas, según el sindicato."
)
THIRD = "The port authority said that loading resumed on Tuesday morning after talks."


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(
    path: Path, errors: list[InputError], *, options: IngestOptions | None = None
) -> list[Document]:
    return list(iter_documents([path], on_error=errors.append, options=options))


def test_jsonl_good_lines_become_documents(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "wire.jsonl",
        [
            json.dumps(
                {
                    "id": "wire-001",
                    "text": FIRST,
                    "date": "2023-04-03",
                    "url": "https://wire.example/1",
                    "title": "Callao walkout",
                    "outlet": "Andes Wire",
                }
            ),
            json.dumps({"text": SECOND, "source": "Radio Puerto", "language": "es"}),
            json.dumps({"id": 3, "text": THIRD, "date": "4 April 2023"}),
        ],
    )
    errors: list[InputError] = []

    documents = read(path, errors)

    assert errors == []
    assert [document.source for document in documents] == ["wire-001", f"{path}#2", "3"]
    first, second, third = documents
    assert (first.text, first.title, first.outlet, first.url) == (
        FIRST,
        "Callao walkout",
        "Andes Wire",
        "https://wire.example/1",
    )
    assert first.published == dt.date(2023, 4, 3)
    assert (second.outlet, second.language, second.published) == ("Radio Puerto", "es", None)
    assert third.published == dt.date(2023, 4, 4)
    assert [document.language for document in documents] == ["en", "es", "en"]


def test_jsonl_bad_lines_are_reported_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_bytes(
        b"\n".join(
            [
                json.dumps({"text": FIRST}).encode(),
                b'{"text": "unterminated',
                b'["text", "in an array"]',
                json.dumps({"id": "no-text", "body": FIRST}).encode(),
                b'{"text": "caf\xe9 sin UTF-8"}',
                b"",
                json.dumps({"text": "  Share this:  "}).encode(),
                json.dumps({"text": THIRD}).encode(),
            ]
        )
    )
    errors: list[InputError] = []

    documents = read(path, errors)

    assert [document.source for document in documents] == [f"{path}#1", f"{path}#8"]
    assert [str(error) for error in errors] == [
        f"E007 {path}: line 2 is not a JSON object with a 'text' field "
        "(invalid JSON at column 10: Unterminated string starting)",
        f"E007 {path}: line 3 is not a JSON object with a 'text' field "
        "(a JSON array, not an object)",
        f"E007 {path}: line 4 is not a JSON object with a 'text' field (no 'text' string)",
        f"E007 {path}: line 5 is not a JSON object with a 'text' field "
        "(not UTF-8: byte 0xe9 at offset 13)",
        f"E002 {path}#7: empty document (no text after clean-up)",
    ]


def test_jsonl_line_over_the_size_limit_is_e005_and_skipped(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "big.jsonl",
        [
            json.dumps({"text": FIRST}),
            json.dumps({"text": THIRD * 40}),
            json.dumps({"text": THIRD}),
        ],
    )
    errors: list[InputError] = []

    documents = read(path, errors, options=IngestOptions(max_megabytes=0.001))

    assert [document.text for document in documents] == [FIRST, THIRD]
    assert [str(error)[:4] for error in errors] == ["E005"]
    assert str(errors[0]).startswith(f"E005 {path}#2: ")


def test_jsonl_bad_date_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "dates.jsonl", [json.dumps({"text": FIRST, "date": "spring"})])
    errors: list[InputError] = []

    with pytest.warns(UserWarning, match=r"W003 .*dates\.jsonl#1: 'date' value 'spring'"):
        documents = read(path, errors)

    assert errors == []
    assert documents[0].published is None


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_jsonl_file_without_lines_is_e002(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    errors: list[InputError] = []

    assert read(path, errors) == []
    assert [str(error) for error in errors] == [
        f"E002 {path}: empty document (no text after clean-up)"
    ]


def test_jsonl_binary_file_is_e003(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(50))
    errors: list[InputError] = []

    assert read(path, errors) == []
    assert [str(error)[:4] for error in errors] == ["E003"]


def test_jsonl_same_line_twice_gives_the_same_id(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "repeat.jsonl", [json.dumps({"text": FIRST}), json.dumps({"text": FIRST})]
    )
    errors: list[InputError] = []

    first, second = read(path, errors)

    assert first.id == second.id
    assert first.source != second.source


# -- gzip-compressed JSON Lines (a crawl's usual shape) ------------------------------------


def write_gzip(path: Path, lines: list[str]) -> Path:
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def test_jsonl_gzip_reads_like_the_plain_file(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "wire-001", "text": FIRST}), json.dumps({"text": SECOND})]
    plain = write_lines(tmp_path / "wire.jsonl", lines)
    packed = write_gzip(tmp_path / "wire.jsonl.gz", lines)
    errors: list[InputError] = []

    from_plain = read(plain, errors)
    from_gzip = read(packed, errors)

    assert errors == []
    assert [document.id for document in from_gzip] == [document.id for document in from_plain]
    assert [document.source for document in from_gzip] == ["wire-001", f"{packed}#2"]


def test_jsonl_gzip_is_found_in_a_folder(tmp_path: Path) -> None:
    write_gzip(tmp_path / "crawl.ndjson.gz", [json.dumps({"text": FIRST})])
    (tmp_path / "other.tar.gz").write_bytes(gzip.compress(b"not a report"))
    errors: list[InputError] = []

    documents = read(tmp_path, errors)

    assert errors == []
    assert [document.text for document in documents] == [FIRST]


def test_jsonl_gzip_cut_off_keeps_the_lines_before_and_reports_the_break(tmp_path: Path) -> None:
    # letters that do not compress, so that the break comes long after the first line
    noise = "".join(random.Random(7).choices(string.ascii_letters, k=200_000))
    lines = [json.dumps({"text": FIRST}), json.dumps({"text": noise})]
    whole = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) - 40])
    errors: list[InputError] = []

    documents = read(path, errors)

    assert [document.text for document in documents] == [FIRST]
    assert [str(error) for error in errors] == [
        f"E011 {path}: the gzip file is cut off before its end"
    ]


def test_jsonl_gzip_that_is_not_gzip_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "plain-really.jsonl.gz"
    path.write_text(json.dumps({"text": FIRST}) + "\n", encoding="utf-8")
    errors: list[InputError] = []

    assert read(path, errors) == []
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"E011 {path}: broken gzip compression")


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    cut=st.integers(min_value=0, max_value=200),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
)
def test_jsonl_gzip_any_damage_ends_in_numbered_errors(tmp_path_factory, cut, flips):
    lines = [json.dumps({"text": FIRST}), json.dumps({"text": SECOND}), json.dumps({"text": THIRD})]
    data = bytearray(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path_factory.mktemp("damaged") / "wire.jsonl.gz"
    path.write_bytes(bytes(data[: max(0, len(data) - cut)]))
    errors: list[InputError] = []

    documents = read(path, errors)

    assert len(documents) <= 3
    for error in errors:
        assert re.fullmatch(r"E0\d\d [^\n]+", str(error)), str(error)
