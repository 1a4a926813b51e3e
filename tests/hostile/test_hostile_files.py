"""Bad files of every format `quipu ingest` reads: text, Markdown, HTML, JSON Lines (plain
and gzip-compressed), WARC archives and RSS feeds.

Each case is a file put beside a store that already holds a document. It must end in
numbered one-line messages, never a traceback, and leave the stored rows as they were: a
refused file adds nothing, an accepted one adds its own document and touches no other.
A feed whose entries link to other machines is never fetched from here: each link names a
non-public address or a scheme Quipu refuses before connecting.
"""

from __future__ import annotations

import gzip
import io
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hostile import REPORT, assert_numbered, document_ids, fingerprint

MB = 1024 * 1024
LINE = REPORT.strip()
SPANISH = (
    "La policía detuvo a 12 manifestantes en Lima el lunes, informó el ministerio del Interior. "
)
BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def front(yaml: str, body: str = REPORT) -> str:
    return f"---\n{yaml}\n---\n{body}"


def jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


@dataclass(frozen=True)
class Case:
    """A file named `name` holding `content`; refused with `error`, or stored (None)."""

    name: str
    content: bytes | str | Callable[[], bytes]
    error: str | None = None
    warnings: tuple[str, ...] = ()
    stored: int | None = None  # documents added: 1 when accepted, 0 when refused
    options: tuple[str, ...] = ()
    check: Callable[[sqlite3.Connection], None] | None = field(default=None, compare=False)

    @property
    def added(self) -> int:
        if self.stored is not None:
            return self.stored
        return 0 if self.error else 1

    def data(self) -> bytes:
        content = self.content() if callable(self.content) else self.content
        return content.encode("utf-8") if isinstance(content, str) else content


def stored_text(connection: sqlite3.Connection) -> str:
    return str(connection.execute("SELECT text FROM documents ORDER BY seq DESC").fetchone()[0])


def stored_column(column: str) -> Callable[[sqlite3.Connection], object]:
    def read(connection: sqlite3.Connection) -> object:
        return connection.execute(f"SELECT {column} FROM documents ORDER BY seq DESC").fetchone()[0]

    return read


def column_is(column: str, value: object) -> Callable[[sqlite3.Connection], None]:
    def check(connection: sqlite3.Connection) -> None:
        assert stored_column(column)(connection) == value

    return check


def no_date(connection: sqlite3.Connection) -> None:
    assert stored_column("published")(connection) is None


def text_has(*parts: str) -> Callable[[sqlite3.Connection], None]:
    def check(connection: sqlite3.Connection) -> None:
        text = stored_text(connection)
        for part in parts:
            assert part in text, (part, text[:200])

    return check


def text_lacks(*parts: str) -> Callable[[sqlite3.Connection], None]:
    def check(connection: sqlite3.Connection) -> None:
        text = stored_text(connection)
        for part in parts:
            assert part not in text, (part, text[:200])

    return check


def spaced_text(count: int) -> bytes:
    """About `count` bytes of prose-like ASCII (one sentence repeated, in paragraphs)."""
    paragraph = ("Protesters marched in Lima. " * 30).strip() + "\n\n"
    return (paragraph * (count // len(paragraph) + 1)).encode()[:count]


def warc(*pages: tuple[str, str], compress: bool = False, truncated: str = "") -> bytes:
    """A WARC file of HTML responses (url, html); `truncated` marks the last one so."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compress)
    for number, (url, html) in enumerate(pages, start=1):
        body = html.encode("utf-8")
        headers = {"WARC-Truncated": truncated} if truncated and number == len(pages) else {}
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            ),
            warc_headers_dict=headers,
        )
        writer.write_record(record)
    return stream.getvalue()


def article(text: str = LINE) -> str:
    return f"<html><head><title>Arrests</title></head><body><article><p>{text}</p></article></body></html>"


def rss(*items: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>'
        + "".join(f"<item>{item}</item>" for item in items)
        + "</channel></rss>"
    )


CASES = [
    # -- empty, binary, truncated
    Case("empty.txt", b"", error="E002"),
    Case("blank.md", " \n\t\r\n\n", error="E002"),
    Case("only-front-matter.md", front("title: Nothing", ""), error="E002"),
    Case("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, error="E003"),
    Case("all-bytes.md", bytes(range(256)) * 40, error="E003"),
    Case("truncated-utf8.txt", REPORT.encode() + "é".encode()[:1]),
    # a NUL past the first 8 KB, where the binary sniff does not look: removed, stored
    Case(
        "late-nul.txt",
        spaced_text(9000) + b"\x00" + REPORT.encode(),
        check=text_lacks("\x00"),
    ),
    # -- encodings
    Case("latin-1.txt", (SPANISH * 3).encode("latin-1"), check=text_has("policía")),
    Case("cp1252.txt", (SPANISH + "“Fuera”, gritaron. ").encode("cp1252"), check=text_has("“")),
    Case("utf-16-bom.txt", (LINE + " ").encode("utf-16"), check=text_has("Police arrested")),
    Case("utf-16-be-bom.txt", b"\xfe\xff" + LINE.encode("utf-16-be"), check=text_has("Lima")),
    Case("utf-16-no-bom.txt", LINE.encode("utf-16-le"), error="E003"),
    Case("utf-16-odd-length.txt", b"\xff\xfe" + LINE.encode("utf-16-le")[:-1], error="E004"),
    # UTF-8 read as latin-1 and written back as UTF-8: stored as written, never guessed at
    Case("mojibake.txt", SPANISH.encode().decode("latin-1"), check=text_has("polic\u00c3\u00ada")),
    # a UTF-8 file with one latin-1 line: not UTF-8, so read as cp1252 throughout
    Case("mixed-encodings.txt", REPORT.encode() + SPANISH.encode("latin-1")),
    # -- control and invisible characters
    Case(
        "controls.txt",
        "Police\x01 arrested\x1b[31m 12 protesters\x7f in\x0b Lima\x0c on Monday.\u200b\u202e\ufeff\n",
        check=text_has("Lima"),
    ),
    Case(
        "bidi-name.md",
        front('title: "\u202egnp.exe"\noutlet: "Wire\\0"'),
        check=column_is("outlet", "Wire"),
    ),
    # -- size
    Case(
        "ten-thousand-token-sentence.txt",
        " ".join(["Police", "arrested", "protesters", "in", "Lima", "on", "Monday", "and"] * 1250)
        + ".",
    ),
    # 1 MB and 4.9 MB texts are read, not refused (E015 is retired): the pipeline parses
    # them in chunks, which takes minutes; test_hostile_long_text_is_read_whole reads them
    Case(
        "four-point-nine-megabytes-limited.txt",
        lambda: spaced_text(int(4.9 * MB)),
        error="E005",
        options=("--max-mb", "4"),
    ),
    Case("six-megabytes.md", lambda: spaced_text(6 * MB), error="E005"),
    # -- front matter: YAML bombs, tags, nesting, dates and numbers out of range
    Case("billion-laughs.md", front(BILLION_LAUGHS + "\ndate: *i\ntitle: *i"), error="E008"),
    Case("self-alias.md", front("title: &a [*a]"), error="E008"),
    Case("deep-front-matter.md", front("title: " + "[" * 5000), error="E008"),
    Case("python-tag.md", front("date: !!python/object/apply:os.system ['true']"), error="E008"),
    Case("unclosed-flow.md", front("title: [unclosed"), error="E008"),
    Case("front-matter-list.md", front("- a\n- b"), error="E008"),
    Case(
        "small-alias-list-date.md",
        front("l: &l [1, 2, 3]\ndate: [*l, *l, *l, *l, *l]"),
        warnings=("W002",),
        check=no_date,
    ),
    Case("year-99999.md", front("date: 99999-01-01"), warnings=("W002",), check=no_date),
    Case("year-zero.md", front("date: 0000-00-00"), warnings=("W002",), check=no_date),
    Case("february-30.md", front("date: 2023-02-30"), warnings=("W002",), check=no_date),
    Case("negative-year.md", front("date: -0001-01-01"), warnings=("W002",), check=no_date),
    Case("signed-short-year.md", front('date: "-5-01-01"'), warnings=("W002",), check=no_date),
    Case(
        "ten-to-the-400.md", front("date: 1e400\ntitle: 1e400"), warnings=("W002",), check=no_date
    ),
    Case("huge-integer-date.md", front("date: " + "9" * 400), warnings=("W002",), check=no_date),
    Case(
        "hostile-metadata.md",
        front(
            'title: "<script>alert(1)</script>"\nurl: "javascript:alert(1)"\noutlet: "<img src=x onerror=alert(2)>"'
        ),
    ),
    Case("unclosed-front-matter.md", "---\ntitle: x\n" + REPORT),
    # -- HTML
    Case(
        "truncated.html",
        "<html><head><title>Arrests</title></head><body><article><p>"
        + LINE
        + "</p><p>Unclosed <b>bold <i>",
    ),
    Case(
        "deeply-nested.html",
        "<html><body>" + "<div>" * 100_000 + "<p>" + LINE + "</p>" + "</div>" * 7,
        error="E006",
    ),
    Case(
        "navigation-only.html",
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        error="E006",
    ),
    Case(
        "hostile.html",
        "<html><head><title><script>alert(1)</script></title>"
        "<link rel=canonical href='javascript:alert(2)'></head><body><article><p>"
        + LINE
        + "<script>alert(3)</script> <a href='javascript:alert(4)'>more</a>"
        "<img src=x onerror=alert(5)></p></article></body></html>",
        check=text_lacks("<script", "alert(3)", "onerror"),
    ),
    Case(
        "far-future.html",
        "<html><head><meta property='article:published_time' content='99999-12-01'></head>"
        "<body><article><p>" + LINE + "</p></article></body></html>",
        check=no_date,
    ),
    Case("binary.html", b"\x00\x01\x02<html>" * 100, error="E003"),
    # -- JSON Lines
    Case("empty.jsonl", "\n\n", error="E002"),
    Case(
        "some-bad-lines.jsonl",
        jsonl("not json", '{"text": 1}', "[1]", '{"text": "' + LINE + '"}', '{"text": "trunc'),
        error="E007",
        stored=1,  # the good line
    ),
    Case("deep.jsonl", jsonl("[" * 100_000), error="E007"),
    Case(
        "deep-value.jsonl",
        jsonl('{"text": "' + LINE + '", "title": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        error="E007",
    ),
    Case(
        "ten-to-the-400.jsonl",
        jsonl('{"text": "' + LINE + '", "date": 1e400, "id": 1e400, "title": -1e400}'),
        warnings=("W003",),
        check=no_date,
    ),
    Case(
        "dates-out-of-range.jsonl",
        jsonl(
            *(
                f'{{"text": "{LINE} {n}", "date": {date}}}'
                for n, date in enumerate(
                    [
                        '"+99999-01-01"',
                        '"-5-01-01"',
                        '"0000-00-00"',
                        "-99999999999999999999",
                        '{"y": 1}',
                    ]
                )
            )
        ),
        warnings=("W003",),
        stored=5,
    ),
    Case(
        "long-date.jsonl",
        jsonl('{"text": "' + LINE + '", "date": "' + "1" * 100_000 + '"}'),
        warnings=("W003",),
        check=no_date,
    ),
    Case(
        "lone-surrogates.jsonl",
        jsonl('{"text": "\\ud800' + LINE + '", "id": "\\udfffx", "title": "\\udc00t"}'),
        check=text_lacks("\ud800"),
    ),
    Case(
        "nul.jsonl",
        jsonl('{"text": "a\\u0000' + LINE + '", "id": "x\\u0000y"}'),
        check=text_lacks("\x00"),
    ),
    Case("traversal-id.jsonl", jsonl('{"text": "' + LINE + '", "id": "../../../../etc/passwd"}')),
    Case("latin-1.jsonl", ('{"text": "' + SPANISH + '"}\n').encode("latin-1"), error="E007"),
    Case("utf-16.jsonl", ('{"text": "' + LINE + '"}\n').encode("utf-16"), error="E003"),
    Case(
        "one-long-line.jsonl",
        lambda: ('{"text": "' + "x " * (MB // 2) + '"}\n{"text": "' + LINE + '"}\n').encode(),
        error="E005",
        stored=1,  # the line after it
        options=("--max-mb", "0.5"),
    ),
    # -- gzip-compressed JSON Lines
    Case(
        "bomb.jsonl.gz",
        lambda: gzip.compress(b'{"text": "' + b"x " * (3 * MB) + b'"}\n'),
        error="E005",
        options=("--max-mb", "1"),
    ),
    Case("not-gzip.jsonl.gz", jsonl('{"text": "' + LINE + '"}'), error="E011"),
    Case(
        "cut.jsonl.gz",
        lambda: gzip.compress(jsonl('{"text": "' + LINE + '"}').encode())[:-12],
        error="E011",
        stored=0,  # so small a file breaks before its one line is whole
    ),
    # -- WARC archives
    Case("garbage.warc", b"WARC/1.0\r\nthis is not a header\r\n\r\n" * 20, error="E016"),
    Case("binary.warc.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, error="E016"),
    Case(
        "cut.warc.gz",
        lambda: warc(("https://a.example/1", article()), compress=True)[:-30],
        error="E016",
        stored=0,
    ),
    Case(
        "truncated-record.warc",
        lambda: warc(
            ("https://a.example/1", article()),
            ("https://a.example/2", article(SPANISH)),
            truncated="length",
        ),
        error="E017",
        stored=1,
    ),
    Case(
        "hostile-page.warc",
        lambda: warc(
            ("javascript:alert(1)", article(SPANISH)),  # not an HTTP capture: skipped
            ("https://a.example/x", article(LINE + "<script>alert(3)</script>")),
        ),
        check=text_lacks("<script", "alert(3)"),
    ),
    # -- RSS feeds: entities are not expanded, files not read, and links elsewhere refused
    Case(
        "external-entity.rss",
        rss(
            "<guid isPermaLink='false'>x1</guid><title>&xxe;</title>"
            f"<content:encoded><![CDATA[<p>{LINE}</p>]]></content:encoded>",
            doctype='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
        check=text_lacks("root:", "/bin/"),
    ),
    Case(
        "billion-laughs.rss",
        rss(
            "<title>&i;</title><link>http://127.0.0.1:9/</link>",
            doctype='<!DOCTYPE rss [<!ENTITY a "lollollollol">'
            + "".join(
                f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
                for a, b in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "]>",
        ),
        error="E019",
    ),
    Case(
        "links-elsewhere.rss",
        rss(
            "<link>file:///etc/passwd</link><title>a</title>",
            "<link>http://169.254.169.254/latest/meta-data/</link><title>b</title>",
            "<link>http://[::ffff:10.0.0.1]/</link><title>c</title>",
            "<link>gopher://10.0.0.1:70/</link><title>d</title>",
        ),
        error="E019",
    ),
    Case("not-a-feed.rss", "<html><body><p>" + LINE + "</p></body></html>", error="E024"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file_gets_numbered_lines_and_leaves_the_store_intact(
    case, cli, db, db_path, tmp_path
):
    path = tmp_path / "inputs" / case.name
    path.parent.mkdir()
    path.write_bytes(case.data())
    before_ids = document_ids(db_path)
    before = fingerprint(db_path)

    run = cli("ingest", str(path), "--db", db, *case.options)

    assert_numbered(run, *case.warnings, *([case.error] if case.error else []))
    assert fingerprint(db_path, documents=before_ids) == before
    assert len(document_ids(db_path)) - len(before_ids) == case.added, run.out
    assert run.code == (1 if case.error else 0), run.err
    if case.added and case.check is not None:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
            case.check(connection)
        connection.close()


@pytest.mark.parametrize("size", [MB, int(4.9 * MB)])
def test_hostile_long_text_is_read_whole(size, tmp_path):
    """A text over spaCy's 1,000,000 characters and under the 5 MB limit is read, all of
    it, in chunks the parser accepts (the pipeline itself is not run on it here)."""
    from quipu.ingest import iter_documents
    from quipu.nlp import chunks

    path = tmp_path / "long.txt"
    path.write_bytes(spaced_text(size))
    errors: list[Exception] = []
    (document,) = iter_documents([str(path)], on_error=errors.append)
    assert not errors
    assert len(document.text) > 1_000_000
    pieces = chunks.split_text(document.text)
    assert max(piece.end - piece.start for piece in pieces) <= chunks.CHUNK_CHARACTERS
    assert "".join(document.text[piece.start : piece.end] for piece in pieces) == document.text


def test_hostile_file_name_with_a_line_break_stays_one_line(cli, db, db_path, tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "evil\nquipu: E000 forged.md").write_bytes(b"")
    before = fingerprint(db_path)
    run = cli("ingest", str(folder), "--db", db)
    assert run.code == 1
    assert_numbered(run, "E002")
    assert len(run.messages) == 1 and "\\n" in run.err
    assert fingerprint(db_path) == before


def test_hostile_pipe_in_a_folder_is_skipped_not_waited_on(cli, db, db_path, tmp_path):
    folder = tmp_path / "pipes"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    run = cli("ingest", str(folder), "--db", db)
    assert run.code == 1
    assert_numbered(run, "E011")
    assert len(document_ids(db_path)) == 2


def test_hostile_links_that_loop_or_dangle_are_numbered(cli, db, db_path, tmp_path):
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "loop.md").symlink_to(folder / "loop.md")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "up").symlink_to(tmp_path)  # a link to a folder is not followed
    before = fingerprint(db_path)
    run = cli("ingest", str(folder), "--db", db)
    assert run.code == 1
    assert_numbered(run)
    assert sorted(run.codes()) == ["E001", "E011"]
    assert fingerprint(db_path) == before
