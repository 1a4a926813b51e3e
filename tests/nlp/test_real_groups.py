"""Who acts, told the ways real reports tell it (pipeline 0.5.2), end to end.

Each test is a sentence written for it in the shape of a construction met in at least three
reports of different countries: the groups that strike and block roads named by their trade,
an association or a collective as the one acting, a protest staged or held by its subject and
not by what it is made of, and a call rejected by whoever made it.
"""

from __future__ import annotations

import pytest

from expect import folded_name, only_event


@pytest.mark.parametrize(
    ("text", "language", "actor"),
    [
        # a trade or walk of life
        ("Students staged a sit-in outside the ministry on Monday.", "en", "students"),
        ("Truckers have blockaded the border crossings for a week.", "en", "truckers"),
        ("Shopkeepers marched to the town hall on Friday.", "en", "shopkeepers"),
        ("Los camioneros bloquearon la carretera Panamericana.", "es", "camioneros"),
        ("Los jubilados marcharon frente al Congreso el miércoles.", "es", "jubilados"),
        # an association
        ("A farmers' association marched on the capital on Monday.", "en", "association"),
        ("Las agrupaciones estudiantiles marcharon por el centro.", "es", "agrupaciones"),
        ("Una federación de transportistas bloqueó la carretera al puerto.", "es", "federación"),
        # what a protest is made of is not who makes it
        ("Los sindicatos realizaron una huelga de 24 horas.", "es", "sindicatos"),
        ("Los maestros iniciaron una huelga de hambre frente al ministerio.", "es", "maestros"),
        ("The unions held a strike of 48 hours across the country.", "en", "unions"),
    ],
)
def test_real_groups_the_group_that_protests_is_its_actor(
    extract_text, text, language, actor
) -> None:
    event = only_event(extract_text(text, language=language), "PROTEST")
    assert actor in folded_name(event.actor)


@pytest.mark.parametrize(
    ("text", "language", "caller"),
    [
        (
            "The Security Council urged the junta to free all detainees. "
            "The junta defied the calls.",
            "en",
            "security council",
        ),
        (
            "La ONU pidió al Gobierno liberar a los presos. El Gobierno rechazó el llamado.",
            "es",
            "onu",
        ),
    ],
)
def test_real_groups_a_call_rejected_rejects_who_made_it(
    extract_text, text, language, caller
) -> None:
    extraction = extract_text(text, language=language)
    event = only_event(extraction, "REJECT")
    assert caller in folded_name(event.recipient)
    assert any(
        stance.polarity == "oppose" and caller in folded_name(stance.recipient)
        for stance in extraction.stances
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Israel and Lebanon renewed negotiations on Monday.", "en"),
        ("Colombia y Venezuela reanudaron las negociaciones el lunes en Caracas.", "es"),
    ],
)
def test_real_groups_sides_named_together_talk_with_each_other(
    extract_text, text, language
) -> None:
    event = only_event(extract_text(text, language=language), "CONSULT")
    assert event.actor is not None and len(event.actor.members) == 2


@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        (
            "In Kinshasa, thousands marched on Tuesday. Congo recalled its ambassador to Rwanda.",
            "en",
            "COD",
        ),
        (
            "In Brazzaville, the opposition marched on Tuesday. Congo recalled its ambassador "
            "to Gabon.",
            "en",
            "COG",
        ),
        (
            "Miles de personas marcharon en Kinshasa y en Goma. El Congo retiró a su embajador "
            "en Ruanda.",
            "es",
            "COD",
        ),
    ],
)
def test_real_groups_a_name_two_countries_share_is_read_by_the_report_s_places(
    extract_text, text, language, country
) -> None:
    event = only_event(extract_text(text, language=language), "SANCTION")
    assert event.actor is not None and event.actor.country == country


def test_real_groups_a_shared_name_with_no_place_to_settle_it_stays_unread(extract_text) -> None:
    event = only_event(extract_text("Congo recalled its ambassador on Monday."), "SANCTION")
    assert event.actor is None or event.actor.country is None
