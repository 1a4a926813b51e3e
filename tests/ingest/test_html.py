"""HTML pages: article text kept, page furniture dropped, metadata from the markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quipu.errors import InputError
from quipu.ingest import iter_documents, read_html_document
from quipu.records import Document

PARAGRAPHS = [
    "Regional authorities declared a night curfew in Juliaca on Monday after a day of "
    "clashes between demonstrators and police near the airport, officials said.",
    "The health ministry said that seventeen people had died and dozens were treated in "
    "hospital, the deadliest day since the protests began in early December.",
    "Residents described columns of smoke over the city as crowds tried to reach the "
    "runway, and several shops along the main avenue stayed shut on Tuesday.",
]
NAVIGATION = """
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
  <li><a href="/sport">Sport results</a></li><li><a href="/about">About the paper</a></li>
</ul></nav></header>
"""
FOOTER = """
<footer><p>Copyright 2023 The Altiplano Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
"""


def page(*, head: str = "", article: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Curfew in Juliaca | The Altiplano Courier</title>{head}</head>"
        f"<body>{NAVIGATION}<main>{article}</main>{FOOTER}</body></html>"
    )


ARTICLE = (
    "<article><h1>Curfew in Juliaca</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article>"
)
HEAD = (
    '<meta property="og:title" content="Curfew in Juliaca">'
    '<meta property="og:site_name" content="The Altiplano Courier">'
    '<meta property="og:url" content="https://courier.example/juliaca-curfew">'
    '<meta property="article:published_time" content="2023-01-09T20:00:00Z">'
)


def read_one(path: Path) -> Document:
    errors: list[InputError] = []
    documents = list(iter_documents([path], on_error=errors.append))
    assert errors == []
    assert len(documents) == 1
    return documents[0]


def test_html_article_text_is_kept_and_boilerplate_dropped(tmp_path: Path) -> None:
    path = tmp_path / "juliaca.html"
    path.write_text(page(head=HEAD, article=ARTICLE), encoding="utf-8")

    document = read_one(path)

    assert document.text == "\n\n".join(PARAGRAPHS)
    for furniture in ("Home", "World news", "Privacy policy", "Copyright", "Terms of use"):
        assert furniture not in document.text


def test_html_metadata_comes_from_the_markup(tmp_path: Path) -> None:
    path = tmp_path / "juliaca.htm"
    path.write_text(page(head=HEAD, article=ARTICLE), encoding="utf-8")

    document = read_one(path)

    assert document.source == str(path)
    assert document.title == "Curfew in Juliaca"
    assert document.outlet == "The Altiplano Courier"
    assert document.url == "https://courier.example/juliaca-curfew"
    assert document.published == dt.date(2023, 1, 9)
    assert document.language == "en"


def test_html_date_is_not_guessed_from_the_text() -> None:
    article = ARTICLE.replace("on Monday", "on Monday 9 January 2023")

    document = read_html_document(page(article=article), source="juliaca.html")

    assert document.published is None


def test_html_scripts_and_styles_in_the_article_are_not_text() -> None:
    hostile = ARTICLE.replace(
        "</h1>",
        "</h1><script>document.write('Injected words')</script><style>p{color:red}</style>",
    )

    document = read_html_document(page(article=hostile), source="juliaca.html")

    assert "Injected" not in document.text
    assert "color" not in document.text
    assert document.text == "\n\n".join(PARAGRAPHS)


def test_html_page_without_article_is_e006(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(page(), encoding="utf-8")
    errors: list[InputError] = []

    documents = list(iter_documents([path], on_error=errors.append))

    assert documents == []
    assert [str(error) for error in errors] == [
        f"E006 {path}: no article text found in the HTML page"
    ]


def test_html_unclosed_tags_still_give_the_article() -> None:
    broken = "<html><body><article>" + "".join(f"<p><b>{p}" for p in PARAGRAPHS) + "<div"

    document = read_html_document(broken, source="broken.html")

    assert document.text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize("markup", ["<<<>>>", "<html><body></body>", "</p></div>"])
def test_html_markup_without_text_is_e006(markup: str) -> None:
    with pytest.raises(InputError, match=r"^E006 broken\.html:"):
        read_html_document(markup, source="broken.html")


def test_html_binary_file_is_e003(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    errors: list[InputError] = []

    assert list(iter_documents([path], on_error=errors.append)) == []
    assert [str(error)[:4] for error in errors] == ["E003"]
