"""Figures: how many were killed, injured, arrested, took part, fled or are missing, as
best/low/high.

A quantity is a number in digits or words ("26", "treinta y cinco"), or a vague quantity
word ("dozens", "several hundred", "un centenar"), with its modifier ("at least", "more
than", "nearly", "between ... and ..."). Its kind comes from the noun it counts or what is
said of it ("death toll", "resultaron heridos", "detenidos", "are still missing"). Whether
the sentence reports a running tally ("the death toll rose to 49") or a single event's
casualties is decided by the caller from `is_tally`; whether a figure is official, from
`is_official`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token
from text_to_num import text2num

from ..records import Actor, Figure
from .lexicon import Lexicon, fold
from .syntax import marker_of

# Dates are left out by their resolved spans (`skip`), not by the recognizer's DATE label,
# which also covers ranges like "between 20 and 30".
_SKIP_ENTITIES = frozenset({"TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_KIND_PRIORITY = ("killed", "injured", "arrested", "displaced", "participants")
_OBJECTS = ("dobj", "obj")
# Entity labels (both models) of a place or a day that sets a figure apart from another
_PLACE_OR_DAY = frozenset({"GPE", "LOC", "FAC", "DATE"})
# Sectors (SPEC) of sources whose figures are official, and of those whose figures are not;
# a UN office (IGO) is official by its name (`official_markers`), not by its sector.
_STATE_SECTORS = frozenset({"GOV", "JUD", "LEG", "COP", "MIL"})
_NON_STATE_SECTORS = frozenset({"NGO", "MED", "PRO", "REB", "UAF", "PTY", "LAB"})
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
        if quantity is not None and fold(counted_noun(quantity[0][-1]).lemma_) in durations:
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
            # "cientos de heridos y detenidos", "dozens of dead and wounded": one quantity of
            # two kinds of people
            found += [
                FigureMention(kind=also, figure=figure, tokens=tokens, sentence=sent, vague=vague)
                for also in _joined_kinds(tokens[-1], kind, lexicon=lexicon)
            ]
        i = tokens[-1].i + 1
    # "42 personas, 41 manifestantes y un policía": a breakdown counts what its whole counts
    kinds = {_counted(f).i: f.kind for f in found}
    for mention in found:
        counted = _counted(mention)
        if counted.dep_ == "appos" and counted.head.i in kinds:
            mention.kind = kinds[counted.head.i]
    return found


def _joined_kinds(head: Token, kind: str, *, lexicon: Lexicon) -> list[str]:
    """Other kinds a quantity counts through nouns joined to the one it counts ("cientos de
    heridos y detenidos": arrested too), when those nouns have no number of their own."""
    kinds = {k: lexicon.words("numbers", f"kinds.{k}") for k in _KIND_PRIORITY[:-1]}
    found: list[str] = []
    for noun in partitive_of(head):
        if kind not in _kinds_in([noun], kinds):
            continue
        # (the parser may join the second noun to the quantity itself)
        joined_nouns = [*noun.conjuncts, *(c for c in head.children if c.dep_ == "conj")]
        for joined in joined_nouns:
            if joined.i < noun.i or joined.like_num or any(c.like_num for c in joined.children):
                continue
            for other in _KIND_PRIORITY[:-1]:
                if other != kind and other not in found and other in _kinds_in([joined], kinds):
                    found.append(other)
    return found


def _counted(mention: FigureMention) -> Token:
    """The noun a figure counts ("41" in "41 manifestantes": manifestantes)."""
    return counted_noun(mention.tokens[-1])


def counted_noun(number: Token) -> Token:
    """The noun a number counts, past an article the parser may hang it from ("los seis
    soldados" with "seis" under "los")."""
    head = number.head
    # past an article or a modifier the parser may hang it from ("los seis soldados",
    # "más de 1.300 personas" with "1.300" under "más")
    for _ in range(2):
        if head.head == head or not (
            head.pos_ == "DET"
            or (head.pos_ in ("ADV", "ADP") and head.dep_ in ("advmod", "quantmod"))
        ):
            break
        head = head.head
    return head


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
            if any(_set_apart(first.sentence.doc[i]) for i in parts):
                # "cuatro manifestantes en Juliaca y dos policías en Puno": tolls of
                # different places or days, not the parts of one
                continue
            words = first.sentence.doc[first.tokens[0].i : max(parts) + 1]
            total = Figure(best=best, low=best, high=best, text=words.text)
            found.append(
                FigureMention(kind=kind, figure=total, tokens=first.tokens, sentence=first.sentence)
            )
    return found


def _set_apart(number: Token) -> bool:
    """True when what a number counts is tied to a place or a day of its own ("dos
    policías en Puno", "six on Tuesday"): a toll of its own, not a part of another."""
    counted = counted_noun(number) if number.dep_ in ("nummod", "quantmod") else number
    return any(
        t.ent_type_ in _PLACE_OR_DAY
        for c in counted.children
        if c.dep_ in ("prep", "nmod", "obl")
        for t in c.subtree
    )


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
    durations = lexicon.words("dates", "duration_units")
    if any(
        ("Plur" in part.morph.get("Number", []) or any(c.like_num for c in part.children))
        and marker_of(part) in ("of", "de")
        and fold(part.lemma_) not in durations
        for part in partitive_of(noun)
    ):
        # "a total of 978 people", "un grupo de manifestantes": many, not one ("un hombre
        # de 36 años" is one)
        return None
    # "an officer killed overnight": a participle of its own, not a clause with a subject
    harmed_by = [
        c
        for c in noun.children
        if c.dep_ == "acl" and not any(g.dep_.startswith(("nsubj", "aux")) for g in c.children)
    ]
    # "the first of them, a young man, was killed": a noun in apposition has its head's role
    role = (
        noun.head if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN", "ADJ") else noun
    )
    verb = role.head
    # "fue detenido por la policía": the small Spanish model may call the agent an object
    passive = "Part" in verb.morph.get("VerbForm", []) and any(
        c.dep_.startswith("aux") and c.lemma_ in ("ser", "be") for c in verb.children
    )
    # ("murió ahogado": the parser may take the predicative adjective for an object)
    acts_on_something = not passive and any(
        c.dep_ in ("dobj", "obj") and c.pos_ != "ADJ" for c in verb.children
    )
    # "a protester died", "an officer was killed", "killed a farmer"; not "an attack killed"
    if role.dep_ in ("nsubjpass", "nsubj:pass", "dobj", "obj") or (
        role.dep_ == "nsubj" and not acts_on_something
    ):
        # "was shot dead", "was beaten to death": what the verb's complement says of them
        harmed_by += [verb, *_complements(verb)]
    for kind, words in kinds.items():
        if any(fold(word.lemma_) in words or fold(word.text) in words for word in harmed_by):
            tokens = list(token.doc[token.i : noun.i + 1])
            figure = Figure(1, 1, 1, _text(tokens))
            return FigureMention(kind=kind, figure=figure, tokens=tokens, sentence=token.sent)
    return None


def _complements(verb: Token) -> list[Token]:
    """What a verb's complement says of its subject or object: "dead" in "shot dead",
    "death" in "beaten to death"."""
    found = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp")]
    found += [
        g
        for c in verb.children
        if c.dep_ == "prep" and fold(c.text) == "to"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return found


def is_tally(sent: Span, *, lexicon: Lexicon) -> bool:
    """Return True when the sentence reports a running total ("the death toll was 26")."""
    return bool(lexicon.pattern("numbers", "tally_markers").search(fold(sent.text)))


def is_official(sent: Span, *, lexicon: Lexicon, source: Actor | None = None) -> bool:
    """Return True when a figure is official: given by a state body or a UN office, not by
    a rights group, a medical association or residents.

    Args:
        sent: the figure's sentence.
        lexicon: the language's resources (`official_markers`, `unofficial_markers`).
        source: who gives the figure, when known: a state body (by its sector) or a body
            the markers name official ("UN refugee agency", "Human Rights Commission")
            decides it, and so does a non-state one ("Amnesty International", "the
            Syrian Observatory"); without one the sentence's words decide ("the rights
            group counts 40 dead; the government has given no official figure" is the
            group's figure, not an official one).
    """
    if source is not None:
        # what the source is called decides before its sector: a state-appointed "Human
        # Rights Commission" is official, "Amnesty International" is not
        names = fold(f"{source.text} {source.name}")
        if lexicon.pattern("numbers", "unofficial_markers").search(names):
            return False
        if lexicon.pattern("numbers", "official_markers").search(names):
            return True
        # a person the directory does not know is as official as the office their title
        # names ("police chief Léon Charles", "el director de la Policía, Léon Charles")
        sector = source.sector or _sector_named(source.text, lexicon=lexicon)
        if sector in _NON_STATE_SECTORS:
            return False
        if sector in _STATE_SECTORS:
            return True
    text = fold(sent.text)
    if lexicon.pattern("numbers", "unofficial_markers").search(text):
        return False
    return bool(lexicon.pattern("numbers", "official_markers").search(text))


def _sector_named(text: str | None, *, lexicon: Lexicon) -> str | None:
    """The sector the longest actor keyword in `text` names ("police chief": COP)."""
    words = fold(text or "").replace(",", " ").split()
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            sector = lexicon.sector_of.get(" ".join(words[start : start + size]))
            if sector is not None:
                return sector
    return None


def _quantity_at(sent: Span, i: int, *, lexicon: Lexicon) -> tuple[list[Token], Figure] | None:
    doc = sent.doc
    if doc[i].ent_type_ in _SKIP_ENTITIES:
        return None
    vague = lexicon.numbers.get("vague") or {}
    # the words folded one by one, as the phrase folded whole ("más de un" → "mas de un")
    folded = [fold(doc[j].text) for j in range(i, min(i + 3, sent.end))]
    for size in (3, 2, 1):
        if size > len(folded):
            continue
        words = " ".join(folded[:size])
        if words in vague:
            bounds = vague[words]
            tokens = list(doc[i : i + size])
            if bounds["low"] == bounds["best"] == bounds["high"]:
                # "más de un centenar", "more than a dozen": a word for one number takes
                # the modifiers a number does
                return _with_modifier(sent, tokens, bounds["best"], lexicon=lexicon)
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
        # "in 2023" is a year; "2,000 people", "2.000 detenidos" are written as quantities
        if token.text == digits and len(digits) == 4 and 1900 <= int(digits) <= 2100:
            return None, i + 1
        return int(digits), i + 1
    start = i
    if fold(token.text) in lexicon.words("numbers", "singular") and i + 1 < sent.end:
        # "close to a million", "un millón": the article stands for one of the number word
        following = doc[i + 1]
        if following.like_num and not following.text[:1].isdigit():
            start = i + 1
    if not doc[start].like_num:
        return None, i + 1
    joiners = lexicon.words("numbers", "number_joiners")

    def word_number(t: Token) -> bool:
        return (t.like_num or t.text == "-") and not t.text[:1].isdigit()

    end = start
    while end < sent.end and (
        word_number(doc[end])
        or (
            # "treinta y cinco", "one hundred and five"
            fold(doc[end].text) in joiners
            and end > start
            and end + 1 < sent.end
            and word_number(doc[end + 1])
            and doc[end + 1].text != "-"
        )
    ):
        end += 1
    # the longest run of words that reads as one number: "cinco y seis" is five, then six
    while end > start:
        words = " ".join(t.text for t in doc[start:end]).replace(" - ", "-")
        try:
            return int(text2num(fold(words), lexicon.language)), end
        except ValueError:
            end -= 1
            while end > start and fold(doc[end - 1].text) in joiners:
                end -= 1
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
    if _exceeded(tokens[-1], lexicon=lexicon):
        return tokens, Figure(value + 1, value + 1, None, _text(tokens))
    return tokens, Figure(value, value, value, _text(tokens))


def _exceeded(number: Token, *, lexicon: Lexicon) -> bool:
    """True for a number a verb of exceeding takes as its object ("el número de detenidos
    supera ya los 1.500", "the toll has exceeded 40"): a floor, as "more than" is."""
    floor = lexicon.words("numbers", "exceeding_verbs")
    counted = counted_noun(number) if number.dep_ in ("nummod", "quantmod") else number
    # (the small Spanish model may call the object an oblique: "superó los 30 el lunes")
    taken = counted.dep_ in _OBJECTS or (
        counted.dep_ == "obl" and not any(c.dep_ == "case" for c in counted.children)
    )
    return taken and fold(counted.head.lemma_) in floor


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
    own = partitive_of(head)
    # "decenas de policías heridos": words describing the quantity or what it counts
    own += [c for t in [head, *own] for c in t.children if c.dep_ in ("amod", "acl") and c.i > t.i]
    # "Decenas de personas resultaron heridas", "thousands are reported to be fleeing":
    # what is said of the people counted
    own += _predicate(head)
    near = [head.head, *(c for c in head.head.children if c.dep_ in ("acl", "amod", "relcl"))]
    if head.dep_ == "conj":
        # "77 dead and more than 250 wounded": a number joined to a word is not what it counts
        near = []
    after = _until_punct(list(sent.doc[head.i + 1 : min(sent.end, head.i + 1 + _WINDOW_AFTER)]))
    # "12 ambulancias para atender a los heridos": words heading a noun phrase of their own
    # after the counted one are other people, not what the number counts
    after = [t for t in after if t == head.head or not any(c.dep_ == "det" for c in t.children)]
    # "the death toll was 26": the subject of the copula; "killing several protesters".
    far = [head.head.head, *(c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass"))]
    if head.dep_ in ("attr", "dobj", "pobj", "obj"):
        far += [c for c in head.head.head.children if c.dep_ in ("nsubj", "compound")]
    # "killed four protesters in Lagos and two soldiers in Abuja", "murieron 12 personas en
    # Cali y 13 policías en Amalfi": people joined to others are counted as those are
    first = counted_noun(head)
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first != counted_noun(head):
        far += [first.head, *_predicate(first)]
    start = max(sent.start, tokens[0].i - _WINDOW_BEFORE)
    before = list(reversed(_until_punct(list(reversed(sent.doc[start : tokens[0].i])))))
    # "ocho hospitalizados y movilizó 12 ambulancias": another number's noun is its own
    before = [t for t in before if not any(c.like_num for c in t.children)]
    # "the release of 192 of the 193 people detained": a part of a group another number
    # counts is not what that group is (the 192 were released, not detained)
    partitive = {
        t.i
        for noun in [*near[1:], *partitive_of(head)]
        if head in (noun.head, noun.head.head) and any(c.like_num for c in noun.children)
        for t in noun.subtree
    }
    own, near, after, far, before = (
        [t for t in g if t.i not in partitive] for g in (own, near, after, far, before)
    )
    participants = False
    groups = (own, near, after, far, before) if window else (own, near, far)
    if _missing(head, lexicon=lexicon):
        # "one soldier drowned and five others were missing": the five are not dead, they
        # are a count of their own
        return "missing"
    for group in groups:
        found = _kinds_in(group, kinds)
        for kind in _KIND_PRIORITY[:-1]:
            if kind in found:
                return kind
        participants = participants or "participants" in found
    # People counted with no harm named are taking part ("thousands of protesters marched",
    # "thousands of farmers marched", "miles de cubanos salieron a la calle para protestar").
    if not participants:
        participants = _crowd(head, lexicon=lexicon)
    return "participants" if participants else None


def partitive_of(head: Token) -> list[Token]:
    """What a quantity word counts: "many of the fatalities", "hundreds of protesters",
    "cientos de heridos y detenidos" (with the nouns joined to it)."""
    found = [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # ("Cientos de manifestantes": a capital at the start can make the parser call it flat)
    found += [
        c for c in head.children if c.dep_ in ("nmod", "flat") and marker_of(c) in ("de", "of")
    ]
    following = head.doc[head.i + 1 : min(head.sent.end, head.i + 3)]
    if (
        len(following) == 2
        and fold(following[0].text) in ("de", "of")
        and following[1].pos_ == "NOUN"
    ):
        # "Aquel lunes, cientos de manifestantes": what follows "de" is what is counted,
        # wherever the parser hung the number
        found.append(following[1])
    return list(dict.fromkeys(found))


def _predicate(head: Token) -> list[Token]:
    """What the clause says of the people a quantity counts, when they are its subject: the
    verb and its complements ("resultaron heridas", "siguen detenidas", "are still
    missing", "are reported to be fleeing")."""
    counted = head if head.dep_.startswith("nsubj") else counted_noun(head)
    if not counted.dep_.startswith("nsubj") or counted.head.pos_ not in ("VERB", "AUX", "ADJ"):
        return []
    verb = counted.head
    said = [verb]
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "xcomp", "oprd") or (
            child.pos_ == "ADJ" and child.dep_ in ("obj", "dobj", "amod", "advmod")
        ):
            said.append(child)
            # "are reported to be fleeing": one more step down a chain of complements
            said += [g for g in child.children if g.dep_ in ("xcomp", "acomp")]
    return said


def _crowd(head: Token, *, lexicon: Lexicon) -> bool:
    """True when the people a quantity counts are the subject of a protest or of a verb of
    gathering (`crowd_verbs`: "salieron a la calle", "gathered", "celebraron"), or come
    out to protest ("salieron ... para protestar")."""
    counted = head if head.dep_.startswith("nsubj") else counted_noun(head)
    if counted.dep_.startswith("nsubj"):
        verb = counted.head
    elif head.dep_ in ("obj", "dobj") and not any(
        c.dep_.startswith("nsubj") for c in head.head.children
    ):
        # "llegaron a la capital miles de indígenas": a subject after its verb the parser
        # may take for an object
        verb = head.head
    else:
        return False
    crowd_verbs = lexicon.words("numbers", "crowd_verbs")
    triggers = lexicon.triggers.get(fold(verb.lemma_), [])
    if any(t.type == "PROTEST" for t in triggers) or fold(verb.lemma_) in crowd_verbs:
        return True
    # "salieron ... para protestar": a clause of its own whose verb alone is a protest
    return any(
        len(t.lemmas) == 1 and t.type == "PROTEST"
        for c in verb.children
        if c.dep_ in ("advcl", "xcomp")
        for t in lexicon.triggers.get(fold(c.lemma_), [])
    )


def _missing(head: Token, *, lexicon: Lexicon) -> bool:
    """True when what a number counts is said to be missing ("five others were missing",
    "cinco siguen desaparecidos"): the predicate of the counted words, not a word nearby."""
    missing = lexicon.words("numbers", "missing")
    counted = head if head.dep_.startswith("nsubj") else counted_noun(head)
    if not counted.dep_.startswith("nsubj"):
        # "five missing", "dos militares desaparecidos", "veinte desaparecidos"
        described = [counted, *(c for c in counted.children if c.dep_ == "amod")]
        described += [c for c in partitive_of(head) if c.pos_ in ("NOUN", "ADJ")]
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
        # a verb with its object as one entry: "perdieron la vida", "lost their lives"
        objects = [fold(f"{token.lemma_} {c.lemma_}") for c in token.children if c.dep_ in _OBJECTS]
        for word in (fold(token.text), fold(token.lemma_), *objects):
            for kind, words in kinds.items():
                if word in words:
                    found.add(kind)
    return found
