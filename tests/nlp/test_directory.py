"""The actor directory: canonical names, countries, and roles that change over time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quipu.errors import PipelineError
from quipu.nlp import ActorDirectory
from quipu.nlp.directory import Entry, Role
from quipu.records import Actor


def test_directory_bundled_role_depends_on_the_day() -> None:
    directory = ActorDirectory.load()
    castillo = Actor(text="Castillo", name="Castillo")
    before = directory.apply(castillo, on=dt.date(2022, 12, 6))
    after = directory.apply(castillo, on=dt.date(2022, 12, 9))
    assert before is not None and after is not None
    assert (before.name, before.country, before.sector) == ("Pedro Castillo", "PER", "GOV")
    assert after.sector != "GOV"
    boluarte = directory.apply(Actor(text="Boluarte", name="Boluarte"), on=dt.date(2022, 12, 9))
    assert boluarte is not None and (boluarte.name, boluarte.sector) == ("Dina Boluarte", "GOV")


def test_directory_unknown_actor_keeps_what_the_text_says() -> None:
    actor = Actor(text="the farmers", name="farmers", sector="CVL")
    assert ActorDirectory.load().apply(actor, on=None) == actor


def test_directory_members_are_looked_up_too() -> None:
    compound = Actor(
        text="Kenna and Nichols",
        name="Kenna, Nichols",
        members=[Actor(text="Kenna", name="Kenna"), Actor(text="Nichols", name="Nichols")],
    )
    applied = ActorDirectory.load().apply(compound, on=dt.date(2022, 12, 8))
    assert applied is not None
    assert [(m.name, m.country) for m in applied.members] == [
        ("Lisa Kenna", "USA"),
        ("Brian A. Nichols", "USA"),
    ]


def test_directory_user_file_adds_actors_without_code(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Evo Morales\n"
        "    country: BOL\n"
        "    aliases: [Morales]\n"
        "    roles:\n"
        "      - {sector: GOV, title: President of Bolivia, from: 2006-01-22, until: 2019-11-10}\n"
        "      - {sector: PTY, title: party leader, from: 2019-11-11}\n",
        encoding="utf-8",
    )
    directory = ActorDirectory.load([path], bundled=False)
    morales = directory.apply(Actor(text="Morales", name="Morales"), on=dt.date(2023, 1, 1))
    assert morales is not None and (morales.name, morales.country, morales.sector) == (
        "Evo Morales",
        "BOL",
        "PTY",
    )


def test_directory_bad_file_is_a_numbered_error(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - country: PER\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"^E103 .*actor 1"):
        ActorDirectory.load([path])


def test_directory_in_extraction_dates_the_role(extract_text) -> None:
    extraction = extract_text(
        "Police detained Pedro Castillo on December 7, 2022.",
        directory=ActorDirectory.load(),
    )
    event = next(e for e in extraction.events if e.type == "COERCE")
    assert event.recipient is not None
    assert (event.recipient.name, event.recipient.sector) == ("Pedro Castillo", "GOV")


def test_directory_domestic_institutions_only_in_reports_about_their_country() -> None:
    directory = ActorDirectory.load()
    police = Actor(text="la policía", name="policía", sector="COP")
    in_peru = directory.apply(police, on=None, focus="PER")
    assert in_peru is not None and (in_peru.name, in_peru.country) == (
        "National Police of Peru",
        "PER",
    )
    # the police of a report about Bolivia are not Peru's
    assert directory.apply(police, on=None, focus="BOL") == police
    # "it", standing for the police, keeps the words it stands for
    pronoun = Actor(text="it", name="police", sector="COP")
    assert directory.apply(pronoun, on=None, focus="PER") == pronoun


def test_directory_domestic_entry_needs_a_country(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {name: Congress, domestic: true}\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"E103.*actor 1: a domestic institution needs"):
        ActorDirectory.load([path], bundled=False)


def test_directory_a_name_is_found_with_or_without_its_article() -> None:
    fiscalia = Actor(text="La Fiscalía de la Nación", name="Fiscalía de la Nación", sector="JUD")
    found = ActorDirectory.load().apply(fiscalia, on=None, focus="PER")
    assert found is not None and found.name == "Public Prosecutor's Office of Peru"


def test_directory_group_named_by_its_members_is_the_group() -> None:
    m23 = Entry(
        name="March 23 Movement", country="COD", aliases=("M23",), roles=(Role(sector="REB"),)
    )
    directory = ActorDirectory([m23])
    members = frozenset({"rebels", "fighters"})
    found = directory.apply(
        Actor(text="M23 rebels", name="M23 rebels", sector="REB"), on=None, members=members
    )
    assert found is not None
    assert (found.text, found.name, found.country) == ("M23 rebels", "March 23 Movement", "COD")
    # without the language's words for members, the name is not the group's
    unknown = Actor(text="M23 rebels", name="M23 rebels", sector="REB")
    assert directory.apply(unknown, on=None) == unknown
