"""ACLED coding of events: every event type and sub-event type of the codebook, in English and
Spanish, from one wire-style sentence each, and the ACLED export of one of them.

The sentences are written for these tests, not taken from the training data or the sample
reports. Each runs through the whole pipeline (triggers, parse, the learned detector and the
PLOVER→ACLED table of `resources/plover.yaml`) and must yield an event coded with the
sub-event type an ACLED coder would give it. Cases the pipeline cannot code yet are marked
`xfail(strict=True)` with what is missing, so that a fix shows up as an unexpected pass.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from quipu.exports import acled_rows
from quipu.nlp.coding import PloverMapping
from quipu.nlp.detector import Detection

# The codebook's 25 sub-event types and the event type each belongs to.
ACLED_EVENT_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


def case(sub_event: str, language: str, text: str, *, missing: str | None = None) -> Any:
    """One parametrized case, named "<language>-<sub-event type>"; `missing` marks it as an
    expected failure and says what the pipeline lacks to code it."""
    slug = "-".join(sub_event.casefold().replace("/", " ").split())
    marks = [pytest.mark.xfail(reason=missing, strict=True)] if missing else []
    return pytest.param(sub_event, language, text, id=f"{language}-{slug}", marks=marks)


CASES = [
    # -- Battles ----------------------------------------------------------------------------
    case(
        "Armed clash",
        "en",
        "Government troops and fighters of the National Liberation Army exchanged gunfire for "
        "several hours near the town of Tame on Tuesday, the army said.",
    ),
    case(
        "Armed clash",
        "es",
        "Soldados del ejército y guerrilleros del ELN se enfrentaron a tiros durante varias "
        "horas cerca del municipio de Tame el martes, informó el ejército.",
    ),
    case(
        "Government regains territory",
        "en",
        "The army said its troops recaptured the town of Kidal from separatist rebels on "
        "Monday after a three-day offensive.",
    ),
    case(
        "Government regains territory",
        "es",
        "El ejército informó que sus tropas recuperaron el control de la ciudad de Kidal, en "
        "manos de rebeldes separatistas, tras una ofensiva de tres días.",
    ),
    case(
        "Non-state actor overtakes territory",
        "en",
        "Islamist insurgents seized control of the district headquarters of Mocimboa da Praia "
        "on Sunday after government forces fled.",
    ),
    case(
        "Non-state actor overtakes territory",
        "es",
        "Insurgentes islamistas tomaron el control de la cabecera distrital de Mocimboa da "
        "Praia el domingo, tras la huida de las fuerzas gubernamentales.",
    ),
    # -- Explosions/Remote violence ------------------------------------------------------
    case(
        "Chemical weapon",
        "en",
        "Residents said government forces dropped canisters of chlorine gas on a rebel-held "
        "suburb, leaving dozens of people struggling to breathe.",
    ),
    case(
        "Chemical weapon",
        "es",
        "Vecinos denunciaron que las fuerzas del gobierno lanzaron bombonas de gas cloro sobre "
        "un suburbio en manos rebeldes y decenas de personas sufrieron asfixia.",
    ),
    case(
        "Air/drone strike",
        "en",
        "A military drone struck a pickup truck carrying militants outside the town of Jilib on "
        "Thursday, killing four of them.",
    ),
    case(
        "Air/drone strike",
        "es",
        "Un dron militar atacó una camioneta con milicianos a las afueras de Jilib el jueves y "
        "mató a cuatro de ellos.",
    ),
    case(
        "Suicide bomb",
        "en",
        "A suicide bomber blew himself up outside a police station in Quetta on Friday, "
        "killing six officers.",
    ),
    case(
        "Suicide bomb",
        "es",
        "Un terrorista suicida se inmoló frente a una comisaría de Quetta el viernes y mató a "
        "seis policías.",
    ),
    case(
        "Shelling/artillery/missile attack",
        "en",
        "Rebel artillery shelled the outskirts of the provincial capital overnight, damaging "
        "dozens of homes.",
    ),
    case(
        "Shelling/artillery/missile attack",
        "es",
        "La artillería rebelde disparó decenas de proyectiles contra las afueras de la capital "
        "provincial durante la noche y dañó varias viviendas.",
    ),
    case(
        "Remote explosive/landmine/IED",
        "en",
        "A roadside bomb exploded under an army convoy near Gao on Wednesday, killing three "
        "soldiers.",
    ),
    case(
        "Remote explosive/landmine/IED",
        "es",
        "Un artefacto explosivo improvisado estalló al paso de un convoy militar cerca de Gao "
        "el miércoles y mató a tres soldados.",
    ),
    case(
        "Grenade",
        "en",
        "Unidentified attackers hurled a grenade into a crowded bar in the city centre late on "
        "Saturday, wounding eleven people.",
    ),
    case(
        "Grenade",
        "es",
        "Desconocidos lanzaron una granada contra un bar concurrido del centro de la ciudad el "
        "sábado por la noche e hirieron a once personas.",
    ),
    # -- Violence against civilians ------------------------------------------------------
    case(
        "Sexual violence",
        "en",
        "Soldiers raped at least five women during a raid on the village of Kipupu, a local "
        "rights group said.",
    ),
    case(
        "Sexual violence",
        "es",
        "Soldados violaron al menos a cinco mujeres durante una incursión en la aldea de "
        "Kipupu, denunció una organización local de derechos humanos.",
    ),
    case(
        "Attack",
        "en",
        "Gunmen attacked a farming village in Nigeria's Plateau state overnight and killed 17 "
        "residents, police said.",
    ),
    case(
        "Attack",
        "es",
        "Hombres armados atacaron una aldea agrícola del estado nigeriano de Plateau durante la "
        "noche y mataron a 17 vecinos, informó la policía.",
    ),
    case(
        "Abduction/forced disappearance",
        "en",
        "Armed men abducted a local human rights activist from his home in Guerrero state on "
        "Monday, his family said.",
    ),
    case(
        "Abduction/forced disappearance",
        "es",
        "Hombres armados secuestraron a un activista de derechos humanos en su casa del estado "
        "de Guerrero el lunes, según su familia.",
    ),
    # -- Protests ---------------------------------------------------------------------------
    case(
        "Peaceful protest",
        "en",
        "Thousands of nurses marched through the capital on Tuesday to demand higher wages and "
        "better working conditions.",
    ),
    case(
        "Peaceful protest",
        "es",
        "Cientos de estudiantes marcharon pacíficamente por el centro de Bogotá el martes para "
        "exigir más presupuesto para la universidad pública.",
    ),
    case(
        "Protest with intervention",
        "en",
        "Police fired tear gas to disperse hundreds of demonstrators who had gathered outside "
        "parliament on Thursday.",
    ),
    case(
        "Protest with intervention",
        "es",
        "La policía lanzó gases lacrimógenos para dispersar a cientos de manifestantes que se "
        "habían concentrado frente al Congreso el jueves.",
    ),
    case(
        "Excessive force against protesters",
        "en",
        "Security forces opened fire on anti-government protesters in the city of Mandalay on "
        "Saturday, killing nine demonstrators.",
    ),
    case(
        "Excessive force against protesters",
        "es",
        "Las fuerzas de seguridad dispararon contra manifestantes antigubernamentales en la "
        "ciudad de Mandalay el sábado y mataron a nueve personas.",
    ),
    # -- Riots ------------------------------------------------------------------------------
    case(
        "Violent demonstration",
        "en",
        "Demonstrators threw rocks and petrol bombs at police lines during a protest against "
        "fuel price rises in Nairobi on Wednesday.",
    ),
    case(
        "Violent demonstration",
        "es",
        "Manifestantes lanzaron piedras y cócteles molotov contra la policía durante una "
        "protesta contra el alza de los combustibles en Nairobi el miércoles.",
    ),
    case(
        "Mob violence",
        "en",
        "An angry mob lynched a man accused of stealing a motorcycle in a market town in "
        "eastern Uganda on Sunday.",
    ),
    case(
        "Mob violence",
        "es",
        "Una turba enfurecida linchó a un hombre acusado de robar una motocicleta en un "
        "mercado del este de Uganda el domingo.",
    ),
    # -- Strategic developments ------------------------------------------------------------
    case(
        "Agreement",
        "en",
        "The government and the rebel alliance signed a ceasefire agreement in Addis Ababa on "
        "Wednesday.",
    ),
    case(
        "Agreement",
        "es",
        "El gobierno y la alianza rebelde firmaron un acuerdo de alto el fuego en Adís Abeba el "
        "miércoles.",
    ),
    case(
        "Arrests",
        "en",
        "Police arrested an opposition leader at his home in Dhaka early on Friday, his party "
        "said.",
    ),
    case(
        "Arrests",
        "es",
        "La policía detuvo a un dirigente opositor en su domicilio de Daca la madrugada del "
        "viernes, informó su partido.",
    ),
    case(
        "Change to group/activity",
        "en",
        "Two rebel factions announced on Monday that they had merged into a single armed "
        "movement under one command.",
    ),
    case(
        "Change to group/activity",
        "es",
        "Dos facciones rebeldes anunciaron el lunes su fusión en un solo movimiento armado bajo "
        "un mando único.",
    ),
    case(
        "Disrupted weapons use",
        "en",
        "Soldiers defused a powerful explosive device planted under a bridge on the main "
        "highway, the army said.",
    ),
    case(
        "Disrupted weapons use",
        "es",
        "Militares desactivaron un potente artefacto explosivo colocado bajo un puente de la "
        "carretera principal, informó el ejército.",
    ),
    case(
        "Headquarters or base established",
        "en",
        "Rebel fighters set up a base in an abandoned school on the edge of the town, residents "
        "said.",
    ),
    case(
        "Headquarters or base established",
        "es",
        "Combatientes rebeldes instalaron una base en una escuela abandonada a las afueras del "
        "pueblo, según vecinos.",
    ),
    case(
        "Looting/property destruction",
        "en",
        "Militia fighters looted shops and torched dozens of homes in the village after its "
        "residents fled.",
    ),
    case(
        "Looting/property destruction",
        "es",
        "Milicianos saquearon comercios e incendiaron decenas de viviendas en la aldea tras la "
        "huida de sus habitantes.",
    ),
    case(
        "Non-violent transfer of territory",
        "en",
        "Government forces withdrew from the northern town of Tessalit on Sunday and handed "
        "control to a rebel coalition without a fight.",
    ),
    case(
        "Non-violent transfer of territory",
        "es",
        "Las fuerzas gubernamentales se retiraron el domingo de la localidad norteña de "
        "Tessalit y entregaron el control a una coalición rebelde sin combates.",
    ),
    case(
        "Other",
        "en",
        "The government imposed a nighttime curfew on the capital and three northern provinces "
        "on Monday.",
    ),
    case(
        "Other",
        "es",
        "El gobierno impuso el lunes un toque de queda nocturno en la capital y en tres "
        "provincias del norte.",
    ),
]


def test_acled_cases_cover_every_sub_event_type_in_both_languages() -> None:
    covered = {(param.values[0], param.values[1]) for param in CASES}
    expected = {(sub, lang) for sub in ACLED_EVENT_TYPES for lang in ("en", "es")}
    assert covered == expected
    assert len(CASES) == len(expected)  # one sentence each, no duplicates


@pytest.mark.parametrize(("sub_event", "language", "text"), CASES)
def test_acled_sub_event_type_of_one_sentence(extract_text, sub_event, language, text) -> None:
    extraction = extract_text(text, language=language)
    expected = {"event_type": ACLED_EVENT_TYPES[sub_event], "sub_event_type": sub_event}
    found = [(event.type, event.mode, event.acled) for event in extraction.events]
    assert expected in [acled for _, _, acled in found], found


def test_acled_export_interaction_from_the_actors_sectors(extract_text) -> None:
    extraction = extract_text(
        "Security forces opened fire on anti-government protesters in the city of Mandalay on "
        "Saturday, killing nine demonstrators."
    )
    rows = [
        row
        for row in acled_rows([extraction.to_dict()])
        if row["sub_event_type"] == "Excessive force against protesters"
    ]
    assert rows
    row = rows[0]
    # state forces (1) against protesters (6): ACLED's interaction code 16
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 6, "16")
    assert row["event_type"] == "Protests" and row["disorder_type"] == "Demonstrations"


def test_acled_territory_taken_is_named_by_who_takes_it(extract_text) -> None:
    # the words of a recapture and of a seizure are alike: the taker's side decides
    taken = extract_text("Rebel fighters retook the town of Bunagana from the army on Friday.")
    regained = extract_text("Government troops retook the town of Bunagana on Friday.")
    assert {e.acled["sub_event_type"] for e in taken.events if e.acled} == {
        "Non-state actor overtakes territory"
    }
    assert {e.acled["sub_event_type"] for e in regained.events if e.acled} == {
        "Government regains territory"
    }


def test_acled_force_between_two_armed_sides_is_a_battle(extract_text) -> None:
    # ACLED's "Attack" is violence against civilians: the same words aimed at soldiers,
    # police or fighters by an armed side are an armed clash
    for text, language in [
        ("Insurgents attacked an army patrol near the border on Monday.", "en"),
        ("Guerrilleros atacaron a una patrulla del ejército cerca de la frontera.", "es"),
    ]:
        subtypes = {
            e.acled["sub_event_type"]
            for e in extract_text(text, language=language).events
            if e.acled
        }
        assert subtypes == {"Armed clash"}, text
    on_civilians = extract_text("Insurgents attacked a village and killed ten civilians.")
    assert {e.acled["sub_event_type"] for e in on_civilians.events if e.acled} == {"Attack"}


def test_acled_force_between_two_armed_sides_is_a_clash() -> None:
    text = resources.files("quipu.resources").joinpath("plover.yaml").read_text("utf-8")
    mapping = PloverMapping(yaml.safe_load(text))

    def sub_event(mode: str | None, recipient: str | None, actor: str | None) -> str:
        found = mapping.acled("ASSAULT", mode, recipient, actor_sector=actor)
        assert found is not None
        return found["sub_event_type"]

    assert sub_event(None, "REB", "MIL") == "Armed clash"
    assert sub_event(None, "COP", "UAF") == "Armed clash"
    # force on civilians, or by a side of unknown sector, is no clash
    assert sub_event(None, "CVL", "REB") == "Attack"
    assert sub_event(None, "MIL", None) == "Attack"
    # a mode that names the sub-event type keeps it
    assert sub_event("aerial", "REB", "MIL") == "Air/drone strike"


def test_acled_troops_sent_somewhere_change_a_group_s_activity(extract_text) -> None:
    # a deployment is a change in what the forces do, never ACLED's residual "Other"
    for text, language in [
        ("The army sent two thousand extra soldiers to the border province on Sunday.", "en"),
        ("El gobierno desplegó mil policías adicionales en el puerto el domingo.", "es"),
    ]:
        subtypes = {
            e.acled["sub_event_type"]
            for e in extract_text(text, language=language).events
            if e.type == "MOBILIZE" and e.acled
        }
        assert subtypes == {"Change to group/activity"}, text


def test_acled_detected_sub_event_type_meets_its_own_threshold() -> None:
    text = resources.files("quipu.resources").joinpath("plover.yaml").read_text("utf-8")
    mapping = PloverMapping(yaml.safe_load(text))
    detection = Detection({"Peaceful protest": 0.2, "Protest with intervention": 0.35})
    # at the common threshold neither is likely enough to overrule the table
    assert mapping.detected_subtype("PROTEST", detection, threshold=0.5) is None
    # a rare type with a lower threshold of its own is given where it reaches it
    own = {"Protest with intervention": 0.3, "Peaceful protest": 0.4}
    found = mapping.detected_subtype("PROTEST", detection, threshold=0.5, by_label=own)
    assert found == "Protest with intervention"
    # one that misses its own threshold gives way to the next that meets its own
    own = {"Protest with intervention": 0.4, "Peaceful protest": 0.15}
    found = mapping.detected_subtype("PROTEST", detection, threshold=0.5, by_label=own)
    assert found == "Peaceful protest"
