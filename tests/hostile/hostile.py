"""Helpers of the bad-input suite: a store with something in it, the CLI run in-process,
and a fingerprint of the store to show that a bad input left it as it was.

Every case runs a real command (`quipu.cli.main`) or a real API request against a store
that already holds one document with its records; a case passes when the command answers
with numbered one-line messages (or a clean skip), raises nothing, and the rows stored
before are the same rows afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quipu.records import (
    Actor,
    Count,
    DateSpan,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Stance,
)

# The tables that hold what was ingested, each with the column naming its document.
RECORD_TABLES = {
    "documents": "id",
    "events": "document_id",
    "counts": "document_id",
    "stances": "document_id",
    "places": "document_id",
}
# What a message on stderr may be: a numbered error or warning, one line each.
NUMBERED = re.compile(r"^quipu: (E\d{3} |warning: W\d{3} )")
# A good report, to put beside bad input in one file or one command.
REPORT = (
    "LIMA, Dec 13 (Test Wire) – Police arrested 12 protesters in Lima on Monday after they "
    "blocked a highway, the Interior Ministry said.\n"
)


def seed_extraction() -> Extraction:
    """The document stored before every case: built by hand, so no model is needed."""
    text = "Protesters marched in Lima on 12 December against Congress."
    sentence = Evidence(sentence=text, start=0, end=len(text))
    lima = Place("Lima", "PER", "Lima", None, -12.04, -77.03, 1, 3936456)
    day = DateSpan(dt.date(2022, 12, 12), dt.date(2022, 12, 12), 1)
    protesters = Actor(text="Protesters", name="protesters", country="PER", sector="PRO")
    congress = Actor(text="Congress", name="Congress of Peru", country="PER", sector="LEG")
    document = Document(
        text=text,
        source="seed.md",
        outlet="Seed Wire",
        title="Marches in Lima",
        published=dt.date(2022, 12, 13),
        language="en",
    )
    event = Event(
        id="e1",
        type="PROTEST",
        evidence=sentence,
        mode="demonstrate",
        actor=protesters,
        recipient=congress,
        place=lima,
        date=day,
        size=Figure(best=2000, low=1000, high=None, text="thousands"),
        mentions=[sentence],
    )
    count = Count(kind="protesters", best=2000, low=1000, high=None, evidence=sentence)
    stance = Stance(protesters, congress, "oppose", "PROTEST", sentence, date=day)
    mention = PlaceMention(text="Lima", start=22, end=26, place=lima)
    return Extraction(document, events=[event], counts=[count], stances=[stance], places=[mention])


def fingerprint(path: Path, *, documents: Iterable[str] | None = None) -> dict[str, str]:
    """Return, per record table, a hash of its rows (of `documents` only, when given).

    Two fingerprints are equal when the same rows hold the same values.
    """
    found = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        for table, column in RECORD_TABLES.items():
            rows = connection.execute(f"SELECT * FROM {table} ORDER BY {column}").fetchall()
            if documents is not None:
                wanted = set(documents)
                key = [d[0] for d in connection.execute(f"SELECT * FROM {table}").description]
                rows = [row for row in rows if row[key.index(column)] in wanted]
            digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
            found[table] = f"{len(rows)} rows {digest[:16]}"
    connection.close()
    return found


def document_ids(path: Path) -> list[str]:
    """The ids of the documents stored at `path`, in ingest order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM documents ORDER BY seq")]
    connection.close()
    return ids


@dataclass(frozen=True)
class Run:
    """What one command did."""

    code: int
    out: str
    err: str

    @property
    def messages(self) -> list[str]:
        """The lines on stderr."""
        return self.err.splitlines()

    def codes(self) -> list[str]:
        """The numbers of the errors and warnings printed, in order ("E003", "W002")."""
        return re.findall(r"^quipu: (?:warning: )?([EW]\d{3}) ", self.err, flags=re.M)


def assert_numbered(run: Run, *expected: str) -> None:
    """Assert that stderr holds only numbered one-line messages, `expected` among them."""
    for line in run.messages:
        assert NUMBERED.match(line), f"not a numbered message: {line!r}"
        assert len(line) < 1000, f"message of {len(line)} characters"
    for code in expected:
        assert code in run.codes(), f"{code} not in {run.codes()}: {run.err}"
