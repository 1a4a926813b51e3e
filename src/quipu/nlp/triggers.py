"""Trigger phrases: the words of a sentence the events lexicon lists, matched by lemma or
form ("detenerlos" is "detener"; "detenidos" may be "detener"), with a few modifiers or a
date allowed between the words of a phrase ("cancelled a planned visit", "declared on Sunday
a state of emergency"), longest first and without overlaps.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from .arguments import ArgumentFinder
from .clauses import NOMINAL, VERBAL
from .lexicon import Trigger, fold
from .syntax import is_gerund_noun, objects_of, prepositional_args

# Words that may stand inside a trigger phrase, and how many ("sent about 500 soldiers").
_SKIPPABLE = frozenset({"DET", "ADJ", "NUM", "ADV"})
_MAX_SKIPPED = 3
# A trigger inside one of these names something, it reports nothing.
_NAMING_ENTITIES = frozenset({"ORG", "DATE", "LAW", "WORK_OF_ART", "PRODUCT", "TIME"})


def trigger_phrases(sent: Span, *, finder: ArgumentFinder) -> list[tuple[list[Token], Trigger]]:
    """Return the trigger phrases of a sentence, longest first, without overlaps (`finder`
    tells the participles that name what befell the people they count)."""
    found: list[tuple[list[Token], Trigger]] = []
    covered: set[int] = set()
    for token in sent:
        if token.i in covered:
            continue
        # the lemma's triggers before the word's: a set here would order them by hash seed
        keys = dict.fromkeys(_forms(token))
        # "informó de 749 detenidos": the tagger takes a counted participle for a noun
        counted = token.pos_ == "NOUN" and finder.counted_participle(token)
        verbs = _infinitives(token, noun=True) if counted else ()
        keys.update(dict.fromkeys(verbs))
        options = [t for key in keys for t in finder.lexicon.triggers.get(key, [])]
        options.sort(key=lambda t: len(t.lemmas), reverse=True)
        for trigger in options:
            words = _phrase_at(sent, token.i, trigger.lemmas) or _object_phrase(
                token, trigger.lemmas, genitive=finder.genitive
            )
            if words is None and trigger.lemmas[0] in verbs and len(trigger.lemmas) == 1:
                words = [token]
            if words is None:
                continue
            head = phrase_head(words)
            if trigger.pos and not (
                _pos_fits(head, trigger.pos) or finder.resulting(head) is not None
            ):
                continue
            if head.ent_type_ in _NAMING_ENTITIES:
                continue  # "Asia-Pacific Economic Cooperation", "Warsaw Pact", "March"
            found.append((words, trigger))
            covered.update(w.i for w in words)
            break
    return found


def _forms(token: Token) -> tuple[str, ...]:
    """The folded forms a trigger word is looked up by: lemma and text, and the verb of a
    Spanish verb with an enclitic pronoun, which the model lemmatizes as two words
    ("detenerlos" → "detener él", "expulsarlo" → "expulsar él")."""
    return _word_forms(token.lemma_, token.text, token.pos_, token.doc.lang_)


@functools.lru_cache(maxsize=1 << 16)
def _word_forms(lemma: str, text: str, pos: str, language: str) -> tuple[str, ...]:
    """`_forms` of a word by what it depends on (memoized: every trigger option of every
    word asks again)."""
    lemma = fold(lemma)
    verb, _, clitic = lemma.partition(" ")
    forms = (lemma, fold(text), verb) if clitic else (lemma, fold(text))
    return forms + _participle_infinitives(text, pos, language, noun=False)


# A Spanish past participle, which the model often tags as an adjective with itself as lemma
# ("200 detenidos" → "detenido", "fueron aprehendidas" → "aprehendir")
_PARTICIPLE = re.compile(r"^(\w{3,}?)(ad|id)(?:o|a|os|as)$")


def _infinitives(token: Token, *, noun: bool = False) -> tuple[str, ...]:
    """The infinitives a Spanish participle may come from: "detenidos" → "detener",
    "detenir"; "desalojadas" → "desalojar". A noun only when `noun` says it is one."""
    return _participle_infinitives(token.text, token.pos_, token.doc.lang_, noun=noun)


def _participle_infinitives(text: str, pos: str, language: str, *, noun: bool) -> tuple[str, ...]:
    if language != "es" or (pos not in ("VERB", "ADJ", "AUX") and not noun):
        return ()
    found = _PARTICIPLE.match(fold(text))
    if found is None:
        return ()
    stem, kind = found.groups()
    return (stem + "ar",) if kind == "ad" else (stem + "er", stem + "ir")


def _phrase_at(sent: Span, start: int, lemmas: tuple[str, ...]) -> list[Token] | None:
    """Return the tokens of a trigger phrase starting at `start`, or None.

    Between the words of a phrase may stand a few modifiers ("cancelled a planned visit",
    "halted economic aid", "sent about 500 soldiers") and a date, never a verb or noun of
    their own.
    """
    doc = sent.doc
    words: list[Token] = []
    # a one-word trigger skips nothing: only a phrase needs the sentence's dates
    dated = (
        {
            t.i
            for mention in doc._.dates or ()
            if sent.start <= mention.span.start < sent.end
            for t in mention.span
        }
        if len(lemmas) > 1
        else set()
    )
    i = start
    for number, lemma in enumerate(lemmas):
        skipped = 0
        while number > 0 and i < sent.end and lemma not in _forms(doc[i]):
            if i in dated:
                # "rompió este jueves relaciones", "declared on Sunday a state of emergency":
                # the day between the words of a phrase is no part of it
                i += 1
                continue
            modifier = (
                doc[i].pos_ in _SKIPPABLE
                or doc[i].dep_ == "amod"  # "a planned visit": a participle as adjective
                or "Yes" in doc[i].morph.get("Poss", [])
            )
            if not modifier or skipped >= _MAX_SKIPPED:
                break
            words.append(doc[i])
            i += 1
            skipped += 1
        if i >= sent.end or lemma not in _forms(doc[i]):
            return None
        words.append(doc[i])
        i += 1
    return words


def _object_phrase(
    verb: Token, lemmas: tuple[str, ...], *, genitive: frozenset[str]
) -> list[Token] | None:
    """Return a verb-and-object phrase told with more between its words than `_phrase_at`
    skips: the object counted or listed ("fired dozens of rockets", "launched a barrage of
    cruise missiles", "lanzaron drones y misiles", "disparó una salva de cohetes"; what a
    quantity counts follows one of the `genitive` markers). The phrase's words are the verb
    and the noun; None when `verb` does not start one."""
    if len(lemmas) != 2 or verb.pos_ not in VERBAL or lemmas[0] not in _forms(verb):
        return None
    for word in objects_of(verb):
        for noun in (word, *word.conjuncts):
            counted = [n for marker, n in prepositional_args(noun) if marker in genitive]
            found = next((n for n in (noun, *counted) if lemmas[1] in _forms(n)), None)
            if found is not None:
                return [verb, found]
    return None


def phrase_head(words: list[Token]) -> Token:
    inside = {w.i for w in words}
    for word in words:
        if word.head.i not in inside or word.head == word:
            return word
    return words[0]


def _pos_fits(head: Token, pos: str) -> bool:
    if pos == "VERB":
        return head.pos_ in VERBAL
    if pos == "NOUN":
        return head.pos_ in NOMINAL or is_gerund_noun(head)
    return head.pos_ == pos
