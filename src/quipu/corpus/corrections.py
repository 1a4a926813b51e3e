"""Why mentions were merged, and the user's corrections where they should not have been.

`explain` says, for each mention of a corpus event, how it came in and the features of its
decision, held against the mentions before it (`corpus.features`), and which of the user's
corrections touch the event. `split` takes a mention out of a corpus event and `join`
makes two corpus events one: each is kept in the store (`Store.add_merge_override`) with
the mentions it is about, and the mentions move at once (the store's corpus index works
both events out again), so that the next read of the corpus, a later ingest and `quipu
reprocess` keep it (`corpus.overrides`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quipu.corpus.features import Sentences, with_sentences
from quipu.corpus.merge import CorpusEvent, Link, MergeOptions
from quipu.corpus.overrides import overrides_of
from quipu.corpus.stored import update_corpus
from quipu.corpus.values import printable
from quipu.corpus.view import Corpus, read_corpus
from quipu.errors import Errors, StoreError
from quipu.store.base import MergeOverride, Store

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a corpus event holds its mentions.

    Args:
        event: the corpus event.
        steps: one per mention, in the event's order: the mention (`Mention.to_dict`),
            `how` it came in (see `merge.Link`), and the `features` of adding it to the
            mentions before it (None for the first).
        threshold: the score that merges.
        corrections: the user's corrections that name any of its mentions, oldest first.
    """

    event: CorpusEvent
    steps: list[Record]
    threshold: float
    corrections: list[MergeOverride]

    def to_dict(self) -> Record:
        return {
            "event": self.event.id,
            "threshold": self.threshold,
            "mentions": self.steps,
            "corrections": [
                {
                    "kind": correction.kind,
                    "event": correction.corpus_event,
                    "subject": correction.subject,
                    "made_at": correction.made_at.isoformat() if correction.made_at else None,
                }
                for correction in self.corrections
            ],
        }


def explain(
    event: CorpusEvent,
    *,
    corrections: list[MergeOverride] | None = None,
    options: MergeOptions | None = None,
    sentences: Sentences | None = None,
) -> Explanation:
    """Replay a corpus event's mentions in order and say why each is in it.

    Each mention after the first is held against an event of the mentions before it, as the
    merger held it; its sentence is compared with theirs whatever the other features say.

    Args:
        event: a corpus event, as `read_corpus` gives it.
        corrections: the store's corrections (`Store.merge_overrides`).
        options: the merge's weights and threshold.
        sentences: the sentence vectors (a new cache if None).
    """
    options = options or MergeOptions()
    sentences = sentences or Sentences()
    groups = overrides_of(corrections or []).groups
    replay = CorpusEvent(id=event.id, family=event.family)
    steps: list[Record] = []
    for mention in event.mentions:
        how = event.links.get(mention.key, Link("kept")).how
        step: Record = {**mention.to_dict(), "how": how, "features": None}
        if replay.mentions:
            features = replay.fit(mention, options=options)
            if features.veto is None and options.sentences:
                features = with_sentences(
                    features, replay, mention, sentences=sentences, weights=options.weights
                )
            step["features"] = features.to_dict()
            if how == "kept":
                # merged in an earlier run: say what that decision rested on, as far as it
                # can be told again
                group = groups.get(mention.key)
                copies = (
                    m.story_id == mention.story_id and m.document_id != mention.document_id
                    for m in replay.mentions
                )
                if any(copies):
                    how = "retold"
                elif features.veto is None and features.score >= options.min_score:
                    how = "compared"
                elif group is not None and any(groups.get(m.key) == group for m in replay.mentions):
                    how = "joined"
                step["how"] = how
        else:
            step["how"] = "first"
        steps.append(step)
        replay.absorb(mention)
    keys = {mention.key for mention in event.mentions}
    touching = [
        correction
        for correction in corrections or []
        if correction.corpus_event == event.id or keys & set(correction.mentions)
    ]
    return Explanation(event, steps, options.min_score, touching)


def format_explanation(explanation: Explanation) -> str:
    """The explanation as text for a terminal: one block per mention, then the corrections."""
    event = explanation.event
    sources = (
        "1 independent source" if event.sources == 1 else f"{event.sources} independent sources"
    )
    lines = [
        f"corpus event {event.id}: {len(event.mentions)} mentions, {sources}; "
        f"mentions merge at a score of {explanation.threshold:g} or more"
    ]
    for number, step in enumerate(explanation.steps, start=1):
        outlet = printable(step.get("outlet") or step["document"])
        lines.append(
            f"  {number}. {printable(step['event'])} ({outlet}, {step.get('published') or '-'})"
            f" {_how(step)}"
        )
        lines.append(f"     | {printable(step.get('sentence'))}")
        features = step["features"]
        if features is not None:
            lines.append(f"     {_features(features)}")
    for correction in explanation.corrections:
        lines.append(
            f"  correction: merge {correction.kind} {printable(correction.corpus_event)} "
            f"{printable(correction.subject)}"
            + (f" ({correction.made_at:%Y-%m-%d %H:%M} UTC)" if correction.made_at else "")
        )
    return "\n".join(lines)


def _how(step: Record) -> str:
    how = str(step["how"])
    return {
        "first": "started the event",
        "compared": "joined on its features",
        "retold": "joined as a copy of the same story",
        "joined": "joined by a user's correction",
        "kept": "merged in an earlier run, on what is no longer enough",
    }.get(how, how)


def _features(features: Record) -> str:
    if features.get("veto"):
        return f"the features alone would not merge it: {features['veto']}"
    shown = ", ".join(
        f"{name} {features[name]:+g}"
        for name in ("actor", "recipient", "place", "mode", "day", "figures", "named_places")
    )
    similarity = features.get("sentence")
    sentence = f", sentences {similarity:.2f} alike" if similarity is not None else ""
    return f"score {features['score']:g} = {shown}{sentence}"


def find_event(corpus: Corpus, wanted: str, *, url: str) -> CorpusEvent:
    """The corpus event with this id, or the one holding the event (mention) with this id.

    Raises:
        StoreError: E210 when there is none.
    """
    for event in corpus.events:
        if event.id == wanted or any(m.event_id == wanted for m in event.mentions):
            return event
    raise StoreError(Errors.E210.format(event=printable(wanted), url=url))


def split(store: Store, event_id: str, mention_id: str) -> str:
    """Take a mention out of a corpus event, for good; return the corpus event it is now.

    Raises:
        StoreError: E210 no such corpus event, E211 the mention is not one of its,
            E212 it is its only mention.
    """
    corpus = read_corpus(store)
    event = _exact(corpus, event_id, url=store.url)
    mention = next((m for m in event.mentions if m.event_id == mention_id), None)
    if mention is None:
        held = ", ".join(m.event_id for m in event.mentions)
        raise StoreError(
            Errors.E211.format(mention=printable(mention_id), event=event.id, mentions=held)
        )
    if len(event.mentions) == 1:
        raise StoreError(Errors.E212.format(event=event.id))
    others = tuple(m.key for m in event.mentions if m is not mention)
    override = MergeOverride("split", event.id, mention.event_id, (mention.key, *others))
    # a new corpus event, numbered by the store where no concurrent ingest can take it
    new_id = store.add_merge_override(override, reassign={mention.key: None})[mention.key]
    update_corpus(store)  # both events worked out again in the store's index
    return new_id


def join(store: Store, event_id: str, other_id: str) -> CorpusEvent:
    """Make two corpus events one, for good: the second's mentions join the first.

    Returns:
        The first event as it was before (its id is the joined event's).

    Raises:
        StoreError: E210 no such corpus event, E213 an event joined with itself.
    """
    corpus = read_corpus(store)
    event = _exact(corpus, event_id, url=store.url)
    other = _exact(corpus, other_id, url=store.url)
    if other is event:
        raise StoreError(Errors.E213.format(event=event.id))
    mentions = tuple(m.key for m in (*event.mentions, *other.mentions))
    override = MergeOverride("join", event.id, other.id, mentions)
    store.add_merge_override(override, reassign={m.key: event.id for m in other.mentions})
    update_corpus(store)  # both events worked out again in the store's index
    return event


def _exact(corpus: Corpus, wanted: str, *, url: str) -> CorpusEvent:
    for event in corpus.events:
        if event.id == wanted:
            return event
    raise StoreError(Errors.E210.format(event=printable(wanted), url=url))
