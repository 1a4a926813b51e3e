"""The learned event detector (quipu.nlp.detector): the committed model on clear cases.

The sentences are written for these tests, not taken from the training data. They check
that the model loads, reads English and Spanish alike, tells an air strike from shelling,
and that what it says reaches the events: a sub-event type ACLED would give, and an event
where no trigger word fires.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from quipu.errors import PipelineError
from quipu.nlp import build_pipeline, detector, parser_pipes
from quipu.nlp.detector import can_hold_event, detect, load_model
from quipu.nlp.lexicon import load_lexicon
from quipu.records import PLOVER_TYPES


def scores(text: str, language: str = "en") -> dict[str, float]:
    """The detector's scores for the one sentence of `text`."""
    nlp = build_pipeline(language)
    with nlp.select_pipes(enable=parser_pipes(nlp)):
        doc = nlp(text)
    (detection,) = detect([doc[:]], load_lexicon(language), load_model())
    return detection.scores


def likeliest(found: dict[str, float], labels: list[str]) -> str:
    return max(labels, key=lambda label: found[label])


def test_detector_model_has_every_plover_type_and_acled_sub_event_type() -> None:
    model = load_model()
    assert set(model.plover_labels) == set(PLOVER_TYPES)
    assert len(model.acled_labels) == 25
    assert model.weights.shape == (len(model.labels), 512 + len(PLOVER_TYPES))
    assert model.card["held_out"]["micro"]["f1"] > 0.5


@pytest.mark.parametrize(
    ("text", "language", "sub_event"),
    [
        (
            "Government warplanes bombed a market on Sunday, killing nine civilians.",
            "en",
            "Air/drone strike",
        ),
        (
            "Artillery shells slammed into residential blocks of the city overnight.",
            "en",
            "Shelling/artillery/missile attack",
        ),
        (
            "Proyectiles de artillería cayeron sobre barrios residenciales de la ciudad.",
            "es",
            "Shelling/artillery/missile attack",
        ),
        (
            "A suicide bomber detonated an explosives vest at a checkpoint.",
            "en",
            "Suicide bomb",
        ),
        (
            "Miles de maestros marcharon por la capital para exigir aumentos salariales.",
            "es",
            "Peaceful protest",
        ),
    ],
)
def test_detector_tells_sub_event_types_apart_in_both_languages(text, language, sub_event):
    assert likeliest(scores(text, language), load_model().acled_labels) == sub_event


def test_an_air_strike_told_by_its_aircraft_is_one_whatever_the_detector_leans_to(
    extract_text,
) -> None:
    # Since the 0.5.7 retrain the detector alone puts "Attack" (0.358) a hair above "Air/drone
    # strike" (0.354) for this sentence; the aircraft named as the subject settles it.
    text = "Aviones del ejército bombardearon un mercado el domingo y mataron a nueve civiles."
    events = extract_text(text, language="es").events
    assert [(e.type, (e.acled or {}).get("sub_event_type")) for e in events] == [
        ("ASSAULT", "Air/drone strike")
    ]


def test_detector_finds_no_event_in_a_weather_report() -> None:
    found = scores("The weather was mild and the markets reopened after the holiday.")
    assert found["ASSAULT"] < 0.1 and found["PROTEST"] < 0.1


def test_detector_gate_skips_fragments(nlp) -> None:
    assert not can_hold_event(nlp.make_doc("LINK")[:])
    assert can_hold_event(nlp("Police arrested twelve protesters on Monday.")[:])


def test_detector_sub_event_type_reaches_the_event(extract_text) -> None:
    extraction = extract_text("Government warplanes bombed rebel positions near the border.")
    (event,) = [e for e in extraction.events if e.type == "ASSAULT"]
    assert event.acled == {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
    }
    assert event.mode == "aerial"


def test_detector_missing_model_is_a_numbered_error(monkeypatch) -> None:
    monkeypatch.setattr(detector, "MODEL_NAME", "no-such-model")
    detector._load_model.cache_clear()
    try:
        with pytest.raises(PipelineError, match="E104"):
            detector.load_model()
    finally:
        monkeypatch.undo()
        detector._load_model.cache_clear()


def test_detector_from_the_folder_the_environment_names(monkeypatch, tmp_path) -> None:
    # a model trained elsewhere (`train_detector.py --out`) is read from its folder, and a
    # folder without one is a numbered error, not the packaged model in its place
    card = {"labels": ["PROTEST"], "thresholds": {"add": 0.5}}
    (tmp_path / "detector.json").write_text(json.dumps(card), encoding="utf-8")
    np.savez_compressed(tmp_path / "detector.npz", weights=np.zeros((1, 3)), bias=np.zeros(1))
    monkeypatch.setenv(detector.MODELS_VARIABLE, str(tmp_path))
    model = detector.load_model()
    assert model.labels == ["PROTEST"] and model.setting("add", 0.85) == 0.5
    monkeypatch.setenv(detector.MODELS_VARIABLE, str(tmp_path / "missing"))
    with pytest.raises(PipelineError, match="E104"):
        detector.load_model()


def test_detector_adds_an_event_no_trigger_word_names(extract_text) -> None:
    # "rafaguear" (to spray with gunfire) is in no trigger list: the detector finds the
    # attack, the parse its author
    extraction = extract_text(
        "Hombres armados rafaguearon a los asistentes de una fiesta en el barrio La Esperanza.",
        language="es",
    )
    (event,) = extraction.events
    assert event.type == "ASSAULT"
    assert event.actor is not None and event.actor.text.casefold().startswith("hombres")


def test_detector_card_sets_a_threshold_per_acled_sub_event_type() -> None:
    model = detector.DetectorModel(
        labels=["PROTEST", "Protest with intervention"],
        weights=np.zeros((2, 1)),
        bias=np.zeros(2),
        card={"thresholds": {"acled": 0.5, "acled_labels": {"Protest with intervention": 0.3}}},
    )
    assert model.label_thresholds() == {"Protest with intervention": 0.3}
    bare = detector.DetectorModel(labels=[], weights=np.zeros((0, 1)), bias=np.zeros(0))
    assert bare.label_thresholds() == {}


# Words that recur, words no piece spells whole, runs of spaces, a no-break space, accents,
# digits, scripts the news rarely uses, and nothing at all.
TOKENIZER_TEXTS = [
    "Security forces fired tear gas at protesters outside parliament on Tuesday.",
    "Los manifestantes bloquearon la carretera Panamericana; la policía los desalojó.",
    "  Two   spaces,\u00a0a no-break space and a tab\there.",
    "Kozacha Lopan, Ouham-Pendé, Dasht-e-Barchi: 1,234 km²?!",
    "抗议者 — 🙂 — Ελλάδα",
    "x" * 300,
    "",
    "   ",
]


@pytest.mark.parametrize("text", TOKENIZER_TEXTS)
def test_detector_reads_the_same_word_pieces_word_by_word(text) -> None:
    encoder = detector._encoder()
    wordwise = encoder._sp
    assert isinstance(wordwise, detector.WordwiseTokenizer)
    whole = wordwise.tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    assert wordwise.encode(text) == whole
    assert wordwise.encode(text) == whole  # and again from what it remembered


def test_detector_tokenizer_gives_ids_only() -> None:
    with pytest.raises(TypeError):
        detector._encoder()._sp.encode("a text", out_type=str)
