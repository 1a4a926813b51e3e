"""Names: the words of a person's or an institution's name, as the text gives them.

The name a person entity holds without what the recognizer swept in with it, the persons a
document names in full (so that a later bare surname is theirs), and the words that carry
an institution's name on after its head word.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, fold

PERSON_LABELS = frozenset({"PERSON", "PER"})


def named_persons(doc: Doc, *, lexicon: Lexicon) -> dict[str, str]:
    """The full name of each person the recognizer names with two words or more, by folded
    surname: a later bare "Boluarte" is "Dina Boluarte"."""
    full_names: dict[str, str] = {}
    channels = lexicon.words("events", "channels")
    for ent in doc.ents:
        if fold(ent.text) in channels or ent.label_ not in PERSON_LABELS:
            continue
        words = person_name(ent).split()
        if len(words) >= 2:
            full_names.setdefault(fold(words[-1]), " ".join(words))
            # Spanish double surnames: "Dina Boluarte Zegarra" is also "Boluarte".
            if len(words) >= 3:
                full_names.setdefault(fold(words[-2]), " ".join(words))
    return full_names


def person_name(ent: Span) -> str:
    """The name in a person entity, without what the recognizer swept in with it.

    "El Gobierno de Dina Boluarte" is tagged as a person: the name is the final run of
    capitalized proper nouns, "Dina Boluarte". An entity with no such run names no one.
    """
    run: list[Token] = []
    for token in reversed(list(ent)):
        if (token.pos_ == "PROPN" and token.text[:1].isupper()) or (
            run and _hyphened(token, run[0])
        ):
            # "Mansoor Tima-Weeyne", "al-Shabab": a hyphen inside a word joins its parts
            run.insert(0, token)
        elif run:
            break
    while run and run[0].text in _HYPHENS:
        run.pop(0)
    return clean_name("".join(t.text + t.whitespace_ for t in run))


_HYPHENS = frozenset({"-", "‐", "‑"})


def _hyphened(token: Token, following: Token) -> bool:
    """True when `token` is joined to the name word after it by a hyphen with no space:
    the hyphen itself, or the word before it ("al" in "al-Sham")."""
    if token.whitespace_:
        return False
    if token.text in _HYPHENS:
        return token.i > 0 and not token.doc[token.i - 1].whitespace_
    return following.text in _HYPHENS and token.is_alpha


def clean_name(text: str) -> str:
    """Drop a leading article and a possessive ending from an entity's text."""
    words = text.replace("’", "'").split()
    if words and fold(words[0]) in ("the", "el", "la", "los", "las"):
        words = words[1:]
    name = " ".join(words)
    for ending in ("'s", "'"):
        if name.endswith(ending):
            name = name[: -len(ending)]
    return name.strip()


def with_flat(token: Token) -> list[Token]:
    """A name's first word and the words the parser hung flat from it ("Andrés [Manuel
    López Obrador]")."""
    return [token, *(c for c in token.children if c.dep_ in ("flat", "flat:name"))]


def proper_tail(tokens: list[Token], head: Token) -> list[Token]:
    """The capitalized words that carry on an institution's name after its head word
    ("Ministerio [de Salud]", "Dirección [Regional de Salud de Puno]"), with the small words
    between them; nothing after a head in lower case ("the ministry of health" is named by
    its head) or capitalized only because it opens the sentence ("Police in Lima"), and
    nothing that is only where it is ("Policía de Lima" is the police, "del Pueblo" names)."""
    if not head.is_title or head.is_sent_start:
        return []
    after = [t for t in tokens if t.i > head.i]
    tail: list[Token] = []
    pending: list[Token] = []
    for token in after:
        if token.i != (pending or tail or [head])[-1].i + 1:
            break
        if token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            tail += [*pending, token]
            pending = []
        elif token.pos_ in ("ADP", "DET") and token.is_lower:
            pending.append(token)
        else:
            break
    # a place is a place when the recognizer tagged it apart from the head: "Ministerio de
    # Defensa" tagged whole as a location is still the ministry's name
    named = [
        t
        for t in tail
        if t.is_title and not (t.ent_type_ in ("LOC", "GPE") and _entity_start(t) > head.i)
    ]
    return tail if named else []


def _entity_start(token: Token) -> int:
    """The index of the first word of the named entity `token` is in."""
    start = token
    while start.ent_iob_ == "I" and start.i > 0:
        start = start.doc[start.i - 1]
    return start.i


def contiguous_tail(tokens: list[Token], head: Token) -> list[Token]:
    """Keep the run of words that ends at the head ("the [US ambassador]")."""
    run: list[Token] = []
    for token in reversed(tokens):
        if run and token.i != run[-1].i - 1:
            break
        run.append(token)
    run.reverse()
    return run or [head]
