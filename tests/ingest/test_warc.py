"""WARC archives: the HTML pages of a crawl become documents, everything else is skipped,
and a broken or cut-off archive is one numbered line, never a traceback."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quipu.errors import InputError
from quipu.ingest import IngestOptions, iter_documents
from quipu.records import Document

ARTICLE_URL = "https://courier.example/2023/01/juliaca-curfew"
# one numbered line: a code, then anything but a line break
NUMBERED = re.compile(r"\AE0\d\d [^\n]+\Z")
CAPTURED = "2023-01-10T08:30:00Z"


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = CAPTURED,
    warc_headers: dict[str, str] | None = None,
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        # a known length: warcio would otherwise buffer the body in a file it leaves open
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date, **(warc_headers or {})},
    )
    writer.write_record(record)


def crawl(path: Path, html: str, *, compress: bool) -> Path:
    """Write a small crawl: one article among the records a crawler writes around it."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = writer.create_warc_record(
            ARTICLE_URL,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                "GET /2023/01/juliaca-curfew HTTP/1.1", [("Host", "courier.example")]
            ),
        )
        writer.write_record(request)
        response(writer, ARTICLE_URL, html.encode("utf-8"))
        response(
            writer, "https://courier.example/logo.png", b"\x89PNG\r\n", content_type="image/png"
        )
        response(writer, "https://courier.example/old", b"", status="301 Moved Permanently")
        response(writer, "https://courier.example/missing", b"<p>gone</p>", status="404 Not Found")
    return path


def read(path: Path, *, options: IngestOptions | None = None) -> tuple[list[Document], list[str]]:
    errors: list[InputError] = []
    documents = list(iter_documents([path], on_error=errors.append, options=options))
    return documents, [str(error) for error in errors]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents_and_the_rest_is_skipped(
    tmp_path: Path, name: str, make_article, paragraphs
) -> None:
    path = crawl(tmp_path / name, make_article(), compress=name.endswith(".gz"))

    documents, errors = read(path)

    assert errors == []
    assert len(documents) == 1
    document = documents[0]
    assert document.source == ARTICLE_URL
    assert document.url == ARTICLE_URL
    assert document.title == "Curfew in Juliaca"
    # no date in the page's markup: the day it was captured
    assert document.published == dt.date(2023, 1, 10)
    assert document.text.split("\n\n")[-3:] == list(paragraphs)


def test_warc_page_date_wins_over_the_capture_date(tmp_path: Path, make_article) -> None:
    path = tmp_path / "dated.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        html = make_article(published="2023-01-09T20:00:00Z").encode("utf-8")
        response(writer, ARTICLE_URL, html)

    (document,), errors = read(path)

    assert errors == []
    assert document.published == dt.date(2023, 1, 9)


def test_warc_gz_compressed_as_one_whole_file_is_read_too(tmp_path: Path, make_article) -> None:
    plain = crawl(tmp_path / "crawl.warc", make_article(), compress=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))

    documents, errors = read(whole)

    assert errors == []
    assert [document.source for document in documents] == [ARTICLE_URL]


def test_warc_is_found_in_a_folder(tmp_path: Path, make_article) -> None:
    crawl(tmp_path / "a.warc.gz", make_article(), compress=True)
    crawl(tmp_path / "b.warc", make_article(), compress=False)

    documents, errors = read(tmp_path)

    assert errors == []
    # the same page in two archives is the same document
    assert len({document.id for document in documents}) == 1


def test_warc_page_without_article_and_truncated_record_are_numbered_errors(
    tmp_path: Path, make_article
) -> None:
    path = tmp_path / "mixed.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        menu = b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"
        response(writer, "https://courier.example/", menu)
        response(
            writer,
            "https://courier.example/cut",
            make_article("Cut").encode("utf-8"),
            warc_headers={"WARC-Truncated": "length"},
        )
        response(writer, ARTICLE_URL, make_article().encode("utf-8"))

    documents, errors = read(path)

    assert [document.source for document in documents] == [ARTICLE_URL]
    assert errors == [
        "E006 https://courier.example/: no article text found in the HTML page",
        f"E017 {path}: WARC record 2 (https://courier.example/cut) is truncated "
        "(the crawler cut it: length); skipped",
    ]


def test_warc_cut_off_inside_a_record_keeps_the_pages_before(tmp_path: Path, make_article) -> None:
    path = tmp_path / "cut.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        response(writer, ARTICLE_URL, make_article().encode("utf-8"))
        response(writer, "https://courier.example/second", make_article("Second").encode("utf-8"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])

    documents, errors = read(path)

    assert [document.source for document in documents] == [ARTICLE_URL]
    assert errors == [
        f"E017 {path}: WARC record 2 (https://courier.example/second) is truncated "
        "(the archive ends inside it); skipped"
    ]


def test_warc_gz_cut_off_is_e016_after_the_pages_before(tmp_path: Path, make_article) -> None:
    path = crawl(tmp_path / "cut.warc.gz", make_article(), compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 20])

    documents, errors = read(path)

    assert [document.source for document in documents] == [ARTICLE_URL]
    assert len(errors) == 1
    assert errors[0].startswith(f"E016 {path}: cannot read the WARC archive at record ")
    assert errors[0].endswith("the rest of the file is skipped")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.warc", b"These are notes, not an archive.\n"),
        ("noise.warc.gz", b"\x1f\x8b\x08\x00garbage that is not deflate data at all"),
        ("binary.warc", bytes(range(256)) * 4),
    ],
)
def test_warc_that_is_not_an_archive_is_one_e016(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    documents, errors = read(path)

    assert documents == []
    assert len(errors) == 1
    assert errors[0].startswith(f"E016 {path}: cannot read the WARC archive at record 1 (")
    assert "\n" not in errors[0]


def test_warc_empty_file_is_e002(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")

    documents, errors = read(path)

    assert documents == []
    assert errors == [f"E002 {path}: empty document (no text after clean-up)"]


def test_warc_page_over_the_size_limit_is_e005_and_the_next_is_read(
    tmp_path: Path, make_article, paragraphs
) -> None:
    path = tmp_path / "big.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        big = make_article(paragraphs=(paragraphs[0] * 2000,)).encode("utf-8")
        response(writer, "https://courier.example/big", big)
        response(writer, ARTICLE_URL, make_article().encode("utf-8"))

    documents, errors = read(path, options=IngestOptions(max_megabytes=0.1))

    assert [document.source for document in documents] == [ARTICLE_URL]
    assert len(errors) == 1
    assert errors[0].startswith(f"E005 {path}#1: ")


# -- any damage to an archive ends in numbered lines ----------------------------------------

PAGE = (
    "<html><head><title>Arrests in Lima</title></head><body><article><p>Police arrested "
    "twelve protesters in Lima on Monday after they blocked a highway, officials said.</p>"
    "</article></body></html>"
)
damage = st.tuples(
    st.integers(min_value=0, max_value=10_000),  # where the file is cut (from the end)
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(compress=st.booleans(), damage=damage)
def test_warc_any_damage_ends_in_numbered_errors(tmp_path_factory, compress, damage):
    folder = tmp_path_factory.mktemp("damaged")
    name = "crawl.warc.gz" if compress else "crawl.warc"
    path = crawl(folder / name, PAGE, compress=compress)
    data = bytearray(path.read_bytes())
    cut, flips = damage
    for position, value in flips:
        data[position % len(data)] = value
    path.write_bytes(bytes(data[: max(0, len(data) - cut)]))

    documents, errors = read(path)

    assert len(documents) <= 1
    for error in errors:
        assert NUMBERED.match(error), error
