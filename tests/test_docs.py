"""The documentation matches the code: every command and public name is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import quipu
from quipu.cli import _parser

ROOT = Path(__file__).parent.parent


def _commands() -> list[str]:
    parser = _parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def test_docs_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:20])
    assert "make demo" in first_screen
    assert "make test" in first_screen


def test_docs_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in _commands():
        assert f"`quipu {command}" in readme, command


def test_docs_every_cli_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"quipu {name} {option}"


def test_docs_ci_calls_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_public_api_is_complete_and_sorted():
    public = {
        name
        for name, value in vars(quipu).items()
        if not name.startswith("_") and not isinstance(value, type(re))
    }
    public.discard("annotations")
    assert set(quipu.__all__) == public - {
        "errors",
        "evaluate",
        "exports",
        "ingest",
        "nlp",
        "records",
        "store",
        "cli",
    }
    assert len(quipu.__all__) == len(set(quipu.__all__))


def test_docs_changelog_exists_with_the_current_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(quipu.__version__)}\b", changelog, re.MULTILINE)


def test_docs_the_readme_directory_example_names_a_crisis_s_actors(tmp_path):
    """The README's example of a user's own directory loads and names the actors it lists."""
    import datetime as dt

    from quipu.nlp import ActorDirectory, extract
    from quipu.records import Document

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The actors of your own crisis", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    path = tmp_path / "kenya.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    directory = ActorDirectory.load([path])
    text = "NAIROBI, June 26 — Ruto accused the police of killing protesters outside parliament."
    document = Document(
        text=text, source="kenya.txt", published=dt.date(2024, 6, 26), language="en"
    )
    extraction = extract(document, directory=directory)
    accuse = next(event for event in extraction.events if event.type == "ACCUSE")
    assert accuse.actor is not None and accuse.recipient is not None
    assert (accuse.actor.name, accuse.actor.country, accuse.actor.sector) == (
        "William Ruto",
        "KEN",
        "GOV",
    )
    assert accuse.recipient.name == "National Police Service of Kenya"


# -- the record and gold formats (docs/record-format.md, docs/gold-format.md) ---------------


def _field_rows(name: str) -> dict[str, dict[str, str]]:
    """Each table of a docs page under a heading that starts with a `name`: its fields,
    each with its second column."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"#{2,4} `([^`]+)`", line):
            current = heading[1]
            tables[current] = {}
        elif (row := re.match(r"\| `([^`]+)` \| ([^|]*) \|", line)) and current is not None:
            tables[current][row[1]] = row[2].strip()
    return tables


def _field_tables(name: str) -> dict[str, list[str]]:
    return {kind: list(rows) for kind, rows in _field_rows(name).items()}


def _fields(record_type: type) -> list[str]:
    import dataclasses

    return [field.name for field in dataclasses.fields(record_type)]


# Which documented object each field of an object holds (lists: each item), for the walk.
_INSIDE = {
    "line": {
        "document": "document",
        "events": "event",
        "counts": "count",
        "stances": "stance",
        "places": "place mention",
    },
    "event": {
        "actor": "actor",
        "recipient": "actor",
        "attributed_to": "actor",
        "place": "place",
        "date": "date",
        "fatalities": "figure",
        "injuries": "figure",
        "arrests": "figure",
        "size": "figure",
        "acled": "acled",
        "evidence": "evidence",
        "mentions": "evidence",
    },
    "actor": {"members": "actor"},
    "count": {"as_of": "date", "place": "place", "source": "actor", "evidence": "evidence"},
    "stance": {"actor": "actor", "recipient": "actor", "date": "date", "evidence": "evidence"},
    "place mention": {"place": "place"},
    "corpus event": {"first_reported": "first report"},
    "reconciled figure": {"by_source": "source figure"},
    "mention": {"merged": "merge decision"},
    "merge decision": {"features": "merge features"},
}


def _walk(value: object, kind: str, tables: dict[str, list[str]], seen: set[str]) -> None:
    """Check that every object below `value` has exactly its documented fields."""
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, kind, tables, seen)
        return
    assert isinstance(value, dict), (kind, value)
    assert sorted(value) == sorted(tables[kind]), kind
    seen.add(kind)
    for key, inner in _INSIDE.get(kind, {}).items():
        _walk(value[key], inner, tables, seen)


@pytest.fixture(scope="module")
def sample_extraction():
    from quipu.ingest import iter_documents
    from quipu.nlp import extract

    report = ROOT / "src/quipu/resources/sample/peru-2022/03-andahuaylas-deaths.md"
    (document,) = iter_documents([report], on_error=lambda error: pytest.fail(str(error)))
    return extract(document)


def test_docs_record_format_lists_the_fields_of_every_record_type():
    from quipu import records

    tables = _field_tables("record-format.md")
    types = {
        "event": records.Event,
        "actor": records.Actor,
        "place": records.Place,
        "date": records.DateSpan,
        "figure": records.Figure,
        "evidence": records.Evidence,
        "count": records.Count,
        "stance": records.Stance,
        "place mention": records.PlaceMention,
    }
    for kind, record_type in types.items():
        assert sorted(tables[kind]) == sorted(_fields(record_type)), kind
    document = records.Document(text="Police arrested 12 protesters.", source="a.md")
    assert sorted(tables["document"]) == sorted(document.to_dict())
    # the line is `Extraction.to_dict()`; `quipu export --format jsonl` adds the text
    assert sorted(tables["line"]) == sorted([*records.Extraction(document).to_dict(), "text"])


def test_docs_record_format_matches_an_extracted_report_field_by_field(sample_extraction):
    tables = _field_tables("record-format.md")
    record = sample_extraction.to_dict()
    seen: set[str] = set()
    _walk({**record, "text": ""}, "line", tables, seen)
    # the sample report fills every kind of object, or the walk would prove little
    assert seen >= {"line", "document", "event", "actor", "place", "date", "figure"}
    assert seen >= {"evidence", "acled", "count", "stance", "place mention"}


def test_docs_record_format_matches_a_corpus_event(sample_extraction):
    from quipu.corpus.merge import EventMerger
    from quipu.corpus.view import read_corpus
    from quipu.ingest import iter_documents
    from quipu.nlp import PIPELINE_VERSION, extract
    from quipu.store import MemoryStore

    tables = _field_tables("record-format.md")
    store = MemoryStore()
    store.add(sample_extraction, pipeline_version=PIPELINE_VERSION)
    events = [event.to_dict() for event in read_corpus(store).events]
    # a second report telling one of its events, merged on its features
    report = ROOT / "src/quipu/resources/sample/peru-2022/05-state-of-emergency-airports.md"
    (document,) = iter_documents([report], on_error=lambda error: pytest.fail(str(error)))
    merger = EventMerger()
    for extraction in (sample_extraction, extract(document)):
        merger.add(extraction.to_dict())
    events += [event.to_dict() for event in merger.events if len(event.mentions) > 1]
    with_figures = next(event for event in events if event["figures"])
    added = tables["corpus event"]
    assert sorted(with_figures) == sorted({*tables["event"], *added})
    seen: set[str] = set()
    for event in events:
        _walk({key: event[key] for key in added}, "corpus event", tables, seen)
        _walk(event["mentions"], "mention", tables, seen)
        for figure in event["figures"].values():
            _walk(figure, "reconciled figure", tables, seen)
    assert seen >= {
        "first report",
        "mention",
        "reconciled figure",
        "source figure",
        "merge decision",
        "merge features",
    }


def test_docs_gold_format_lists_exactly_the_fields_load_gold_accepts():
    from quipu.gold import GOLD_FIELDS, GOLD_REQUIRED

    tables = _field_tables("gold-format.md")
    assert {kind: sorted(fields) for kind, fields in tables.items()} == {
        kind: sorted(fields) for kind, fields in GOLD_FIELDS.items()
    }
    required = {
        kind: sorted(field for field, needed in rows.items() if needed == "yes")
        for kind, rows in _field_rows("gold-format.md").items()
    }
    assert required == {"file": ["document"]} | {
        kind: sorted(fields) for kind, fields in GOLD_REQUIRED.items()
    }


def test_docs_gold_format_example_and_every_shipped_gold_file_load_without_warnings(tmp_path):
    import json
    import warnings

    from quipu.gold import load_gold

    text = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    example = re.findall(r"```json\n(.*?)```", text, re.S)[-1]
    path = tmp_path / "example.gold.json"
    path.write_text(example, encoding="utf-8")
    shipped = sorted((ROOT / "tests" / "gold").glob("*/*.gold.json"))
    assert len(shipped) > 50
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a W005 here means a field the doc does not list
        assert load_gold(path)["events"][0]["id"] == json.loads(example)["events"][0]["id"]
        for gold in shipped:
            load_gold(gold)


def test_docs_every_file_a_message_points_to_is_in_the_repository():
    from quipu.errors import Errors, Warnings

    templates = [*vars(Errors).values(), *vars(Warnings).values()]
    named = {
        name
        for template in templates
        if isinstance(template, str)
        for name in re.findall(r"[\w./-]+\.md\b", template)
    }
    assert "docs/gold-format.md" in named and "docs/record-format.md" in named
    for name in named:
        assert (ROOT / name).is_file(), name


def test_docs_readme_first_screen_tells_set_up_store_and_own_reports():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:45])
    assert "npm ci --prefix frontend" in first_screen and "Node.js" in first_screen
    assert "`quipu.db`" in first_screen and "QUIPU_DB" in first_screen
    walk = re.search(r"\*\*Your own reports\*\*.*?```sh\n(.*?)```", first_screen, re.S)
    assert walk is not None
    commands = [line.split()[1] for line in walk[1].splitlines() if line.startswith("quipu ")]
    assert commands == ["ingest", "events", "tally", "serve", "export"]
    assert "--format acled-csv" in walk[1]
    for page in ("docs/record-format.md", "docs/gold-format.md"):
        assert f"({page})" in readme
