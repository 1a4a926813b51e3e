"""Places: toponyms found in the text, resolved offline, and the place of each event.

Toponyms are the named-entity recognizer's GPE and LOC entities, plus capitalized words the
gazetteer knows as a country or first-level subdivision that the recognizer missed
("the Apurímac"). Resolution runs twice: first without a focus to find the country the
document is about (the most mentioned), then with that focus so that "Ayacucho" in a report
about Peru is the Peruvian region. Demonyms ("Peruvian police") give actors a country but
are not places.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Place
from .gazetteer import Gazetteer
from .lexicon import Lexicon, fold
from .syntax import governing_chain

_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset({"PERSON", "PER", "ORG", "NORP", "DATE", "MISC", "LAW"})
_MAX_WORDS = 4


@dataclass(slots=True)
class Toponym:
    """A place name in the text and where it resolves."""

    span: Span
    place: Place


def find_toponyms(doc: Doc, *, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Toponym]:
    """Return the resolved toponyms of `doc`, in text order, resolved against its focus."""
    spans = _candidate_spans(doc, gazetteer=gazetteer, lexicon=lexicon)
    first = [(span, gazetteer.resolve(_name(span))) for span in spans]
    resolved = [Toponym(span, place) for span, place in first if place is not None]
    focus = focus_country(resolved, doc=doc, gazetteer=gazetteer, lexicon=lexicon)
    found = []
    for span, place in first:
        if place is None:
            continue
        if focus and place.precision < 6:
            place = gazetteer.resolve(_name(span), focus=focus) or place
        found.append(Toponym(span=span, place=place))
    return found


def focus_country(
    toponyms: list[Toponym], *, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon
) -> str | None:
    """Return the ISO3 code of the country the document is about.

    Each toponym votes for its country, twice when something happens there ("in Peru");
    each demonym ("Peruvian") votes once. Ties go to the country mentioned first.
    """
    markers = lexicon.words("places", "locative_markers")
    votes: Counter[str] = Counter()
    order: dict[str, int] = {}
    for toponym in toponyms:
        preposition = _preposition_of(toponym.span.root)
        weight = 2 if preposition is not None and fold(preposition.text) in markers else 1
        votes[toponym.place.country] += weight
        order.setdefault(toponym.place.country, toponym.span.start)
    for token in doc:
        if token.is_alpha and token.ent_type_ in ("NORP", "") or token.pos_ == "ADJ":
            iso3 = gazetteer.country_of_demonym(token.text)
            if iso3:
                votes[iso3] += 1
                order.setdefault(iso3, token.i)
    if not votes:
        return None
    return max(votes, key=lambda iso3: (votes[iso3], -order[iso3]))


def event_place(
    trigger: Token, *, toponyms: list[Toponym], lexicon: Lexicon, exclude: set[int]
) -> Place | None:
    """Return the place the trigger's own clause gives it ("in Juliaca"), or None.

    A toponym counts when it hangs from a locative preposition whose head is the trigger or
    one of the words governing it, and it is not part of the actor's or recipient's words
    (`exclude` holds their token indices).
    """
    markers = lexicon.words("places", "locative_markers")
    governing = {trigger.i} | {t.i for t in governing_chain(trigger, limit=6)}
    sent = trigger.sent
    best: Place | None = None
    for toponym in toponyms:
        root = toponym.span.root
        if not sent.start <= root.i < sent.end or root.i in exclude:
            continue
        preposition = _preposition_of(root)
        if preposition is None or fold(preposition.text) not in markers:
            continue
        attached = {t.i for t in governing_chain(preposition, limit=3)}
        if preposition.head.i in governing or trigger.i in attached:
            if best is None or toponym.place.precision < best.precision:
                best = toponym.place
    return best


def _preposition_of(root: Token) -> Token | None:
    """Return the preposition a toponym depends on, in either label scheme."""
    current = root
    for _ in range(3):
        if current.dep_ == "pobj" and current.head.pos_ == "ADP":
            return current.head
        case = next((c for c in current.children if c.dep_ == "case"), None)
        if case is not None:
            return case
        if current.dep_ in ("conj", "appos", "compound", "flat", "pobj"):
            current = current.head
            continue
        return None
    return None


def _candidate_spans(doc: Doc, *, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Span]:
    not_places = lexicon.words("places", "not_places")
    taken: set[int] = set()
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS and fold(_name(ent)) not in not_places:
            spans.append(ent)
        if ent.label_ in _ENTITY_LABELS or ent.label_ in _BLOCKING_LABELS:
            taken.update(range(ent.start, ent.end))
    # Capitalized words the recognizer missed, when they name a country or subdivision.
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or not token.text[:1].isupper() or token.is_sent_start:
            i += 1
            continue
        for size in range(_MAX_WORDS, 0, -1):
            span = doc[i : i + size]
            if len(span) < size or any(t.i in taken for t in span):
                continue
            if not span[-1].text[:1].isupper() or fold(span.text) in not_places:
                continue
            places = gazetteer.candidates(span.text)
            if any(place.precision >= 4 for place in places):
                spans.append(span)
                taken.update(range(span.start, span.end))
                i += size - 1
                break
        i += 1
    spans.sort(key=lambda span: span.start)
    return spans


def _name(span: Span) -> str:
    """Return a toponym without a leading article or possessive ending."""
    words = [t for t in span if not (t.i == span.start and fold(t.text) in ("the", "el", "la"))]
    words = [t for t in words if t.text not in ("'s", "’s", "'", "’")]
    return "".join(t.text_with_ws for t in words).strip()
