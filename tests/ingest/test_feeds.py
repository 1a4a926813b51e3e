"""RSS and Atom feeds, as files and URLs: each entry is one report, from its full content
when the feed carries it, else from the page its link names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quipu.errors import InputError
from quipu.ingest import FetchOptions, IngestOptions, Web, iter_documents
from quipu.ingest.feeds import parse_feed
from quipu.ingest.fetch import MemoryFetcher

LOCAL = IngestOptions(allow_private=True)
FULL_TEXT = (
    "<p>Thousands of farmworkers blocked the Pan-American Highway near Ica on Tuesday, "
    "demanding the repeal of an agrarian law, the transport ministry said.</p>"
    "<p>Police used tear gas to clear one of the blockades in the afternoon, and two "
    "protesters were detained, according to the regional prosecutor's office.</p>"
)


def rss(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Altiplano Courier</title><link>https://courier.example/</link>"
        "<description>News</description>" + "".join(items) + "</channel></rss>"
    )


def item(
    *,
    title: str,
    link: str | None = None,
    guid: str | None = None,
    date: str = "",
    content: str = "",
) -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def atom(*entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Andes Wire</title><id>urn:andes-wire</id><updated>2020-12-01T00:00:00Z</updated>"
        + "".join(entries)
        + "</feed>"
    )


def atom_entry(*, title: str, key: str, updated: str, content: str = "", link: str = "") -> str:
    body = f'<content type="html"><![CDATA[{content}]]></content>' if content else ""
    href = f'<link rel="alternate" href="{link}"/>' if link else ""
    return f"<entry><title>{title}</title><id>{key}</id><updated>{updated}</updated>{href}{body}</entry>"


def read(paths, *, options=LOCAL, web=None):
    errors: list[InputError] = []
    documents = list(iter_documents(paths, on_error=errors.append, options=options, web=web))
    return documents, [str(error) for error in errors]


def test_feeds_rss_file_entries_are_fetched_from_their_links(
    tmp_path: Path, web_server, make_article
):
    first = web_server.page("/news/1", make_article("Curfew in Juliaca"))
    second = web_server.page(
        "/news/2",
        make_article(
            "Strike in Puno", paragraphs=(FULL_TEXT.replace("<p>", "").replace("</p>", "\n\n"),)
        ),
    )
    feed = tmp_path / "courier.rss"
    feed.write_text(
        rss(
            item(title="Curfew in Juliaca", link=first, date="Tue, 10 Jan 2023 08:00:00 GMT"),
            item(title="Strike in Puno", link=second),
        ),
        encoding="utf-8",
    )

    documents, errors = read([feed])

    assert errors == []
    assert [(document.source, document.url) for document in documents] == [
        (first, first),
        (second, second),
    ]
    # the page has no date in its markup: the entry's
    assert documents[0].published == dt.date(2023, 1, 10)
    assert documents[1].published is None
    assert web_server.hits == ["/robots.txt", "/news/1", "/news/2"]


def test_feeds_atom_file_with_full_content_needs_no_fetching(tmp_path: Path):
    feed = tmp_path / "wire.atom"
    feed.write_text(
        atom(
            atom_entry(
                title="Highway blocked near Ica",
                key="urn:andes-wire:1",
                updated="2020-12-01T10:00:00Z",
                content=FULL_TEXT,
                link="https://wire.example/ica",
            )
        ),
        encoding="utf-8",
    )
    fetcher = MemoryFetcher()

    documents, errors = read([feed], web=Web(fetcher, options=FetchOptions()))

    assert errors == []
    (document,) = documents
    assert document.source == "https://wire.example/ica"
    assert document.url == "https://wire.example/ica"
    assert document.title == "Highway blocked near Ica"
    assert document.published == dt.date(2020, 12, 1)
    assert "Pan-American Highway near Ica" in document.text
    assert fetcher.requests == []


def test_feeds_feed_url_is_read_entry_by_entry(web_server, make_article):
    article = web_server.page("/news/1", make_article())
    feed = web_server.serve(
        "/feed",
        rss(item(title="Curfew", link=article)),
        headers={"Content-Type": "application/rss+xml"},
    )

    documents, errors = read([feed])

    assert errors == []
    assert [document.source for document in documents] == [article]


def test_feeds_a_feed_served_as_html_is_still_a_feed(web_server, make_article):
    article = web_server.page("/news/1", make_article())
    feed = web_server.serve(
        "/feed", rss(item(title="Curfew", link=article)), headers={"Content-Type": "text/html"}
    )

    documents, errors = read([feed])

    assert errors == []
    assert [document.source for document in documents] == [article]


def test_feeds_entries_that_fail_are_reported_one_by_one(tmp_path: Path, web_server, make_article):
    good = web_server.page("/news/1", make_article())
    missing = web_server.url("/news/gone")
    feed = tmp_path / "courier.xml"
    feed.write_text(
        rss(
            item(title="Gone", link=missing),
            item(title="No link", guid="courier-17"),
            item(title="Curfew", link=good),
        ),
        encoding="utf-8",
    )

    documents, errors = read([feed])

    assert [document.source for document in documents] == [good]
    assert errors == [
        f"E022 {missing}: the server's answer cannot be read as a report (HTTP 404)",
        f"E024 {feed}: feed entry 2 has neither a link nor its text; skipped",
    ]


@pytest.mark.parametrize(
    "content",
    [
        "<?xml version='1.0'?><urlset><url><loc>https://x.example/</loc></url></urlset>",
        "not xml at all, just words",
        "<html><body><p>A page, not a feed.</p></body></html>",
    ],
)
def test_feeds_xml_that_is_not_a_feed_is_e024(tmp_path: Path, content: str):
    path = tmp_path / "sitemap.xml"
    path.write_text(content, encoding="utf-8")

    documents, errors = read([path], web=Web(MemoryFetcher(), options=FetchOptions()))

    assert documents == []
    assert len(errors) == 1
    assert errors[0].startswith(f"E024 {path}: feed not an RSS or Atom feed (")


def test_feeds_xml_files_in_a_folder_are_not_taken_for_feeds(tmp_path: Path):
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (tmp_path / "report.txt").write_text(
        "Police detained twelve protesters in Lima on Monday, officials said.", encoding="utf-8"
    )

    documents, errors = read([tmp_path])

    assert errors == []
    assert [Path(document.source).name for document in documents] == ["report.txt"]


def test_feeds_entry_keys_stay_the_same_between_polls():
    data = rss(
        item(title="A", link="https://c.example/a", guid="courier-1"),
        item(title="B", link="https://c.example/b"),
        item(title="C", content=FULL_TEXT),
    ).encode()

    first = parse_feed(data, source="feed")
    again = parse_feed(data, source="feed")

    assert [entry.key for entry in first] == [entry.key for entry in again]
    assert [entry.key[:4] for entry in first] == ["cour", "http", "sha:"]


def test_feeds_a_broken_feed_gives_what_can_be_read(tmp_path: Path):
    path = tmp_path / "cut.rss"
    path.write_text(
        rss(item(title="Full", guid="c-1", content=FULL_TEXT))
        + "<item><title>cut off in the middle",
        encoding="utf-8",
    )

    documents, errors = read([path], web=Web(MemoryFetcher(), options=FetchOptions()))

    assert [document.title for document in documents] == ["Full"]
    assert errors == [f"E024 {path}: feed entry 2 has neither a link nor its text; skipped"]


NUMBERED = re.compile(r"\AE0\d\d [^\n]+\Z")
SAMPLE_FEED = rss(
    item(title="Full", guid="c-1", content=FULL_TEXT, date="Tue, 10 Jan 2023 08:00:00 GMT"),
    item(title="Linked", link="https://courier.example/news/2"),
).encode("utf-8")


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    cut=st.integers(min_value=0, max_value=len(SAMPLE_FEED)),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
)
def test_feeds_any_damage_ends_in_numbered_errors(tmp_path_factory, cut, flips):
    data = bytearray(SAMPLE_FEED)
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path_factory.mktemp("damaged") / "feed.rss"
    path.write_bytes(bytes(data[: len(data) - cut]))
    fetcher = MemoryFetcher()  # knows no host: a link is never fetched from anywhere

    documents, errors = read([path], web=Web(fetcher, options=FetchOptions()))

    assert len(documents) <= 1
    for error in errors:
        assert NUMBERED.match(error), error
