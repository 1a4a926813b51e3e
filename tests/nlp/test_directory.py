"""The actor directory: canonical names, countries, and roles that change over time."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pycountry
import pytest
import yaml

from quipu.errors import PipelineError
from quipu.nlp import ActorDirectory
from quipu.nlp.directory import Entry, Role
from quipu.nlp.lexicon import fold
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


# The bundled world directory (`resources/world-actors.yaml`), through the whole pipeline.
# The sentences are written for these tests; 12 June 2024 falls inside the Sudan war and
# after the Taliban took Kabul.
WORLD_DAY = dt.date(2024, 6, 12)


@pytest.mark.parametrize(
    ("text", "language", "actor", "recipient", "acled"),
    [
        (
            "RSF fighters attacked the town of El Fasher on Tuesday, killing 20 civilians.",
            "en",
            ("Rapid Support Forces", "SDN", "REB"),
            ("civilians", "SDN", "CVL"),
            "Attack",
        ),
        (
            "Israeli forces killed 12 Hamas fighters in Gaza on Monday.",
            "en",
            ("Israeli forces", "ISR", "MIL"),
            ("Hamas", "PSE", "REB"),
            "Armed clash",
        ),
        (
            "The Tatmadaw bombed a village in Sagaing on Monday, killing 8 people.",
            "en",
            ("Tatmadaw", "MMR", "MIL"),
            ("people", "MMR", "CVL"),
            # one bombing that killed eight (the killing is its toll, not a second attack)
            "Air/drone strike",
        ),
        (
            "El Clan del Golfo asesinó a dos policías en Antioquia el lunes.",
            "es",
            ("Clan del Golfo", "COL", "UAF"),
            ("police", "COL", "COP"),
            "Armed clash",
        ),
        (
            "Miembros del CJNG atacaron a militares en Michoacán el lunes.",
            "es",
            ("Jalisco New Generation Cartel", "MEX", "UAF"),
            ("military", "MEX", "MIL"),
            "Armed clash",
        ),
        (
            "Combatientes de las Fuerzas de Apoyo Rápido atacaron El Fasher el martes y mataron"
            " a 20 civiles.",
            "es",
            ("Rapid Support Forces", "SDN", "REB"),
            ("civiles", "SDN", "CVL"),
            "Attack",
        ),
    ],
)
def test_directory_world_armed_groups_have_their_sector_and_country(
    extract_text, text, language, actor, recipient, acled
) -> None:
    extraction = extract_text(
        text, published=WORLD_DAY, language=language, directory=ActorDirectory.load()
    )
    sides = [
        (
            (e.actor.name, e.actor.country, e.actor.sector),
            (e.recipient.name, e.recipient.country, e.recipient.sector),
            (e.acled or {}).get("sub_event_type"),
        )
        for e in extraction.events
        if e.type == "ASSAULT" and e.actor is not None and e.recipient is not None
    ]
    assert (actor, recipient, acled) in sides, sides


def test_directory_world_roles_change_with_the_day() -> None:
    directory = ActorDirectory.load()
    taliban = Actor(text="the Taliban", name="Taliban")
    insurgents = directory.apply(taliban, on=dt.date(2021, 7, 1))
    rulers = directory.apply(taliban, on=dt.date(2021, 9, 1))
    assert insurgents is not None and (insurgents.country, insurgents.sector) == ("AFG", "REB")
    assert rulers is not None and (rulers.country, rulers.sector) == ("AFG", "GOV")
    # a state paramilitary force until its war with the army from 15 April 2023
    rsf = Actor(text="RSF", name="RSF")
    before, during = (directory.apply(rsf, on=dt.date(y, 6, 1)) for y in (2021, 2024))
    assert before is not None and during is not None
    assert (before.sector, during.sector) == ("MIL", "REB")


@pytest.mark.parametrize(
    ("day", "sector"),
    [
        (dt.date(2018, 12, 31), None),
        (dt.date(2019, 1, 1), "GOV"),
        (dt.date(2022, 12, 31), "GOV"),
        (dt.date(2023, 6, 1), None),
    ],
)
def test_directory_world_head_of_state_is_gov_only_in_office(day, sector) -> None:
    bolsonaro = ActorDirectory.load().apply(Actor(text="Bolsonaro", name="Bolsonaro"), on=day)
    assert bolsonaro is not None
    assert (bolsonaro.name, bolsonaro.country, bolsonaro.sector) == (
        "Jair Bolsonaro",
        "BRA",
        sector,
    )


def test_directory_world_head_of_state_through_the_pipeline(extract_text) -> None:
    text = "Lasso met protest leaders in Quito on {day}."
    sectors = []
    for published in (dt.date(2022, 6, 30), dt.date(2024, 6, 30)):
        extraction = extract_text(
            text.format(day="Monday"), published=published, directory=ActorDirectory.load()
        )
        actors = [e.actor for e in extraction.events if e.actor is not None]
        assert actors and actors[0].name == "Guillermo Lasso"
        sectors.append((actors[0].country, actors[0].sector))
    # President of Ecuador until 23 November 2023
    assert sectors[0] == ("ECU", "GOV")
    assert sectors[1][1] != "GOV"


def test_directory_world_international_bodies_have_no_country(extract_text) -> None:
    extraction = extract_text(
        "The UN Security Council condemned the attack on Goma on Monday.",
        published=WORLD_DAY,
        directory=ActorDirectory.load(),
    )
    actors = [e.actor for e in extraction.events if e.actor is not None]
    assert actors, extraction.events
    assert (actors[0].name, actors[0].country, actors[0].sector) == (
        "UN Security Council",
        None,
        "IGO",
    )


def test_directory_user_file_overrides_a_bundled_world_entry(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Reporters Without Borders\n"
        "    aliases: [RSF]\n"
        "    roles: [{sector: NGO}]\n",
        encoding="utf-8",
    )
    rsf = Actor(text="RSF", name="RSF")
    bundled = ActorDirectory.load().apply(rsf, on=WORLD_DAY)
    assert bundled is not None and (bundled.name, bundled.sector) == ("Rapid Support Forces", "REB")
    mine = ActorDirectory.load([path]).apply(rsf, on=WORLD_DAY)
    assert mine is not None and (mine.name, mine.country, mine.sector) == (
        "Reporters Without Borders",
        None,
        "NGO",
    )


def test_directory_sample_file_wins_over_the_world_file() -> None:
    # both files know Gustavo Petro; the sample's entry is read last and is the one found
    directory = ActorDirectory.load()
    petro = directory.by_name["petro"]
    world = next(i for i, e in enumerate(directory.entries) if e.name == "Rapid Support Forces")
    assert directory.entries.index(petro) > world


def test_directory_world_file_is_well_formed() -> None:
    """Every entry of the world file has a known sector, an ISO3 country or none, roles in
    date order, and no name that another entry claims (but a domestic twin)."""
    text = resources.files("quipu.resources").joinpath("world-actors.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    sectors = {"GOV", "MIL", "COP", "LEG", "JUD", "PTY", "OPP", "REB", "UAF", "NGO", "IGO"}
    claimed: dict[str, str] = {}
    for item in data["actors"]:
        roles = item.get("roles") or []
        assert roles, item["name"]
        assert {role.get("sector") for role in roles} <= sectors, item["name"]
        country = item.get("country")
        assert country is None or pycountry.countries.get(alpha_3=country), item["name"]
        days = [(role.get("from"), role.get("until")) for role in roles]
        for start, end in days:
            assert start is None or end is None or start <= end, item["name"]
        starts = [start for start, _ in days if start is not None]
        assert starts == sorted(starts), item["name"]
        for alias in {fold(a) for a in (item["name"], *(item.get("aliases") or []))}:
            other = claimed.setdefault(alias, item["name"])
            assert other == item["name"], (alias, other, item["name"])
