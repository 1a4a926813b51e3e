"""What says two mentions are one event (quipu.corpus.features), through the merger."""

from __future__ import annotations

from typing import Any

from quipu.corpus.features import Sentences, Weights, said_in
from quipu.corpus.merge import EventMerger, MergeOptions, merge_records

Record = dict[str, Any]

OMDURMAN = {
    "name": "Omdurman",
    "country": "SDN",
    "admin1": "Khartoum",
    "lat": 15.64,
    "lon": 32.48,
    "precision": 1,
}
KHARTOUM_STATE = {
    "name": "Khartoum",
    "country": "SDN",
    "admin1": "Khartoum",
    "lat": 15.5,
    "lon": 32.5,
    "precision": 4,
}
NYALA = {
    "name": "Nyala",
    "country": "SDN",
    "admin1": "South Darfur",
    "lat": 12.05,
    "lon": 24.88,
    "precision": 1,
}
SUDAN = {
    "name": "Sudan",
    "country": "SDN",
    "admin1": None,
    "lat": 15.0,
    "lon": 30.0,
    "precision": 6,
}
RSF = {"text": "the RSF", "name": "RSF", "country": "SDN", "sector": "REB", "members": []}
PARAMILITARIES = {
    "text": "paramilitares",
    "name": "paramilitares",
    "country": "SDN",
    "sector": "REB",
    "members": [],
}
PEOPLE = {"text": "civilians", "name": "civilians", "country": "SDN", "sector": "CVL"}

SHELLING_EN = (
    "Paramilitary fighters shelled a crowded market in Omdurman on Sunday, killing 15 people."
)
SHELLING_ES = (
    "Los paramilitares bombardearon el domingo un mercado concurrido de Omdurmán y mataron "
    "a 15 personas."
)
UNRELATED = "The central bank raised interest rates by half a point to curb inflation."


def event(
    *,
    actor: Record | None = RSF,
    recipient: Record | None = PEOPLE,
    place: Record | None = OMDURMAN,
    day: str | None = "2023-06-11",
    sentence: str = SHELLING_EN,
    **fields: Any,
) -> Record:
    date = {"start": day, "end": day, "precision": 1} if day else None
    return {
        "id": "",
        "type": fields.pop("kind", "ASSAULT"),
        "mode": fields.pop("mode", None),
        "actor": actor,
        "recipient": recipient,
        "place": place,
        "date": date,
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)},
        "aux": None,
        "certainty": "asserted",
        **fields,
    }


def report(
    name: str, published: str, *events: Record, places: list[Record] | None = None
) -> Record:
    for number, one in enumerate(events, start=1):
        one["id"] = f"{name}-e{number}"
    document = {"id": name, "published": published, "outlet": f"{name} news"}
    return {"document": document, "events": list(events), "places": places or []}


def toponym(place: Record, start: int = 0) -> Record:
    """A toponym of a report's text, as `places` lists them."""
    return {
        "text": place["name"],
        "start": start,
        "end": start + len(place["name"]),
        "place": place,
    }


def test_features_a_town_is_within_its_region_and_not_within_another() -> None:
    town = report("a", "2023-06-12", event())
    region = report(
        "b", "2023-06-12", event(place=KHARTOUM_STATE, sentence="Shelling hit a market.")
    )
    merged = merge_records([town, region])
    assert len(merged) == 1
    features = merged[0].links[("b", "b-e1")].features
    assert features is not None and features.place == Weights().region
    elsewhere = report("c", "2023-06-12", event(place=NYALA, sentence="Shelling hit a market."))
    assert len(merge_records([town, elsewhere])) == 2


def test_features_an_event_dated_by_its_report_may_have_happened_the_day_before() -> None:
    # one report dates the shelling by the day it happened, the next day's report by its own
    # day ("on Sunday" read as the report's day); two days apart they are two events
    told = report("a", "2023-06-11", event(day="2023-06-11"))
    next_day = report("b", "2023-06-12", event(day="2023-06-12", sentence="Shelling hit a market."))
    assert len(merge_records([told, next_day])) == 1
    later = report("c", "2023-06-13", event(day="2023-06-13", sentence="Shelling hit a market."))
    assert len(merge_records([told, later])) == 2


def test_features_a_proper_name_said_in_the_other_report_names_the_same_side() -> None:
    judge = {
        "text": "el juez Alexandre de Moraes",
        "name": "juez",
        "country": "BRA",
        "sector": "JUD",
    }
    moraes = {"text": "Moraes", "name": "Moraes", "country": "BRA", "sector": None}
    governor = {"text": "Ibaneis Rocha", "name": "Ibaneis Rocha", "country": "BRA", "sector": "GOV"}
    brasilia = {**OMDURMAN, "name": "Brasília", "country": "BRA", "admin1": "Federal District"}
    one = report(
        "a", "2023-01-09", event(kind="COERCE", actor=judge, recipient=governor, place=brasilia)
    )
    other = report(
        "b",
        "2023-01-09",
        event(kind="COERCE", actor=moraes, recipient=governor, place=brasilia, sentence="x"),
    )
    merged = merge_records([one, other])
    assert len(merged) == 1
    features = merged[0].links[("b", "b-e1")].features
    assert features is not None and features.actor == features.recipient == Weights().named
    assert said_in("moraes", "el juez alexandre de moraes")
    assert not said_in("paz", "los pazos")


def test_features_a_stray_toponym_in_another_country_does_not_keep_one_event_apart() -> None:
    # the second report is about Sudan (its toponyms say so), but the event was placed in
    # the one toponym of another country it names: that place says nothing either way
    cairo = {**OMDURMAN, "name": "Cairo", "country": "EGY", "admin1": "Cairo"}
    stray_side = {**RSF, "country": "EGY"}
    sudan_report = report("a", "2023-06-12", event(place=SUDAN))
    stray = report(
        "b",
        "2023-06-12",
        event(actor=stray_side, place=cairo, sentence="The RSF shelled a market, Cairo said."),
        places=[toponym(OMDURMAN), toponym(KHARTOUM_STATE, 20), toponym(cairo, 40)],
    )
    merged = merge_records([sudan_report, stray])
    assert len(merged) == 1
    # the same place in a report about Egypt is that country's, and two countries differ
    egypt = report("c", "2023-06-12", event(actor=stray_side, place=cairo), places=[toponym(cairo)])
    assert len(merge_records([sudan_report, egypt])) == 2


def test_features_the_same_figure_and_a_place_both_sentences_name_add_to_the_score() -> None:
    fifteen = {"best": 15, "low": 15, "high": 15}
    places = [toponym(OMDURMAN, SHELLING_EN.index("Omdurman"))]
    one = report("a", "2023-06-12", event(place=SUDAN, fatalities=fifteen), places=places)
    es_places = [toponym(OMDURMAN, SHELLING_ES.index("Omdurmán"))]
    other = report(
        "b",
        "2023-06-12",
        event(actor=None, place=SUDAN, sentence=SHELLING_ES, fatalities=fifteen),
        places=es_places,
    )
    merged = merge_records([one, other])
    assert len(merged) == 1
    features = merged[0].links[("b", "b-e1")].features
    assert features is not None
    assert features.figures == Weights().figure and features.named_places == Weights().named_place
    # without the figure and the named place, an unnamed side at the country level is
    # not enough
    bare = report(
        "c",
        "2023-06-13",
        event(actor=None, recipient=None, place=SUDAN, day=None, sentence=UNRELATED),
    )
    assert len(merge_records([report("a", "2023-06-12", event(place=SUDAN)), bare])) == 2


def test_features_an_english_and_a_spanish_sentence_of_one_event_are_alike() -> None:
    sentences = Sentences()
    same = sentences.similarity(SHELLING_EN, SHELLING_ES)
    assert same > Weights().alike > sentences.similarity(SHELLING_EN, UNRELATED)


def test_features_the_sentences_decide_a_close_call_and_are_kept_with_it() -> None:
    # unnamed sides, only the country and the day: short of the threshold by the features
    # alone; the Spanish sentence tells the English one's event
    english = report("a", "2023-06-12", event(recipient=None))
    spanish = report(
        "b", "2023-06-12", event(actor=None, recipient=None, place=SUDAN, sentence=SHELLING_ES)
    )
    merged = merge_records([english, spanish])
    assert len(merged) == 1
    features = merged[0].links[("b", "b-e1")].features
    assert features is not None and features.sentence is not None
    assert features.score >= MergeOptions().min_score
    assert features.score - features.sentence + Weights().alike < MergeOptions().min_score
    record = merged[0].to_dict()
    assert record["mentions"][1]["merged"]["how"] == "compared"
    assert record["mentions"][1]["merged"]["features"]["sentence"] == round(features.sentence, 3)
    # the same pair with the sentences left out stays apart, and one unrelated is not lifted
    apart = EventMerger(MergeOptions(sentences=False))
    for one in (english, spanish):
        apart.add(one)
    assert len(apart.events) == 2
    unrelated = report(
        "c", "2023-06-12", event(actor=None, recipient=None, place=SUDAN, sentence=UNRELATED)
    )
    assert len(merge_records([english, unrelated])) == 2
