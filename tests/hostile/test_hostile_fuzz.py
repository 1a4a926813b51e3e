"""Property test: any report, however odd its text and front matter, goes through ingest →
extract → store → export and back through `quipu ingest` unchanged.

Reports are a real sentence among random paragraphs (any Unicode but surrogates, control
characters, Markdown and HTML markup) under random front matter. Every run must end in
numbered one-line messages, and the JSON Lines export, ingested into a second store and
exported again, must give the same records.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile import NUMBERED
from quipu.cli import main
from quipu.ingest import clean_text

SENTENCE = "Police arrested 12 protesters in Lima on Monday, the Interior Ministry said."
MARKUP = [
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "**strong**",
    "[link](javascript:alert(1))",
    "# Heading",
    "> quoted",
    "- item",
    "`code`",
    "&amp; &#0; &lt;",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\r\n",
    "---",
]
# no NUL: a file holding one is binary (E003), which the bad-input cases cover
characters = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
noise = st.lists(
    st.one_of(st.text(characters, max_size=40), st.sampled_from(MARKUP)), max_size=6
).map("".join)
paragraphs = st.lists(noise, max_size=4)
text_values = st.one_of(st.none(), st.text(characters, max_size=30))
front_matter = st.fixed_dictionaries(
    {},
    optional={
        "title": text_values,
        "outlet": text_values,
        "url": text_values,
        "date": st.one_of(
            st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
            st.text(characters, max_size=12),
            st.integers(),
            st.floats(),
        ),
        "language": st.sampled_from(["en", "es", "EN", "es-PE", "English"]),
    },
)


def quipu(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def report(fields: dict[str, object], before: list[str], after: list[str]) -> str:
    head = f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n" if fields else ""
    return head + "\n\n".join([*before, SENTENCE, *after]) + "\n"


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(fields=front_matter, before=paragraphs, after=paragraphs)
# found by this test: a byte-order mark left at the front once a repeated paragraph before
# it was dropped, which a second clean-up removed, changing the document's id
@example(
    fields={"language": "en"},
    before=["- item**strong**", "\ufeff\x08 A", "B \x0e"],
    after=["- item**strong**", "\ufeffC"],
)
def test_hostile_fuzz_export_ingested_again_gives_the_same_records(fields, before, after):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.md"
        path.write_text(report(fields, before, after), encoding="utf-8", newline="")
        first, second = f"sqlite:///{folder}/first.db", f"sqlite:///{folder}/second.db"

        code, out, err = quipu("ingest", str(path), "--db", first)
        assert code == 0, err
        assert out.startswith("1 document added"), out
        lines = [line for line in err.splitlines() if not line.startswith("quipu: new store")]
        assert all(NUMBERED.match(line) for line in lines), err

        exported = Path(folder) / "export.jsonl"
        code, _, err = quipu("export", "--db", first, "--format", "jsonl", "-o", str(exported))
        assert code == 0, err
        code, out, err = quipu("ingest", str(exported), "--db", second)
        assert code == 0, err
        assert out.startswith("1 document added"), out

        again = quipu("export", "--db", second, "--format", "jsonl")[1]
        records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
        assert [json.loads(line) for line in again.splitlines()] == records
        assert SENTENCE in records[0]["text"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(paragraphs=st.lists(noise, max_size=8), title=text_values)
def test_hostile_fuzz_clean_up_gives_the_same_text_twice(paragraphs, title):
    once = clean_text("\n\n".join(paragraphs), title=title)
    assert clean_text(once, title=title) == once
