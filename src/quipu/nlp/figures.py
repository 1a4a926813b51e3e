"""Figures: how many were killed, injured, arrested, took part or fled, as best/low/high.

A quantity is a number in digits or words ("26", "veintiséis"), or a vague quantity word
("dozens", "many hundreds"), with its modifier ("at least", "more than", "nearly",
"between ... and ..."). Its kind comes from the words around it ("death toll", "were
injured", "detenidos"). Whether the sentence reports a running tally ("the death toll rose
to 49") or a single event's casualties is decided by the caller from `is_tally`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from ..records import Figure
from .lexicon import Lexicon, fold
from .syntax import marker_of

# Dates are left out by their resolved spans (`skip`), not by the recognizer's DATE label,
# which also covers ranges like "between 20 and 30".
_SKIP_ENTITIES = frozenset({"TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_KIND_PRIORITY = ("killed", "injured", "arrested", "displaced", "participants")
_WINDOW_AFTER = 7
_WINDOW_BEFORE = 5


@dataclass(slots=True)
class FigureMention:
    """A quantity of a known kind in one sentence."""

    kind: str
    figure: Figure
    tokens: list[Token]
    sentence: Span
    vague: bool = False


def find_figures(
    sent: Span, *, lexicon: Lexicon, skip: frozenset[int] = frozenset()
) -> list[FigureMention]:
    """Return the kinded quantities of one sentence, left to right.

    Args:
        sent: the sentence.
        lexicon: the language's resources.
        skip: indices of tokens that belong to dates ("el 7 de diciembre" is no count).
    """
    found: list[FigureMention] = []
    durations = lexicon.words("dates", "duration_units")
    negators = lexicon.words("events", "negators")
    i = sent.start
    while i < sent.end:
        quantity = None if i in skip else _quantity_at(sent, i, lexicon=lexicon)
        if quantity is not None and fold(quantity[0][-1].head.lemma_) in durations:
            quantity = None  # "siete días de detención", "18 months in prison"
        if quantity is None:
            single = _one_person(sent.doc[i], lexicon=lexicon)
            if single is not None:
                found.append(single)
            i += 1
            continue
        tokens, figure = quantity
        if tokens[0].i > sent.start and fold(sent.doc[tokens[0].i - 1].text) in negators:
            # "seis y no siete", "six, not seven": the figure the text denies
            i = tokens[-1].i + 1
            continue
        vague = not any(t.like_num for t in tokens)
        kind = _kind_of(tokens, sent, lexicon=lexicon, window=not vague)
        if kind is None and not vague and is_tally(sent, lexicon=lexicon):
            # "brought the number of people killed since December to more than 40"
            kind = _kinds_in_order(list(sent), lexicon=lexicon)
        if kind is not None:
            found.append(
                FigureMention(kind=kind, figure=figure, tokens=tokens, sentence=sent, vague=vague)
            )
        i = tokens[-1].i + 1
    # "42 personas, 41 manifestantes y un policía": a breakdown counts what its whole counts
    kinds = {_counted(f).i: f.kind for f in found}
    for mention in found:
        counted = _counted(mention)
        if counted.dep_ == "appos" and counted.head.i in kinds:
            mention.kind = kinds[counted.head.i]
    return found


def _counted(mention: FigureMention) -> Token:
    """The noun a figure counts ("41" in "41 manifestantes": manifestantes)."""
    return counted_noun(mention.tokens[-1])


def counted_noun(number: Token) -> Token:
    """The noun a number counts, past an article the parser may hang it from ("los seis
    soldados" with "seis" under "los")."""
    head = number.head
    return head.head if head.pos_ == "DET" and head.head != head else head


def totals(figures: list[FigureMention], *, lexicon: Lexicon) -> list[FigureMention]:
    """Tolls a sentence gives only as their parts: "32 civiles y 24 policías heridos" is 56
    injured. Exact figures of one kind whose counted nouns are joined by "and"/"y" add up,
    with a part named by one noun ("a los 41 manifestantes ... y al policía": one) and, in
    a running toll, the figures it adds as others ("pero suma otras siete personas"),
    unless the sentence already gives that sum ("42 personas, 41 manifestantes y un
    policía"). The total stands on the first part's words."""
    found = []
    for kind in dict.fromkeys(f.kind for f in figures):
        exact = [
            f
            for f in figures
            if f.kind == kind and not f.vague and f.figure.low == f.figure.best == f.figure.high
        ]
        nouns = {_counted(f).i: f for f in exact}
        for first in exact:
            counted = _counted(first)
            if counted.dep_ == "conj" or _added(first, lexicon=lexicon):
                continue
            if any(n.dep_ == "appos" and n.head == counted for n in map(_counted, exact)):
                continue  # "42 personas, 41 manifestantes y un policía": the whole, then parts
            parts = {first.tokens[-1].i: first.figure.best}
            parts |= {
                nouns[c.i].tokens[-1].i: nouns[c.i].figure.best
                for c in counted.conjuncts
                if c.i > counted.i and c.i in nouns
            }
            parts |= {noun.i: 1 for noun in _one_noun_parts(counted, lexicon=lexicon)}
            if is_tally(first.sentence, lexicon=lexicon):
                parts |= {
                    f.tokens[-1].i: f.figure.best
                    for f in exact
                    if f.tokens[0].i > counted.i and _added(f, lexicon=lexicon)
                }
            best = sum(parts.values())
            if len(parts) < 2 or any(f.figure.best == best for f in figures):
                continue
            words = first.sentence.doc[first.tokens[0].i : max(parts) + 1]
            total = Figure(best=best, low=best, high=best, text=words.text)
            found.append(
                FigureMention(kind=kind, figure=total, tokens=first.tokens, sentence=first.sentence)
            )
    return found


def _one_noun_parts(counted: Token, *, lexicon: Lexicon) -> list[Token]:
    """Singular nouns joined to a counted noun, each one person: "41 protesters and the
    police officer"; in Spanish also where the parser hung the noun lower, when it repeats
    the counted noun's preposition ("a los 41 manifestantes muertos en enfrentamientos con
    las fuerzas del orden y al policía")."""
    one = lexicon.words("numbers", "one_part")
    fused = lexicon.numbers.get("fused") or {}

    def bare(noun: Token) -> str:
        marker = marker_of(noun)
        return str(fused.get(marker, marker))

    marker = bare(counted)
    found = []
    for noun in counted.subtree:
        if noun.i <= counted.i or noun.dep_ != "conj" or noun.pos_ != "NOUN":
            continue
        if "Sing" not in noun.morph.get("Number", []) or any(c.like_num for c in noun.children):
            continue
        if noun.head != counted and not (marker and bare(noun) == marker):
            continue
        words = {fold(c.text) for c in noun.children if c.dep_ in ("det", "case")}
        if words & one:
            found.append(noun)
    return found


def _added(mention: FigureMention, *, lexicon: Lexicon) -> bool:
    """True for a figure told as more of the same: "otras siete personas", "seven others"."""
    counted = _counted(mention)
    others = lexicon.words("numbers", "others")
    return any(
        fold(t.text) in others for t in [*counted.children, counted] if t.i != mention.tokens[0].i
    )


def _one_person(token: Token, *, lexicon: Lexicon) -> FigureMention | None:
    """ "A police officer was killed", "un manifestante murió", "murió el suboficial José
    Luis Soncco": one person harmed.

    The article counts only when its noun is the one harmed: the subject or object of a
    harm word ("was killed", "died", "detained") or described by one ("an officer killed
    overnight"). "A death toll of 26" or "an attack that killed three" count nothing here.
    """
    noun = token.head
    # "murió el suboficial José Luis Soncco": one named person
    named = noun.pos_ == "PROPN" and noun.ent_type_ in ("PER", "PERSON")
    article = fold(token.text) in lexicon.words("events", "definite_determiners")
    if token.like_num or not (
        fold(token.text) in lexicon.words("numbers", "singular") or (article and named)
    ):
        return None
    if token.dep_ not in ("det", "nummod") or (noun.pos_ != "NOUN" and not named):
        return None
    kinds = {kind: lexicon.words("numbers", f"kinds.{kind}") for kind in _KIND_PRIORITY[:-1]}
    if any(fold(noun.lemma_) in words or fold(noun.text) in words for words in kinds.values()):
        return None
    # "an officer killed overnight": a participle of its own, not a clause with a subject
    harmed_by = [
        c
        for c in noun.children
        if c.dep_ == "acl" and not any(g.dep_.startswith(("nsubj", "aux")) for g in c.children)
    ]
    verb = noun.head
    # "fue detenido por la policía": the small Spanish model may call the agent an object
    passive = "Part" in verb.morph.get("VerbForm", []) and any(
        c.dep_.startswith("aux") and c.lemma_ in ("ser", "be") for c in verb.children
    )
    # ("murió ahogado": the parser may take the predicative adjective for an object)
    acts_on_something = not passive and any(
        c.dep_ in ("dobj", "obj") and c.pos_ != "ADJ" for c in verb.children
    )
    # "a protester died", "an officer was killed", "killed a farmer"; not "an attack killed"
    if noun.dep_ in ("nsubjpass", "nsubj:pass", "dobj", "obj") or (
        noun.dep_ == "nsubj" and not acts_on_something
    ):
        harmed_by.append(verb)
    for kind, words in kinds.items():
        if any(fold(word.lemma_) in words or fold(word.text) in words for word in harmed_by):
            tokens = list(token.doc[token.i : noun.i + 1])
            figure = Figure(1, 1, 1, _text(tokens))
            return FigureMention(kind=kind, figure=figure, tokens=tokens, sentence=token.sent)
    return None


def is_tally(sent: Span, *, lexicon: Lexicon) -> bool:
    """Return True when the sentence reports a running total ("the death toll was 26")."""
    return bool(lexicon.pattern("numbers", "tally_markers").search(fold(sent.text)))


def is_official(sent: Span, *, lexicon: Lexicon) -> bool:
    """Return True when the sentence presents its figure as official."""
    return bool(lexicon.pattern("numbers", "official_markers").search(fold(sent.text)))


def _quantity_at(sent: Span, i: int, *, lexicon: Lexicon) -> tuple[list[Token], Figure] | None:
    doc = sent.doc
    if doc[i].ent_type_ in _SKIP_ENTITIES:
        return None
    vague = lexicon.numbers.get("vague") or {}
    for size in (3, 2, 1):
        if i + size > sent.end:
            continue
        words = fold(" ".join(t.text for t in doc[i : i + size]))
        if words in vague:
            bounds = vague[words]
            tokens = list(doc[i : i + size])
            text = " ".join(t.text for t in tokens)
            return tokens, Figure(bounds["best"], bounds["low"], bounds["high"], text)
    value, end = _number_at(sent, i, lexicon=lexicon)
    if value is None:
        return None
    tokens = list(doc[i:end])
    return _with_modifier(sent, tokens, value, lexicon=lexicon)


def _number_at(sent: Span, i: int, *, lexicon: Lexicon) -> tuple[int | None, int]:
    """Read a number in digits or words starting at token `i`; return it and its end."""
    doc = sent.doc
    token = doc[i]
    digits = token.text.replace(",", "").replace(".", "") if token.text[:1].isdigit() else ""
    if digits.isdigit():
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            return None, i + 1
        return int(digits), i + 1
    if not token.like_num:
        return None, i + 1
    end = i
    while (
        end < sent.end
        and (doc[end].like_num or doc[end].text == "-")
        and not doc[end].text[:1].isdigit()
    ):
        end += 1
    words = " ".join(t.text for t in doc[i:end]).replace(" - ", "-")
    try:
        return int(text2num(fold(words), lexicon.language)), end
    except ValueError:
        return None, i + 1


def _with_modifier(
    sent: Span, tokens: list[Token], value: int, *, lexicon: Lexicon
) -> tuple[list[Token], Figure]:
    doc = sent.doc
    start = tokens[0].i
    modifiers = lexicon.mapping("numbers", "modifiers")
    ranges = lexicon.words("numbers", "ranges")
    joiners = lexicon.words("numbers", "range_joiners")
    # "between 20 and 30": the first number opens a range.
    if start > sent.start and fold(doc[start - 1].text) in ranges:
        after = tokens[-1].i + 1
        if after + 1 < sent.end and fold(doc[after].text) in joiners:
            high, end = _number_at(sent, after + 1, lexicon=lexicon)
            if high is not None and high >= value:
                span = list(doc[start - 1 : end])
                return span, Figure(value, value, high, _text(span))
    for size in (3, 2, 1):
        if start - size < sent.start:
            continue
        words = fold(" ".join(t.text for t in doc[start - size : start]))
        rule = modifiers.get(words)
        if rule is None:
            continue
        span = list(doc[start - size : tokens[-1].i + 1])
        text = _text(span)
        if rule == "at_least":
            return span, Figure(value, value, None, text)
        if rule == "more_than":
            return span, Figure(value + 1, value + 1, None, text)
        if rule in ("nearly", "up_to"):
            return span, Figure(value, None, value, text)
        return span, Figure(value, None, None, text)
    return tokens, Figure(value, value, value, _text(tokens))


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _kinds_in_order(tokens: list[Token], *, lexicon: Lexicon) -> str | None:
    kinds = {kind: lexicon.words("numbers", f"kinds.{kind}") for kind in _KIND_PRIORITY}
    for token in tokens:
        for kind in _KIND_PRIORITY[:-1]:
            if fold(token.text) in kinds[kind] or fold(token.lemma_) in kinds[kind]:
                return kind
    return None


def _kind_of(
    tokens: list[Token], sent: Span, *, lexicon: Lexicon, window: bool = True
) -> str | None:
    """Return the kind of a quantity from its syntactic neighbours, else nearby words."""
    kinds = {kind: lexicon.words("numbers", f"kinds.{kind}") for kind in _KIND_PRIORITY}
    head = tokens[-1]
    near = [head.head, *(c for c in head.head.children if c.dep_ in ("acl", "amod", "relcl"))]
    # "many of the fatalities", "hundreds of protesters": what the quantity counts
    near += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # ("Cientos de manifestantes": a capital at the start can make the parser call it flat)
    near += [
        c for c in head.children if c.dep_ in ("nmod", "flat") and marker_of(c) in ("de", "of")
    ]
    following = sent.doc[head.i + 1 : min(sent.end, head.i + 3)]
    if (
        len(following) == 2
        and fold(following[0].text) in ("de", "of")
        and following[1].pos_ == "NOUN"
    ):
        # "Aquel lunes, cientos de manifestantes": what follows "de" is what is counted,
        # wherever the parser hung the number
        near.append(following[1])
    after = _until_punct(list(sent.doc[head.i + 1 : min(sent.end, head.i + 1 + _WINDOW_AFTER)]))
    # "12 ambulancias para atender a los heridos": words heading a noun phrase of their own
    # after the counted one are other people, not what the number counts
    after = [t for t in after if t == head.head or not any(c.dep_ == "det" for c in t.children)]
    # "the death toll was 26": the subject of the copula; "killing several protesters".
    far = [head.head.head, *(c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass"))]
    if head.dep_ in ("attr", "dobj", "pobj", "obj"):
        far += [c for c in head.head.head.children if c.dep_ in ("nsubj", "compound")]
    start = max(sent.start, tokens[0].i - _WINDOW_BEFORE)
    before = list(reversed(_until_punct(list(reversed(sent.doc[start : tokens[0].i])))))
    # "ocho hospitalizados y movilizó 12 ambulancias": another number's noun is its own
    before = [t for t in before if not any(c.like_num for c in t.children)]
    # "the release of 192 of the 193 people detained": a part of a group another number
    # counts is not what that group is (the 192 were released, not detained)
    partitive = {
        t.i
        for noun in near[1:]
        if head in (noun.head, noun.head.head) and any(c.like_num for c in noun.children)
        for t in noun.subtree
    }
    near, after, far, before = (
        [t for t in g if t.i not in partitive] for g in (near, after, far, before)
    )
    participants = False
    groups = (near, after, far, before) if window else (near, far)
    if _missing(head, lexicon=lexicon):
        # "one soldier drowned and five others were missing": the five are not dead
        return None
    for group in groups:
        found = _kinds_in(group, kinds)
        for kind in _KIND_PRIORITY[:-1]:
            if kind in found:
                return kind
        participants = participants or "participants" in found
    # People counted with no harm named are taking part ("thousands of protesters marched",
    # "thousands of farmers marched").
    if not participants and (head.dep_ in ("nsubj", "nsubj:pass") or head.head.dep_ == "nsubj"):
        verb = head.head if head.dep_.startswith("nsubj") else head.head.head
        triggers = lexicon.triggers.get(fold(verb.lemma_), [])
        participants = any(t.type == "PROTEST" for t in triggers)
    return "participants" if participants else None


def _missing(head: Token, *, lexicon: Lexicon) -> bool:
    """True when what a number counts is said to be missing ("five others were missing",
    "cinco siguen desaparecidos"): the predicate of the counted words, not a word nearby."""
    missing = lexicon.words("numbers", "missing")
    counted = head if head.dep_.startswith("nsubj") else counted_noun(head)
    if not counted.dep_.startswith("nsubj"):
        # "five missing", "dos militares desaparecidos"
        described = [counted, *(c for c in counted.children if c.dep_ == "amod")]
        return any(fold(t.lemma_) in missing or fold(t.text) in missing for t in described)
    verb = counted.head
    said = [
        verb,
        *(
            c
            for c in verb.children
            if c.dep_ in ("acomp", "attr", "xcomp", "oprd") or c.pos_ == "ADJ"
        ),
    ]
    return any(fold(t.lemma_) in missing or fold(t.text) in missing for t in said)


def _until_punct(tokens: list[Token]) -> list[Token]:
    kept = []
    for token in tokens:
        if token.is_punct and token.text not in ("-", "'", "’"):
            break
        kept.append(token)
    return kept


def _kinds_in(tokens: list[Token], kinds: dict[str, frozenset[str]]) -> set[str]:
    found = set()
    for token in tokens:
        for word in (fold(token.text), fold(token.lemma_)):
            for kind, words in kinds.items():
                if word in words:
                    found.add(kind)
    return found
