"""How a word stands in its clause, as event arguments read it: whether it acts as a verb,
which noun a participle describes, whether a clause is reported speech, and the verb a noun
is an argument of ("expressed [support] for Castillo" is governed by "expressed").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .syntax import (
    OBJECT,
    PASSIVE_SUBJECT,
    SUBJECT,
    is_gerund_noun,
    is_passive,
    is_relative,
    marker_of,
    objects_of,
    subject_of,
)

# The parts of speech of words that name (nouns, names) and of words that act as verbs.
NOMINAL = frozenset({"NOUN", "PROPN"})
VERBAL = frozenset({"VERB", "AUX"})
# A Spanish past participle, which the tagger often takes for an adjective ("arrestado").
_SPANISH_PARTICIPLE = re.compile(r"^\w{3,}(?:ad|id)(?:o|a|os|as)$")


def enclitic_antecedent(verb: Token) -> Token | None:
    """Whom the object pronoun joined to a Spanish infinitive or gerund stands for, when the
    verb heads a clause of time or manner: the object of the verb that clause is hung from,
    of the pronoun's number ("exigió a esos siete países retirar a sus diplomáticos, tras
    acusarlos de…", "ejecutaron a un campesino luego de sacarlo de su casa", "desaparecieron
    a un hombre luego de bajarlo de un bus"). The tagger gives the pronoun's case and number
    to the verb itself, which it leaves one word."""
    morph = verb.morph
    if "Prs" not in morph.get("PronType", []) or not {"Acc", "Dat"} & set(morph.get("Case", [])):
        return None
    if not {"Inf", "Ger"} & set(morph.get("VerbForm", [])) or verb.dep_ not in ("advcl", "obl"):
        return None
    if not any(c.dep_ in ("mark", "case") for c in verb.children):
        return None  # "tras acusarlos", "luego de sacarlo": a clause of its own
    number = morph.get("Number", [])
    main = next((a for a in verb.ancestors if a.pos_ in VERBAL), None)
    for noun in objects_of(main) if main is not None else []:
        if noun.pos_ in NOMINAL and noun.morph.get("Number", []) == number:
            return noun
    return None


def verbal(token: Token) -> bool:
    """True for a verb, or a word the tagger mislabelled that heads a clause of its own; not
    an -ing form standing as a noun ("[fighting] between rebels and soldiers")."""
    if token.pos_ in VERBAL:
        return not is_gerund_noun(token)
    return token.pos_ in ("ADJ", "PROPN") and any(
        c.dep_ in ("nsubj", "aux", "obj") for c in token.children
    )


def undergoer(participle: Token) -> Token | None:
    """The noun a past participle after it describes, who underwent what it names: "[a
    protester] killed by police", "[Ferrer], arrestado en Santiago", "[un hombre] herido en
    un ojo". None for anything else: a present participle ("a statement supporting X")
    describes its doer's act, and one before its noun ("the jailed former president") says
    who they are."""
    if participle.dep_ not in ("acl", "amod") or participle.head.pos_ not in NOMINAL:
        return None
    if participle.i < participle.head.i:
        return None  # "the jailed former president": who they are, not what befell them
    if any(c.dep_ == "case" for c in participle.children):
        # "informó este martes [de 86 detenidos]": a phrase of its own the parser hung from
        # the noun before it, not a description of that noun
        return None
    if not past_participle(participle) or "Pres" in participle.morph.get("Tense", []):
        return None
    if reported_clause(participle):
        return None
    return participle.head


def reported_clause(participle: Token) -> bool:
    """True for a participle the parser hung from a noun that heads a clause with a subject
    of its own, not a relative one: what the noun reports, not a description of it
    ("received reports that a man was beaten by a crowd", "the claim that the attack was
    orchestrated from abroad", "informó que han muerto 42 personas"). Its own subject
    underwent it; "un adolescente que fue herido" still describes the noun."""
    if participle.head.pos_ not in NOMINAL or not is_passive(participle):
        return False
    return any(
        child.dep_ in SUBJECT | PASSIVE_SUBJECT and not is_relative(child) and child.pos_ != "SCONJ"
        for child in participle.children
    )


def past_participle(token: Token) -> bool:
    """True for a past participle, by its tag or its morphology, or in Spanish by its ending
    (the tagger may call "detenidos" a noun)."""
    if token.tag_ == "VBN" or "Part" in token.morph.get("VerbForm", []):
        return True
    return token.doc.lang_ == "es" and _SPANISH_PARTICIPLE.match(token.text.lower()) is not None


def relative_gap(verb: Token) -> Token | None:
    """The noun a relative clause with a subject of its own and no object describes, which
    is that object ("a charge [that] New Delhi rejected", "an accusation she denies")."""
    if verb.dep_ not in ("relcl", "acl:relcl") or verb.head.pos_ != "NOUN":
        return None
    subject = subject_of(verb)
    if subject is None or is_relative(subject) or subject.i < verb.head.i:
        return None
    return verb.head


def participle_with_agent(token: Token) -> bool:
    """True for a participle modifying a noun with its own agent ("signed by", "recogidos
    por")."""
    if token.dep_ not in ("acl", "amod"):
        return False
    if token.tag_ != "VBN" and "Part" not in token.morph.get("VerbForm", []):
        return False
    return any(
        c.dep_ in ("agent", "obl:agent")
        or (c.dep_ in ("obl", "obj", "nmod") and marker_of(c) in ("por", "by"))
        for c in token.children
    )


def governing_verb(noun: Token) -> Token | None:
    """Return the verb a noun is an argument of, looking through "of"/"for" phrases."""
    current = noun
    for _ in range(3):
        head = current.head
        if head == current:
            return None
        if head.pos_ in VERBAL and current.dep_ in OBJECT | {"attr", "oprd", "nsubjpass", "obj"}:
            return head
        if head.pos_ in VERBAL and current.dep_ == "nsubj" and current.i > head.i:
            # Spanish puts subjects after the verb, and the parser takes objects for them
            # ("otorgará el salvoconducto")
            return head
        if head.pos_ in VERBAL and (
            (current.dep_ == "prep" and noun.dep_ == "pobj") or current.dep_ == "obl"
        ):
            # "held in pre-trial detention", "came under attack", "permanecerá en prisión"
            return head
        if current.dep_ in ("pobj", "conj", "prep", "appos", "nmod", "compound"):
            current = head
            continue
        return None
    return None
