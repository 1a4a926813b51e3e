"""Following feeds: what is new is ingested once, a second run resumes where the first
stopped, and Ctrl-C ends with a summary. The feeds and articles are served on 127.0.0.1."""

from __future__ import annotations

import pytest

import quipu.cli
from quipu.cli import main
from quipu.errors import InputError
from quipu.ingest import FetchOptions, IngestOptions, Web
from quipu.ingest.fetch import Answer, MemoryFetcher
from quipu.ingest.follow import FeedFollower
from quipu.store import MemoryStore, open_store

REPORTS = {
    "/news/1": (
        "Police arrest protesters in Lima",
        (
            "Police arrested twelve protesters in Lima on Monday after they blocked a highway "
            "near the airport, the Interior Ministry said in a statement.",
        ),
    ),
    "/news/2": (
        "Curfew in Juliaca",
        (
            "Regional authorities declared a night curfew in Juliaca on Tuesday after a day "
            "of clashes between demonstrators and police, officials said.",
        ),
    ),
}


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>'
        f"<link>https://courier.example/</link><description>News</description>{items}"
        "</channel></rss>"
    )


@pytest.fixture
def newsroom(web_server, make_article):
    """The test server with two articles and a feed (at /feed) that lists them."""
    links = []
    for path, (title, paragraphs) in REPORTS.items():
        links.append(web_server.page(path, make_article(title, paragraphs=paragraphs)))
    web_server.serve("/feed", rss(links), headers={"Content-Type": "application/rss+xml"})
    return web_server


def follow(capsys, *argv):
    code = main(["follow", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_follow_once_twice_ingests_each_entry_once(newsroom, tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/follow.db"
    feed = newsroom.url("/feed")

    first = follow(capsys, feed, "--once", "--allow-private", "--db", db)
    second = follow(capsys, feed, "--once", "--allow-private", "--db", db)

    assert first[0] == 0, first[2]
    assert (
        first[1].splitlines()[-1]
        == "1 poll of 1 feed: 2 documents added, 0 already stored, 0 problems"
    )
    assert second[0] == 0, second[2]
    assert (
        second[1].splitlines()[-1]
        == "1 poll of 1 feed: 0 documents added, 0 already stored, 0 problems"
    )
    # the second run read the feed again, and no article
    assert newsroom.hits.count("/feed") == 2
    assert newsroom.hits.count("/news/1") == newsroom.hits.count("/news/2") == 1
    with open_store(db, create=False) as store:
        assert sorted(document["source"] for document in store.documents()) == [
            newsroom.url("/news/1"),
            newsroom.url("/news/2"),
        ]


def test_follow_second_run_reads_new_entries_and_retries_what_may_work(
    newsroom, make_article, tmp_path, capsys
):
    db = f"sqlite:///{tmp_path}/follow.db"
    feed = newsroom.url("/feed")
    busy = newsroom.serve("/news/busy", "try later", status=503)
    gone = newsroom.url("/news/gone")
    links = [newsroom.url("/news/1"), busy, gone]
    newsroom.serve("/feed", rss(links), headers={"Content-Type": "application/rss+xml"})

    code, out, err = follow(capsys, feed, "--once", "--allow-private", "--db", db)

    assert code == 1
    assert (
        out.splitlines()[-1] == "1 poll of 1 feed: 1 document added, 0 already stored, 2 problems"
    )
    assert [line for line in err.splitlines() if line.startswith("quipu: E")] == [
        f"quipu: E021 {busy}: cannot fetch (HTTP 503); it may work later",
        f"quipu: E022 {gone}: the server's answer cannot be read as a report (HTTP 404)",
    ]

    # the busy page is back, a new entry has appeared, the gone page is still gone
    paragraphs = REPORTS["/news/2"][1]
    newsroom.page("/news/busy", make_article("Back", paragraphs=paragraphs))
    newsroom.serve(
        "/feed",
        rss([*links, newsroom.url("/news/2")]),
        headers={"Content-Type": "application/rss+xml"},
    )
    code, out, err = follow(capsys, feed, "--once", "--allow-private", "--db", db)

    assert code == 0, err
    # the busy page and the new entry hold the same report: one added, one already stored
    assert (
        out.splitlines()[-1] == "1 poll of 1 feed: 1 document added, 1 already stored, 0 problems"
    )
    assert newsroom.hits.count("/news/gone") == 1
    assert newsroom.hits.count("/news/1") == 1


def test_follow_refuses_loopback_without_allow_private(newsroom, tmp_path, capsys):
    feed = newsroom.url("/feed")

    code, out, err = follow(capsys, feed, "--once", "--db", f"sqlite:///{tmp_path}/f.db")

    assert code == 1
    assert (
        out.splitlines()[-1] == "1 poll of 1 feed: 0 documents added, 0 already stored, 1 problem"
    )
    assert f"quipu: E019 {feed}: 127.0.0.1 is a loopback address" in err
    assert newsroom.hits == []


def test_follow_ctrl_c_ends_with_a_summary(newsroom, tmp_path, capsys, monkeypatch):
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(quipu.cli.time, "sleep", interrupted)
    feed = newsroom.url("/feed")

    code, out, err = follow(
        capsys, feed, "--every", "15m", "--allow-private", "--db", f"sqlite:///{tmp_path}/f.db"
    )

    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("poll 1, ")
    assert lines[0].endswith(": 2 documents added, 0 already stored, 0 problems")
    assert lines[-1] == "1 poll of 1 feed: 2 documents added, 0 already stored, 0 problems"
    assert err.splitlines()[-1] == "quipu: stopped"


def test_follow_stopped_mid_poll_resumes_where_it_stopped(newsroom, tmp_path, capsys, monkeypatch):
    db = f"sqlite:///{tmp_path}/follow.db"
    feed = newsroom.url("/feed")
    keep = FeedFollower.stored

    def stored_then_ctrl_c(self: FeedFollower, document_id: str) -> None:
        keep(self, document_id)
        raise KeyboardInterrupt

    monkeypatch.setattr(FeedFollower, "stored", stored_then_ctrl_c)
    code, out, err = follow(capsys, feed, "--allow-private", "--db", db)
    monkeypatch.setattr(FeedFollower, "stored", keep)

    assert code == 0, err
    assert (
        out.splitlines()[-1] == "1 poll of 1 feed: 1 document added, 0 already stored, 0 problems"
    )
    assert err.splitlines()[-1] == "quipu: stopped"

    code, out, err = follow(capsys, feed, "--once", "--allow-private", "--db", db)

    assert code == 0, err
    assert (
        out.splitlines()[-1] == "1 poll of 1 feed: 1 document added, 0 already stored, 0 problems"
    )
    # the first entry's report was stored and kept as read: not fetched again
    assert newsroom.hits.count("/news/1") == 1
    with open_store(db, create=False) as store:
        assert len(store.documents()) == 2


@pytest.mark.parametrize("every", ["15", "10s", "0m", "fortnight", "-5m"])
def test_follow_every_must_be_an_interval_of_a_minute_or_more(every, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["follow", "https://courier.example/feed", "--every", every, "--once"])

    assert exit_info.value.code == 2


# -- FeedFollower on the twins: an entry is kept as read only once its report is stored -----


def _newsroom_twin() -> MemoryFetcher:
    page = "<html><body><article><p>{}</p></article></body></html>"
    fetcher = MemoryFetcher(hosts={"courier.example": ["93.184.216.34"]})
    links = []
    for path, (_, paragraphs) in REPORTS.items():
        url = f"https://courier.example{path}"
        links.append(url)
        fetcher.answers[url] = Answer(
            url=url,
            status=200,
            headers={"content-type": "text/html"},
            body=page.format(paragraphs[0]).encode(),
        )
    fetcher.answers["https://courier.example/feed"] = Answer(
        url="https://courier.example/feed",
        status=200,
        headers={"content-type": "application/rss+xml"},
        body=rss(links).encode(),
    )
    return fetcher


def test_follow_entries_handed_out_but_not_stored_are_read_again():
    store = MemoryStore()
    web = Web(_newsroom_twin(), options=FetchOptions())
    errors: list[InputError] = []
    follower = FeedFollower(
        ["https://courier.example/feed"], store=store, web=web, options=IngestOptions()
    )

    first = list(follower.new_documents(on_error=errors.append))
    # the run stops here: nothing stored, `stored` and `finish` never called
    again = FeedFollower(
        ["https://courier.example/feed"], store=store, web=web, options=IngestOptions()
    )
    second = list(again.new_documents(on_error=errors.append))
    for document in second:
        again.stored(document.id)
    third = list(again.new_documents(on_error=errors.append))

    assert errors == []
    assert [document.id for document in first] == [document.id for document in second]
    assert len(first) == 2
    assert third == []
