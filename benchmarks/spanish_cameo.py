"""Spanish sentence-level check against UniversalPetrarch validation files (run by hand or `make bench`).

Reads ../shared/eval/dev/spanish-cameo/*.xml: each <Sentence> has a <Text> and zero or more
<EventCoding> elements (a CAMEO `eventcode` such as "130_threaten") paired by `eid` with an
<EventText> (`sourcetext`, `targettext`). Gold CAMEO codes become PLOVER types through
../shared/reference/plover/CAMEO2PLOVER-2021.txt, by the longest listed prefix of the code;
codes it does not list (01x statements, 02x appeals) are counted and left out.

Each gold event is one record, scored as in plover_gsr.py: its type must be among the types
Quipu predicts for the sentence; records where Quipu predicts nothing count as misses in
"accuracy over all records" and are left out of "accuracy over records with a prediction".
Sentences with no gold event are reported apart: how many of them Quipu codes anyway.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from plover_gsr import Tally, parse_options, report

from quipu.nlp import extract
from quipu.records import Document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOLD = SHARED / "eval" / "dev" / "spanish-cameo"
TABLE = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
# "20000430\t20000430_NYN_P1_P10320 | Guerrilleros del ...": the date and note id of the
# Colombian files are not part of the sentence.
NOTE_PREFIX = re.compile(r"^\s*(\d{8})\t\S+\s*\|\s*")


@dataclass
class GoldEvent:
    """One coded event of a validation sentence."""

    code: str
    actor: str
    recipient: str


@dataclass
class Sentence:
    """One validation sentence and its gold events (none for a negative example)."""

    id: str
    text: str
    published: dt.date | None
    events: list[GoldEvent]


def load_table(path: Path) -> dict[str, str]:
    """Return CAMEO code → PLOVER type from lines like "0311: AGREE,  ,   economic # …".

    A code listed twice (the root "08" heads both CONCEDE and RETREAT) keeps its first type.
    """
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*(\d+)\s*:\s*([A-Z]+)", line)
        if found:
            table.setdefault(found.group(1), found.group(2))
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    """Return the PLOVER type of a CAMEO code ("1823_Kill…") by its longest listed prefix."""
    digits = re.match(r"\d+", code)
    if not digits:
        return None
    number = digits.group(0)
    for size in range(len(number), 0, -1):
        if number[:size] in table:
            return table[number[:size]]
    return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return None


def read_sentences(path: Path) -> Iterable[Sentence]:
    """Yield the sentences of one validation file that are marked for evaluation."""
    for element in ET.parse(path).getroot().iter("Sentence"):
        if element.get("evaluate", "true").lower() != "true":
            continue
        raw = element.findtext("Text") or ""
        prefix = NOTE_PREFIX.match(raw)
        texts = {item.get("eid"): item for item in element.findall("EventText")}
        events = []
        for coding in element.findall("EventCoding"):
            if not coding.get("eventcode"):
                continue  # <EventCoding noevents=…>: a negative example
            said = texts.get(coding.get("eid"))
            events.append(
                GoldEvent(
                    code=coding.get("eventcode", ""),
                    actor=said.get("sourcetext", "") if said is not None else "",
                    recipient=said.get("targettext", "") if said is not None else "",
                )
            )
        yield Sentence(
            id=element.get("id", ""),
            text=raw[prefix.end() :].strip() if prefix else raw.strip(),
            published=_date(prefix.group(1) if prefix else element.get("date")),
            events=events,
        )


@dataclass
class Outcome:
    """A tally of the gold events plus what the gold-less sentences and codes came to."""

    tally: Tally
    unmapped: int = 0
    negatives: int = 0
    negatives_coded: int = 0


def evaluate(paths: Sequence[Path], table: dict[str, str], *, limit: int | None = None) -> Outcome:
    """Run `extract()` on the validation sentences (the first `limit` ones) and tally them."""
    outcome = Outcome(Tally())
    sentences = [sentence for path in paths for sentence in read_sentences(path)]
    for sentence in sentences[:limit]:
        document = Document(
            text=sentence.text,
            source="spanish-cameo",
            published=sentence.published,
            language="es",
        )
        events = extract(document).events
        if not sentence.events:
            outcome.negatives += 1
            outcome.negatives_coded += bool(events)
        for gold in sentence.events:
            gold_type = plover_type(gold.code, table)
            if gold_type is None:
                outcome.unmapped += 1
                continue
            outcome.tally.add(
                gold_type=gold_type,
                actors=[gold.actor],
                recipients=[gold.recipient],
                events=events,
                label=f"{sentence.id} ({gold.code.split('_')[0]})",
                sentence=sentence.text,
            )
    return outcome


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate Quipu on the Spanish validation sentences and print the report; return 0."""
    options = parse_options(argv, doc=__doc__, unit="sentences")
    paths = sorted(GOLD.glob("*.xml"))
    missing = f"{GOLD}/*.xml" if not paths else TABLE if not TABLE.exists() else None
    if missing:
        print(f"spanish-cameo: {missing} not found, skipped")
        return 0
    outcome = evaluate(paths, load_table(TABLE), limit=options.limit)
    tally = outcome.tally
    print(
        f"spanish-cameo (Spanish): {tally.records} gold events in {len(paths)} files "
        f"({outcome.unmapped} more with a CAMEO code the table does not map, left out)"
    )
    report(tally, show_misses=options.show_misses)
    print(
        f"sentences with no gold event: {outcome.negatives}, "
        f"of which Quipu coded {outcome.negatives_coded}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
