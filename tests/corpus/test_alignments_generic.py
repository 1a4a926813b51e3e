"""One node per generic group and country, however and in whatever language it is named."""

from __future__ import annotations

from test_alignments import report, side, stance

from quipu.corpus.alignments import alignment_edges


def test_alignments_generic_group_is_one_node_across_spellings_and_languages() -> None:
    boluarte = side("Dina Boluarte", "GOV", "PER")
    records = [
        report(
            "a", "2023-01-10", stance(side("Protesters", "PRO", "PER"), "oppose", boluarte, None)
        ),
        report(
            "b", "2023-01-11", stance(side("protesters", "PRO", "PER"), "oppose", boluarte, None)
        ),
        report(
            "c", "2023-01-12", stance(side("manifestantes", "PRO", "PER"), "oppose", boluarte, None)
        ),
        report(
            "d", "2023-01-13", stance(side("Manifestantes", "PRO", "KEN"), "oppose", boluarte, None)
        ),
    ]
    edges = alignment_edges(records)
    assert sorted((edge.actor, edge.sources) for edge in edges) == [
        ("protesters (Kenya)", 1),
        ("protesters (Peru)", 3),
    ]
