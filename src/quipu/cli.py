"""The `quipu` command: parse arguments, call the library, print.

Exit codes: 0 success; 1 some input could not be processed (each problem printed as one
line on stderr, the rest processed) or a store/pipeline error; 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import socket
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .corpus import corrections
from .corpus.alignments import LEVELS, alignment_edges, format_edges
from .corpus.summary import summarize
from .corpus.tallies import format_series, tally_series
from .corpus.view import merged_records, read_corpus, read_stories
from .errors import Errors, InputError, QuipuError, UsageError, Warnings, printable
from .evaluate import (
    format_report,
    gold_files,
    load_gold,
    load_predictions,
    pair_predictions,
    score_corpus,
)
from .exports import FORMATS, WRITERS, write_jsonl
from .ingest import IngestOptions, Web, fetch_options, iter_documents
from .ingest.follow import FeedFollower
from .nlp import PIPELINE_VERSION
from .progress import Meter
from .records import CERTAINTIES, COUNT_KINDS, PLOVER_TYPES, Document
from .runners import Extractor, IngestTally, RunOptions, ingest, poll, reprocess
from .store import (
    DEFAULT_URL,
    EventQuery,
    Store,
    in_memory,
    open_store,
    sqlite_file,
    store_name,
)

LOOPBACK = "127.0.0.1"
# `quipu follow`: how often feeds are polled unless --every says otherwise, and how often at most.
DEFAULT_EVERY = "15m"
MIN_EVERY = 60
DEFAULT_TIMEOUT = 20.0
# The store every command uses when not given --db: this, else DEFAULT_URL (in the current folder).
STORE_VARIABLE = "QUIPU_DB"

SAMPLE = "sample"
SAMPLE_CORPUS = "peru-2022"
# Airports, a river, a valley and a highway of the sample corpus that GeoNames lacks.
SAMPLE_PLACES = "peru-2022.places.yaml"
_TABLE_WIDTH = 60
# "unverified (hypothetical)": the longest certainty with its auxiliary
_CERTAINTY_WIDTH = 25


class _Problems:
    """Collect and print input problems, one line each, and remember that there were some."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        print(f"quipu: {error}", file=self.err)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            code: int = args.run(args)
        _print_warnings(caught)
        return code
    except UsageError as err:
        print(f"quipu: {err}", file=sys.stderr)
        return 2
    except QuipuError as err:
        print(f"quipu: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("quipu: interrupted; documents stored so far are kept", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _print_warnings(caught: Iterable[warnings.WarningMessage]) -> None:
    """Print Quipu's numbered warnings (W001 …) on stderr, one line each."""
    for warning in caught:
        if str(warning.message)[:1] == "W":
            print(f"quipu: warning: {printable(str(warning.message))}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quipu",
        description="Turn news reports about a political crisis into sourced, structured records.",
    )
    parser.add_argument("--version", action="version", version=f"quipu {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract_cmd = commands.add_parser(
        "extract", help="print the records of reports (record format v1), no database"
    )
    _add_input_options(extract_cmd)
    extract_cmd.add_argument(
        "--format", choices=("jsonl", "table"), default="jsonl", help="output format"
    )
    extract_cmd.set_defaults(run=_run_extract)

    ingest_cmd = commands.add_parser("ingest", help="extract reports and store their records")
    _add_input_options(ingest_cmd)
    _add_db(ingest_cmd)
    ingest_cmd.set_defaults(run=_run_ingest)

    follow_cmd = commands.add_parser(
        "follow", help="poll RSS or Atom feeds and ingest what is new in them, until stopped"
    )
    follow_cmd.add_argument("feeds", nargs="+", metavar="FEED", help="feed URLs or files")
    follow_cmd.add_argument(
        "--every",
        type=_interval,
        default=_interval(DEFAULT_EVERY),
        metavar="INTERVAL",
        help=f"time between polls: 30m, 2h, 1d (default {DEFAULT_EVERY}; at least 1m)",
    )
    follow_cmd.add_argument(
        "--once", action="store_true", help="poll each feed once, ingest what is new, and stop"
    )
    _add_reading_options(follow_cmd)
    _add_knowledge(follow_cmd)
    _add_db(follow_cmd)
    follow_cmd.set_defaults(run=_run_follow)

    events_cmd = commands.add_parser("events", help="list stored events, with filters")
    _add_db(events_cmd)
    events_cmd.add_argument("--type", type=_plover_type, help="PLOVER type, e.g. PROTEST")
    events_cmd.add_argument("--actor", help="text in the actor's or recipient's name")
    events_cmd.add_argument("--since", type=_date, help="events on or after YYYY-MM-DD")
    events_cmd.add_argument("--until", type=_date, help="events on or before YYYY-MM-DD")
    events_cmd.add_argument("--certainty", choices=CERTAINTIES, help="certainty of the event")
    events_cmd.add_argument("--limit", type=_positive, help="at most this many events")
    events_cmd.add_argument(
        "--format", choices=("table", "jsonl"), default="table", help="output format"
    )
    events_cmd.add_argument(
        "--explain",
        metavar="ID",
        help="say why the mentions of a corpus event (c17, or the one holding event ID) "
        "were merged: each mention's features and score, and the user's corrections",
    )
    events_cmd.set_defaults(run=_run_events)

    merge_cmd = commands.add_parser(
        "merge", help="correct the merge of events across reports (kept for good)"
    )
    merge_steps = merge_cmd.add_subparsers(dest="step", metavar="STEP", required=True)
    split_cmd = merge_steps.add_parser(
        "split", help="take a mention out of a corpus event; it is never merged back"
    )
    split_cmd.add_argument("event", metavar="EVENT", help="the corpus event, e.g. c17")
    split_cmd.add_argument("mention", metavar="MENTION", help="the event id of the mention")
    _add_db(split_cmd)
    split_cmd.set_defaults(run=_run_merge_split)
    join_cmd = merge_steps.add_parser(
        "join", help="make two corpus events one; the second's mentions join the first"
    )
    join_cmd.add_argument("event", metavar="EVENT", help="the corpus event that stays")
    join_cmd.add_argument("other", metavar="EVENT", help="the corpus event joined to it")
    _add_db(join_cmd)
    join_cmd.set_defaults(run=_run_merge_join)

    export_cmd = commands.add_parser("export", help="export stored records")
    _add_db(export_cmd)
    export_cmd.add_argument("--format", choices=FORMATS, default="jsonl", help="export format")
    export_cmd.add_argument("--output", "-o", help="write to this file instead of stdout")
    export_cmd.add_argument(
        "--since",
        metavar="TIMESTAMP",
        help="only documents stored at or after this ISO 8601 date or date-time (UTC if no zone)",
    )
    export_cmd.add_argument(
        "--merged",
        action="store_true",
        help="export corpus events (one per real event, with its mentions and sources)",
    )
    export_cmd.set_defaults(run=_run_export)

    reprocess_cmd = commands.add_parser(
        "reprocess", help="extract stored documents again after a pipeline upgrade"
    )
    _add_db(reprocess_cmd)
    reprocess_cmd.add_argument(
        "--all", action="store_true", help="also documents already at this pipeline version"
    )
    _add_knowledge(reprocess_cmd)
    _add_running_options(reprocess_cmd)
    reprocess_cmd.set_defaults(run=_run_reprocess)

    tally_cmd = commands.add_parser(
        "tally", help="running counts over time per kind and place, by source"
    )
    _add_db(tally_cmd)
    tally_cmd.add_argument(
        "--kind",
        choices=COUNT_KINDS,
        help="only this kind of count (crowd sizes, 'participants', only when asked for)",
    )
    tally_cmd.add_argument("--place", help="only this country (code or name) or region")
    tally_cmd.add_argument("--source", help="only points whose source or outlet has this text")
    tally_cmd.set_defaults(run=_run_tally)

    stances_cmd = commands.add_parser(
        "stances", help="who supports or opposes whom, over time (the alignment network)"
    )
    _add_db(stances_cmd)
    stances_cmd.add_argument("--actor", help="only edges whose actor or recipient has this text")
    stances_cmd.add_argument(
        "--level",
        choices=LEVELS,
        default="actor",
        help="actor (default): one node per side, generic groups per country ('protesters "
        "(Peru)'); country: each state's government, ministries and heads and the country "
        "itself are one node, other sides (military, police, parties, protesters…) stay apart",
    )
    stances_cmd.set_defaults(run=_run_stances)

    eval_cmd = commands.add_parser(
        "eval", help="score Quipu against gold files (precision, recall, misses)"
    )
    eval_cmd.add_argument("gold", nargs="+", help="gold files or folders of *.gold.json")
    eval_cmd.add_argument(
        "--documents",
        required=True,
        help="folder holding the reports the gold files name (or a JSON Lines of predictions)",
    )
    eval_cmd.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    _add_knowledge(eval_cmd)
    eval_cmd.set_defaults(run=_run_eval)

    demo_cmd = commands.add_parser(
        "demo", help="ingest the bundled sample corpus (Peru, 2022-23) and summarize it"
    )
    _add_db(demo_cmd)
    _add_running_options(demo_cmd)
    demo_cmd.set_defaults(run=_run_demo)

    serve_cmd = commands.add_parser(
        "serve", help="serve the dashboard and JSON API over a store (read only, offline)"
    )
    _add_db(serve_cmd)
    serve_cmd.add_argument(
        "--host",
        default=LOOPBACK,
        help=f"address to listen on (default {LOOPBACK}: this machine only)",
    )
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve_cmd.add_argument(
        "--assets", help="folder of the npm front-end packages (default: frontend/node_modules)"
    )
    serve_cmd.set_defaults(run=_run_serve)
    return parser


def _add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, globs, or article and feed URLs"
    )
    _add_reading_options(command)
    _add_knowledge(command)
    _add_running_options(command)


def _add_running_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar or closing line on stderr (neither is shown off a terminal)",
    )
    command.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="extract in this many processes (default 1; one per core is fastest)",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on a Dask cluster: its scheduler (tcp://HOST:8786), or 'local' to "
        "start one of --workers processes here",
    )


def _add_reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--language", choices=("en", "es"), help="force the language")
    command.add_argument(
        "--max-mb",
        type=float,
        default=5.0,
        help="skip documents, and downloads, larger than this (default 5)",
    )
    command.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a download after this long (default {DEFAULT_TIMEOUT:g})",
    )
    command.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch from private, loopback and link-local addresses too (refused by default)",
    )


def _add_knowledge(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="an actor directory (YAML) of your crisis; repeatable",
    )
    command.add_argument(
        "--places",
        action="append",
        default=[],
        metavar="FILE",
        help="places the gazetteer lacks (YAML or CSV: valleys, highways, airports); repeatable",
    )


def _run_options(args: argparse.Namespace) -> RunOptions:
    """How the command's documents are extracted: its runner, with the user's actor
    directory and places, each loaded once per process."""
    return RunOptions(
        workers=getattr(args, "workers", 1) or 1,
        scheduler=getattr(args, "scheduler", None),
        actors=getattr(args, "actors", None) or [],
        places=getattr(args, "places", None) or [],
    )


def _extractor(args: argparse.Namespace) -> Extractor:
    """The runner's extractor: documents in, their extractions out, in order."""
    return _run_options(args).extractor()


def _add_db(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db",
        default=os.environ.get(STORE_VARIABLE) or DEFAULT_URL,
        help=f"database URL (default ${STORE_VARIABLE}, else {DEFAULT_URL}: in this folder)",
    )


def _reading(args: argparse.Namespace) -> Store:
    """Open the store a command reads, which must hold what `quipu ingest` stored: a
    SQLite file is never created by reading, and a store in memory would be empty.

    Raises:
        UsageError: E302 for a store in memory.
        StoreError: E208 when the SQLite file does not exist, E209 when it is not Quipu's.
    """
    if in_memory(args.db):
        raise UsageError(Errors.E302.format(url=args.db, command=args.command))
    return open_store(args.db, create=False)


def _writing(args: argparse.Namespace) -> Store:
    """Open (or create) the store that `ingest` or `demo` writes, saying where a new one is
    and warning (W004) when it lives in memory and keeps nothing."""
    if in_memory(args.db):
        warnings.warn(Warnings.W004.format(url=args.db, command=args.command), stacklevel=2)
    path = sqlite_file(args.db)
    created = path is not None and not path.exists()
    store = open_store(args.db)
    if created and path is not None:
        print(f"quipu: new store {path.resolve()}", file=sys.stderr)
    return store


def _label(url: str) -> str:
    """Which store a message is about: the SQLite file's full path (on the user's own
    machine, so that a store in an unexpected folder shows), else its name."""
    path = sqlite_file(url)
    return str(path.resolve()) if path is not None else store_name(url)


def _is_empty(store: Store) -> bool:
    return not store.documents()


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from err


def _interval(value: str) -> float:
    """Seconds in "90s", "15m", "2h" or "1d"; at least a minute, to be polite to servers."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = value[:-1], value[-1:].lower()
    if unit not in units or not number.isdigit():
        raise argparse.ArgumentTypeError(f"'{value}' is not an interval (e.g. 90s, 15m, 2h, 1d)")
    seconds = int(number) * units[unit]
    if seconds < MIN_EVERY:
        raise argparse.ArgumentTypeError(f"'{value}' is too often: poll at most once a minute")
    return float(seconds)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return int(value)


def _port(value: str) -> int:
    number = int(value) if value.isdigit() else -1
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {value!r}")
    return number


def _plover_type(value: str) -> str:
    if value.upper() not in PLOVER_TYPES:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a PLOVER type ({', '.join(PLOVER_TYPES)})"
        )
    return value.upper()


# -- commands ---------------------------------------------------------------------------


def _ingest_options(args: argparse.Namespace) -> IngestOptions:
    if args.max_mb <= 0:
        raise UsageError(Errors.E301.format(reason="--max-mb must be positive"))
    timeout = getattr(args, "timeout", DEFAULT_TIMEOUT)
    if not (timeout > 0 and math.isfinite(timeout)):
        raise UsageError(Errors.E301.format(reason="--timeout must be a positive number"))
    return IngestOptions(
        max_megabytes=args.max_mb,
        language=args.language,
        timeout=timeout,
        allow_private=getattr(args, "allow_private", False),
    )


def _documents(args: argparse.Namespace, problems: _Problems) -> Iterator[Document]:
    options = _ingest_options(args)
    yield from iter_documents(args.paths, on_error=problems, options=options)


def _run_extract(args: argparse.Namespace) -> int:
    problems = _Problems(sys.stderr)
    out = sys.stdout
    extract_all = _extractor(args)
    with Meter("extract", quiet=args.quiet) as meter:
        for extraction in extract_all(_documents(args, problems)):
            record = extraction.to_dict()
            if args.format == "jsonl":
                write_jsonl([record], out)
            else:
                _print_table(record, out)
            out.flush()
            meter.step()
    return 1 if problems.count else 0


def _run_ingest(args: argparse.Namespace) -> int:
    with _writing(args) as store:
        return _ingest_into(store, args)


def _ingest_into(store: Store, args: argparse.Namespace) -> int:
    problems = _Problems(sys.stderr)
    tally = IngestTally()
    with Meter("ingest", quiet=args.quiet) as meter:
        ingest(
            args.paths,
            store,
            on_error=problems,
            options=_ingest_options(args),
            run=_run_options(args),
            on_stored=lambda _: meter.step(),
            tally=tally,
        )
    print(_summary(tally, problems.count))
    return 1 if problems.count else 0


def _summary(tally: IngestTally, problems: int) -> str:
    """What an ingest did, as its closing line says it."""
    return (
        f"{_plural(tally.added, 'document')} added, {tally.kept} already stored, "
        + (f"{tally.skipped} skipped, " if tally.skipped else "")
        + _plural(problems, "problem")
    )


def _run_follow(args: argparse.Namespace) -> int:
    options = _ingest_options(args)
    problems = _Problems(sys.stderr)
    extract_all = _extractor(args)
    total = IngestTally()
    polls = 0
    with _writing(args) as store, Web(options=fetch_options(options)) as web:
        follower = FeedFollower(args.feeds, store=store, web=web, options=options)
        try:
            while True:
                polls += 1
                before = problems.count
                tally = IngestTally()
                # warnings told as each poll ends, not when the command does, days later
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", UserWarning)
                    try:
                        poll(follower, extract=extract_all, on_error=problems, tally=tally)
                    finally:
                        total.add(tally)
                        _print_warnings(caught)
                if args.once:
                    break
                stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
                print(f"poll {polls}, {stamp}: {_summary(tally, problems.count - before)}")
                sys.stdout.flush()
                time.sleep(args.every)
        except KeyboardInterrupt:
            # a document is stored whole or not at all, and an entry is kept as read only
            # once its report is stored: the next run starts where this one stopped
            print("quipu: stopped", file=sys.stderr)
    feeds = _plural(len(follower.feeds), "feed")
    print(f"{_plural(polls, 'poll')} of {feeds}: {_summary(total, problems.count)}")
    return 1 if problems.count else 0


def _run_events(args: argparse.Namespace) -> int:
    if args.explain is not None:
        return _run_explain(args)
    query = EventQuery(
        type=args.type,
        actor=args.actor,
        since=args.since,
        until=args.until,
        certainty=args.certainty,
        limit=args.limit,
    )
    with _reading(args) as store:
        events = store.events(query)
        empty = not events and _is_empty(store)
    if not events:
        # on stderr: stdout stays the table or JSON Lines it always is
        if empty:
            print(
                f"quipu: {_label(args.db)} is empty; `quipu ingest` adds reports", file=sys.stderr
            )
        else:
            print(f"quipu: no events match in {_label(args.db)}", file=sys.stderr)
    if args.format == "jsonl":
        write_jsonl(events, sys.stdout)
    else:
        _print_events(events, sys.stdout)
    return 0


def _run_explain(args: argparse.Namespace) -> int:
    with _reading(args) as store:
        corpus = read_corpus(store, remember=False)
        event = corrections.find_event(corpus, args.explain, url=_label(args.db))
        explanation = corrections.explain(event, corrections=store.merge_overrides())
    if args.format == "jsonl":
        write_jsonl([explanation.to_dict()], sys.stdout)
    else:
        print(corrections.format_explanation(explanation))
    return 0


def _run_merge_split(args: argparse.Namespace) -> int:
    with _reading(args) as store:
        new_id = corrections.split(store, args.event, args.mention)
    print(
        f"{printable(args.mention)} taken out of {printable(args.event)}: it is corpus event "
        f"{new_id} now, and is not merged with {printable(args.event)}'s mentions again"
    )
    return 0


def _run_merge_join(args: argparse.Namespace) -> int:
    with _reading(args) as store:
        event = corrections.join(store, args.event, args.other)
    print(
        f"{printable(args.other)} joined to {event.id}: its mentions stay with "
        f"{event.id}'s from now on"
    )
    return 0


def _run_export(args: argparse.Namespace) -> int:
    writer = WRITERS[args.format]
    since = _timestamp(args.since) if args.since is not None else None
    with _reading(args) as store:
        records: Iterable[dict[str, Any]]
        if args.merged:
            records = merged_records(read_corpus(store, remember=False), since=since)
        elif args.format == "jsonl":
            # with its text, so that the export can be ingested again
            records = (
                {**record, "text": store.document_text(record["document"]["id"])}
                for record in store.extractions(since=since)
            )
        else:
            records = store.extractions(since=since)
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8", newline="") as handle:
                    count = writer(records, handle)
            except OSError as err:
                raise UsageError(
                    Errors.E301.format(reason=f"cannot write {args.output}: {err.strerror}")
                ) from err
            print(f"{_plural(count, 'row')} written to {args.output}", file=sys.stderr)
        else:
            count = writer(records, sys.stdout)
        if not count and _is_empty(store):
            print(f"quipu: {_label(args.db)} is empty; nothing to export", file=sys.stderr)
    return 0


def _run_reprocess(args: argparse.Namespace) -> int:
    with _reading(args) as store, Meter("reprocess", quiet=args.quiet) as meter:
        tally = reprocess(
            store, every=args.all, run=_run_options(args), on_done=lambda _: meter.step()
        )
    print(
        f"{_plural(tally.done, 'document')} reprocessed, {tally.kept} already made by pipeline "
        f"{PIPELINE_VERSION}"
    )
    return 0


def _run_tally(args: argparse.Namespace) -> int:
    with _reading(args) as store:
        stories = read_stories(store, remember=False)
        if not stories:
            print(f"no counts: {_label(args.db)} is empty; `quipu ingest` adds reports")
            return 0
        # the records a page at a time: only the points are kept
        series = tally_series(
            store.extractions(),
            kind=args.kind,
            place=args.place,
            source=args.source,
            stories=stories,
        )
    print(format_series(series) if series else "no counts match")
    return 0


def _run_stances(args: argparse.Namespace) -> int:
    with _reading(args) as store:
        corpus = read_corpus(store, merge=False, remember=False)
    if not corpus.records:
        print(f"no stances: {_label(args.db)} is empty; `quipu ingest` adds reports")
        return 0
    edges = alignment_edges(
        corpus.records, actor=args.actor, stories=corpus.stories, level=args.level
    )
    print(format_edges(edges) if edges else "no stances match")
    return 0


def _timestamp(value: str) -> dt.datetime:
    """Return an ISO 8601 date or date-time as an aware datetime; no zone means UTC.

    Raises:
        UsageError: E301 if `value` is not ISO 8601.
    """
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as err:
        reason = f"--since '{value}' is not an ISO 8601 date or date-time (e.g. 2024-05-01)"
        raise UsageError(Errors.E301.format(reason=reason)) from err
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _run_eval(args: argparse.Namespace) -> int:
    golds = [load_gold(path) for path in gold_files(args.gold)]
    source = Path(args.documents)
    problems = _Problems(sys.stderr)
    if source.is_file():
        predictions = load_predictions(source)
    else:
        wanted = [str(source / gold["document"]) for gold in golds]
        extract_all = _extractor(args)
        documents = iter_documents(wanted, on_error=problems)
        predictions = [extraction.to_dict() for extraction in extract_all(documents)]
    score = score_corpus(pair_predictions(golds, predictions))
    print(format_report(score, verbose=args.verbose))
    return 1 if problems.count else 0


def _run_demo(args: argparse.Namespace) -> int:
    sample = resources.files("quipu.resources").joinpath(SAMPLE)
    # one store for both, so that a memory:// demo shows what it ingested
    with resources.as_file(sample) as folder, _writing(args) as store:
        args.paths = [str(folder / SAMPLE_CORPUS)]
        args.language = None
        args.max_mb = 5.0
        args.actors = []
        args.places = [str(folder / SAMPLE_PLACES)]
        code = _ingest_into(store, args)
        _print_summary(store, sys.stdout)
    return code


def _run_serve(args: argparse.Namespace) -> int:
    # imported here: the web stack is not needed by the other commands
    import uvicorn

    from .web import create_app, find_assets
    from .web.app import LOCAL_HOSTS

    assets = find_assets(args.assets)
    if args.assets and assets is None:
        raise UsageError(Errors.E301.format(reason=f"no front-end packages in {args.assets}"))
    try:
        with socket.create_server((args.host, args.port)):
            pass  # free: uvicorn binds it next
    except OSError as err:
        reason = f"cannot listen on {args.host}:{args.port} ({err.strerror or err})"
        raise UsageError(Errors.E301.format(reason=reason)) from err
    with _reading(args) as store:
        app = create_app(store, assets=assets, hosts=(*LOCAL_HOSTS, args.host))
        empty = " (empty)" if _is_empty(store) else ""
        if args.host not in (LOOPBACK, "localhost", "::1"):
            print(
                f"quipu: warning: listening on {args.host}: other machines can read this store",
                file=sys.stderr,
            )
        if assets is None:
            print("quipu: warning: map libraries not installed (run `make setup`)", file=sys.stderr)
        print(
            f"Quipu dashboard on http://{args.host}:{args.port}/ over {_label(args.db)}"
            f"{empty} (Ctrl-C stops it)"
        )
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


# -- printing ---------------------------------------------------------------------------


def _plural(count: int, noun: str, plural: str = "") -> str:
    """ "1 document", "2 documents" ("1 story", "3 stories" with `plural`)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _cut(text: Any, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_name(actor: dict[str, Any] | None) -> str:
    return actor.get("name", "") if actor else ""


def _print_table(record: dict[str, Any], out: TextIO) -> None:
    document = record["document"]
    print(
        f"# {document.get('source')} ({document.get('language')}, {document.get('published')})",
        file=out,
    )
    _print_events(record["events"], out)
    for count in record["counts"]:
        as_of = (count.get("as_of") or {}).get("start", "")
        print(
            f"  count {count['kind']:<9} {count['best']:>6}  as of {as_of}  {_cut(count['evidence']['sentence'], _TABLE_WIDTH)}",
            file=out,
        )
    for stance in record["stances"]:
        print(
            f"  stance {_actor_name(stance['actor'])} {stance['polarity']} {_actor_name(stance['recipient'])}",
            file=out,
        )


def _print_events(events: list[dict[str, Any]], out: TextIO) -> None:
    for event in events:
        date = (event.get("date") or {}).get("start") or "-"
        place = (event.get("place") or {}).get("name") or "-"
        kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
        aux = f" ({event['aux']})" if event.get("aux") else ""
        certainty = _cut(f"{event['certainty']}{aux}", _CERTAINTY_WIDTH)
        print(
            f"  {date:<10} {_cut(kind, 22):<22} {_cut(_actor_name(event.get('actor')), 24):<24} → "
            f"{_cut(_actor_name(event.get('recipient')), 24):<24} {_cut(place, 14):<14} "
            f"{certainty:<{_CERTAINTY_WIDTH}} | {_cut(event['evidence']['sentence'], _TABLE_WIDTH)}",
            file=out,
        )


def _print_summary(store: Store, out: TextIO) -> None:
    summary = summarize(store)
    print(
        f"\n{_plural(summary.documents, 'document')}, {_plural(summary.events, 'event')}",
        file=out,
    )
    if summary.news:
        earlier = f" ({summary.recalled} earlier recalled)" if summary.recalled else ""
        print(f"events dated {summary.news[0]} to {summary.news[1]}{earlier}", file=out)
    print("events by type: " + ", ".join(f"{t} {n}" for t, n in summary.by_type), file=out)
    print(
        f"{_plural(summary.stories, 'story', 'stories')}; "
        f"{_plural(summary.corpus_events, 'corpus event')}, "
        f"{summary.told_twice} told by more than one report",
        file=out,
    )
    if summary.tolls:
        print("death tolls as reported (quipu tally):", file=out)
        print(format_series(summary.tolls), file=out)
    if summary.edges:
        print("alignments, most sourced first (quipu stances):", file=out)
        print(format_edges(summary.edges[:12]), file=out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
