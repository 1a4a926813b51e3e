"""Files, directories and glob patterns: what is read, in which order, and what is reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quipu.errors import InputError, UsageError
from quipu.ingest import IngestOptions, iter_documents
from quipu.records import Document


def report(number: int) -> str:
    return f"Report number {number}: the regional governor met protest leaders on Sunday."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of reports in every format, plus files that must be skipped."""
    root = tmp_path / "corpus"
    (root / "b-sub" / "deeper").mkdir(parents=True)
    (root / ".hidden-dir").mkdir()
    (root / "a.txt").write_text(report(1), encoding="utf-8")
    (root / "c.md").write_text(f"# Heading\n\n{report(2)}", encoding="utf-8")
    (root / "b-sub" / "d.html").write_text(
        "<html><body><article>" + "".join(f"<p>{report(n)}</p>" for n in (3, 4)) + "</article>"
        "</body></html>",
        encoding="utf-8",
    )
    (root / "b-sub" / "deeper" / "e.jsonl").write_text(
        json.dumps({"text": report(5)}) + "\n", encoding="utf-8"
    )
    (root / "notes.csv").write_text("not,a,report\n", encoding="utf-8")
    (root / ".draft.txt").write_text(report(98), encoding="utf-8")
    (root / ".hidden-dir" / "f.txt").write_text(report(99), encoding="utf-8")
    return root


def read(paths: list[str | os.PathLike[str]]) -> tuple[list[Document], list[str]]:
    errors: list[InputError] = []
    documents = list(iter_documents(paths, on_error=errors.append))
    return documents, [str(error) for error in errors]


def test_paths_directory_is_walked_sorted_skipping_hidden_and_unknown(corpus: Path) -> None:
    documents, errors = read([corpus])

    assert errors == []
    assert [document.source for document in documents] == [
        str(corpus / "a.txt"),
        str(corpus / "b-sub" / "d.html"),
        f"{corpus / 'b-sub' / 'deeper' / 'e.jsonl'}#1",
        str(corpus / "c.md"),
    ]
    assert "number 98" not in " ".join(document.text for document in documents)
    assert "number 99" not in " ".join(document.text for document in documents)


def test_paths_source_keeps_the_path_as_given(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus.parent)

    documents, _ = read(["corpus/a.txt", "corpus/b-sub/"])

    assert [document.source for document in documents] == [
        "corpus/a.txt",
        "corpus/b-sub/d.html",
        "corpus/b-sub/deeper/e.jsonl#1",
    ]


def test_paths_glob_pattern_is_expanded(corpus: Path) -> None:
    documents, errors = read([str(corpus / "*.txt"), str(corpus / "**" / "*.jsonl")])

    assert errors == []
    assert [document.source for document in documents] == [
        str(corpus / "a.txt"),
        f"{corpus / 'b-sub' / 'deeper' / 'e.jsonl'}#1",
    ]


def test_paths_glob_without_matches_is_e010(corpus: Path) -> None:
    pattern = str(corpus / "*.pdf")

    assert read([pattern]) == ([], [f"E010 {pattern}: no files match"])


def test_paths_directory_without_readable_files_is_e010(tmp_path: Path) -> None:
    (tmp_path / "only.csv").write_text("a,b\n", encoding="utf-8")

    assert read([tmp_path]) == ([], [f"E010 {tmp_path}: no files match"])


def test_paths_missing_path_is_reported_and_the_rest_read(corpus: Path) -> None:
    missing = corpus / "gone.txt"

    documents, errors = read([missing, corpus / "a.txt"])

    assert errors == [f"E001 {missing}: no such file or directory"]
    assert [document.source for document in documents] == [str(corpus / "a.txt")]


def test_paths_bad_files_in_a_directory_do_not_stop_the_others(corpus: Path) -> None:
    (corpus / "b-empty.txt").write_text("", encoding="utf-8")
    (corpus / "b-binary.txt").write_bytes(bytes(200))

    documents, errors = read([corpus])

    assert [error[:4] for error in errors] == ["E003", "E002"]  # b-binary, b-empty
    assert len(documents) == 4


def test_paths_file_reached_twice_is_read_once(corpus: Path) -> None:
    documents, _ = read([corpus / "a.txt", corpus, str(corpus / "*.txt")])

    assert len(documents) == 4


def test_paths_single_path_is_accepted(corpus: Path) -> None:
    documents = list(iter_documents(corpus / "a.txt", on_error=pytest.fail))

    assert [document.source for document in documents] == [str(corpus / "a.txt")]


def test_paths_on_error_that_raises_stops_reading(corpus: Path) -> None:
    def fail_fast(error: InputError) -> None:
        raise error

    with pytest.raises(InputError, match="E001"):
        list(iter_documents([corpus / "gone.txt", corpus], on_error=fail_fast))


def test_paths_documents_are_read_lazily(corpus: Path) -> None:
    errors: list[InputError] = []
    documents = iter_documents([corpus / "a.txt", corpus / "gone.txt"], on_error=errors.append)

    next(documents)

    assert errors == []


@pytest.mark.parametrize("megabytes", [0, -1.0])
def test_paths_options_reject_a_size_limit_that_is_not_positive(megabytes: float) -> None:
    with pytest.raises(UsageError, match=r"^E301 max_megabytes must be a positive number"):
        IngestOptions(max_megabytes=megabytes)
