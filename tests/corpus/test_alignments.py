"""Stances as an alignment network (quipu.corpus.alignments): edges, changes, sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from quipu.corpus.alignments import Change, Observation, Quote, alignment_edges, format_edges

from records import document_record

Record = dict[str, Any]


def side(name: str, sector: str | None = "GOV", country: str | None = None) -> Record:
    """An actor of record format v1; by default one Quipu placed (a government body)."""
    return {"text": name, "name": name, "country": country, "sector": sector, "members": []}


def stance(
    actor: str | Record,
    polarity: str,
    recipient: str | Record,
    day: str | None,
    *,
    sentence: str = "",
    kind: str = "",
) -> Record:
    """A stance of record format v1 (its type: SUPPORT or REJECT unless `kind` says)."""
    actor = side(actor) if isinstance(actor, str) else actor
    recipient = side(recipient) if isinstance(recipient, str) else recipient
    text = sentence or f"{actor['name']} {polarity}s {recipient['name']}."
    return {
        "actor": actor,
        "recipient": recipient,
        "polarity": polarity,
        "type": kind or ("SUPPORT" if polarity == "support" else "REJECT"),
        "evidence": {"sentence": text, "start": 0, "end": len(text)},
        "date": {"start": day, "end": day, "precision": 1} if day else None,
        "certainty": "asserted",
    }


def report(name: str, published: str | None, *stances: Record, outlet: str | None = "") -> Record:
    """A document record with these stances; the outlet defaults to "<name> news"."""
    return document_record(name, published, outlet=outlet, stances=stances)


def test_alignments_edge_whose_polarity_changes() -> None:
    records = [
        report(
            "c", "2023-01-21", stance("United States", "support", "Dina Boluarte", "2023-01-20")
        ),
        report("a", "2022-12-10", stance("United States", "oppose", "Dina Boluarte", "2022-12-08")),
        report(
            "b", "2023-01-06", stance("United States", "support", "Dina Boluarte", "2023-01-05")
        ),
    ]
    [edge] = alignment_edges(records)
    assert (edge.actor, edge.recipient) == ("United States", "Dina Boluarte")
    assert edge.timeline == [
        Observation(dt.date(2022, 12, 8), "oppose", "a"),
        Observation(dt.date(2023, 1, 5), "support", "b"),
        Observation(dt.date(2023, 1, 20), "support", "c"),
    ]
    assert edge.polarity == "support"
    assert edge.changed
    assert edge.changes == [Change(dt.date(2023, 1, 5), "oppose", "support")]
    assert (edge.first, edge.last) == (dt.date(2022, 12, 8), dt.date(2023, 1, 20))
    assert edge.sources == 3


def test_alignments_steady_edge_has_not_changed_and_undated_stance_takes_publication() -> None:
    records = [
        report("a", "2022-12-13", stance("United States", "support", "Dina Boluarte", None)),
        report(
            "b", "2022-12-08", stance("United States", "support", "Dina Boluarte", "2022-12-07")
        ),
    ]
    [edge] = alignment_edges(records)
    assert [o.date for o in edge.timeline] == [dt.date(2022, 12, 7), dt.date(2022, 12, 13)]
    assert not edge.changed and edge.changes == []


def test_alignments_reports_disagreeing_on_one_day_are_not_a_change() -> None:
    records = [
        report("a", "2022-12-08", stance("Pedro Castillo", "oppose", "Congress", "2022-12-07")),
        report("b", "2022-12-08", stance("Pedro Castillo", "support", "Congress", "2022-12-07")),
    ]
    [edge] = alignment_edges(records)
    assert not edge.changed
    assert edge.polarity == "support"  # the day's last word
    assert "mixed on 2022-12-07" in format_edges([edge])


def test_alignments_sources_are_stories_else_outlets_else_documents() -> None:
    def one(name: str, outlet: str | None) -> Record:
        return report(
            name, "2022-12-16", stance("AMLO", "support", "Castillo", "2022-12-15"), outlet=outlet
        )

    records = [
        one("wire", "Andes Wire"),
        one("reprint", "Pacific Ledger"),
        one("again", "Andes Wire"),
        one("own", "Diario del Sur"),
        one("blog1", None),
        one("blog2", None),
    ]
    [edge] = alignment_edges(records)
    assert edge.sources == 5  # Andes Wire, Pacific Ledger, Diario del Sur and two documents
    stories = {
        "wire": "s1",
        "reprint": "s1",
        "again": "s2",
        "own": "s3",
        "blog1": "s4",
        "blog2": "s4",
    }
    [edge] = alignment_edges(records, stories=stories)
    assert edge.sources == 4
    [edge] = alignment_edges(records, stories={"wire": "s1", "reprint": "s1"})
    assert edge.sources == 5  # documents missing from `stories` are stories of their own


def test_alignments_names_key_folded_shown_as_first_seen() -> None:
    records = [
        report("a", "2022-12-13", stance("México", "support", "Pedro Castillo", "2022-12-12")),
        report("b", "2022-12-16", stance("MEXICO", "support", "pedro  castillo", "2022-12-15")),
    ]
    [edge] = alignment_edges(records)
    assert (edge.actor, edge.recipient, edge.sources) == ("México", "Pedro Castillo", 2)


def test_alignments_actor_filter_matches_actor_or_recipient() -> None:
    records = [
        report(
            "a",
            "2022-12-21",
            stance("México", "support", "Pedro Castillo", "2022-12-12"),
            stance("Peru", "oppose", "Mexico's ambassador", "2022-12-20"),
            stance("United States", "support", "Dina Boluarte", "2022-12-13"),
        )
    ]
    assert [(e.actor, e.recipient) for e in alignment_edges(records, actor="MEXICO")] == [
        ("México", "Pedro Castillo"),
        ("Peru", "Mexico's ambassador"),
    ]
    assert [e.actor for e in alignment_edges(records, actor="boluarte")] == ["United States"]
    assert alignment_edges(records, actor="Bolivia") == []


def test_alignments_edges_by_sources_then_names() -> None:
    records = [
        report("a", "2022-12-13", stance("Peru", "oppose", "Mexico", "2022-12-12")),
        report("b", "2022-12-14", stance("Bolivia", "support", "Pedro Castillo", "2022-12-12")),
        report("c", "2022-12-15", stance("peru", "oppose", "Mexico", "2022-12-14")),
        report("d", "2022-12-15", stance("Argentina", "support", "Pedro Castillo", "2022-12-14")),
    ]
    assert [(e.actor, e.recipient, e.sources) for e in alignment_edges(records)] == [
        ("Peru", "Mexico", 2),
        ("Argentina", "Pedro Castillo", 1),
        ("Bolivia", "Pedro Castillo", 1),
    ]


def test_alignments_evidence_drops_repeated_sentences() -> None:
    said = "Mexican President Andrés Manuel López Obrador has repeatedly defended Castillo."
    records = [
        report(
            "wire", "2022-12-21", stance("AMLO", "support", "Castillo", "2022-12-15", sentence=said)
        ),
        report(
            "copy",
            "2022-12-22",
            stance("AMLO", "support", "Castillo", "2022-12-15", sentence=said.replace(" ", "  ")),
        ),
        report(
            "own",
            "2022-12-16",
            stance("AMLO", "support", "Castillo", "2022-12-15", sentence="He backed Castillo."),
        ),
    ]
    [edge] = alignment_edges(records)
    assert edge.evidence == [Quote("own", "He backed Castillo."), Quote("wire", said)]
    assert len(edge.timeline) == 3  # every report still counts as an observation


def test_alignments_format_edges_lines() -> None:
    records = [
        report("a", "2022-12-08", stance("United States", "oppose", "Dina Boluarte", "2022-12-08")),
        report(
            "b", "2023-01-05", stance("United States", "support", "Dina Boluarte", "2023-01-05")
        ),
        report(
            "c", "2023-01-20", stance("United States", "support", "Dina Boluarte", "2023-01-20")
        ),
        report("d", "2022-12-16", stance("Peru", "oppose", "Mexico", "2022-12-15")),
    ]
    assert format_edges(alignment_edges(records)).splitlines() == [
        "United States —supports→ Dina Boluarte  (3 sources, 2022-12-08 … 2023-01-20)"
        "  changed: oppose→support on 2023-01-05",
        "Peru —opposes→ Mexico  (1 source, 2022-12-15)",
    ]
    assert format_edges([]) == ""


def test_alignments_format_edges_strips_control_characters() -> None:
    records = [
        report(
            "a",
            "2022-12-08",
            stance(
                "\x1b[31mUnited States\x1b[0m", "support", "Dina\x9b2J Boluarte\n", "2022-12-08"
            ),
        )
    ]
    text = format_edges(alignment_edges(records))
    assert text == "[31mUnited States[0m —supports→ Dina2J Boluarte   (1 source, 2022-12-08)\n"


def test_alignments_a_window_keeps_only_what_the_reports_showed_then() -> None:
    records = [
        report("a", "2022-12-10", stance("United States", "oppose", "Dina Boluarte", "2022-12-08")),
        report(
            "b", "2023-01-06", stance("United States", "support", "Dina Boluarte", "2023-01-05")
        ),
        report("c", "2023-01-21", stance("Mexico", "oppose", "Dina Boluarte", None)),
    ]
    [edge] = alignment_edges(records, until=dt.date(2022, 12, 31))
    assert (edge.actor, edge.polarity, edge.changed, edge.sources) == (
        "United States",
        "oppose",
        False,
        1,
    )
    # an undated stance is dated by its report (21 January), inside this window
    later = alignment_edges(records, since=dt.date(2023, 1, 1))
    assert sorted((e.actor, e.polarity) for e in later) == [
        ("Mexico", "oppose"),
        ("United States", "support"),
    ]


def test_alignments_leave_out_clashes_and_sides_quipu_cannot_name_or_place() -> None:
    protesters = side("protesters", sector="PRO")
    police = side("National Police of Peru", sector="COP", country="PER")
    records = [
        report(
            "a",
            "2023-01-10",
            stance(protesters, "oppose", police, "2023-01-09", kind="ASSAULT"),
            # "Boluarte blamed a small group": no one the network can draw
            stance("Dina Boluarte", "oppose", side("small group", sector=None), "2023-01-09"),
            stance("Dina Boluarte", "oppose", side("Evo Morales", sector=None), "2023-01-09"),
            # force between states is a side taken
            stance(
                side("Peru", country="PER"),
                "oppose",
                side("Bolivia", country="BOL"),
                "2023-01-09",
                kind="ASSAULT",
            ),
        )
    ]
    assert [(e.actor, e.recipient) for e in alignment_edges(records)] == [
        ("Dina Boluarte", "Evo Morales"),
        ("Peru", "Bolivia"),
    ]


def test_alignments_generic_groups_of_two_countries_are_two_nodes() -> None:
    records = [
        report(
            "a",
            "2023-01-10",
            stance(side("protesters", "PRO", "PER"), "oppose", side("IMF", "IGO"), "2023-01-09"),
        ),
        report(
            "b",
            "2024-06-26",
            stance(side("protesters", "PRO", "KEN"), "oppose", side("IMF", "IGO"), "2024-06-25"),
        ),
        report(
            "c",
            "2024-06-27",
            stance(side("protesters", "PRO"), "oppose", side("IMF", "IGO"), "2024-06-26"),
        ),
    ]
    assert sorted((e.actor, e.recipient, e.sources) for e in alignment_edges(records)) == [
        ("protesters", "IMF", 1),  # placed nowhere: a node of its own, shown bare
        ("protesters (Kenya)", "IMF", 1),
        ("protesters (Peru)", "IMF", 1),
    ]


def test_alignments_a_generic_group_is_one_node_however_a_report_capitalizes_it() -> None:
    records = [
        report(
            "a",
            "2023-01-10",
            stance(side("protesters", "PRO", "PER"), "oppose", "Dina Boluarte", "2023-01-09"),
        ),
        report(
            "b",
            "2023-01-12",
            stance(side("Protesters", "PRO", "PER"), "oppose", "Dina Boluarte", "2023-01-11"),
        ),
    ]
    [edge] = alignment_edges(records)
    assert (edge.actor, edge.recipient, edge.sources) == ("protesters (Peru)", "Dina Boluarte", 2)
    assert [e.actor for e in alignment_edges(records, actor="peru")] == ["protesters (Peru)"]


def test_alignments_country_level_folds_the_state_and_keeps_the_military_apart() -> None:
    president = side("Dina Boluarte", "GOV", "PER")
    ministry = side("Ministry of Foreign Affairs of Peru", "GOV", "PER")
    peru = side("Peru", None, "PER")
    mexico = side("México", None, "MEX")
    military = side("Armed Forces of Peru", "MIL", "PER")
    records = [
        report("a", "2022-12-16", stance(peru, "oppose", mexico, "2022-12-15")),
        report("b", "2022-12-21", stance(ministry, "oppose", side("Mexico", "GOV", "MEX"), None)),
        report("c", "2023-01-06", stance(president, "support", mexico, "2023-01-05")),
        report("d", "2022-12-08", stance(military, "support", president, "2022-12-07")),
        report("e", "2022-12-09", stance(side("Evo Morales", "PTY", "BOL"), "oppose", peru, None)),
    ]
    actors = alignment_edges(records)
    assert len(actors) == 5  # every side its own node
    folded = {(e.actor, e.recipient): e for e in alignment_edges(records, level="country")}
    assert set(folded) == {
        ("Peru", "Mexico"),
        ("Armed Forces of Peru", "Peru"),
        ("Evo Morales", "Peru"),  # a person without the GOV sector stays apart
    }
    merged = folded[("Peru", "Mexico")]
    assert (merged.sources, len(merged.timeline), len(merged.evidence)) == (3, 3, 3)
    assert merged.polarity == "support"  # the latest word, the president's
    assert merged.changes == [Change(dt.date(2023, 1, 5), "oppose", "support")]


def test_alignments_country_level_drops_what_a_state_says_of_itself() -> None:
    president = side("Dina Boluarte", "GOV", "PER")
    ministry = side("Ministry of Foreign Affairs of Peru", "GOV", "PER")
    records = [
        report(
            "a",
            "2022-12-16",
            stance(president, "support", ministry, "2022-12-15"),
            stance(side("Peru", None, "PER"), "support", president, "2022-12-15"),
            stance(side("Congress of Peru", "LEG", "PER"), "oppose", president, "2022-12-15"),
        )
    ]
    assert len(alignment_edges(records)) == 3
    assert [(e.actor, e.recipient) for e in alignment_edges(records, level="country")] == [
        ("Congress of Peru", "Peru")
    ]


def test_alignments_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="region"):
        alignment_edges([], level="region")  # type: ignore[arg-type]


def test_alignments_a_name_with_a_capital_inside_is_one_node_across_countries() -> None:
    # "al-Shabaab" opens in lower case but is a name, not a generic group
    records = [
        document_record(
            name,
            "2024-03-01",
            stances=[
                stance(
                    side("al-Shabaab", sector="UAF", country=country),
                    "oppose",
                    side(f"Government of {country}", country=country),
                    "2024-03-01",
                )
            ],
        )
        for name, country in [("a", "SOM"), ("b", "KEN")]
    ]
    assert {edge.actor for edge in alignment_edges(records)} == {"al-Shabaab"}


def test_alignments_a_name_placed_in_one_report_is_placed_in_the_others() -> None:
    # "Kenyan President William Ruto" in one report, "Ruto" bare in another: one country
    records = [
        document_record(
            name,
            "2024-06-26",
            stances=[
                stance(
                    side("William Ruto", country=country),
                    "oppose",
                    side("protesters", sector="PRO", country="KEN"),
                    "2024-06-26",
                    kind="ACCUSE",
                )
            ],
        )
        for name, country in [("a", "KEN"), ("b", None)]
    ]
    edges = alignment_edges(records, level="country")
    assert [(edge.actor, edge.sources) for edge in edges] == [("Kenya", 2)]
