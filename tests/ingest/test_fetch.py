"""Fetching URLs: the rules every download obeys, against a server on 127.0.0.1 and the
in-memory twin. Nothing here leaves this machine: a refused address is never connected to."""

from __future__ import annotations

import gzip
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quipu.errors import InputError
from quipu.ingest import FetchOptions, IngestOptions, Web, iter_documents
from quipu.ingest.fetch import Answer, HttpFetcher, MemoryFetcher, non_public_kind

LOCAL = IngestOptions(allow_private=True)
# the test server's address allowed, every other non-public one still refused
ONLY_THE_TEST_SERVER = FetchOptions(allow_addresses=frozenset({"127.0.0.1"}))


def fetch(urls, *, options=LOCAL, web=None):
    errors: list[InputError] = []
    documents = list(iter_documents(urls, on_error=errors.append, options=options, web=web))
    return documents, [str(error) for error in errors]


def test_fetch_an_article_url_becomes_a_document(web_server, make_article, paragraphs):
    url = web_server.page("/2023/01/curfew", make_article())

    documents, errors = fetch([url])

    assert errors == []
    (document,) = documents
    assert (document.source, document.url, document.title) == (url, url, "Curfew in Juliaca")
    assert document.text.split("\n\n")[-3:] == list(paragraphs)
    # robots.txt first, then the page, each once
    assert web_server.hits == ["/robots.txt", "/2023/01/curfew"]


def test_fetch_loopback_is_refused_without_allow_private(web_server, make_article):
    url = web_server.page("/a", make_article())

    documents, errors = fetch([url], options=IngestOptions())

    assert documents == []
    assert errors == [
        f"E019 {url}: 127.0.0.1 is a loopback address (127.0.0.1); refused without --allow-private"
    ]
    assert web_server.hits == []


def test_fetch_time_out_is_e021_and_the_next_url_is_read(web_server, make_article):
    slow = web_server.serve("/slow", make_article(), hang=True)
    fast = web_server.page("/fast", make_article())

    documents, errors = fetch([slow, fast], options=IngestOptions(allow_private=True, timeout=2))

    assert [document.source for document in documents] == [fast]
    assert errors == [
        f"E021 {slow}: cannot fetch (no complete answer within 2 s (--timeout)); it may work later"
    ]


@pytest.mark.parametrize("declared", [True, False])
def test_fetch_body_over_the_size_limit_is_e023(web_server, make_article, paragraphs, declared):
    big = make_article(paragraphs=paragraphs * 1000)
    url = web_server.serve(
        "/big", big, headers={"Content-Type": "text/html"}, declare_length=declared
    )
    small = web_server.page("/small", make_article())

    documents, errors = fetch(
        [url, small], options=IngestOptions(allow_private=True, max_megabytes=0.1)
    )

    assert len(big) > 0.1 * 1024 * 1024
    assert [document.source for document in documents] == [small]
    assert errors == [f"E023 {url}: the download is over the 0.1 MB limit (--max-mb)"]


def test_fetch_redirect_to_a_link_local_address_is_refused_before_connecting(web_server):
    metadata = "http://169.254.169.254/latest/meta-data/"
    url = web_server.redirect("/go", metadata)

    with Web(options=ONLY_THE_TEST_SERVER) as web:
        documents, errors = fetch([url], options=IngestOptions(), web=web)

    assert documents == []
    assert errors == [
        f"E019 {url} (redirected to {metadata}): 169.254.169.254 is a link-local address "
        "(169.254.169.254); refused without --allow-private"
    ]


def test_fetch_redirects_are_followed_and_each_hop_checked(web_server, make_article):
    page = web_server.page("/new", make_article())
    old = web_server.redirect("/old", "/new", status=301)

    with Web(options=ONLY_THE_TEST_SERVER) as web:
        documents, errors = fetch([old], options=IngestOptions(), web=web)

    assert errors == []
    assert [(document.source, document.url) for document in documents] == [(old, page)]


def test_fetch_redirect_loop_gives_up(web_server):
    url = web_server.redirect("/loop", "/loop")

    documents, errors = fetch([url])

    assert documents == []
    assert errors == [f"E021 {url}: cannot fetch (more than 5 redirects); it may work later"]


def test_fetch_robots_txt_disallowing_a_path_is_obeyed(web_server, make_article):
    web_server.serve(
        "/robots.txt", "User-agent: *\nAllow: /\n\nUser-agent: Quipu\nDisallow: /private/\n"
    )
    kept = web_server.page("/public/a", make_article())
    refused = web_server.page("/private/b", make_article("Other"))

    documents, errors = fetch([refused, kept])

    assert [document.source for document in documents] == [kept]
    assert errors == [
        f"E020 {refused}: robots.txt of {web_server.base.removeprefix('http://')} does not "
        "allow Quipu to fetch it (a Disallow rule)"
    ]
    # read once for the host, and the refused page never requested
    assert web_server.hits == ["/robots.txt", "/public/a"]


def test_fetch_robots_txt_that_fails_means_no(web_server, make_article):
    web_server.serve("/robots.txt", "down", status=503)
    url = web_server.page("/a", make_article())

    documents, errors = fetch([url])

    assert documents == []
    assert len(errors) == 1
    assert errors[0].startswith(f"E020 {url}: robots.txt of ")
    assert "robots.txt answered HTTP 503, which means no" in errors[0]
    assert "/a" not in web_server.hits


@pytest.mark.parametrize(
    ("status", "code", "tail"),
    [
        (404, "E022", "the server's answer cannot be read as a report (HTTP 404)"),
        (503, "E021", "cannot fetch (HTTP 503); it may work later"),
    ],
)
def test_fetch_error_statuses_say_whether_to_try_again(web_server, status, code, tail):
    url = web_server.serve("/x", "no", status=status)

    documents, errors = fetch([url])

    assert documents == []
    assert errors == [f"{code} {url}: {tail}"]


def test_fetch_a_body_that_is_no_page_is_e022(web_server):
    url = web_server.serve("/logo.png", b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"})

    documents, errors = fetch([url])

    assert documents == []
    assert errors == [
        f"E022 {url}: the server's answer cannot be read as a report "
        "(content type image/png, not an HTML page, a feed or text)"
    ]


def test_fetch_a_compressed_bomb_is_cut_off_at_the_limit(web_server):
    bomb = gzip.compress(b"<p>" + b"a" * (20 * 1024 * 1024))
    url = web_server.serve(
        "/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )

    documents, errors = fetch([url], options=IngestOptions(allow_private=True, max_megabytes=1))

    assert documents == []
    assert errors == [f"E023 {url}: the download is over the 1.0 MB limit (--max-mb)"]


# -- the rules, on the in-memory twin ------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_fetch_address_kinds(address, kind):
    assert non_public_kind(address) == kind


def _twin(**hosts: list[str]) -> MemoryFetcher:
    fetcher = MemoryFetcher(hosts={name.replace("_", "."): found for name, found in hosts.items()})
    return fetcher


def test_fetch_every_address_of_a_host_is_checked():
    fetcher = _twin(news_example=["93.184.216.34", "10.0.0.7"])
    web = Web(fetcher, options=FetchOptions())

    documents, errors = fetch(["https://news.example/a"], options=IngestOptions(), web=web)

    assert documents == []
    assert errors == [
        "E019 https://news.example/a: news.example is a private address (10.0.0.7); "
        "refused without --allow-private"
    ]
    assert fetcher.requests == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://news.example/a", "'ftp:' is not http or https"),
        ("file:///etc/passwd", "'file:' is not http or https"),
        (
            "https://user:secret@news.example/a",
            "a user name or password in a URL is not sent anywhere",
        ),
    ],
)
def test_fetch_only_plain_http_and_https_urls(url, reason):
    fetcher = _twin(news_example=["93.184.216.34"])

    documents, errors = fetch(
        [url], options=IngestOptions(), web=Web(fetcher, options=FetchOptions())
    )

    assert documents == []
    assert errors == [f"E018 {url}: not a URL Quipu fetches ({reason})"]
    assert fetcher.requests == []


def test_fetch_robots_txt_is_read_once_per_host():
    fetcher = _twin(news_example=["93.184.216.34"])
    html = "<html><body><article><p>{}</p></article></body></html>"
    for number in (1, 2):
        sentence = f"Police detained {number} protest leaders in Lima on Monday, officials said."
        fetcher.answers[f"https://news.example/{number}"] = Answer(
            url=f"https://news.example/{number}",
            status=200,
            headers={"content-type": "text/html"},
            body=html.format(sentence).encode(),
        )

    documents, errors = fetch(
        ["https://news.example/1", "https://news.example/2"],
        options=IngestOptions(),
        web=Web(fetcher, options=FetchOptions()),
    )

    assert errors == []
    assert len(documents) == 2
    assert fetcher.requests == [
        "https://news.example/robots.txt",
        "https://news.example/1",
        "https://news.example/2",
    ]


# -- the command line ----------------------------------------------------------------------


def test_fetch_cli_ingest_stores_an_article_url(web_server, make_article, tmp_path, capsys):
    from quipu.cli import main
    from quipu.store import open_store

    url = web_server.page("/2023/01/curfew", make_article())
    refused = web_server.serve(
        "/private/a", make_article("Other"), headers={"Content-Type": "text/html"}
    )
    web_server.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    db = f"sqlite:///{tmp_path}/web.db"

    code = main(["ingest", url, refused, "--allow-private", "--timeout", "5", "--db", db])
    out, err = capsys.readouterr()

    assert code == 1
    assert out.splitlines()[-1] == "1 document added, 0 already stored, 1 problem"
    assert f"quipu: E020 {refused}: robots.txt of " in err
    with open_store(db, create=False) as store:
        assert [document["url"] for document in store.documents()] == [url]


@pytest.mark.parametrize("timeout", ["0", "-1", "nan"])
def test_fetch_cli_timeout_must_be_positive(timeout, capsys):
    from quipu.cli import main

    code = main(["extract", "https://courier.example/a", "--timeout", timeout])
    _, err = capsys.readouterr()

    assert code == 2
    assert err == "quipu: E301 --timeout must be a positive number\n"


# -- HTTPS: the connection goes to the checked address, the certificate is still checked
# against the host's name ---------------------------------------------------------------

TLS = Path(__file__).parent / "tls"


@pytest.mark.parametrize(("certificate", "works"), [("localhost", True), ("wrong.example", False)])
def test_fetch_https_checks_the_certificate_against_the_host_name(make_article, certificate, works):
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(TLS / f"{certificate}.crt", TLS / f"{certificate}.key")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(make_article()))
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    trust = ssl.create_default_context(cafile=str(TLS / f"{certificate}.crt"))
    url = f"https://localhost:{server.server_port}/a"
    try:
        with Web(HttpFetcher(verify=trust), options=FetchOptions(allow_private=True)) as web:
            documents, errors = fetch([url], web=web)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

    if works:
        assert errors == []
        assert [document.source for document in documents] == [url]
    else:
        assert documents == []
        assert len(errors) == 1
        assert "certificate verify failed" in errors[0]


class _EveryNameHere(HttpFetcher):
    """Every host name resolves to this machine (as two names of one CDN share addresses)."""

    def resolve(self, host: str, port: int) -> list[str]:
        return ["127.0.0.1"]


def test_fetch_https_connection_for_one_name_never_carries_another(make_article):
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(TLS / "localhost.crt", TLS / "localhost.key")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(make_article()))
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    trust = ssl.create_default_context(cafile=str(TLS / "localhost.crt"))
    right = f"https://localhost:{server.server_port}/a"
    wrong = f"https://elsewhere.test:{server.server_port}/a"
    try:
        with Web(_EveryNameHere(verify=trust), options=FetchOptions(allow_private=True)) as web:
            documents, errors = fetch([right, wrong], web=web)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

    # the certificate is for localhost: elsewhere.test is refused, connection or not
    assert [document.source for document in documents] == [right]
    assert len(errors) == 1
    assert errors[0].startswith(f"E020 {wrong}: ")
    assert "certificate verify failed" in errors[0]


def _handler(html: str) -> type[BaseHTTPRequestHandler]:
    body = html.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections kept open for the next request

        def do_GET(self) -> None:
            found = self.path == "/a"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) if found else 0))
            self.end_headers()
            if found:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def test_fetch_a_relative_link_is_e018():
    web = Web(MemoryFetcher(), options=FetchOptions())

    with pytest.raises(
        InputError, match=r"^E018 /news/1: not a URL Quipu fetches \(a relative URL"
    ):
        web.get("/news/1")
