"""Sentence-level check against the PLOVER gold-standard records (run by hand or `make bench`).

Reads ../shared/eval/dev/plover-gsr/PLOVER_GSR_CAMEO.json (English sentences from the CAMEO
manual coded in PLOVER 0.5), runs `extract()` on each record's sentence and reports:

- type accuracy: the gold type (older types mapped, see `OLD_TYPES`) is among the types of
  the events Quipu predicted for the sentence, whatever their `aux`. A record where Quipu
  predicts nothing counts as a miss in "accuracy over all records" and is left out of
  "accuracy over records with a prediction";
- a confusion summary: the most frequent gold → predicted pairs among the misses, where
  "(none)" stands for a sentence with no prediction;
- actor and recipient match rates on records whose type matched: a gold actor text matches
  when, as a run of words (case- and accent-insensitive), it contains or is contained in the
  text, name or a member name of the actor (recipient) of a predicted event of that type.

The scoring and the report are shared with spanish_cameo.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quipu.nlp import extract
from quipu.records import Actor, Document, Event

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
GOLD = DEV / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
# PLOVER 0.5 types renamed or merged since (../shared/eval/FORMAT.md). FIGHT is not in that
# list, but Quipu has no such type and the CAMEO-to-PLOVER table sends its CAMEO codes
# (19x, use conventional military force) to ASSAULT.
OLD_TYPES = {
    "DISAPPROVE": "ACCUSE",
    "DEMAND": "REQUEST",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
NONE = "(none)"


def words(text: str) -> tuple[str, ...]:
    """Return the lower-case, accent-free words of `text`, the unit actor texts are compared in."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return tuple(re.findall(r"\w+", plain))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Return whether the words `short` occur as a contiguous run in `long`."""
    size = len(short)
    return size > 0 and any(long[i : i + size] == short for i in range(len(long) - size + 1))


def actor_matches(gold: str, actor: Actor | None) -> bool:
    """Return whether the gold actor text contains or is contained in what names `actor`.

    Args:
        gold: the gold actor text ("Hungarian", "La Iglesia Católica").
        actor: a predicted actor or recipient; None never matches.
    """
    if actor is None:
        return False
    wanted = words(gold)
    names = [actor.text, actor.name, *(member.name for member in actor.members)]
    return any(_within(wanted, got) or _within(got, wanted) for got in map(words, names))


@dataclass
class Tally:
    """Running counts of one benchmark: records, type hits, confusions and actor matches."""

    records: int = 0
    with_prediction: int = 0
    predicted_types: int = 0
    hits: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    hits_by_type: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    actor_hits: int = 0
    actor_total: int = 0
    recipient_hits: int = 0
    recipient_total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(
        self,
        *,
        gold_type: str,
        actors: Sequence[str],
        recipients: Sequence[str],
        events: Sequence[Event],
        label: str,
        sentence: str,
    ) -> None:
        """Score one gold event against the events predicted for its sentence.

        Args:
            gold_type: the gold PLOVER type, already mapped to a current one.
            actors: the gold actor texts (empty strings are ignored).
            recipients: the gold recipient texts (empty strings are ignored).
            events: everything `extract()` returned for the sentence.
            label: what names the record in the list of misses (an id).
            sentence: the text that was coded.
        """
        self.records += 1
        self.by_type[gold_type] += 1
        predicted = sorted({event.type for event in events})
        self.predicted_types += len(predicted)
        if predicted:
            self.with_prediction += 1
        if gold_type not in predicted:
            for got in predicted or [NONE]:
                self.confusion[gold_type, got] += 1
            self.misses.append(
                f"{label}: gold {gold_type}, predicted {', '.join(predicted) or NONE}\n"
                f"    {sentence.strip()}"
            )
            return
        self.hits += 1
        self.hits_by_type[gold_type] += 1
        same = [event for event in events if event.type == gold_type]
        gold_actors = [text for text in actors if text.strip()]
        if gold_actors:
            self.actor_total += 1
            self.actor_hits += any(
                actor_matches(text, event.actor) for text in gold_actors for event in same
            )
        gold_recipients = [text for text in recipients if text.strip()]
        if gold_recipients:
            self.recipient_total += 1
            self.recipient_hits += any(
                actor_matches(text, event.recipient) for text in gold_recipients for event in same
            )


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else f"{part}/0 = n/a"


def report(tally: Tally, *, top: int = 12, show_misses: int = 0) -> None:
    """Print the accuracy, confusion and actor-match lines of `tally` (and some misses)."""
    print(f"type accuracy over all records: {_share(tally.hits, tally.records)}")
    print(
        f"type accuracy over records with a prediction: "
        f"{_share(tally.hits, tally.with_prediction)} "
        f"({tally.records - tally.with_prediction} records with no prediction)"
    )
    # The accuracy counts a hit whenever the gold type is among those predicted, so more
    # types per sentence can only raise it: this line keeps over-prediction in view.
    mean = tally.predicted_types / tally.records if tally.records else 0.0
    print(f"distinct types predicted per record: {mean:.2f}")
    print(
        "by gold type (hits/records): "
        + ", ".join(
            f"{kind} {tally.hits_by_type[kind]}/{count}"
            for kind, count in tally.by_type.most_common()
        )
    )
    silent = Counter({gold: n for (gold, got), n in tally.confusion.items() if got == NONE})
    print(
        f"misses with no prediction ({silent.total()}), by gold type: "
        + ", ".join(f"{kind} {count}" for kind, count in silent.most_common())
    )
    wrong = Counter({pair: n for pair, n in tally.confusion.items() if pair[1] != NONE})
    print("top gold -> predicted confusions where something else was predicted:")
    for (gold, got), count in wrong.most_common(top):
        print(f"  {count:4d}  {gold} -> {got}")
    print(f"actor match on type-matched records: {_share(tally.actor_hits, tally.actor_total)}")
    print(
        f"recipient match on type-matched records: "
        f"{_share(tally.recipient_hits, tally.recipient_total)}"
    )
    if show_misses:
        print(f"first {min(show_misses, len(tally.misses))} misclassified:")
        for miss in tally.misses[:show_misses]:
            print(f"  {miss}")


def _texts(entries: object) -> list[str]:
    """Return the actorText values of a GSR `source` or `target` (a list, or junk)."""
    if not isinstance(entries, list):
        return []
    return [str(entry.get("actorText") or "") for entry in entries if isinstance(entry, dict)]


def gold_records(path: Path) -> Iterable[dict]:
    """Yield the coded records of the GSR file: those with a sentence (not DOCUMENT)."""
    with path.open(encoding="utf-8") as handle:
        records = json.load(handle)
    for record in records:
        if record.get("text") and record.get("event") != "DOCUMENT":
            yield record


def _published(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def evaluate(path: Path, *, limit: int | None = None) -> Tally:
    """Run `extract()` on each GSR sentence (the first `limit` ones) and tally the results."""
    tally = Tally()
    for number, record in enumerate(gold_records(path)):
        if limit is not None and number >= limit:
            break
        document = Document(
            text=record["text"],
            source="plover-gsr",
            published=_published(record.get("date")),
            language="en",
        )
        gold_type = OLD_TYPES.get(record["event"], record["event"])
        tally.add(
            gold_type=gold_type,
            actors=_texts(record.get("source")),
            recipients=_texts(record.get("target")),
            events=extract(document).events,
            label=f"{record['id']} ({record['event']})",
            sentence=record["text"],
        )
    return tally


def parse_options(argv: Sequence[str] | None, *, doc: str | None, unit: str) -> argparse.Namespace:
    """The options of a sentence-level benchmark: --limit N `unit`s, --show-misses K."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--limit", type=int, default=None, help=f"score only the first N {unit}")
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="K", help="print K misclassified records"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate Quipu on the PLOVER GSR sentences and print the report; return 0."""
    options = parse_options(argv, doc=__doc__, unit="records")
    if not GOLD.exists():
        print(f"plover-gsr: {GOLD} not found, skipped")
        return 0
    tally = evaluate(GOLD, limit=options.limit)
    print(f"plover-gsr (English): {tally.records} records")
    report(tally, show_misses=options.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
