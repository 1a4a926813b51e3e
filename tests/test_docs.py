"""The documentation matches the code: every command and public name is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

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
