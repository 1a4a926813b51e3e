"""Copies and light edits of one report are one story; reports written apart are not."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from quipu.corpus.syndication import StoryIndex, group_stories, words
from quipu.errors import UsageError

WIRE = (
    "Peru's Congress voted on Wednesday to remove President Pedro Castillo from office, hours "
    "after he announced that he would dissolve the legislature and govern by decree. The motion "
    "of presidential vacancy passed with 101 votes in favour, six against and ten abstentions. "
    "Police detained Castillo in Lima later the same day and took him to a prefecture in the "
    "centre of the capital. Vice President Dina Boluarte was sworn in that afternoon, becoming "
    "the first woman to hold the presidency of Peru. In her first speech she asked the country's "
    "political forces for a truce. A few hundred of Castillo's supporters gathered outside the "
    "prefecture in the evening."
)
# The wire under a headline and a byline, its last sentence dropped and two words changed.
EDIT = (
    "Castillo ousted as Boluarte takes office\n\n"
    "By Rosa Mamani\n\n"
    "Peru's Congress voted Wednesday to oust President Pedro Castillo from office, hours "
    "after he announced that he would dissolve the legislature and govern by decree. The motion "
    "of presidential vacancy passed with 101 votes in favour, six against and ten abstentions. "
    "Police detained Castillo in Lima later the same day and took him to a prefecture in the "
    "centre of the capital. Vice President Dina Boluarte was sworn in that afternoon, becoming "
    "the first woman to hold the presidency of Peru. In her first speech she asked the country's "
    "political forces for a truce."
)
# The same facts, written apart.
INDEPENDENT = (
    "Pedro Castillo is no longer president of Peru. On Wednesday, only hours after he tried to "
    "shut down Congress and rule by decree, lawmakers removed him by 101 votes to six, with ten "
    "abstentions. He was arrested in the capital that afternoon. Dina Boluarte, who had been his "
    "vice president, took the oath of office and is the first woman to lead the country. She "
    "called on the parties for a political truce, while Castillo's supporters protested outside "
    "the police building where he was held."
)
SPANISH = (
    "El Congreso del Perú destituyó el miércoles al presidente Pedro Castillo, horas después de "
    "que anunciara la disolución del Parlamento y un gobierno por decreto. La moción de vacancia "
    "presidencial se aprobó con 101 votos a favor, seis en contra y diez abstenciones. La policía "
    "detuvo a Castillo en Lima esa misma tarde y lo llevó a una prefectura del centro de la "
    "capital. La vicepresidenta Dina Boluarte juró el cargo por la tarde y se convirtió en la "
    "primera mujer en ocupar la presidencia del Perú. En su primer discurso pidió una tregua "
    "política."
)
JULIACA = (
    "Seventeen civilians died on Monday in clashes with security forces near the airport of "
    "Juliaca, in the southern region of Puno. Protesters had tried to reach the airport, which "
    "the authorities had closed. They were demanding the resignation of President Dina Boluarte, "
    "the closure of Congress and early elections. A police officer was killed in the region the "
    "following night. The government later declared a three-day curfew in Puno."
)
JULIACA_REPRINT = "Deadly day in Juliaca\n\n" + JULIACA
HEADLINE = "Peru's Congress removes President Pedro Castillo after he tries to dissolve it"


def _grouping(stories: dict[str, str]) -> set[frozenset[str]]:
    """The stories as sets of document ids, whatever their ids."""
    members: dict[str, set[str]] = {}
    for document_id, story in stories.items():
        members.setdefault(story, set()).add(document_id)
    return {frozenset(group) for group in members.values()}


def test_syndication_exact_reprint_joins_first_story() -> None:
    index = StoryIndex()

    assert index.add("wire", WIRE) == "wire"
    assert index.add("reprint", WIRE) == "wire"
    assert index.similarity("wire", "reprint") == 1.0


def test_syndication_light_edit_joins_story() -> None:
    index = StoryIndex()
    index.add("wire", WIRE)

    assert index.add("edit", EDIT) == "wire"
    assert index.story_of("edit") == "wire"
    assert 0.5 <= index.similarity("wire", "edit") < 1.0


def test_syndication_independent_report_is_own_story() -> None:
    index = StoryIndex()
    index.add("wire", WIRE)

    assert index.add("independent", INDEPENDENT) == "independent"
    assert index.similarity("wire", "independent") < 0.1


def test_syndication_spanish_report_is_own_story() -> None:
    index = StoryIndex()
    index.add("wire", WIRE)

    assert index.add("spanish", SPANISH) == "spanish"


def test_syndication_stories_list_members_in_order_added() -> None:
    index = StoryIndex()
    for document_id, text in [
        ("wire", WIRE),
        ("juliaca", JULIACA),
        ("edit", EDIT),
        ("spanish", SPANISH),
        ("juliaca-reprint", JULIACA_REPRINT),
    ]:
        index.add(document_id, text)

    assert index.stories() == {
        "wire": ["wire", "edit"],
        "juliaca": ["juliaca", "juliaca-reprint"],
        "spanish": ["spanish"],
    }
    assert index.story_of("unknown") is None


def test_syndication_membership_does_not_depend_on_order() -> None:
    documents = [
        ("wire", WIRE),
        ("reprint", WIRE),
        ("edit", EDIT),
        ("independent", INDEPENDENT),
        ("spanish", SPANISH),
        ("juliaca", JULIACA),
        ("juliaca-reprint", JULIACA_REPRINT),
    ]
    expected = {
        frozenset({"wire", "reprint", "edit"}),
        frozenset({"independent"}),
        frozenset({"spanish"}),
        frozenset({"juliaca", "juliaca-reprint"}),
    }
    orders = [documents, documents[::-1]]
    shuffler = random.Random(5)
    for _ in range(8):
        orders.append(shuffler.sample(documents, k=len(documents)))

    for order in orders:
        stories = group_stories(order)
        assert _grouping(stories) == expected
        # Each story is named after whichever of its documents came first.
        first_seen = [document_id for document_id, _ in order]
        for document_id, story in stories.items():
            assert first_seen.index(story) <= first_seen.index(document_id)


def test_syndication_two_fresh_indexes_agree() -> None:
    documents = [("wire", WIRE), ("independent", INDEPENDENT), ("edit", EDIT)]
    first, second = StoryIndex(), StoryIndex()
    for document_id, text in documents:
        first.add(document_id, text)
        second.add(document_id, text)

    assert first.stories() == second.stories()
    assert first.similarity("wire", "edit") == second.similarity("wire", "edit")


def test_syndication_signatures_do_not_depend_on_hash_seed() -> None:
    index = StoryIndex()
    index.add("wire", WIRE)
    index.add("edit", EDIT)
    script = (
        "import json, sys\n"
        "from quipu.corpus.syndication import StoryIndex\n"
        "wire, edit = json.loads(sys.argv[1])\n"
        "index = StoryIndex()\n"
        "index.add('wire', wire)\n"
        "index.add('edit', edit)\n"
        "sys.stdout.write(repr(index.similarity('wire', 'edit')))\n"
    )
    # Another process with string hashing salted unlike this one (random here unless set).
    parent_seed = os.environ.get("PYTHONHASHSEED", "random")
    child_seed = str(int(parent_seed) + 1) if parent_seed.isdigit() else "0"
    completed = subprocess.run(
        [sys.executable, "-c", script, json.dumps([WIRE, EDIT])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": child_seed},
    )

    assert float(completed.stdout) == index.similarity("wire", "edit") < 1.0


def test_syndication_readding_is_a_no_op() -> None:
    index = StoryIndex()
    index.add("wire", WIRE)
    index.add("independent", INDEPENDENT)
    before = index.stories()

    assert index.add("wire", WIRE) == "wire"
    assert index.add("independent", WIRE) == "independent"
    assert index.stories() == before


def test_syndication_most_similar_story_wins_over_earliest() -> None:
    # Both reports in one text: like the wire (0.56), less like Juliaca (0.42).
    combined = f"{WIRE}\n\n{JULIACA}"
    index = StoryIndex(threshold=0.3)
    index.add("juliaca", JULIACA)
    index.add("wire", WIRE)

    assert index.similarity("juliaca", "wire") < 0.3
    assert index.add("combined", combined) == "wire"
    assert index.similarity("combined", "juliaca") >= 0.3


def test_syndication_short_text_joins_only_when_near_identical() -> None:
    index = StoryIndex()
    index.add("headline", HEADLINE)

    assert index.add("same-headline", HEADLINE.upper() + ".") == "headline"
    longer = f"{HEADLINE} on Wednesday night"
    assert index.add("longer-headline", longer) == "longer-headline"
    # A longer text this alike would have joined.
    assert index.similarity("headline", "longer-headline") >= 0.5


def test_syndication_text_without_words_is_own_story() -> None:
    index = StoryIndex()
    index.add("empty", "— …")

    assert index.add("also-empty", "...") == "also-empty"
    assert index.similarity("empty", "also-empty") == 0.0


def test_syndication_words_are_folded_without_punctuation() -> None:
    assert words("Perú’s  PROTESTS, (Juliaca)\nAYACUCHO-based cusqueños") == [
        "peru",
        "s",
        "protests",
        "juliaca",
        "ayacucho",
        "based",
        "cusquenos",
    ]


def test_syndication_threshold_one_joins_exact_copies_only() -> None:
    index = StoryIndex(threshold=1.0)
    index.add("wire", WIRE)

    assert index.add("reprint", WIRE.replace("Peru's", "Peru’s")) == "wire"
    assert index.add("edit", EDIT) == "edit"


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_syndication_threshold_out_of_range_is_refused(threshold: float) -> None:
    with pytest.raises(UsageError, match="E301"):
        StoryIndex(threshold=threshold)
