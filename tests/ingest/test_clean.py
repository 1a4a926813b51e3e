"""Scraping debris is removed and white space made regular; real sentences are untouched."""

from __future__ import annotations

import pytest

from quipu.ingest import clean_text, read_text_document

HEADLINE = "Lima: Marchers Fill the Plaza as Talks Stall"
FIRST = "Thousands of marchers filled the main square of Lima on Thursday."
SECOND = "Union leaders said the talks with the interior ministry had stalled."
THIRD = "Police kept their distance, and no arrests were reported by nightfall."


def test_clean_repeated_headline_between_paragraphs_is_dropped() -> None:
    text = f"{FIRST}\n\n{HEADLINE}\n\n{SECOND}\n\n{HEADLINE}\n\n{THIRD}"

    assert clean_text(text) == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"


def test_clean_headline_equal_to_title_is_dropped_even_once() -> None:
    text = f"{HEADLINE}\n\n{FIRST}\n\n{SECOND}"

    assert clean_text(text, title=HEADLINE) == f"{FIRST}\n\n{SECOND}"


def test_clean_single_short_line_without_title_is_kept() -> None:
    text = f"Background\n\n{FIRST}"

    assert clean_text(text) == text


def test_clean_repeated_sentence_with_full_stop_is_kept() -> None:
    text = f"No.\n\n{FIRST}\n\nNo.\n\n{SECOND}"

    assert clean_text(text) == text


def test_clean_link_marker_line_and_trailing_token_are_dropped() -> None:
    text = f"{FIRST} LINK\n\nLINK\n\n{SECOND}\u00a0LINK"

    assert clean_text(text) == f"{FIRST}\n\n{SECOND}"


def test_clean_link_as_a_word_in_prose_is_kept() -> None:
    text = "Investigators found a link between the two shootings, and a LINK in the chain."

    assert clean_text(text) == text


@pytest.mark.parametrize(
    "byline", ["By Ana María Quispe", "By Ana Quispe Via", "POR Luis de la Cruz"]
)
def test_clean_byline_as_first_or_last_line_is_dropped(byline: str) -> None:
    assert clean_text(f"{byline}\n\n{FIRST}") == FIRST
    assert clean_text(f"{FIRST}\n\n{byline}") == FIRST
    assert clean_text(f"{FIRST}\n{byline}") == FIRST


def test_clean_sentence_opening_with_by_is_kept() -> None:
    text = f"{FIRST}\n\nBy Friday, the organizers had called off a second march."

    assert clean_text(text) == text


@pytest.mark.parametrize(
    "widget",
    [
        "Share this:",
        "Share on Facebook",
        "Click to share on Twitter (Opens in new window)",
        "Follow us on Telegram",
        "Read more: Five things to know about the state of emergency",
        "Subscribe",
        "Subscribe to our newsletter",
        "WhatsApp",
        "Compartir en Facebook",
        "Síguenos en Twitter",
        "Lee también: Cinco claves del estado de emergencia",
        "Suscríbete",
    ],
)
def test_clean_share_widget_lines_are_dropped(widget: str) -> None:
    text = f"{FIRST}\n\n{widget}\n{SECOND}"

    assert clean_text(text) == f"{FIRST}\n\n{SECOND}"


def test_clean_long_line_starting_like_a_widget_is_kept() -> None:
    text = (
        "Read more about the emergency decree in the official gazette, which lists every "
        "province where the right of assembly is suspended until further notice."
    )

    assert clean_text(text) == text


def test_clean_white_space_is_regular_and_paragraphs_stay_apart() -> None:
    text = f"\ufeff{FIRST}   \r\n{SECOND}\r\n\r\n\r\n\r\n  \n{THIRD}\t\n\n"

    assert clean_text(text) == f"{FIRST}\n{SECOND}\n\n{THIRD}"


def test_clean_inner_spacing_is_kept_as_written() -> None:
    text = "The toll rose over the last     two weeks,\u00a0officials said."

    assert clean_text(text) == text


def test_clean_only_debris_leaves_nothing() -> None:
    assert clean_text("Share this:\nFacebook\nTwitter\n\nLINK") == ""


def test_clean_scraped_article_keeps_every_real_sentence() -> None:
    # A report as scraped: front matter, the headline repeated by the page layout, a link
    # marker after a paragraph and a byline at the bottom.
    scraped = (
        f'---\ntitle: "{HEADLINE}"\nauthor: Ana Quispe\ndate: 2023-02-02\n---\n'
        f"{FIRST}  \n\n{HEADLINE}\n\n{SECOND} LINK\n\n\n\n{HEADLINE}\n\n{THIRD}\n\n"
        "By Ana Quispe Via"
    )

    document = read_text_document(scraped, source="scraped.txt")

    assert document.text == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert document.title == HEADLINE
