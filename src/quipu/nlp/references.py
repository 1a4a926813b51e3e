"""References within a report: what a pronoun, a bare noun for a body or a plural phrase
points back at.

`References` is the part of `actors.ActorResolver` that looks back through the document:
"he", "they", "we" inside a quotation, "lo" with a subject Spanish leaves unstated, "the
office" for the institution named before it, a verb without a subject for whom it is said
of, and "the four countries", "ambos gobiernos" or "los referidos países" for the countries
listed before ("Colombia, Chile, Brasil y México"), read from the words as written whatever
the parser made of the list. The subclass resolves the words it finds (`_single`).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from ..records import Actor
from .gazetteer import Gazetteer
from .lexicon import Lexicon, fold
from .names import PERSON_LABELS, clean_name
from .syntax import attachment_of, marker_of, subject_of

# How far back a reference may point: this sentence and the three before it.
_LOOKBACK_SENTENCES = 3
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
# Where a person is named in a clause (not "on Twitter", "in Lima").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "appos", "conj"})


class References:
    """Find what the words of a Doc point back at (module docstring); a base of
    `ActorResolver`, which gives the document, its word lists and how one phrase is
    resolved."""

    doc: Doc
    sentence_starts: list[int]
    lexicon: Lexicon
    gazetteer: Gazetteer
    entity_at: dict[int, Span]
    full_names: dict[str, str]
    people: frozenset[str]
    member_markers: frozenset[str]
    definite: frozenset[str]

    def _single(
        self, head: Token, *, speaker: Actor | None, allow_pronoun: bool = True
    ) -> Actor | None:
        raise NotImplementedError  # the actor one phrase names: `ActorResolver`

    def is_actor_like(self, head: Token, *, strict: bool = False) -> bool:
        raise NotImplementedError  # whether a phrase can name an actor: `ActorResolver`

    def resolve(
        self, head: Token, *, speaker: Actor | None = None, allow_pronoun: bool = True
    ) -> Actor | None:
        raise NotImplementedError  # the actor a phrase and its conjuncts name: `ActorResolver`

    def is_country(self, token: Token) -> bool:
        raise NotImplementedError  # whether a word names a country: `ActorResolver`

    def _titled_name(self, token: Token) -> bool:
        raise NotImplementedError  # a proper name beside a title: `ActorResolver`

    # -- titles -------------------------------------------------------------------------

    def _titled_antecedent(self, head: Token) -> Token | None:
        """The person a bare title points back at ("the secretary-general", "the president",
        "el mandatario", "la presidenta"): the latest person named before it beside the same
        title ("U.N. Secretary-General Antonio Guterres", "el presidente Gustavo Petro"),
        anywhere earlier in the report. None for a title with words of its own ("the
        Kenyan president", "the presidents", "a minister"): they say who is meant."""
        if head.pos_ != "NOUN" or "Plur" in head.morph.get("Number", []):
            return None
        words = [t for t in head.subtree if t.dep_ != "det"]
        if any(t.dep_ not in ("compound", "punct", "amod") for t in words if t != head):
            return None
        # "the", "el": the parser may hang the article elsewhere
        article = head.doc[words[0].i - 1] if words[0].i > 0 else None
        if article is None or fold(article.text) not in self.definite:
            return None
        title = self._title(head.doc[words[0].i : words[-1].i + 1].text)
        titles = self._known_titles()
        if title not in titles:
            return None
        for ent in reversed([e for e in self.doc.ents if e.end <= article.i]):
            if ent.label_ not in PERSON_LABELS:
                continue
            if f" {title} " in f" {self._title(_beside(ent, before=article.i))} ":
                return ent[-1]
        return None

    def _title(self, text: str) -> str:
        """A text's folded words with each title in its one form ("La presidenta Dina
        Boluarte": "la presidente dina boluarte"; "Secretary-General": "secretary
        general")."""
        forms = self.lexicon.mapping("actors", "title_forms")
        text = " ".join(_title_words(text))
        for form in sorted((f for f in forms if " " in f), key=len, reverse=True):
            text = f" {text} ".replace(f" {form} ", f" {forms[form]} ").strip()
        return " ".join(str(forms.get(word, word)) for word in text.split())

    def _known_titles(self) -> set[str]:
        titles = self.lexicon.actors.get("titles") or {}
        forms = self.lexicon.mapping("actors", "title_forms")
        return {" ".join(_title_words(str(t))) for t in titles} | {str(v) for v in forms.values()}

    # -- lists named before ----------------------------------------------------------

    def _listed_members(self, head: Token) -> list[Token]:
        """Return the countries a sentence lists for a collective actor.

        "Many governments have criticized the regime, including Mexico, Argentina ...": the
        countries after "including" / "among them", up to the next verb, are its members.
        """
        # "the governments of Ecuador, Uruguay and Chile", "los gobiernos de México y Bolivia"
        # (but "the government of Peru" is one government, of one country)
        for child in head.children if plural(head) else ():
            for noun in [child, *child.children]:
                if marker_of(noun) in ("of", "de", "del") and self.is_country(noun):
                    # "the foreign ministers of France, Germany and Italy": the list as
                    # written, whatever the parser hung where
                    countries = self._country_list(noun)
                    if len(countries) > 1:
                        return countries
        sent = head.sent
        listed: list[Token] = []
        started = False
        for token in sent:
            if token.i <= head.i:
                continue
            if not started:
                started = fold(token.text) in self.member_markers
                continue
            if token.pos_ in ("VERB", "AUX"):
                break
            ent = self.entity_at.get(token.i)
            if (
                ent is not None
                and ent.label_ == "GPE"
                and token == ent.root
                and self.gazetteer.country_named(clean_name(ent.text)) is not None
            ):
                listed.append(token)
        return listed

    def _listed_before(self, head: Token) -> list[Token]:
        """ "Los cuatro países sostienen…", "the two governments": the countries listed just
        before, when a plural phrase points back at them with an article or a number, and
        they are as many as it counts."""
        if "Plur" not in head.morph.get("Number", []):
            return []
        # the words before the noun: the parser may hang "cuatro" from "Los"
        before = [t for left in head.lefts for t in left.subtree]
        pointing = self.definite | self.lexicon.words("actors", "referring_words")
        if not any(t.dep_ == "nummod" or fold(t.text) in pointing for t in before):
            return []
        count = next((_small_number(t, self.lexicon) for t in before if t.dep_ == "nummod"), None)
        here = bisect.bisect_right(self.sentence_starts, head.i) - 1
        first = self.sentence_starts[max(0, here - _LOOKBACK_SENTENCES)]
        for token in reversed(self.doc[first : head.i]):
            if not self.is_country(token):
                continue
            countries = self._country_list(token)
            if len(countries) >= 2 and count in (None, len(countries)):
                return countries
        return []

    def listed_just_before(self, verb: Token) -> Actor | None:
        """ "In a joint statement released on Sunday, Brazil, Chile and Colombia condemned
        …": countries listed right before a verb the parser gave no subject are its subject
        (it hung the list from the date). One actor with a member per country, or None."""
        if verb.i == 0 or not self.is_country(verb.doc[verb.i - 1]):
            return None
        listed = self._country_list(verb.doc[verb.i - 1])
        found = [
            a for a in (self._single(t, speaker=None, allow_pronoun=False) for t in listed) if a
        ]
        if len(found) < 2:
            return None
        text = verb.doc[listed[0].i : listed[-1].i + 1].text
        return Actor(text=text, name=", ".join(a.name for a in found), members=found)

    def _country_list(self, token: Token) -> list[Token]:
        """The countries listed with `token` as the text writes them ("Colombia, Chile,
        Brasil y México", "the Philippines, Vietnam and Malaysia"), whatever the parser made
        of the list: one word per country, the last of its name."""
        doc = token.doc
        sent = token.sent

        def name_end(i: int) -> int:
            # the last word of the country's name that starts at i ("Costa Rica")
            while i + 1 < sent.end and doc[i + 1].pos_ == "PROPN" and doc[i + 1].is_title:
                i += 1
            return i

        def name_start(i: int) -> int:
            while i - 1 >= sent.start and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
                i -= 1
            return i

        def country_at(start: int, end: int) -> bool:
            return self.gazetteer.country_named(doc[start : end + 1].text) is not None

        start, end = name_start(token.i), name_end(token.i)
        if not country_at(start, end):
            return [token] if self.is_country(token) else []
        found = [doc[end]]
        # leftwards: ", X" or "X and" before the name
        i = start - 1
        while i >= sent.start and (doc[i].text == "," or doc[i].pos_ == "CCONJ"):
            j = i - 1
            while j >= sent.start and doc[j].pos_ == "DET":
                j -= 1
            if j < sent.start or doc[j].pos_ != "PROPN":
                break
            left_start = name_start(j)
            if not country_at(left_start, j):
                break
            found.insert(0, doc[j])
            i = left_start - 1
        # rightwards: ", X" and "and X"
        i = end + 1
        while i < sent.end and (doc[i].text == "," or doc[i].pos_ == "CCONJ"):
            j = i + 1
            while j < sent.end and (doc[j].pos_ in ("DET", "CCONJ") or doc[j].text == ","):
                j += 1
            if j >= sent.end or doc[j].pos_ != "PROPN":
                break
            right_end = name_end(j)
            if not country_at(j, right_end):
                break
            found.append(doc[right_end])
            i = right_end + 1
        return found

    # -- pronouns -------------------------------------------------------------------

    def _pronoun(self, pronoun: Token, *, speaker: Actor | None) -> Actor | None:
        kind = self.lexicon.pronoun_kind.get(fold(pronoun.text))
        if kind == "speaker":
            # "The junior officers ... will not abide by it, we declare ourselves in
            # rebellion": a plural subject just before "we" in its sentence is who speaks.
            subject = self._subject_before(pronoun)
            if (subject is not None and speaker is None) or (
                subject is not None and speaker is not None and speaker.name == speaker.text
            ):
                actor = self._single(subject, speaker=None, allow_pronoun=False)
                if actor is not None:
                    return replace(actor, text=pronoun.text)
            if speaker is not None and _identified(speaker):
                return replace(speaker, text=pronoun.text)
            return Actor(text=pronoun.text, name=pronoun.text)
        antecedent = self._antecedent(pronoun, kind=kind)
        if antecedent is None:
            return None
        if kind == "group" and self._listing(antecedent):
            # "Sweden, Norway and Finland said … that they": all of them
            while antecedent.dep_ == "conj" and antecedent.head != antecedent:
                antecedent = antecedent.head
            listed = self.resolve(antecedent, speaker=speaker, allow_pronoun=False)
            return replace(listed, text=pronoun.text) if listed is not None else None
        actor = self._single(antecedent, speaker=speaker, allow_pronoun=False)
        # the pronoun's own words, the antecedent's identity
        return replace(actor, text=pronoun.text) if actor is not None else None

    def unstated_subject(self, verb: Token) -> Actor | None:
        """Return who a verb with no subject of its own is said of, in a language that drops
        subjects ("Boluarte rechazó las declaraciones. Lo acusó de ...": she accused him).

        Only for finite third-person verbs without "se" (an impersonal or passive "se
        registraron bloqueos" has no agent to find): the nearest subject before the verb,
        in its sentence or, subjects first, in the sentences before it.
        """
        token = self._unstated_subject_token(verb)
        return self._single(token, speaker=None, allow_pronoun=False) if token else None

    def _unstated_subject_token(self, verb: Token) -> Token | None:
        """The word naming who a verb without a subject is said of (`unstated_subject`)."""
        if not self.lexicon.actors.get("drops_subjects"):
            return None
        finite = "Fin" in verb.morph.get("VerbForm", []) and "3" in verb.morph.get("Person", [])
        if not finite or any(fold(child.text) == "se" for child in verb.children):
            return None
        here = bisect.bisect_right(self.sentence_starts, verb.i) - 1
        before = reversed(self.doc[self.sentence_starts[here] : verb.i])
        # in the verb's own sentence, the nearest subject; before it, each sentence's main one
        candidates = [t for t in before if t.dep_ in SUBJECT_DEPS]
        for number in range(here - 1, max(-1, here - 1 - _LOOKBACK_SENTENCES), -1):
            root = self.doc[self.sentence_starts[number] : self.sentence_starts[number + 1]].root
            candidates += [c for c in root.children if c.dep_ in SUBJECT_DEPS]
        return next((t for t in candidates if t.pos_ in ("NOUN", "PROPN")), None)

    def _subject_before(self, pronoun: Token) -> Token | None:
        """Return the nearest plural subject before `pronoun` in its own sentence."""
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            token = self.doc[i]
            if token.dep_ in ("nsubj", "nsubjpass") and plural(token):
                return token if token.pos_ in ("NOUN", "PROPN") else None
        return None

    def _earlier_words(self, pronoun: Token) -> list[Token]:
        """The words before a pronoun, nearest first; in earlier sentences, their subjects
        first ("300 officers were sent to Marcocollo. When they reached Laraqueri": they
        are the officers, not the town)."""
        here = bisect.bisect_right(self.sentence_starts, pronoun.i) - 1
        ordered = list(reversed(self.doc[self.sentence_starts[here] : pronoun.i]))
        for number in range(here - 1, max(-1, here - 1 - _LOOKBACK_SENTENCES), -1):
            start = self.sentence_starts[number]
            words = list(reversed(self.doc[start : self.sentence_starts[number + 1]]))
            ordered += [t for t in words if t.dep_ in SUBJECT_DEPS]
            ordered += [t for t in words if t.dep_ not in SUBJECT_DEPS]
        return ordered

    def _antecedent(self, pronoun: Token, *, kind: str | None) -> Token | None:
        """Return the nearest earlier word that the pronoun can refer to.

        An object pronoun does not refer to its own clause's subject ("Police fired tear
        gas to disperse them": them is not the police).
        """
        own_subject = None
        if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
            # "Lo acusó de…": nor the subject the verb leaves unstated; "had neutralised
            # several of them": the clause is the verb's, through a quantity and "of"
            clause = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), pronoun.head)
            own_subject = subject_of(clause) or self._unstated_subject_token(clause)
            if (
                own_subject is not None
                and clause.dep_ in ("xcomp", "advcl")
                and not self.is_actor_like(own_subject)
            ):
                # "Police used tear gas to disperse them", "Security forces fired tear gas
                # to push them back": the parser makes the gas the subject of the purpose
                # clause; those who fire it are who "them" is not
                own_subject = subject_of(clause.head) or own_subject
        earlier = self._earlier_words(pronoun)
        if kind == "body":
            # "the office said" after "the ombudsman's office said": the same noun first
            earlier.sort(key=lambda t: fold(t.lemma_) != fold(pronoun.lemma_))
        for token in earlier:
            i = token.i
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "flat"):
                continue
            if own_subject is not None and token.i == own_subject.i:
                continue
            if _nested_in_noun(token):
                # "the lives of our rural families": a noun inside another is rarely meant.
                continue
            if kind == "person":
                ent = self.entity_at.get(i)
                label = ent.label_ if ent is not None else ""
                # The recognizer often misses a lone surname ("Castillo"): a proper noun
                # that is not a place, group or organization may be the person.
                if (
                    label in PERSON_LABELS
                    or fold(token.text) in self.full_names
                    # a name the recognizer missed or took for a building ("telephoned
                    # Prabowo Subianto … to congratulate him")
                    or (
                        token.pos_ == "PROPN"
                        and label in ("", "FAC")
                        and token.dep_ in ARGUMENT_DEPS
                    )
                    or self._titled_name(token)
                    or self._one_of_the_people(token)
                ):
                    return token
            elif kind in ("group", "thing"):
                # "Sweden, Norway and Finland said … that they": a list is many
                many = plural(token) or self._listing(token)
                if many == (kind == "group") and self.is_actor_like(token):
                    return token
            elif kind == "body" and token.i != pronoun.i and not self._bare_body(token):
                if plural(token) and token.pos_ != "PROPN" and not plural(pronoun):
                    # "the office" is an institution, not the "police officers" just named
                    continue
                body = self._single(token, speaker=None, allow_pronoun=False)
                if body is not None and body.sector in _BODY_SECTORS:
                    return token
        return None

    def _listing(self, token: Token) -> bool:
        """True for a word that heads or joins a list ("Sweden, Norway and Finland"), not one
        name that reads like one ("Bosnia and Herzegovina", "Trinidad and Tobago")."""
        joined = [token.head] if token.dep_ == "conj" else []
        joined += [c for c in token.children if c.dep_ == "conj"]
        ent = self.entity_at.get(token.i)
        return any(ent is None or not ent.start <= other.i < ent.end for other in joined)

    def _one_of_the_people(self, token: Token) -> bool:
        """ "One Laraqueri resident ... said. He said": a person named by what they are,
        when they are a clause's subject and one person (a resident, a farmer, an officer)."""
        lemma = fold(token.lemma_)
        person = lemma in self.people or self.lexicon.sector_of.get(lemma) in _PEOPLE_SECTORS
        return token.pos_ == "NOUN" and token.dep_ in SUBJECT_DEPS and not plural(token) and person

    def _bare_body(self, head: Token, *, marked: bool = False) -> bool:
        """True for a noun for a body with nothing but an article ("la entidad", "the
        office"), which points back; "the prosecutor's office" names its own. With `marked`,
        its preposition is allowed too ("de la institución")."""
        allowed = ("det", "case") if marked else ("det",)
        return fold(head.text) in self.lexicon.words("actors", "bodies") and all(
            child.dep_ in allowed for child in head.children
        )


def _beside(ent: Span, *, before: int) -> str:
    """The words of a person's name with what is said beside it in its own phrase, no verb
    between: the title before it ("U.N. Secretary-General [Antonio Guterres]", "el
    presidente [Gustavo Petro]") or in an apposition after it ("[Ruto], the president,"),
    nothing from `before` on."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start > max(ent.sent.start, ent.start - 5) and doc[start - 1].pos_ not in _CLAUSAL:
        start -= 1
    if end < min(ent.sent.end, before) and doc[end].text == ",":
        while end < min(ent.sent.end, ent.end + 6, before) and doc[end].pos_ not in _CLAUSAL:
            end += 1
    return doc[start:end].text


# Words that end a person's phrase when looking for its title: a verb or an auxiliary.
_CLAUSAL = frozenset({"VERB", "AUX"})


def _title_words(text: str) -> list[str]:
    """The folded words of a text, hyphens as spaces ("Secretary-General": "secretary
    general")."""
    return fold(text.replace("-", " ")).split()


def plural(token: Token) -> bool:
    """True for a word the tagger marks plural."""
    return "Plur" in token.morph.get("Number", [])


def _small_number(token: Token, lexicon: Lexicon) -> int | None:
    """ "4", "four", "cuatro": the number a counting word says, if it says one."""
    if token.text.isdigit():
        return int(token.text)
    try:
        return int(text2num(fold(token.text), lexicon.language))
    except ValueError:
        return None


# Sectors of people a "he" or "she" can be, named by what they are ("a resident").
_PEOPLE_SECTORS = frozenset({"CVL", "PRO", "MED"})
# Sectors of institutions that a bare "the office" or "la entidad" can stand for.
_BODY_SECTORS = frozenset({"GOV", "JUD", "LEG", "MIL", "COP", "IGO", "NGO", "LAB"})


def _identified(actor: Actor) -> bool:
    """True for an actor Quipu could name ("Price", "the ombudsman"), not a mere source
    phrase kept as written ("The text", "the report")."""
    if actor.sector or actor.country or actor.members or actor.name != actor.text:
        return True
    words = fold(actor.name).split()
    return bool(words) and actor.name[:1].isupper() and words[0] not in _ARTICLES


_ARTICLES = frozenset({"the", "a", "an", "el", "la", "los", "las", "un", "una"})


def _nested_in_noun(token: Token) -> bool:
    if not marker_of(token):
        return False
    owner = attachment_of(token)
    return owner.pos_ in ("NOUN", "PROPN") and owner.dep_ not in (
        "nsubj",
        "dobj",
        "obj",
        "nsubjpass",
    )
