"""Train the learned role model (`make train`): the gold of the tuning corpora in,
`resources/models/roles.json` out.

Runs the pipeline over the reports of the tuning corpora (the bundled sample and the tuning
parts of the world and merge corpora; never a test part). For each event the rules find
that a gold event of its type and sentence stands for, every side the sentence names (as
the resolver reads it) is an example for each role: it plays the role when its words hold
one of the gold's aliases for it. One logistic regression per role is fitted
on those examples (a role the gold leaves open makes every side an example of a side
that does not play it) and its weights written as a JSON table (`quipu.nlp.roles`).
Deterministic: sorted inputs, a fixed solver.

usage: python scripts/train_roles.py [--check] [--without CORPUS …] [--out FOLDER]
  --check: score by leaving each corpus out in turn (what a role filled on a report the
    model never saw is worth), write nothing
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from quipu.evaluate import fold as gold_fold
from quipu.evaluate import load_gold
from quipu.ingest import iter_documents
from quipu.nlp import coding, extract
from quipu.nlp.roles import MODEL_NAME, ROLES, card, features, sides_named
from quipu.records import Actor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "quipu" / "resources" / "models"
# (gold folder, texts folder) of the corpora whose gold labels the roles; no test part.
CORPORA = (
    (ROOT / "tests" / "gold" / "peru-2022", ROOT / "src/quipu/resources/sample/peru-2022"),
    (ROOT / "tests" / "gold" / "world-tuning", ROOT / "data/reports/world-tuning"),
    (ROOT / "tests" / "gold" / "merge-tuning", ROOT / "data/reports/merge-tuning"),
)
C = 0.5
THRESHOLD = 0.5


@dataclass(slots=True)
class Example:
    corpus: str
    role: str
    event: int  # which event of the corpus, so that a role is scored once per event
    features: list[str]
    plays: bool
    open_role: bool  # the rules left the role empty
    named: bool  # the gold names who plays the role
    note: str = ""  # the side and its sentence, for reading what the model does


def _texts(actor: Actor) -> list[str]:
    found = [gold_fold(actor.name), gold_fold(actor.text)]
    for member in actor.members:
        found += _texts(member)
    return [text for text in found if text]


def _gold_event(gold: dict, event_type: str, sentence: str) -> dict | None:
    """The gold event of that type told by that sentence (the first, when several are)."""
    for event in gold["events"]:
        if event_type in event["type"] and gold_fold(event["evidence"]) in sentence:
            return event
    return None


def collect(corpora: tuple[tuple[Path, Path], ...]) -> list[Example]:
    """The examples of every event the rules find in the corpora's reports."""
    examples: list[Example] = []
    state: dict = {}

    def record(self, doc, event, candidate, finder, *, judge, named):  # type: ignore[no-untyped-def]
        gold = _gold_event(state["gold"], event.type, gold_fold(candidate.trigger.sent.text))
        if gold is None:
            return
        state["events"] += 1
        for role in ROLES:
            # a gold that names no one for the role ("18 personnel were killed", told by
            # a spokesman) says no side of the sentence plays it
            aliases = [gold_fold(alias) for alias in gold.get(role) or []]
            other = event.recipient if role == "actor" else event.actor
            others = {gold_fold(other.name)} if other is not None else set()
            trigger = candidate.trigger
            for side in sides_named(trigger.sent, trigger, taken=set()):
                actor = finder.resolver.resolve(side, speaker=judge.speaker_of(side))
                if actor is None or gold_fold(actor.name) in others:
                    continue
                plays = any(alias in text for alias in aliases for text in _texts(actor))
                examples.append(
                    Example(
                        state["corpus"],
                        role,
                        state["events"],
                        features(
                            trigger,
                            side,
                            event_type=event.type,
                            actor=actor,
                            speaker=judge.speaker_of(trigger),
                            speech=self.speech,
                        ),
                        plays,
                        getattr(event, role) is None,
                        bool(aliases),
                        f"{event.type} [{side.text}] {trigger.sent.text[:150]}",
                    )
                )

    coding.EventCoder._complete_roles = record  # type: ignore[method-assign]
    for gold_folder, texts in corpora:
        state["corpus"] = gold_folder.name
        for gold_path in sorted(gold_folder.glob("*.gold.json")):
            gold = load_gold(gold_path)
            state["gold"], state["events"] = gold, state.get("events", 0)
            document = next(iter_documents([texts / gold["document"]], on_error=_fail))
            extract(document)
    return examples


def _fail(error: Exception) -> None:
    raise SystemExit(str(error))


def fit(examples: list[Example], role: str) -> tuple[dict[str, float], float]:
    """One role's weights per feature and its bias."""
    mine = [e for e in examples if e.role == role]
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform([{name: 1 for name in e.features} for e in mine])
    target = np.array([e.plays for e in mine])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(matrix, target)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


def check(examples: list[Example], threshold: float = THRESHOLD) -> dict:
    """Leave each corpus out in turn and fill the roles the rules left empty there: how
    many fills name the side the gold names (right), another (wrong), or fill a role the
    gold leaves open (unasked); and how many empty roles the gold names someone for."""
    result: dict = {}
    for corpus in sorted({e.corpus for e in examples}):
        train = [e for e in examples if e.corpus != corpus]
        for role in ROLES:
            weights, bias = fit(train, role)
            best: dict[int, tuple[float, Example]] = {}
            for e in examples:
                if e.corpus != corpus or e.role != role or not e.open_role:
                    continue
                logit = bias + sum(weights.get(name, 0.0) for name in e.features)
                if e.event not in best or logit > best[e.event][0]:
                    best[e.event] = (logit, e)
            cut = math.log(threshold / (1 - threshold))
            filled = [e for logit, e in best.values() if logit >= cut]
            result[f"{corpus} {role}"] = {
                "right": sum(1 for e in filled if e.named and e.plays),
                "wrong": sum(1 for e in filled if e.named and not e.plays),
                "unasked": sum(1 for e in filled if not e.named),
                "empty_named": sum(1 for _, e in best.values() if e.named),
            }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="score by corpus, write nothing")
    parser.add_argument("--without", nargs="*", default=[], help="corpora left out, by folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the model is written")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=r".*\[W095\]")
    corpora = tuple(c for c in CORPORA if c[0].name not in args.without)
    examples = collect(corpora)
    counts = collections.Counter((e.corpus, e.role, e.plays) for e in examples)
    print(
        json.dumps({" ".join(map(str, k)): v for k, v in sorted(counts.items())}), file=sys.stderr
    )
    if args.check:
        print(json.dumps(check(examples), indent=1), file=sys.stderr)
        return 0
    fitted = {role: fit(examples, role) for role in ROLES}
    content = card(
        {role: weights for role, (weights, _) in fitted.items()},
        {role: bias for role, (_, bias) in fitted.items()},
        THRESHOLD,
        classifier=f"logistic regression per role, C={C}, lbfgs",
        data={"corpora": [c[0].name for c in corpora], "examples": len(examples)},
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{MODEL_NAME}.json").write_text(
        json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out / MODEL_NAME}.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
