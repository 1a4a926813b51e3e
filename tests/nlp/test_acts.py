"""Acts as recipients: an event aimed at an act or a speech ("rejected the proposal",
"condenó la incautación") is aimed at the side behind it, as its own phrase names it or as
the report told it before.

Each test is a sentence written for it in the shape of a construction met in reports of
different countries (Myanmar, Guatemala, Iran, Burkina Faso, Cuba), in English and Spanish.
"""

from __future__ import annotations

import pytest

from quipu.nlp.acts import same_stem

from expect import folded_name, only_event


@pytest.mark.parametrize(
    ("text", "language", "kind", "maker"),
    [
        ("The junta continues to defy calls by the African Union.", "en", "REJECT", "african"),
        ("The opposition rejected the government's proposal.", "en", "REJECT", "government"),
        ("La oposición rechazó la propuesta del Gobierno.", "es", "REJECT", "gobierno"),
    ],
)
def test_acts_an_act_named_with_its_maker_is_aimed_at_the_maker(
    extract_text, text, language, kind, maker
) -> None:
    event = only_event(extract_text(text, language=language), kind)
    assert maker in folded_name(event.recipient)


@pytest.mark.parametrize(
    ("text", "language", "maker"),
    [
        (
            "Soldiers executed four prisoners on Monday. The executions were condemned by "
            "the United Nations.",
            "en",
            "military",
        ),
        (
            "The officers dissolved parliament on Friday. The African Union condemned the "
            "seizure of power.",
            "en",
            "officers",
        ),
        ("La policía incautó las urnas el viernes. La OEA condenó la incautación.", "es", "pol"),
        (
            "Los militares ejecutaron a cuatro presos el lunes. La ONU condenó las ejecuciones.",
            "es",
            "military",
        ),
    ],
)
def test_acts_an_act_told_before_is_aimed_at_whoever_did_it(
    extract_text, text, language, maker
) -> None:
    event = only_event(extract_text(text, language=language), "ACCUSE")
    assert maker in folded_name(event.recipient)


def test_acts_the_act_told_by_its_own_word_comes_before_the_latest_of_its_kind(
    extract_text,
) -> None:
    text = (
        "Prosecutors seized the ballots on Friday. Police arrested two judges on Saturday. "
        "The United Nations condemned the seizure."
    )
    event = only_event(extract_text(text), "ACCUSE")
    assert "prosecutor" in folded_name(event.recipient)


def test_acts_an_act_told_with_no_one_doing_it_is_no_side(extract_text) -> None:
    text = (
        "Two activists were executed on Monday. Soldiers killed a student on Tuesday. "
        "The executions were condemned by the United Nations."
    )
    event = only_event(extract_text(text), "ACCUSE")
    assert "military" not in folded_name(event.recipient)


def test_acts_harm_done_to_someone_named_stays_about_them(extract_text) -> None:
    text = "La policía detuvo al dirigente. La ONU calificó de injusta su detención."
    event = only_event(extract_text(text, language="es"), "ACCUSE")
    assert "pol" not in folded_name(event.recipient)


def test_acts_the_maker_is_opposed_by_whoever_condemns_the_act(extract_text) -> None:
    text = "The officers dissolved parliament on Friday. The African Union condemned the seizure."
    extraction = extract_text(text)
    assert any(
        "african" in folded_name(s.actor)
        and "officers" in folded_name(s.recipient)
        and s.polarity == "oppose"
        for s in extraction.stances
    )


@pytest.mark.parametrize(
    ("noun", "verb", "same"),
    [
        ("execution", "execute", True),
        ("seizure", "seize", True),
        ("incautacion", "incautar", True),
        ("detencion", "detener", True),
        ("juicio", "juzgar", False),
        ("arrest", "attack", False),
    ],
)
def test_acts_a_noun_and_its_verb_share_a_stem(noun, verb, same) -> None:
    assert same_stem(noun, verb) is same
