"""Dependency-tree helpers shared by the stages, for both label schemes spaCy models use.

The English model labels dependencies in the ClearNLP scheme (nsubj, nsubjpass, dobj, prep +
pobj, agent); the Spanish one in Universal Dependencies (nsubj, obj, obl + case). These
helpers answer the questions the stages ask — who is the subject, which prepositional
arguments does a word have, is it passive, is it negated — in either scheme, so that the
stages themselves carry no language-specific code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from .lexicon import fold

SUBJECT = frozenset({"nsubj", "csubj", "expl:subj"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"})
OBJECT = frozenset({"dobj", "obj", "dative", "iobj"})
PREPOSITIONAL = frozenset({"prep", "agent", "dative"})
# The mark of a Spanish object that is a person ("detuvo a diez manifestantes", "califica a
# los invasores de fascistas")
PERSONAL_MARKERS = frozenset({"a", "al"})
OBLIQUE = frozenset({"obl", "nmod", "obj", "iobj", "obl:arg", "obl:agent"})
CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis"})
# "15:20", "10.30": a clock time
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Children that do not belong to an actor's words: clauses that describe it, punctuation,
# and the copula and clause of a cleft ("fueron comuneros quienes rescataron").
NOT_IN_PHRASE = frozenset(
    {"relcl", "acl", "advcl", "punct", "cc", "parataxis", "dep", "mark", "cop", "csubj"}
)


# The copulas of a Spanish passive when the parser makes the participle the head: "fue
# detenido", and the passive of state, "estaba detenido", "los puentes estaban bloqueados",
# "el comando estaba formado por 28 hombres" (the subject underwent it, as after "quedar").
_PASSIVE_COPULAS = frozenset({"ser", "estar"})


def is_passive(verb: Token) -> bool:
    """Return True when `verb` heads a passive clause ("was detained", "fue detenido",
    "estaba detenido").

    A bare participle conjoined to a passive shares it ("was overthrown and imprisoned").
    """
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECT or child.dep_ in ("auxpass", "aux:pass"):
            return True
    if verb.tag_ == "VBN" and any(child.dep_ == "agent" for child in verb.children):
        return True
    if _joins_passive(verb):
        return True
    morph_participle = "Part" in verb.morph.get("VerbForm", [])
    return morph_participle and any(
        child.dep_ in ("aux", "cop") and child.lemma_.lower() in _PASSIVE_COPULAS
        for child in verb.children
    )


def passive_subject(verb: Token, *, inherited: bool = True) -> Token | None:
    """Return who underwent a passive `verb`: its own subject, else (with `inherited`) the
    one it inherits.

    The conjunction the parser may take for a subject is none, as in `subject_of` ("dijo que
    han sido detenidas 1.300 personas": the people were detained).
    """
    subjects = (c for c in verb.children if c.dep_ in PASSIVE_SUBJECT or c.dep_ == "nsubj")
    own = next((c for c in subjects if c.pos_ != "SCONJ"), None)
    return own or (subject_of(verb) if inherited else None)


def subject_of(verb: Token) -> Token | None:
    """Return the grammatical subject of `verb`, inherited where the clause has none.

    A conjoined verb shares its subject ("occupied airports and blockaded roads"), so does a
    participle ("responded, killing six") and a gerund after a preposition ("instead of
    condemning"); an infinitive takes its governor's object when there is one ("told the
    army to support": the army supports), else its subject ("plans to sentence").
    """
    current = verb
    for _ in range(5):
        for child in current.children:
            # "anunció que no reconoce…": the parser may take the conjunction for a subject
            subject = child.dep_ in SUBJECT or child.dep_ in PASSIVE_SUBJECT
            if subject and child.pos_ != "SCONJ" and not is_time_stamp(child):
                return child
        head = current.head
        if head == current:
            return _stranded_subject(current)
        if current.pos_ not in ("VERB", "AUX"):
            # A misparse hung the clause from an adverb or noun: keep climbing to a verb.
            current = head
            continue
        if current.dep_ == "ccomp" and finite(current):
            # Spanish drops subjects: "La Fiscalía informó que investiga al exmandatario".
            current = head
            continue
        if current.dep_ == "xcomp":
            controller = next(
                (c for c in head.children if c.dep_ in OBJECT and c.pos_ != "NUM"), None
            )
            if controller is not None:
                return controller
            current = head
        elif current.dep_ == "conj" and head.dep_ == "ccomp" and _active_after_passive(current):
            # "He wrote that the conflicts would not be solved ..., and accused the
            # government": a misparse joined the active verb to the reported passive.
            current = head.head
        elif current.dep_ in ("conj", "advcl"):
            current = head
        elif current.dep_ == "pcomp" and head.dep_ == "prep" and head.head != head:
            current = head.head
        else:
            return None
    return None


def is_time_stamp(token: Token) -> bool:
    """True for the clock time that opens an entry of a live blog ("15:20 – UN envoy Geir
    Pedersen urged …", "10:30 a. m. – el presidente Gustavo Petro suspendió …"), which the
    parser may take for the subject of the entry's verb."""
    first = token.left_edge
    return first.i == token.sent.start and _CLOCK.match(first.text) is not None


def _active_after_passive(verb: Token) -> bool:
    """True for a verb with its own object conjoined to a passive clause."""
    return any(c.dep_ in OBJECT for c in verb.children) and is_passive(verb.head)


def _joins_passive(verb: Token) -> bool:
    """True for a bare verb conjoined to a passive ("was overthrown and imprisoned"); not
    when it has an object of its own, which makes it active ("... would not be solved, and
    accused the government")."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBN", "VBD") or verb.head == verb:
        return False
    own = any(
        c.dep_ in SUBJECT or c.dep_.startswith("aux") or c.dep_ in OBJECT for c in verb.children
    )
    return not own and is_passive(verb.head)


def finite(verb: Token) -> bool:
    """True for a finite verb, or a participle its finite auxiliary makes one ("ha
    abierto")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return "Fin" in verb.morph.get("VerbForm", []) or any(
        child.dep_ in ("aux", "aux:pass") and "Fin" in child.morph.get("VerbForm", [])
        for child in verb.children
    )


def is_reflexive(token: Token) -> bool:
    """True for a reflexive clitic ("se reunió"): not an object that something is done to."""
    return "Yes" in token.morph.get("Reflex", []) or fold(token.text) == "se"


def is_possessive(token: Token) -> bool:
    """True for a possessor: "[Peru's] police", "[her] administration", "[su] gobierno"."""
    return token.dep_ == "poss" or "Yes" in token.morph.get("Poss", [])


def is_gerund_noun(token: Token) -> bool:
    """True for an -ing form the tagger called a verb where a noun stands, with nothing a
    verb would govern: "[Fighting] between rebels and soldiers intensified", "[Shelling] of
    the city continued"; not "[fighting] corruption" or "after [fighting] the rebels"."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        and not any(c.dep_ in ("dobj", "nsubj", "aux", "auxpass", "advmod") for c in token.children)
    )


def is_relative(token: Token) -> bool:
    """True for a relative pronoun ("that", "who", "quien", "que") heading a clause."""
    return token.tag_ in ("WDT", "WP") or "Rel" in token.morph.get("PronType", [])


def _stranded_subject(verb: Token) -> Token | None:
    """Recover the subject of a finite main verb that the parser left without one.

    In "When X made the decision to convene elections the factions controlling Congress,
    supported by the police, ordered ..." the parser takes "the factions" for an object of
    "convene". The phrase that ends right before the verb (past adverbs and commas) is its
    subject: climb from its last word to the noun heading it.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and "Fin" not in verb.morph.get("VerbForm", []):
        return None
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "PUNCT", "SPACE"):
        i -= 1
    if i < verb.sent.start:
        return None
    current = verb.doc[i]
    for _ in range(8):
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ in OBJECT | {"nsubj"}:
            return current
        if current.head == current or current.head.i >= verb.i:
            return None
        current = current.head
    return None


def objects_of(verb: Token) -> list[Token]:
    """Return the direct (and indirect) objects of `verb`, without prepositional ones."""
    found = []
    for child in verb.children:
        if is_reflexive(child):
            continue
        if (child.dep_ in OBJECT and not any(gc.dep_ == "case" for gc in child.children)) or (
            child.dep_ in ("obj", "iobj") and _case_marker(child) in PERSONAL_MARKERS
        ):
            found.append(child)
    return found


def prepositional_args(token: Token) -> Iterator[tuple[str, Token]]:
    """Yield (marker, noun) for each prepositional argument of `token`.

    English: "met with Bobbio" gives ("with", Bobbio); Spanish: "se reunió con Bobbio" gives
    ("con", Bobbio). Multi-word markers come joined ("according to", "a favor de").
    """
    for child in token.children:
        if child.dep_ in PREPOSITIONAL:
            marker = fold(child.text)
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield marker, grandchild
                elif grandchild.dep_ == "prep":
                    for noun in grandchild.children:
                        if noun.dep_ == "pobj":
                            yield f"{marker} {fold(grandchild.text)}", noun
        elif child.dep_ in OBLIQUE:
            marker = _case_marker(child)
            if marker:
                yield marker, child


def _case_marker(token: Token) -> str:
    """The folded preposition of a UD noun, with its fixed parts ("de acuerdo con")."""
    words: list[Token] = []
    for child in token.children:
        if child.dep_ in ("case", "fixed"):
            words.append(child)
            words.extend(c for c in child.children if c.dep_ == "fixed")
    return " ".join(fold(word.text) for word in sorted(words, key=lambda t: t.i))


def marker_of(noun: Token) -> str:
    """Return the folded preposition a noun depends on ("in", "de", "according to"), or ""."""
    if noun.dep_ in ("pobj", "pcomp") and noun.head.pos_ in ("ADP", "SCONJ"):
        preposition = noun.head
        outer = preposition.head
        if preposition.dep_ == "prep" and outer.pos_ == "ADP" and outer.dep_ == "prep":
            return f"{fold(outer.text)} {fold(preposition.text)}"
        return fold(preposition.text)
    return _case_marker(noun)


def preposition_of(noun: Token) -> Token | None:
    """Return the preposition token a noun depends on, in either label scheme."""
    if noun.dep_ in ("pobj", "pcomp") and noun.head.pos_ in ("ADP", "SCONJ"):
        return noun.head
    return next((c for c in noun.children if c.dep_ == "case"), None)


def attachment_of(noun: Token) -> Token:
    """Return the word a prepositional phrase modifies ("the town [of X]" → town)."""
    preposition = preposition_of(noun)
    if preposition is not None and noun.dep_ in ("pobj", "pcomp"):
        return preposition.head  # English: the preposition hangs from it
    return noun.head  # UD: the noun itself hangs from it


def is_negated(token: Token, *, negators: frozenset[str]) -> bool:
    """Return True when `token` carries a negation of its own ("did not attack")."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("advmod", "det") and child.lower_ in negators:
            return True
    return False


def conjuncts(token: Token) -> list[Token]:
    """Return `token` and every token coordinated with it ("Mexico, Argentina and Chile")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in NOMINAL_POS | {"ADJ"}:
            found.extend(conjuncts(child))
        elif (
            child.dep_ == "appos"
            and token.ent_type_ in ("GPE", "LOC")
            and child.ent_type_ in ("GPE", "LOC")
        ):
            # "Mexico, Argentina, Bolivia, Colombia" without "and" parses as apposition.
            found.extend(conjuncts(child))
    return found


def phrase_tokens(head: Token, *, with_conjuncts: bool = True) -> list[Token]:
    """Return the words of the noun phrase headed by `head`, without its clauses.

    Relative and participial clauses ("the factions controlling the Congress") and
    parentheses are left out; appositions ("Peru's leader, Dina Boluarte") stay.
    """
    kept: list[Token] = []

    def visit(token: Token) -> None:
        kept.append(token)
        for child in token.children:
            if child.dep_ in NOT_IN_PHRASE:
                continue
            if child.dep_ == "conj" and not with_conjuncts:
                continue
            if child.dep_ in CLAUSAL and child.pos_ in ("VERB", "AUX"):
                continue
            visit(child)

    visit(head)
    kept.sort(key=lambda t: t.i)
    # "the police [of] killing…": a preposition whose object is a clause left out ends nothing
    while len(kept) > 1 and kept[-1].pos_ == "ADP" and kept[-1] != head:
        kept.pop()
    return _strip_parentheses(kept)


def _strip_parentheses(tokens: list[Token]) -> list[Token]:
    depth = 0
    kept = []
    for token in tokens:
        if token.text in "([":
            depth += 1
            continue
        if token.text in ")]":
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            kept.append(token)
    return kept


def tokens_text(tokens: list[Token]) -> str:
    """Join tokens with the white space the text had between them."""
    parts = []
    for index, token in enumerate(tokens):
        parts.append(token.text)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        # Keep the text's own spacing between neighbours; a gap left by a dropped clause
        # becomes one space.
        if following is not None and (following.i != token.i + 1 or token.whitespace_):
            parts.append(" ")
    return " ".join("".join(parts).split())


def governing_chain(token: Token, *, limit: int = 6) -> Iterator[Token]:
    """Yield the heads above `token`, nearest first, up to the sentence root."""
    current = token
    for _ in range(limit):
        if current.head == current:
            return
        current = current.head
        yield current
