"""Whom an act is put down to: the accused ("accused the police of killing protesters"),
whom it is blamed on ("blamed the bombing on separatists", "atribuyeron el atentado al
frente") and who claims it ("al-Shabab claimed responsibility for the attack").
"""

from __future__ import annotations

from spacy.tokens import Token

from .argument_words import ArgumentWords
from .clauses import NOMINAL, VERBAL, governing_verb, verbal
from .lexicon import Lexicon, fold
from .syntax import OBJECT, is_passive, is_reflexive, objects_of, prepositional_args, subject_of


class BlameReader(ArgumentWords):
    """Find who is accused of, blamed for or claims an act."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.claiming = words("events", "claiming_verbs")
        self.attributing = words("events", "attributing_verbs")
        self.attributed_to = words("events", "attributed_to_markers")
        self.accusing = words("events", "accusing_verbs")

    def _accused(self, act: Token) -> Token | None:
        """The one an accusation blames for `act`, when `act` is what they are accused of:
        the object of the accusing verb the act hangs from ("accused [the police] of
        [killing]", "acusó [a militares] de [disparar]"), through its preposition only."""
        # what one is accused of follows a preposition: "of killing", "de disparar"
        marked = any(c.dep_ == "mark" and c.pos_ == "ADP" for c in act.children)
        accused_noun = act.head.pos_ in NOMINAL and self.resolver.is_actor_like(act.head)
        if marked and act.dep_ == "acl" and accused_noun:
            # "acusó [a militares] de disparar": the parser may hang the act from the accused
            accuser = act.head.head
            if accuser.pos_ in VERBAL and fold(accuser.lemma_) in self.accusing:
                return act.head
        node = act
        for _ in range(3):
            parent = node.head
            if parent == node or node.dep_ == "conj":
                return None  # "blamed the Taliban and called on…": a second act of the accuser
            if parent.pos_ in VERBAL and node.dep_ == "advcl" and node is act:
                # "accused Kyiv of shelling a district, killing five civilians": what the
                # accused act did, the accused did
                return self._accused(parent)
            if parent.pos_ in VERBAL:
                if not marked or fold(parent.lemma_) not in self.accusing:
                    return None
                aimed = [n for m, n in prepositional_args(parent) if m in self.recipient_markers]
                blamed = [o for o in [*objects_of(parent), *aimed] if o.i not in _span(act)]
                return self.likeliest(blamed)
            if marked and parent.pos_ in NOMINAL and parent.dep_ in OBJECT:
                # "accused [the police] of killing": the parser hangs "of" from the accused
                accuser = parent.head
                accusing = accuser.pos_ in VERBAL and fold(accuser.lemma_) in self.accusing
                return parent if accusing else None
            if parent.pos_ not in ("ADP", "SCONJ", "PART"):
                return None
            marked = marked or parent.pos_ == "ADP"
            node = parent
        return None

    def _blamed_for(self, verb: Token, act: Token | None) -> Token | None:
        """Whom an act is put down to, when `verb` blames someone for the act that is its
        object ("blamed the bombing on separatists", "atribuyeron el atentado al frente")."""
        if not verbal(verb) or fold(verb.lemma_) not in self.attributing:
            return None
        # "responsabilizan [de las muertes]": the parser may give the act its preposition
        held = [c for c in verb.children if c.dep_ in ("obj", "dobj", "obl")]
        nouns = [n for n in (act, *objects_of(verb), *held) if n is not None]
        # the act blamed: harm, or any object that names no one ("las muertes", "protests")
        acts = [n for n in nouns if self._harm_noun(n) or not self.resolver.is_actor_like(n)]
        return self._put_down_to(verb, acts) if acts else None

    def _put_down_to(self, verb: Token, acts: list[Token]) -> Token | None:
        """The one after a marker of blame ("on separatists", "al frente"), hung from the
        verb or, as the parser may do, from the act ("blamed [the bombing on X]")."""
        found = (self.marked(word, self.attributed_to) for word in (verb, *acts))
        return next((word for word in found if word is not None), None)

    def _claimant(self, head: Token) -> tuple[Token | None, Token | None]:
        """Who is said to have done the act an event noun names, and who says so when it is
        someone else: who claims it ("al-Shabab claimed responsibility for the hotel
        attack", "past attacks were claimed by Islamic State", "el BLA se atribuyó el
        ataque", "reivindicó el atentado"; no one else says so) or whom it is put down to,
        by the one who puts it down to them ("atribuyeron el atentado al frente Jaime
        Martínez", "officials attributed the bombing to al-Shabab": the act is their claim)."""
        verb = governing_verb(head)
        if verb is None:
            return None, None
        lemma = fold(verb.lemma_)
        reflexive = any(is_reflexive(c) for c in verb.children)
        if lemma in self.claiming or (lemma in self.attributing and reflexive):
            if is_passive(verb):
                return self.marked(verb, self.agent_markers), None
            return subject_of(verb), None
        if lemma not in self.attributing:
            return None, None
        blamed = self._put_down_to(verb, [head])
        return blamed, subject_of(verb) if blamed is not None and not is_passive(verb) else None


def _span(token: Token) -> set[int]:
    """The offsets of a word's subtree."""
    return {t.i for t in token.subtree}
