"""Merging events across documents (quipu.corpus.merge): one real event, one corpus event."""

from __future__ import annotations

from typing import Any

import pytest

from quipu.corpus.merge import EventMerger, MergeOptions, merge_records

Record = dict[str, Any]

JULIACA = {
    "name": "Juliaca",
    "country": "PER",
    "admin1": "Puno",
    "lat": -15.5,
    "lon": -70.13,
    "precision": 1,
}
PUNO = {
    "name": "Puno",
    "country": "PER",
    "admin1": "Puno",
    "lat": -15.0,
    "lon": -70.0,
    "precision": 4,
}
CUSCO = {
    "name": "Cusco",
    "country": "PER",
    "admin1": "Cusco",
    "lat": -13.5,
    "lon": -71.9,
    "precision": 4,
}
PERU = {
    "name": "Peru",
    "country": "PER",
    "admin1": None,
    "lat": -10.8,
    "lon": -75.0,
    "precision": 6,
}
POLICE = {"text": "police", "name": "police", "country": "PER", "sector": "COP", "members": []}
ARMY = {"text": "soldiers", "name": "soldiers", "country": "PER", "sector": "MIL", "members": []}
PROTESTERS = {
    "text": "protesters",
    "name": "protesters",
    "country": None,
    "sector": "PRO",
    "members": [],
}


def event(
    kind: str = "ASSAULT",
    *,
    actor: Record | None = POLICE,
    recipient: Record | None = PROTESTERS,
    place: Record | None = JULIACA,
    day: str | None = "2023-01-09",
    sentence: str = "Police fired on protesters in Juliaca.",
    **fields: Any,
) -> Record:
    date = {"start": day, "end": day, "precision": 1} if day else None
    return {
        "id": "",
        "type": kind,
        "mode": fields.pop("mode", None),
        "actor": actor,
        "recipient": recipient,
        "place": place,
        "date": date,
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
        "aux": fields.pop("aux", None),
        "certainty": "asserted",
        **fields,
    }


def report(name: str, published: str, *events: Record, outlet: str | None = None) -> Record:
    for number, one in enumerate(events, start=1):
        one["id"] = f"{name}-e{number}"
    document = {"id": name, "published": published, "outlet": outlet or f"{name} news"}
    return {"document": document, "events": list(events)}


def killed(best: int, low: int | None = None, high: int | None = None) -> Record:
    return {
        "best": best,
        "low": best if low is None else low,
        "high": best if high is None else high,
    }


def test_merge_the_same_clash_told_by_three_outlets_is_one_event() -> None:
    merged = merge_records(
        [
            report("a", "2023-01-10", event(fatalities=killed(17))),
            report("b", "2023-01-10", event(place=PUNO, fatalities=killed(18))),
            report("c", "2023-01-11", event(actor=None, place=PERU, day=None)),
        ]
    )
    assert len(merged) == 1
    clash = merged[0]
    assert [m.document_id for m in clash.mentions] == ["a", "b", "c"]
    assert clash.sources == 3
    assert clash.first.document_id == "a"
    record = clash.to_dict()
    assert record["place"]["name"] == "Juliaca"  # the most precise place any report gives
    assert record["date"] == {"start": "2023-01-09", "end": "2023-01-09", "precision": 1}
    assert [m["document"] for m in record["mentions"]] == ["a", "b", "c"]


def test_merge_conflicting_figures_are_flagged_not_averaged() -> None:
    merged = merge_records(
        [
            report("a", "2023-01-10", event(fatalities=killed(17))),
            report("b", "2023-01-10", event(fatalities=killed(18))),
        ]
    )
    figures = merged[0].figures()["fatalities"]
    assert figures.conflict
    assert (figures.low, figures.high) == (17, 18)
    assert figures.best in (17, 18)  # one source's figure, not 17.5
    assert sorted(s.best for s in figures.sources) == [17, 18]


def test_merge_a_source_s_later_figure_stands_for_it_and_agreement_is_no_conflict() -> None:
    merged = merge_records(
        [
            report("a", "2022-12-12", event(day="2022-12-11", fatalities=killed(7))),
            report("b", "2022-12-13", event(day="2022-12-11", fatalities=killed(6))),
            report("c", "2022-12-14", event(day="2022-12-11", fatalities=killed(6))),
        ],
        stories={"a": "s1", "b": "s2", "c": "s1"},  # c is outlet a's corrected copy
    )
    figures = merged[0].figures()["fatalities"]
    assert not figures.conflict
    assert figures.best == 6
    assert merged[0].sources == 2


def test_merge_syndicated_copies_count_as_one_source() -> None:
    merged = merge_records(
        [
            report("wire", "2023-01-10", event()),
            report("copy", "2023-01-10", event()),
            report("own", "2023-01-11", event()),
        ],
        stories={"wire": "wire", "copy": "wire", "own": "own"},
    )
    assert len(merged) == 1 and len(merged[0].mentions) == 3
    assert merged[0].sources == 2


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (event(place=CUSCO), "another region"),
        (event(day="2023-01-20"), "another date"),
        (event(actor=ARMY), "another perpetrator"),
        (event("PROTEST", actor=PROTESTERS, recipient=None), "another kind of event"),
        (event(aux="negated"), "did not happen"),
        (event(place={**JULIACA, "name": "Juli", "lat": -16.2, "lon": -69.46}), "another town"),
    ],
)
def test_merge_keeps_apart_what_differs(second: Record, why: str) -> None:
    merged = merge_records([report("a", "2023-01-10", event()), report("b", "2023-01-10", second)])
    assert all(len(one.mentions) == 1 for one in merged), why


def test_merge_coercion_and_assault_are_one_family() -> None:
    merged = merge_records(
        [report("a", "2023-01-10", event("ASSAULT")), report("b", "2023-01-10", event("COERCE"))]
    )
    assert len(merged) == 1


def test_merge_two_events_of_one_report_stay_two() -> None:
    merged = merge_records([report("a", "2023-01-10", event(), event())])
    assert len(merged) == 2


def test_merge_is_incremental_and_adding_a_document_again_changes_nothing() -> None:
    merger = EventMerger()
    first = report("a", "2023-01-10", event())
    assert [one.id for one in merger.add(first)] == ["c1"]
    assert merger.add(first) == []
    touched = merger.add(report("b", "2023-01-11", event()))
    assert [one.id for one in touched] == ["c1"]
    assert len(merger.events) == 1 and len(merger.events[0].mentions) == 2


def test_merge_options_set_how_near_is_the_same_place() -> None:
    records = [
        report("a", "2023-01-10", event()),
        report(
            "b", "2023-01-10", event(place={**JULIACA, "name": "Juli", "lat": -16.2, "lon": -69.46})
        ),
    ]
    assert len(merge_records(records, options=MergeOptions(near_km=200))) == 1


def test_merge_villagers_and_protesters_blocking_one_road_can_be_one_side() -> None:
    villagers = {**PROTESTERS, "text": "villagers", "name": "villagers", "sector": "CVL"}
    merged = merge_records(
        [
            report(
                "a",
                "2023-03-06",
                event("PROTEST", actor=PROTESTERS, recipient=ARMY, mode="obstruct"),
            ),
            report(
                "b",
                "2023-03-07",
                event("PROTEST", actor=villagers, recipient=ARMY, mode="obstruct"),
            ),
        ]
    )
    assert len(merged) == 1
    # a state force and civilians are never one side
    merged = merge_records(
        [
            report("a", "2023-03-06", event("PROTEST", actor=PROTESTERS, recipient=None)),
            report("b", "2023-03-07", event("PROTEST", actor=POLICE, recipient=None)),
        ]
    )
    assert len(merged) == 2


def test_merge_a_month_precise_mention_meets_the_day_it_spans() -> None:
    # "earlier this month" (1-20 December) and "on 12 December", three weeks apart at the start
    month = event("SUPPORT", actor=POLICE, recipient=PROTESTERS, place=PERU, day=None)
    month["date"] = {"start": "2022-12-01", "end": "2022-12-20", "precision": 4}
    merged = merge_records(
        [
            report("a", "2022-12-13", event("SUPPORT", place=PERU, day="2022-12-12")),
            report("b", "2022-12-21", month),
        ]
    )
    assert len(merged) == 1 and len(merged[0].mentions) == 2


def test_merge_a_reprint_s_lightly_edited_sentence_tells_the_same_event() -> None:
    said = "López Obrador has repeatedly defended Castillo since his removal."
    edited = "López Obrador has consistently defended Castillo since his removal."
    merged = merge_records(
        [
            report(
                "wire", "2022-12-21", event("SUPPORT", place=PERU, day="2022-12-15", sentence=said)
            ),
            # the copy dated it a day later: the same sentence says it is the same event
            report(
                "copy",
                "2022-12-22",
                event("SUPPORT", place=PERU, day="2022-12-16", sentence=edited),
            ),
        ],
        stories={"wire": "wire", "copy": "wire"},
    )
    assert len(merged) == 1 and merged[0].sources == 1
    unrelated = merge_records(
        [
            report(
                "wire", "2022-12-21", event("SUPPORT", place=PERU, day="2022-12-15", sentence=said)
            ),
            report(
                "own", "2022-12-22", event("SUPPORT", place=PERU, day="2022-12-16", sentence=edited)
            ),
        ]
    )
    assert len(unrelated) == 2  # another outlet's words are no reprint


def test_merge_a_habit_is_not_one_occasion_of_it() -> None:
    mexico = {
        "text": "López Obrador",
        "name": "López Obrador",
        "country": "MEX",
        "sector": "GOV",
        "members": [],
    }
    castillo = {
        "text": "Castillo",
        "name": "Castillo",
        "country": "PER",
        "sector": "OPP",
        "members": [],
    }
    once = event(
        "SUPPORT",
        actor=mexico,
        recipient=castillo,
        place=PERU,
        day="2022-12-15",
        sentence="López Obrador reiterated his backing for Castillo on Thursday.",
    )
    habit = event(
        "SUPPORT",
        actor=mexico,
        recipient=castillo,
        place=PERU,
        day="2022-12-15",
        sentence="López Obrador has repeatedly defended Castillo since his removal.",
    )
    again = event(
        "SUPPORT",
        actor=mexico,
        recipient=castillo,
        place=PERU,
        day="2022-12-16",
        sentence="El presidente ha defendido en varias ocasiones a Castillo.",
    )
    # a habit is told as of the week before its report
    habit["date"] = {"start": "2022-12-15", "end": "2022-12-21", "precision": 3}
    again["date"] = {"start": "2022-12-16", "end": "2022-12-22", "precision": 3}
    merged = merge_records(
        [
            report("a", "2022-12-16", once),
            report("b", "2022-12-21", habit),
            report("c", "2022-12-22", again),
        ]
    )
    assert sorted(len(one.mentions) for one in merged) == [1, 2]


def test_merge_either_side_of_a_clash_can_be_the_one_acted_upon() -> None:
    clash = {
        "text": "protesters and police",
        "name": "protesters, police",
        "country": None,
        "sector": None,
        "members": [PROTESTERS, {**POLICE, "name": "forces", "sector": None, "country": None}],
    }
    people = {"text": "people", "name": "people", "country": None, "sector": "CVL", "members": []}
    merged = merge_records(
        [
            report("a", "2023-01-10", event(actor=clash, recipient=None)),
            report("b", "2023-01-10", event(actor=None, recipient=people)),
            # another outlet: the protesters attacked the police
            report("c", "2023-02-10", event(actor=PROTESTERS, recipient=POLICE)),
        ]
    )
    assert len(merged) == 1 and merged[0].sources == 3


def test_merge_a_report_telling_one_event_twice_joins_it_by_its_closer_telling() -> None:
    passing = event(
        actor=None, recipient=None, sentence="Relatives of those killed in the clashes marched."
    )
    telling = event(
        actor=POLICE, recipient=PROTESTERS, sentence="Police fired on protesters in Juliaca."
    )
    merged = merge_records(
        [report("a", "2023-01-10", event()), report("b", "2023-02-10", passing, telling)]
    )
    joined = next(one for one in merged if len(one.mentions) == 2)
    assert [m.event["evidence"]["sentence"] for m in joined.mentions][1] == telling["evidence"][
        "sentence"
    ]


def test_merge_a_month_wide_date_needs_more_than_an_unnamed_side() -> None:
    named = event("ACCUSE", actor=POLICE, recipient=PROTESTERS, place=PERU, day="2022-12-07")
    month = event("ACCUSE", actor=POLICE, recipient=None, place=PERU, day=None)
    month["date"] = {"start": "2022-12-01", "end": "2023-01-13", "precision": 4}
    merged = merge_records([report("a", "2022-12-08", named), report("b", "2023-01-14", month)])
    assert len(merged) == 2


def test_merge_safe_conduct_granted_and_promised_by_a_country_and_its_ministry_is_one() -> None:
    def side(name: str, country: str | None, sector: str | None) -> Record:
        return {"text": name, "name": name, "country": country, "sector": sector, "members": []}

    def safe_conduct(kind: str, actor: Record, recipient: Record, sentence: str) -> Record:
        return event(
            kind, actor=actor, recipient=recipient, place=PERU, day="2022-12-20", sentence=sentence
        )

    # each telling in its own words: the sentences are compared too (a shared default
    # sentence would make any two mentions look alike)
    gave = "Peru granted safe conduct to the wife of Pedro Castillo, who flew to Mexico."
    will = "La Cancillería dijo que otorgará un salvoconducto a la familia de Castillo."
    sent = "Prime Minister Alberto Otárola sent food and blankets to the families in Puno."

    peru, wife, family = (
        side("Peru", "PER", None),
        side("wife", None, None),
        side("familia", None, "CVL"),
    )
    ministry = side("Ministry of Foreign Affairs of Peru", "PER", "GOV")
    granted = report("a", "2022-12-21", safe_conduct("AID", peru, wife, gave))
    promised = report("b", "2022-12-21", safe_conduct("AGREE", ministry, family, will))
    assert len(merge_records([granted, promised])) == 1
    # an official of that country, not a body named after it, is not evidence enough
    official = side("Alberto Otárola", "PER", "GOV")
    granted = report("a", "2022-12-21", safe_conduct("AID", peru, wife, gave))
    other = report("c", "2022-12-21", safe_conduct("AID", official, family, sent))
    assert len(merge_records([granted, other])) == 2


ALMATY_CITY = {
    "name": "Almaty",
    "country": "KAZ",
    "admin1": "Almaty Qalasy",
    "lat": 43.26,
    "lon": 76.93,
    "precision": 1,
}
ALMATY_REGION = {
    "name": "Almaty oblysy",
    "country": "KAZ",
    "admin1": "Almaty oblysy",
    "lat": 44.63,
    "lon": 78.23,
    "precision": 4,
}
MANGYSTAU_REGION = {
    "name": "Mangghystau oblysy",
    "country": "KAZ",
    "admin1": "Mangghystau oblysy",
    "lat": 44.26,
    "lon": 52.72,
    "precision": 4,
}


@pytest.mark.parametrize("first_region", [True, False])
def test_merge_a_region_named_after_a_town_is_one_reading_of_the_town_s_name(
    first_region: bool,
) -> None:
    """ "Almaty" read as the city (its own region) by one report and as Almaty oblysy by
    another: the same toponym at two levels of the gazetteer, not two places."""
    crowd = {**PROTESTERS, "country": "KAZ"}
    wire = event(
        "PROTEST",
        actor=crowd,
        recipient=None,
        place=ALMATY_REGION,
        day="2022-01-05",
        mode="vandalize",
        sentence="Protesters stormed the mayor's office in Almaty and set it on fire.",
    )
    column = event(
        "PROTEST",
        actor=crowd,
        recipient=None,
        place=ALMATY_CITY,
        day="2022-01-05",
        mode="vandalize",
        sentence="En Almaty, los manifestantes asaltaron la alcaldía y le prendieron fuego.",
    )
    first, second = (wire, column) if first_region else (column, wire)
    merged = merge_records(
        [report("a", "2022-01-06", first), report("b", "2022-01-10", second)],
        options=MergeOptions(sentences=False),
    )
    assert len(merged) == 1
    assert merged[0].to_dict()["place"]["name"] == "Almaty"  # the finer reading


def test_merge_a_region_not_named_after_the_town_stays_another_place() -> None:
    crowd = {**PROTESTERS, "country": "KAZ"}
    merged = merge_records(
        [
            report(
                "a", "2022-01-06", event("PROTEST", actor=crowd, recipient=None, place=ALMATY_CITY)
            ),
            report(
                "b",
                "2022-01-06",
                event("PROTEST", actor=crowd, recipient=None, place=MANGYSTAU_REGION),
            ),
        ],
        options=MergeOptions(sentences=False),
    )
    assert len(merged) == 2
